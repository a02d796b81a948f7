"""Adjacent chunks that both rank become one passage; a few passages per document."""

from bot.index.chunking import Chunk
from bot.retrieval.passages import MAX_PASSAGE_CHARS, NEIGHBOUR_REACH, passages


def chunk(source: str, ordinal: int, text: str, part: int = 0) -> Chunk:
    return Chunk(id=f"{source}:{part}:{ordinal}", source=source, part=part, ordinal=ordinal, text=text)


PLAN = [chunk("plan.md", i, t) for i, t in enumerate([
    "Region Halland tillsätter en samrådsgrupp.",
    "Centrumbildningarna föreslår en representant. Representanten ska vara verksam i Halland.",
    "Representanten ska vara verksam i Halland.\n\n15 Centrumbildningarna består av Danscentrum och Filmcentrum.",
    "Kulturarv och kulturmiljö.",
])]
OTHER = chunk("annat.md", 0, "Ett annat dokument.")


def test_neighbours_join_in_document_order_at_the_better_rank():
    found = passages([(PLAN[1], 9.0), (OTHER, 5.0), (PLAN[2], 4.0), (PLAN[0], 3.0)], k=5, per_document=2)
    assert [p.best.id for p in found] == [PLAN[1].id, OTHER.id]
    first = found[0]
    assert [c.ordinal for c in first.chunks] == [0, 1, 2] and first.score == 9.0
    # the sentence the next chunk repeats from the previous one stands once
    assert first.text == ("Region Halland tillsätter en samrådsgrupp.\n\n"
                          "Centrumbildningarna föreslår en representant. Representanten ska vara verksam i Halland.\n\n"
                          "15 Centrumbildningarna består av Danscentrum och Filmcentrum.")


def test_chunks_apart_or_in_other_parts_stay_apart_and_the_cap_counts_passages():
    far = chunk("plan.md", 3, "Kulturarv.")
    other_part = chunk("plan.md", 2, "Ett annat ärende i samma fil.", part=1)
    found = passages([(PLAN[0], 3.0), (far, 2.0), (other_part, 1.5), (OTHER, 1.0)], k=5, per_document=1)
    assert [p.best.id for p in found] == [PLAN[0].id, other_part.id, OTHER.id]
    assert len(passages([(PLAN[0], 3.0), (far, 2.0), (OTHER, 1.0)], k=2, per_document=0)) == 2


def test_two_paragrafer_of_a_protokoll_never_make_one_passage():
    p63 = Chunk(id="p:0:5", source="protokoll.md", part=0, ordinal=5, text="§ 63 Bidragssystemet.", dnr="KFT-2024-00111")
    p64 = Chunk(id="p:0:6", source="protokoll.md", part=0, ordinal=6, text="§ 64 Delegeringsbeslut.",
                dnr="KFT-2024-00137")
    found = passages([(p63, 3.0), (p64, 2.0)], k=5, per_document=2)
    assert [[c.id for c in p.chunks] for p in found] == [["p:0:5"], ["p:0:6"]]


def test_a_passage_stays_short_and_far_down_neighbours_do_not_join():
    long = [chunk("lang.md", i, "o" * ((MAX_PASSAGE_CHARS - 2) // 2)) for i in range(3)]  # two fit, not three
    found = passages([(c, 1.0) for c in long], k=5, per_document=0)
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in found) and len(found) == 2
    fillers = [(chunk(f"f{i}.md", 0, "x"), 1.0) for i in range(NEIGHBOUR_REACH)]
    found = passages([(PLAN[0], 2.0), *fillers, (PLAN[1], 0.5)], k=20, per_document=0)
    assert found[0].chunks == [PLAN[0]] and found[-1].chunks == [PLAN[1]]


def test_what_a_passage_holds_does_not_depend_on_how_many_are_asked_for():
    ranked = [(PLAN[1], 9.0), (OTHER, 5.0), (PLAN[2], 4.0)]
    [one] = passages(ranked, k=1, per_document=2)
    assert one.chunks == passages(ranked, k=5, per_document=2)[0].chunks == [PLAN[1], PLAN[2]]


def test_in_a_meeting_document_the_opening_block_is_capped_apart_from_the_paragraphs():
    def meeting(ordinal: int, section: str, dnr: str | None, doc_type: str = "protokoll") -> Chunk:
        return Chunk(id=f"m:0:{ordinal}", source="protokoll.md", part=0, ordinal=ordinal, text=section,
                     section=section, dnr=dnr, doc_type=doc_type)

    p63 = meeting(7, "§ 63 Bidragssystemet", "KFT-2024-00111")
    p64 = meeting(9, "§ 64 Delegeringsbeslut", "KFT-2024-00137")
    p66 = meeting(13, "§ 66 Förvaltningschefen informerar", "KFT-2024-00142")
    head = meeting(0, "Sammanträdet 15 maj 2024: plats, tid, närvarande och justering", None)
    ranked = [(p63, 3.0), (p64, 2.5), (p66, 2.0), (head, 1.0)]
    # two §§ rank first: the opening block that says where the meeting was still makes the hits,
    # a third § does not
    assert [p.best.id for p in passages(ranked, k=5, per_document=2)] == ["m:0:7", "m:0:9", "m:0:0"]
    statement = [(Chunk(id=f"t:0:{i}", source="t.md", part=0, ordinal=2 * i, text="x", section=f"Avsnitt {i}"), 1.0)
                 for i in range(3)]
    assert len(passages(statement, k=5, per_document=2)) == 2
