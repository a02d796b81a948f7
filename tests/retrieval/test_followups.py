"""An ärende's later step, which cites the decision it follows up, comes right after that decision."""

from __future__ import annotations

from bot.index.chunking import Chunk
from bot.retrieval import search
from bot.retrieval.followups import followed, linked
from tests.retrieval.conftest import other_business


def protokoll(date: str, paragraphs: list[tuple[int, str, str]]) -> str:
    """A nämnd's protokoll in the corpus's Markdown form: the meeting's opening block, then its §§."""
    opening = ["Plats och tid: Stadshuset, Kungsbackarummet, kl. 18.00–20.30", "Beslutande: Ledamöterna enligt närvarolistan.",
               "Övriga närvarande: Förvaltningschefen och nämndsekreteraren.", "Utses att justera: Per Gunnarsson (S)",
               "Justeringens plats och tid: Stadshuset, två dagar efter sammanträdet.", "Sekreterare: Lisa Berg",
               "Ordförande: Fredrik Hansson (M)", "Justerande: Per Gunnarsson (S)"]
    body = [f"§ {n} Dnr KFT-2024-{n:05d}\n{heading}\n\nBeslut\n\n{text}" for n, heading, text in paragraphs]
    return f"---\ntitle: Protokoll Nämnden för Kultur & Fritid {date}\ntyp: protokoll\ndate: {date}\n---\n" + \
        "\n\n".join(opening + body) + "\n"


DOCS = {
    "2024-02-21_protokoll.md": protokoll("2024-02-21", [
        (18, "Uppdrag till förvaltningen att vidareutveckla bidragen till föreningar",
         "Nämnden ger förvaltningen i uppdrag att presentera ett förslag på förnyade bidrag till föreningar. "
         "Förvaltningen har gjort en översyn av bidragen till föreningarna i kommunen."),
        (19, "Anmälan av delegeringsbeslut", "Nämnden godkänner anmälan av delegeringsbeslut."),
    ]),
    "2024-05-15_protokoll.md": protokoll("2024-05-15", [
        (63, "Information till nämnd: hur uppdraget går",
         "Nämnden noterar informationen till protokollet. Förvaltningschefen berättar hur arbetet fortskrider. "
         "Nämnden gav 2024-02-21 § 18 förvaltningen i uppdrag att presentera ett förslag."),
        (64, "Anmälan av delegeringsbeslut", "Nämnden godkänner anmälan av delegeringsbeslut."),
    ]),
}
# Other documents about föreningar and bidrag, which share more words with the question than the later step.
OTHER = [
    "Föreningsbidragen till idrottsföreningar i kommunen ses över så att bidragen till föreningar används effektivt.",
    "Bidrag till föreningar för barn och unga söks två gånger per år hos Kultur & Fritid.",
    "Kulturföreningar kan få bidrag till arrangemang och föreningar kan söka lokalbidrag.",
    "Föreningar som får bidrag ska följa kommunens regler för bidragsberättigade föreningar.",
]


def test_the_step_that_follows_up_the_best_hits_decision_comes_next(searcher_over, monkeypatch):
    searcher = searcher_over(DOCS | {f"forening-{i}.txt": f"Föreningsbidrag {i}\n\n{text}\n"
                                     for i, text in enumerate(OTHER)})
    question = "Vilket uppdrag fick förvaltningen om att förnya bidragen till föreningar?"
    hits = searcher.search(question, 4)
    assert [(h.source, h.section.split()[1]) for h in hits[:2]] == [
        ("2024-02-21_protokoll.md", "18"), ("2024-05-15_protokoll.md", "63")]
    monkeypatch.setattr(search, "followed", lambda ranked, reach, later_first=False: ranked)  # without it, other texts come between
    assert searcher.search(question, 4)[1].source != "2024-05-15_protokoll.md"


def chunk(cid: str, section: str | None = None, text: str = "…", date: str | None = "2024-05-15") -> Chunk:
    return Chunk(id=cid, source=f"{cid}.md", part=0, ordinal=0, text=text, section=section, date=date)


def test_a_citation_links_the_two_steps_in_either_direction():
    decision = chunk("feb", "§ 18 Uppdrag till förvaltningen", date="2024-02-21")
    later = chunk("maj", "§ 63 Information till nämnd", "Nämnden gav 2024-02-21 § 18 förvaltningen i uppdrag.")
    assert linked(decision, later) and linked(later, decision)
    # another meeting's § 18, or the same date's other §, is another ärende
    assert not linked(chunk("mars", "§ 18 Uppdrag", date="2024-03-20"), later)
    assert not linked(chunk("feb19", "§ 19 Anmälan", date="2024-02-21"), later)
    # a chunk that is no protokoll's § is cited by nothing; the comma form is a citation too
    assert not linked(chunk("rapport", "Sammanfattning", date="2024-02-21"), later)
    assert linked(chunk("ks", "§ 349 Motion", date="2024-11-19"), chunk("tjut", text="Kommunstyrelsen 2024-11-19, § 349"))


def test_only_the_first_candidates_step_moves_and_keeps_its_score():
    decision = chunk("feb", "§ 18 Uppdrag", date="2024-02-21")
    later = chunk("maj", "§ 63 Information", "Nämnden gav 2024-02-21 § 18 förvaltningen i uppdrag.")
    others = [chunk(f"x{i}") for i in range(3)]
    ranked = [(decision, 5.0), (others[0], 4.0), (others[1], 3.0), (later, 2.0), (others[2], 1.0)]
    assert [c.id for c, _ in followed(ranked, 10)] == ["feb", "maj", "x0", "x1", "x2"]
    assert dict((c.id, s) for c, s in followed(ranked, 10))["maj"] == 2.0
    assert followed(ranked, 3) == ranked  # beyond the reach: left where it is
    # the later step linked to a candidate that is not the first: nothing moves
    assert followed([ranked[1], ranked[0], *ranked[2:]], 10) == [ranked[1], ranked[0], *ranked[2:]]


def document(cid: str, title: str, date: str, dnr: str | None = None, text: str = "…") -> Chunk:
    return Chunk(id=cid, source=f"{cid}.md", part=0, ordinal=0, text=text, title=title, date=date, dnr=dnr)


def test_a_matters_documents_are_linked_by_number_or_by_name():
    betankande = document("sou", "Barns och ungas läsning – ett ansvar för hela samhället, SOU 2018:57", "2018-06-28",
                          dnr="SOU 2018:57")
    # the later document names the earlier one's number in its text
    skrivelse = document("skr", "Barns och ungas läsning, Skr. 2020/21:95", "2021-03-30", dnr="Skr. 2020/21:95",
                         text="Regeringen redovisar sin bedömning av Läsdelegationens förslag i betänkandet (SOU 2018:57).")
    assert linked(betankande, skrivelse) and linked(skrivelse, betankande)
    # the proposal and the bill share their name; the series number in a title is no part of it
    promemoria = document("ds", "Herrelösa verk i kulturarvsinstitutionernas samlingar, Ds 2013:63", "2013-10-02")
    remiss = document("lr", "Herrelösa verk i kulturarvsinstitutionernas samlingar", "2014-03-07")
    assert linked(promemoria, remiss)
    # one diarienummer is one ärende
    assert linked(document("a", "Initiativ från SD", "2024-03-20", dnr="KFT-2024-00092"),
                  document("b", "Svar på initiativet", "2024-04-17", dnr="KFT-2024-00092"))
    # a name of two words names a kind of document, not a matter; another matter's number is no link
    assert not linked(document("a", "Språklag", "2007-02-08"), document("b", "Språklag", "2009-02-19"))
    assert not linked(betankande, document("x", "Läsfrämjande", "2021-01-01", text="Se SOU 2018:58 om annat."))
    # chunks of one document are not steps of a matter
    assert not linked(promemoria, Chunk(id="ds2", source="ds.md", part=0, ordinal=1, text="…", title=promemoria.title))


def test_asked_what_came_of_it_the_later_step_comes_first():
    decision = chunk("feb", "§ 18 Uppdrag", date="2024-02-21")
    later = chunk("maj", "§ 63 Information", "Nämnden gav 2024-02-21 § 18 förvaltningen i uppdrag.")
    others = [chunk(f"x{i}", date="2024-09-25") for i in range(2)]
    ranked = [(decision, 5.0), (others[0], 4.0), (later, 2.0), (others[1], 1.0)]
    assert [c.id for c, _ in followed(ranked, 10, later_first=True)] == ["maj", "feb", "x0", "x1"]
    assert [c.id for c, _ in followed(ranked, 10)] == ["feb", "maj", "x0", "x1"]
    # the first candidate stays first when it is the later step
    assert [c.id for c, _ in followed([(later, 5.0), (decision, 4.0)], 10, later_first=True)] == ["maj", "feb"]


MATTER = {
    "ds-2013-63.md": """---
title: Herrelösa verk i kulturarvsinstitutionernas samlingar, Ds 2013:63
type: promemoria
date: 2013-10-02
---
I promemorian föreslås att arkiv, bibliotek och museer ska få digitalisera och tillgängliggöra herrelösa verk
i sina samlingar, alltså verk vars upphovsman inte går att hitta trots en omsorgsfull sökning.
""",
    "lagradsremiss-2014.md": """---
title: Herrelösa verk i kulturarvsinstitutionernas samlingar
type: lagrådsremiss
date: 2014-03-07
---
Regeringen lämnar förslag till en ny lag. Lagändringarna föreslås träda i kraft den 29 oktober 2014.
""",
}


def test_what_came_of_a_proposal_is_answered_by_the_bill_that_shares_its_name(searcher_over, monkeypatch):
    searcher = searcher_over(MATTER | other_business(OTHER, 2015))
    question = "Promemorian om att museer ska få digitalisera herrelösa verk i sina samlingar – blev det något av den?"
    assert [h.source for h in searcher.search(question, 2)] == ["lagradsremiss-2014.md", "ds-2013-63.md"]
    # asked what it says, the proposal comes first and the bill right after it
    question = "Vad föreslogs i promemorian om att museer ska få digitalisera herrelösa verk i sina samlingar?"
    assert [h.source for h in searcher.search(question, 2)] == ["ds-2013-63.md", "lagradsremiss-2014.md"]
