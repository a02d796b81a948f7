"""A few short documents for the tiny real index the Slack tests run against."""

from __future__ import annotations

from pathlib import Path

DOCUMENTS = {
    "stockholm/samverkan.md": """---
title: Tjänsteutlåtande om regional kultursamverkan
dnr: 6.1/1085/2013
date: 2013-05-02
doc_type: tjänsteutlåtande
organisation: Stockholms stad, kulturförvaltningen
url: https://example.org/handlingar/samverkan
---
# Bakgrund
Kultursamverkansmodellen innebär att staten fördelar medel till regionerna, som tillsammans med
kommunerna tar fram en regional kulturplan. Stockholms län deltar inte i kultursamverkansmodellen.

# Förvaltningens synpunkter
Förvaltningen anser att regional samverkan inom kulturområdet bör ske genom nätverk mellan
kommunerna i länet och genom gemensamma satsningar på barn- och ungdomskultur.
""",
    "stockholm/bibliotek.md": """---
title: Tjänsteutlåtande om meröppna bibliotek
dnr: 2.3/455/2019
date: 2019-10-15
doc_type: tjänsteutlåtande
organisation: Stockholms stad, kulturförvaltningen
---
# Förvaltningens synpunkter
Meröppna bibliotek gör att invånarna kan låna böcker även när personalen har gått hem.
Förvaltningen föreslår att meröppet införs på tre filialer under 2020.
""",
    "regeringen/musik.md": """---
title: Kommittédirektiv om musiklivet
dnr: Dir. 2021:12
date: 2021-03-04
doc_type: direktiv
organisation: Regeringen, Kulturdepartementet
---
# Uppdraget
En särskild utredare ska se över statens stöd till det fria musiklivet, både konserter och
orkestrar, och föreslå hur stödet kan bli mer långsiktigt.
""",
}

SKRIVELSE = """Skrivelse från Vänsterpartiet om regional kultursamverkan

Vi föreslår att kulturnämnden utreder hur Stockholms stad kan delta i kultursamverkansmodellen
och vilka nätverk för regional samverkan som finns inom kulturområdet.
"""


def write_documents(root: Path) -> Path:
    for rel, text in DOCUMENTS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def skrivelse_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for para in SKRIVELSE.split("\n\n"):
        d.add_paragraph(para.replace("\n", " "))
    d.save(path)
    return path
