"""A question about what came of something gets the later documents first."""

from __future__ import annotations

from bot.index.chunking import Chunk
from bot.retrieval import outcomes
from bot.retrieval.outcomes import asks_for_outcome, furthest_first, later_first
from tests.retrieval.conftest import other_business

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
    searcher = searcher_over(DOCS | other_business(OTHER, 2024))
    question = "Hur gick det med initiativet om en skatepark vid Kungsmässan?"
    assert searcher.search(question, 3)[0].source == "beslut.md"
    # what the proposal says is still asked of the proposal
    assert searcher.search("Vad ville initiativet om en skatepark vid Kungsmässan?", 3)[0].source == "initiativ.md"
    monkeypatch.setattr(outcomes, "OUTCOME_BONUS", 0.0)  # the tjänsteutlåtande is also a later stage of the matter
    assert searcher.search(question, 3)[0].source == "beslut.md"
    monkeypatch.setattr(outcomes, "STAGE_REACH", 0)  # without either, the proposal's own words win
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


def test_of_the_first_candidates_the_one_furthest_along_the_matter_comes_first():
    def doc(cid, doc_type, date):
        return Chunk(id=cid, source=f"{cid}.md", part=0, ordinal=0, text="…", doc_type=doc_type, date=date), 1.0

    sou, remiss, lagradsremiss, prop = (doc("sou", "sou", "2012-06-04"), doc("remiss", "remiss", "2012-09-01"),
                                        doc("lr", "lagrådsremiss", "2013-01-24"), doc("prop", "proposition", "2013-03-01"))
    other = doc("pm", "pressmeddelande", "2014-01-01")
    ids = lambda ranked: [c.id for c, _ in ranked]  # noqa: E731
    assert ids(furthest_first([sou, other, lagradsremiss, remiss])) == ["lr", "sou", "pm", "remiss"]
    assert ids(furthest_first([sou, remiss, lagradsremiss, prop])) == ["prop", "sou", "remiss", "lr"]
    # beyond the first STAGE_REACH after the first, dated before it, or behind it: left where it is
    assert ids(furthest_first([sou, other, other, other, prop])) == ["sou", "pm", "pm", "pm", "prop"]
    assert ids(furthest_first([sou, doc("lr", "lagrådsremiss", "2011-01-01")])) == ["sou", "lr"]
    assert ids(furthest_first([lagradsremiss, remiss, sou])) == ["lr", "remiss", "sou"]
    # a first candidate of no stage (a press release announces starts and ends alike) stays first
    assert ids(furthest_first([other, lagradsremiss])) == ["pm", "lr"]


COURSE = {
    "sou-2012-37.md": """---
title: Kulturmiljöarbete i en ny tid, SOU 2012:37
type: sou
date: 2012-06-04
---
Kulturmiljöutredningen har gjort en översyn av kulturminneslagen och föreslår ändringar i lagen om
fornlämningar, kyrkliga kulturminnen och byggnadsminnen, så att kulturmiljöarbetet passar en ny tid.
""",
    "lagradsremiss-2013.md": """---
title: Kulturmiljöns mångfald
type: lagrådsremiss
date: 2013-01-24
---
Regeringen föreslår att lagen byter namn till kulturmiljölag. Lagändringarna föreslås träda i kraft den
1 januari 2014.
""",
}


def test_what_came_of_a_betankande_is_answered_by_the_bill_that_followed_it(searcher_over, monkeypatch):
    searcher = searcher_over(COURSE | other_business(OTHER, 2014))
    question = "Kulturmiljöutredningen gjorde en översyn av kulturminneslagen 2012 – vad föreslog regeringen sedan?"
    assert searcher.search(question, 2)[0].source == "lagradsremiss-2013.md"
    monkeypatch.setattr(outcomes, "STAGE_REACH", 0)  # without it, the betänkande's own words win
    assert searcher.search(question, 2)[0].source == "sou-2012-37.md"
