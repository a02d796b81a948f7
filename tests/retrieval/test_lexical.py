"""The BM25 index over Swedish stems and compound parts."""

from bot.index.lexical import LexicalIndex

TEXTS = {
    "moten": "Det kulturpolitiska samverkansmötet träffas två gånger per år.",
    "kommuner": "Samverkan med kommunerna sker i regionens kulturråd. Samverkan ger former för dialog.",
    "bibliotek": "Biblioteksplanen för Kungsbacka kommun ska antas av kommunfullmäktige.",
    "lustgas": "Nämnden föreslår att motionen om förbud mot lustgas bifalls.",
    "publik": "Ett möte om konstens uttryck och ett möte med publiken.",
}


def build() -> LexicalIndex:
    return LexicalIndex.build(list(TEXTS), list(TEXTS.values()))


def test_compound_query_finds_its_parts():
    found = [cid for cid, _ in build().search("Vilka regionala samverkansformer finns?", 5)]
    assert set(found[:2]) == {"moten", "kommuner"}
    assert "lustgas" not in found


def test_stemming_matches_inflections():
    assert build().search("lustgasen", 3)[0][0] == "lustgas"
    assert build().search("biblioteksplan", 3)[0][0] == "bibliotek"


def test_only_positive_scores_and_k():
    index = build()
    assert index.search("helt orelaterat ordmoln", 5) == []
    hits = index.search("samverkan möte", 2)
    assert len(hits) == 2 and all(score > 0 for _, score in hits)
    assert hits[0][1] >= hits[1][1]


def test_allowed_ids_restrict_the_hits():
    hits = build().search("samverkan", 5, allowed_ids={"kommuner", "lustgas"})
    assert [cid for cid, _ in hits] == ["kommuner"]
    assert build().search("samverkan", 5, allowed_ids=set()) == []


def test_save_and_load_round_trip(tmp_path):
    index = build()
    target = tmp_path / "lexical"
    index.save(target)
    index.save(target)  # replacing an existing index
    loaded = LexicalIndex.load(target)
    assert loaded is not None and len(loaded) == len(TEXTS)
    assert loaded.search("samverkansformer", 5) == index.search("samverkansformer", 5)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no temporary folders left


def test_load_missing_or_broken_index(tmp_path):
    assert LexicalIndex.load(tmp_path / "none") is None
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text("{not json")
    assert LexicalIndex.load(broken) is None


def test_empty_index():
    empty = LexicalIndex.build([], [])
    assert empty.search("samverkan", 5) == []


def test_coverage_of_the_question_by_a_passage():
    index = build()
    question = "När föreslår nämnden förbud mot lustgas?"
    assert index.coverage(question, TEXTS["lustgas"]) == 1.0
    assert index.coverage(question, TEXTS["publik"]) == 0.0
    # a compound found only as its parts counts less than the word itself
    parts = index.coverage("samverkansmöte", "Samverkan sker vid varje möte.")
    assert 0.0 < parts < index.coverage("samverkansmöte", TEXTS["moten"]) == 1.0
    # a word the corpus never uses weighs the most: missing it leaves little covered
    assert index.coverage("lustgas i vinterdäck", TEXTS["lustgas"]) < 0.5


def test_past_tense_finds_the_present_when_the_index_lacks_it():
    texts = ["Avtalet gäller i år.", "Avtalet förlängs med ett år.", "Avtalet upphör när året är slut.",
             "Biblioteket har öppet i sommar."]
    index = LexicalIndex.build(["gäller", "förlängs", "upphör", "bibliotek"], texts)
    assert index.search("När upphörde avtalet?", 3)[0][0] == "upphör"


def test_the_definite_and_bare_forms_of_a_neuter_noun_meet():
    # Snowball leaves "nätverket" and "ärendet" as they are, so they would not find "nätverk"/"ärende"
    index = LexicalIndex.build(
        ["natverk", "arende", "annat"],
        ["Taktiskt nätverk – träffas fyra gånger per år.", "Det nya ärendet gäller bidrag.",
         "Nätverket för bibliotek och ett ärende om kultur."],
    )
    assert index.search("taktiska nätverket", 3)[0][0] == "natverk"
    assert "arende" in [cid for cid, _ in index.search("ärende", 3)]
    assert index.coverage("Hur ofta träffas det taktiska nätverket?", TEXTS["moten"]) < index.coverage(
        "Hur ofta träffas det taktiska nätverket?", "Taktiskt nätverk – träffas fyra gånger per år.")


def test_the_singular_and_plural_of_an_adjective_in_en_meet():
    # Snowball stems "motorburen" to "motorbur" and "motorburna" to "motorburn"
    texts = ["Det har länge varit ett problem för motorburen ungdom att hitta en mötesplats.",
             "Ungdomar träffas på fritidsgården om kvällarna."]
    index = LexicalIndex.build(["motor", "fritid"], texts)
    question = "Var brukade de motorburna ungdomarna samlas?"
    assert index.search(question, 2)[0][0] == "motor"
    assert index.coverage(question, texts[0]) > index.coverage(question, texts[1])

def test_coverage_of_an_indexed_chunk_is_read_from_the_index_with_the_same_result():
    index = build()
    for query in ("Hur ofta träffas samverkansmötet?", "Vilka samverkansformer finns med kommunerna?",
                  "lustgas i biblioteksplanen", "helt orelaterat"):
        for cid, text in TEXTS.items():
            assert index.chunk_coverage(query, cid) == index.coverage(query, text)
    assert index.chunk_coverage("samverkan", "finns-inte") is None


def test_words_that_no_document_holds_in_any_form():
    index = build()
    # held as a word, an inflection, a compound's parts: known; "arvode" and "kö" stand nowhere
    assert index.unknown_words("Hur mycket arvode får ordföranden för mötet, och hur lång är kön till motionen?") \
        == ["arvode", "ordföranden", "lång", "kön"]
    assert index.unknown_words("Vilka samverkansformer har kommunerna och biblioteksplanen 2024?") == []
    assert index.unknown_words("kommunsamverkan med publiken") == []  # "kommun" + "samverkan"
    assert LexicalIndex.build([], []).unknown_words("arvode") == ["arvode"]
    # the definite form of a noun in -a, which Snowball stems apart ("konstgräsmattan", "konstgräsmatta")
    investering = LexicalIndex.build(["ip"], ["Utbyte av konstgräsmatta på Frillesås IP."])
    assert investering.unknown_words("Byttes konstgräsmattan på Frillesås IP?") == ["byttes"]
