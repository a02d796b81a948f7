"""A question about what came of something gets the later documents first."""

from __future__ import annotations

from bot.index.chunking import Chunk
from bot.retrieval import outcomes
from bot.retrieval.outcomes import asks_for_outcome, later_first

DOCS = {
    "initiativ.md": """---
title: Initiativ om en skatepark vid Kungsmässan
type: initiativ
date: 2024-02-21
---
Vi föreslår att nämnden utreder en skatepark vid Kungsmässan, så att unga som åker skateboard får en mötesplats.
""",
    "beslut.md": """---
title: Beredning av initiativ om en skatepark vid Kungsmässan
type: tjänsteutlåtande
date: 2024-09-25
---
Nämnden beslutar att anlägga den skatepark vid Kungsmässan som initiativet föreslog. Skateparken byggs under
2025, och nämnden avsätter två miljoner kronor ur investeringsbudgeten.
""",
}
# Other business of the same nämnd, dated between the two: a search ranks among many candidates, not two.
OTHER = [
    "Nämnden godkänner uppföljningen per april. Prognosen för helåret är ett underskott om en miljon kronor.",
    "Biblioteksplanen för 2025–2030 lyfter läsfrämjande arbete för barn och unga på folkbiblioteken.",
    "Kulturskolan erbjuder kurser i musik, dans och teater för barn mellan sju och nitton år.",
    "Förvaltningen har haft dialog med motorburna ungdomar om en plats där de kan träffas.",
    "Konstgestaltningen framför Kulturhuset Fyren bekostas ur Hasselgrenska fonden.",
]


def test_a_question_about_what_came_of_a_proposal_gets_the_later_document_first(searcher_over, monkeypatch):
    searcher = searcher_over(DOCS | {f"annat-{i}.md": f"---\ntitle: Ärende {i}\ndate: 2024-0{i + 3}-10\n---\n{text}\n"
                                     for i, text in enumerate(OTHER)})
    question = "Hur gick det med initiativet om en skatepark vid Kungsmässan?"
    assert searcher.search(question, 3)[0].source == "beslut.md"
    # what the proposal says is still asked of the proposal
    assert searcher.search("Vad ville initiativet om en skatepark vid Kungsmässan?", 3)[0].source == "initiativ.md"
    monkeypatch.setattr(outcomes, "OUTCOME_BONUS", 0.0)  # without it, the proposal's own words win
    assert searcher.search(question, 3)[0].source == "initiativ.md"


def test_which_questions_ask_what_came_of_something():
    assert asks_for_outcome("Hur gick det med SD:s initiativ om Hanhals IF?")
    assert asks_for_outcome("Förslaget om bemannade skolbibliotek i somras – gick det igenom?")
    assert asks_for_outcome("Blev det något av förslaget att fira Nidingens 400-årsjubileum?")
    assert asks_for_outcome("Vi fick en dragning om lokalbehovsplanen i september – vad gjorde nämnden sen med den?")
    assert not asks_for_outcome("Var satt nämnden på februarimötet 2024 och hur sent blev det?")
    assert not asks_for_outcome("Vad händer med den gamla klassificeringsstrukturen när den nya antas?")
    # naming how a matter started and asking beyond it, in any words
    assert asks_for_outcome("Ds 2024:32 om kostnadshyran för Operan – har regeringen bestämt något?")
    assert asks_for_outcome("Läsdelegationen föreslog ett läsråd 2018. Vad sa regeringen sen?")
    assert asks_for_outcome("Ledde Kultursamverkansutredningen till något konkret om kommunernas roll?")
    assert asks_for_outcome("Finns det något lagförslag efter promemorian om herrelösa verk?")
    # the start alone, or asking on without a start, is no such question
    assert not asks_for_outcome("Vad föreslog utredningen om en ny museilag?")
    assert not asks_for_outcome("Vilka uppdrag har Statens kulturråd fått om läsfrämjande?")
    assert not asks_for_outcome("När blev Naturhistoriska riksmuseet klart med renoveringen?")


def test_the_later_a_document_the_larger_its_bonus():
    def chunk(cid, date):
        return Chunk(id=cid, source=f"{cid}.md", part=0, ordinal=0, text="…", date=date)

    # four close candidates on the matter, then the rest of the candidates far behind, dated earlier
    ranked = [(chunk("start", "2023-03-01"), 3.0), (chunk("mitt", "2024-01-15"), 2.9),
              (chunk("utan", None), 2.8), (chunk("slut", "2025-10-01"), 2.7),
              *[(chunk(f"x{i}", "2020-01-01"), 0.0) for i in range(4)]]
    assert [c.id for c, _ in later_first(ranked)][:4] == ["slut", "mitt", "start", "utan"]
    far_apart = [(ranked[0][0], 10.0), *ranked[1:]]  # a clear first candidate keeps its place
    assert [c.id for c, _ in later_first(far_apart)][0] == "start"
    same_day = [(chunk("a", "2024-01-15"), 2.0), (chunk("b", "2024-01-15"), 1.0)]
    assert later_first(same_day) == same_day
