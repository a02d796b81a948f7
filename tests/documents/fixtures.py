"""PDF and DOCX fixtures built by the tests themselves (reportlab, pypdf, python-docx)."""

from __future__ import annotations

import io
from pathlib import Path


def _canvas(buf):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    return canvas.Canvas(buf, pagesize=A4)


def statement_pdf(path: Path) -> Path:
    """A three-page tjänsteutlåtande: running header and footer, page numbers "N (3)", Symbol-font
    bullets, words hyphenated at line ends, a Swedish compound ellipsis broken over a line."""
    buf = io.BytesIO()
    c = _canvas(buf)
    pages = [
        [
            ("h", "Svar på skrivelse om regional samverkan"),
            ("", ""),
            ("h", "Förslag till beslut"),
            ("t", "Skrivelsen besvaras genom detta tjänsteutlåtande."),
            ("", ""),
            ("h", "Sammanfattning"),
            ("t", "Kulturförvaltningen har idag inget uppdrag i förhållande till kultur-"),
            ("t", "samverkansmodellen. Ansvaret för frågan ligger hos regionens kultur-"),
            ("t", "förvaltning och hos Föreningen Storstockholms kultur-"),
            ("t", "och fritidschefer."),
        ],
        [
            ("h", "Förvaltningens synpunkter"),
            ("t", "Några exempel på samverkan:"),
            ("b", "Stockholms stad ingår i dialogen kring handlingsplanen."),
            ("b", "Samverkan pågår kring länsfunktionerna inom dans och film."),
            ("t", "Barn- och ungdomsnämnden har yttrat sig."),
            ("t", "Regionala samtal"),
            ("t", "Kulturförvaltningen deltar i de regionala samtal som landstinget bjuder in till och delar"),
            ("t", "med sig av erfarenheter från stadens arbete med kulturella och kreativa näringar."),
            ("t", "Samtalen hålls två gånger per år."),
            ("t", "Nästa samtal gäller länsfunktionerna inom dans, film och bibliotek och hålls under"),
            ("t", "hösten."),
        ],
        [
            ("h", "Bilaga"),
            ("t", "Skrivelse av Ann Mari Engel (V) och Mats Berglund (MP). DNR 6.1/1085/2013."),
        ],
    ]
    for number, lines in enumerate(pages, start=1):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(72, 800, "KULTURFÖRVALTNINGEN")
        y = 760
        for kind, text in lines:
            if kind == "b":
                c.setFont("Symbol", 11)
                c.drawString(72, y, "\u2022")
                c.setFont("Helvetica", 11)
                c.drawString(90, y, text)
            elif text:
                c.setFont("Helvetica-Bold" if kind == "h" else "Helvetica", 11)
                c.drawString(72, y, text)
            y -= 16
        c.setFont("Helvetica", 8)
        c.drawString(72, 60, "Telefon 08-508 319 00")
        c.drawString(500, 40, f"{number} (3)")
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def letterhead_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A Stockholm tjänsteutlåtande laid out like the city's template: a header on every page
    (Kulturförvaltningen / Tjänsteutlåtande / Dnr / "Sida N (M)") and an address footer, with `pages`
    holding each page's body lines (pypdf reads them as lines with no blank lines between)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    header = ["Kulturförvaltningen", "Tjänsteutlåtande", "Dnr 6.1/0420/2024"]
    footer = ["Kulturförvaltningen", "Box 16113, 103 22 Stockholm", "Telefon 08-508 31 900", "stockholm.se"]
    for number, lines in enumerate(pages, start=1):
        c.setFont("Helvetica", 10)
        for k, text in enumerate(header + [f"Sida {number} ({len(pages)})"]):
            c.drawString(340, 810 - 12 * k, text)
        y = 740
        for text in lines:
            c.setFont("Helvetica", 11)
            c.drawString(72, y, text)
            y -= 15
        c.setFont("Helvetica", 8)
        for k, text in enumerate(footer):
            c.drawString(72, 70 - 10 * k, text)
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def two_column_pdf(path: Path) -> Path:
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont("Helvetica", 11)
    left = ["Vänster spalt börjar här och", "fortsätter i vänster spalt."]
    right = ["Höger spalt börjar här och", "fortsätter i höger spalt."]
    for column, x in ((left, 72), (right, 320)):
        y = 700
        for line in column:
            c.drawString(x, y, line)
            y -= 16
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def table_pdf(path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    doc = SimpleDocTemplate(str(path), pagesize=A4)
    styles = getSampleStyleSheet()
    table = Table(
        [
            ["Ärende", "Beteckning"],
            ["Uttag ur Hasselgrenska fonden", "KFT-2024-00247"],
            ["Revidering av delegeringsförteckning", "KFT-2024-00246"],
        ]
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    doc.build([Paragraph("Föredragningslista för nämndens sammanträde.", styles["Normal"]), table])
    return path


def image_only_pdf(path: Path) -> Path:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (60, 40), (200, 30, 30))
    buf = io.BytesIO()
    c = _canvas(buf)
    c.drawImage(ImageReader(image), 72, 600, width=300, height=200)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(source)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="hemligt", owner_password="hemligare")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def statement_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Svar på skrivelse om kulturskolan"
    document.add_paragraph("Tjänsteutlåtande")
    document.add_paragraph("Dnr 6.1/2040/2024")
    document.add_heading("Förslag till beslut", level=2)
    document.add_paragraph("Kulturnämnden överlämnar tjänsteutlåtandet som svar på skrivelsen.")
    document.add_heading("Ärendet", level=2)
    document.add_paragraph("Skrivelse av Anna Svensson (S) och Karin Berg (V) om avgifter i kulturskolan.")
    document.add_paragraph("Förvaltningen föreslår att", style=None)
    document.add_paragraph("avgifterna ses över under 2025,", style="List Bullet")
    document.add_paragraph("syskonrabatten behålls.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Avgift per termin"
    table.cell(0, 1).text = "Belopp"
    table.cell(1, 0).text = "Instrumentundervisning"
    table.cell(1, 1).text = "650 kr"
    document.add_heading("Förvaltningens synpunkter", level=2)
    document.add_paragraph("Förvaltningen ser positivt på förslaget.")
    document.save(str(path))
    return path


def meeting_pack_pdf(path: Path) -> Path:
    """Four pages of a meeting pack: a tjänsteskrivelse over two pages ("1 (2)", "2 (2)"), an extract of
    the protokoll with its own §, and the politicians' initiativ (no label, signed with party names)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    footer = ["1 (2)", "Förvaltningen för Kultur & Fritid", "434 81 Kungsbacka", "Telefon 0300-83 40 00",
              "www.kungsbacka.se"]
    pages = [
        ["TJÄNSTESKRIVELSE", "", "Datum", "2024-01-11", "Diarienummer", "KFT-2023-00356", "",
         "Initiativ från Alliansen: samlingsplats för ungdomar", "",
         "Förslag till beslut i nämnden för Kultur & Fritid", "",
         "Nämnden anser initiativet ligga i linje med förvaltningens uppdrag.", "",
         "Sammanfattning av ärendet",
         "Helene Engstrand (KD) och Annika Hedman (C) inkom 2023-11-22 med initiativ om en",
         "samlingsplats för motorburna ungdomar.", ""] + footer,
        ["KUNGSBACKA  KOMMUN", "2 (2)", "", "Beskrivning av ärendet",
         "Förvaltningen har fört två dialoger med ungdomarna.", "",
         "Karl Persson                       Marie Persson",
         "Förvaltningschef                   Verksamhetschef"],
        ["KUNGSBACKA KOMMUN                  SAMMANTRÄDESPROTOKOLL           1 (1)",
         "Nämnden för Kultur & Fritid", "Datum", "2023-11-22", "",
         "§ 105                      Dnr KFT-2023-00356",
         "Initiativ från Alliansen: samlingsplats för ungdomar", "", "Beslut", "",
         "Nämnden noterar initiativet som inkommet och överlämnar till förvaltningen för beredning.", "",
         "Expedierat/bestyrkt"],
        ["Initiativ från Alliansen, samlingsplats för ungdomar.", "",
         "Det har under en längre tid varit ett problem för motorburen ungdom att hitta en mötesplats.", "",
         "Helene Engstrand Annika Hedman", "Kristdemokraterna Centerpartiet"],
    ]
    for lines in pages:
        c.setFont("Helvetica", 10)
        y = 800
        for line in lines:
            if line:
                c.drawString(60, y, line)
            y -= 14
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def meeting_pack_docx(path: Path) -> Path:
    """A meeting pack written in Word: a tjänsteskrivelse broken over two pages, a protokollsutdrag after
    a page break, and a yttrande that follows on the same page under its own label (a heading style)."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()

    def page_break():
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    for text in ("TJÄNSTESKRIVELSE", "Datum", "2024-01-11", "Diarienummer", "KFT-2023-00356",
                 "Initiativ från Alliansen: samlingsplats för ungdomar"):
        d.add_paragraph(text)
    d.add_heading("Förslag till beslut i nämnden för Kultur & Fritid", level=2)
    d.add_paragraph("Nämnden anser initiativet ligga i linje med förvaltningens uppdrag.")
    d.add_heading("Sammanfattning av ärendet", level=2)
    d.add_paragraph("Helene Engstrand (KD) och Annika Hedman (C) inkom 2023-11-22 med initiativ om en "
                    "samlingsplats för motorburna ungdomar.")
    page_break()
    d.add_heading("Beskrivning av ärendet", level=2)
    d.add_paragraph("Förvaltningen har fört två dialoger med ungdomarna om en plats vid Kungsmässan.")
    page_break()
    for text in ("PROTOKOLLSUTDRAG", "Nämnden för Kultur & Fritid", "Datum", "2023-11-22",
                 "§ 105 Dnr KFT-2023-00356", "Initiativ från Alliansen: samlingsplats för ungdomar", "Beslut",
                 "Nämnden noterar initiativet som inkommet och överlämnar till förvaltningen för beredning.",
                 "Yttrande", "Ledamöterna lämnar inget yttrande i ärendet.", "Expedierat/bestyrkt"):
        d.add_paragraph(text)
    d.add_heading("YTTRANDE", level=1)
    for text in ("Datum 2024-05-07", "Diarienummer KFT-2024-00123",
                 "Yttrande över Hallands kulturplan 2025–2028"):
        d.add_paragraph(text)
    d.add_paragraph("Kungsbacka kommun instämmer i de stora dragen i remissutgåvan av kulturplanen.")
    d.save(str(path))
    return path
