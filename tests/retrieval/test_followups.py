"""An ärende's later step, which cites the decision it follows up, comes right after that decision."""

from __future__ import annotations

from bot.index.chunking import Chunk
from bot.retrieval import search
from bot.retrieval.followups import followed, linked


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
    monkeypatch.setattr(search, "followed", lambda ranked, reach: ranked)  # without it, other texts come between
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
