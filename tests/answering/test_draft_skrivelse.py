"""Reading the skrivelse a draft answers: pasted text is read like a file; every signer; clean att-satser."""

from __future__ import annotations

from pathlib import Path

from bot.answering.engine import Engine
from bot.answering.skrivelse import parse_skrivelse

# As a person pastes it into Slack /utkast or `kansli draft -`: one att-sats per line, signers one per line.
PASTED = """Skrivelse till kulturnämnden
2025-03-10

Skrivelse om fler mötesplatser för unga i Kungsbacka

Många unga saknar en plats att träffas på kvällar och helger. Fritidsgårdarna har kortare öppettider än tidigare och biblioteken stänger tidigt.

Vi föreslår därför
att förvaltningen utreder möjligheten att hålla en fritidsgård öppen på fredags- och lördagskvällar,
att förvaltningen i dialog med nattvandrarna tar fram förslag på trygga mötesplatser, samt
att nämnden får en redovisning senast i oktober 2025.

Anna Andersson (S)
Erik Eriksson (V)
"""


class NoSearch:
    """A searcher that finds nothing: these tests are about the skrivelse, not the underlag."""

    def search(self, query, k, filters=None):
        return []


def _sections(draft) -> dict[str, str]:
    return {s.heading: s.text for s in draft.sections}


def _check(draft) -> None:
    body = _sections(draft)
    assert draft.title == "Svar på skrivelse om fler mötesplatser för unga i Kungsbacka"
    assert "Anna Andersson (S) och Erik Eriksson (V) har den 2025-03-10 lämnat en skrivelse" in body["Ärendet"]
    assert "- att förvaltningen i dialog med nattvandrarna tar fram förslag på trygga mötesplatser.\n" in body["Ärendet"]
    for text in body.values():
        assert "samt." not in text and "samt och" not in text and "samt att" not in text
    reasons = body["Ärendet"].split("Som skäl anges", 1)[1]
    assert "Många unga saknar en plats att träffas" in reasons
    assert "Andersson" not in reasons and "Eriksson" not in reasons  # signatures are not reasons
    assert "Underlag för beslut" in body and "Erik Eriksson (V)" in body["Underlag för beslut"]


def test_pasted_skrivelse_is_read_like_a_file(settings, tmp_path):
    engine = Engine(settings, searcher=NoSearch())
    _check(engine.draft(PASTED))
    path = tmp_path / "skrivelse.txt"
    path.write_text(PASTED, encoding="utf-8")
    _check(engine.draft(Path(path)))


def test_att_satser_keep_no_dangling_samt_or_och():
    text = PASTED.replace(", samt\n", " och\n")
    assert parse_skrivelse(PASTED).proposals[1] == "förvaltningen i dialog med nattvandrarna tar fram förslag på trygga mötesplatser."
    assert parse_skrivelse(text).proposals[1].endswith("trygga mötesplatser.")


def test_every_signer_on_a_line_of_their_own_is_an_author():
    sk = parse_skrivelse(PASTED.replace("Erik Eriksson (V)", "Erik Eriksson (V)\nLisa Berg (MP)"))
    assert [(p.name, p.party) for p in sk.authors] == [("Anna Andersson", "S"), ("Erik Eriksson", "V"), ("Lisa Berg", "MP")]
    assert len(sk.proposals) == 3 and not any("Berg" in p for p in sk.proposals)
