"""Swedish words, stems and compound splitting."""

from bot.index.swedish import STOPWORDS, CompoundSplitter, content_words, other_inflections, stem, words

VOCAB = {w: 3 for w in (
    "samverkan former möte kultur politiska modellen samverkansmodellen kommun plan bibliotek "
    "institution dans region sydsverige film avtal avtalet besök erna"
).split()}


def split(word: str) -> tuple[str, ...]:
    return CompoundSplitter(VOCAB).parts(word)


def test_compound_is_split_over_linking_s():
    assert split("samverkansformer") == ("samverkan", "former")
    assert split("biblioteksplan") == ("bibliotek", "plan")


def test_compound_without_linking_morpheme():
    assert split("dansinstitution") == ("dans", "institution")
    assert split("regionsamverkan") == ("region", "samverkan")


def test_last_part_may_be_inflected():
    # only "möte" is known, the compound ends in the definite form "mötet"
    assert split("samverkansmötet") == ("samverkan", "mötet")
    assert split("filmavtalet") == ("film", "avtalet")


def test_fewest_parts_then_every_level():
    assert split("kultursamverkansmodellen") == ("kultur", "samverkansmodellen", "samverkan", "modellen")


def test_inflection_is_not_a_compound():
    assert split("kommunerna") == ()  # "erna" is an ending, even when the corpus has it as a word
    assert split("samverkan") == ()
    assert split("samverkans") == ()  # a linking letter never ends a word


def test_rare_and_short_words_are_not_parts():
    splitter = CompoundSplitter({"kultur": 1, "huset": 5, "biograf": 9, "bio": 9, "besök": 9}, min_count=2)
    assert splitter.parts("kulturhuset") == ()  # "kultur" seen once: could be noise
    assert splitter.parts("biobesök") == ()  # parts have at least four letters
    assert CompoundSplitter({"kultur": 2, "huset": 2}, min_count=2).parts("kulturhuset") == ("kultur", "huset")


def test_small_corpus_trusts_words_seen_once():
    assert CompoundSplitter({"kultur": 1, "huset": 1}).parts("kulturhuset") == ("kultur", "huset")


def test_words_and_stopwords():
    assert words("Nämnden för Kultur & Fritid<br>beslutade 2024-02-21") == [
        "nämnden", "för", "kultur", "fritid", "beslutade", "2024", "02", "21"]
    assert content_words("Vilka regioner ingår i samverkan?") == ["regioner", "ingår", "samverkan"]
    assert {"och", "att", "vilka", "hur"} <= STOPWORDS


def test_terms_give_stems_and_extra_parts():
    whole, parts = CompoundSplitter(VOCAB).terms("Vilka regionala samverkansformer finns?")
    assert "samverkansform" in whole
    assert parts == ["samverkan", "form"]


def test_query_may_end_in_a_word_the_corpus_lacks():
    splitter = CompoundSplitter({"samverkan": 3, "kultur": 3})
    assert splitter.parts("samverkansformer") == ()
    assert splitter.parts("samverkansformer", open_tail=True) == ("samverkan", "former")
    assert splitter.parts("kulturella", open_tail=True) == ()  # an ending, not a word
    # a known split beats one with an unknown tail
    known = CompoundSplitter({"kultur": 3, "samverkan": 3, "kultursamverkan": 3, "modell": 3})
    assert known.parts("kultursamverkansmodell", open_tail=True) == ("kultursamverkan", "kultur", "samverkan", "modell")


def test_other_inflections_drop_past_tense_endings():
    assert stem("upphör") in other_inflections("upphörde")
    assert stem("köp") in other_inflections("köpte")


def test_neuter_forms_both_ways():
    from bot.index.swedish import neuter_forms

    assert "nätverk" in neuter_forms("nätverket") and "nätverket" in neuter_forms("nätverk")
    assert "ärende" in neuter_forms("ärendet") and "ärendet" in neuter_forms("ärende")
    assert "program" in neuter_forms("programmet") and "programmet" in neuter_forms("program")
    assert "åre" not in neuter_forms("året")  # a short word keeps its -t: "året" is not "Åre"


def test_definite_forms_of_nouns_in_a_both_ways():
    from bot.index.swedish import definite_forms

    assert definite_forms("konstgräsmattan") == ["konstgräsmatta"] and definite_forms("skola") == ["skolan"]
    assert definite_forms("idea") == [] and definite_forms("kultur") == []


def test_adjective_forms_in_en_both_ways():
    from bot.index.swedish import adjective_forms

    assert adjective_forms("motorburna") == ["motorburen"] and adjective_forms("motorburen") == ["motorburna"]
    assert adjective_forms("antagna") == ["antagen"]
    assert adjective_forms("kultur") == [] and adjective_forms("idea") == []
