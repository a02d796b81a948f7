"""A question about what the administration answered or thinks: its own statements first."""

from __future__ import annotations

from bot.index.chunking import Chunk
from bot.retrieval import views
from bot.retrieval.views import asks_for_view, statements_first

DOCS = {
    "motion.md": """---
title: Motion om förbud mot lustgas på offentliga platser
type: motion
date: 2024-12-11
---
Motionärerna vill att kommunen inför ett förbud mot lustgas i berusningssyfte på offentliga platser. Förbudet
mot lustgas bör gälla på offentliga platser där alkoholförtäring redan är förbjuden.
""",
    "anmalan.md": """---
title: Anmälan av motion om förbud mot lustgas på offentliga platser
type: protokollsutdrag
date: 2025-01-14
---
En motion om förbud mot lustgas på offentliga platser har kommit in. Kommunstyrelsen remitterar motionen om
lustgas på offentliga platser till nämnden för beredning.
""",
    "svar.md": """---
title: Beredning av motion om lustgas
type: tjänsteutlåtande
date: 2025-02-19
---
Nämnden föreslår att kommunfullmäktige bifaller motionen med hänvisning till att berusning av lustgas är ett
utbrett problem bland unga i kommunen.
""",
}
# Other business of the same nämnd: a search ranks among many candidates, not three.
OTHER = [
    "Nämnden godkänner uppföljningen per april. Prognosen för helåret är ett underskott om en miljon kronor.",
    "Biblioteksplanen för 2025–2030 lyfter läsfrämjande arbete för barn och unga på folkbiblioteken.",
    "Föreningsbidragen till idrottsföreningar ses över för att resurserna ska användas effektivt.",
    "Kulturskolan erbjuder kurser i musik, dans och teater för barn mellan sju och nitton år.",
    "Konstgestaltningen framför Kulturhuset Fyren bekostas ur Hasselgrenska fonden.",
    "Ungdomsenkäten visar att de flesta unga känner sig trygga i skolan och på fritiden.",
    "Nämnden noterar informationen om upphandlingen av badhusverksamheten till protokollet.",
    "Förvaltningen har haft dialog med motorburna ungdomar om en plats där de kan träffas.",
]


def test_a_question_asking_what_was_answered_gets_the_statement_first(searcher_over, monkeypatch):
    searcher = searcher_over(DOCS | {f"annat-{i}.txt": f"Ärende {i}\n\n{text}\n" for i, text in enumerate(OTHER)})
    question = "Vad svarade nämnden på motionen om förbud mot lustgas på offentliga platser?"
    assert searcher.search(question, 3)[0].source == "svar.md"
    # what the proposal says is still asked of the proposal
    assert searcher.search("Vad vill motionen om förbud mot lustgas på offentliga platser?", 3)[0].source != "svar.md"
    monkeypatch.setattr(views, "VIEW_BONUS", 0.0)  # without it, the proposal's own words win
    assert searcher.search(question, 3)[0].source != "svar.md"


def test_which_questions_ask_for_a_view():
    assert asks_for_view("Vad tycker Kultur & Fritid om S-motionen?")
    assert asks_for_view("Vad svarade nämnden på SD-motionen?") and asks_for_view("Vad föreslår förvaltningen?")
    assert not asks_for_view("Vad beslutade nämnden om Hanhals IF i februari 2024?")


def test_statements_gain_a_bonus_of_standard_deviations():
    def chunk(cid, doc_type):
        return Chunk(id=cid, source=f"{cid}.md", part=0, ordinal=0, text="…", doc_type=doc_type)

    ranked = [(chunk("motion", "motion"), 3.0), (chunk("anmalan", "protokollsutdrag"), 2.0),
              (chunk("svar", "tjänsteutlåtande"), 1.0), (chunk("annat", "rapport"), 0.0)]
    assert [c.id for c, _ in statements_first(ranked)][0] == "svar"
    assert statements_first(ranked[:1]) == ranked[:1]
