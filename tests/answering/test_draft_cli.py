"""`kansli draft --out`: a place the draft cannot be saved is reported before drafting, in Swedish, exit 2."""

from __future__ import annotations

import io

from bot import cli
from bot.answering.draft import template_draft
from bot.answering.engine import Engine
from bot.answering.skrivelse import read_pasted

SKRIVELSE = """Skrivelse om fler mötesplatser för unga

Vi föreslår därför
att förvaltningen tar fram förslag på trygga mötesplatser för unga.

Anna Andersson (S)
"""


def _no_index(monkeypatch, calls: list):
    """Draft from the skrivelse alone (no index to build): these tests are about where the draft goes."""
    def draft(self, skrivelse, filters=None):
        calls.append(skrivelse)
        return template_draft(read_pasted(skrivelse), lambda q, k: [])

    monkeypatch.setattr(Engine, "draft", draft)
    monkeypatch.setattr("sys.stdin", io.StringIO(SKRIVELSE))


def test_out_in_a_missing_folder_is_refused_before_drafting(settings, monkeypatch, capsys, tmp_path):
    calls: list = []
    _no_index(monkeypatch, calls)
    missing = tmp_path / "finns-inte"
    assert cli.main(["draft", "-", "--out", str(missing / "utkast.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kansli: mappen finns inte") and str(missing) in err and len(err.splitlines()) == 1
    assert calls == []  # refused before the work, not after


def test_out_in_a_folder_that_exists_saves_the_draft(settings, monkeypatch, capsys, tmp_path):
    calls: list = []
    _no_index(monkeypatch, calls)
    out = tmp_path / "utkast.md"
    assert cli.main(["draft", "-", "--out", str(out)]) == 0
    assert "# Svar på skrivelse om fler mötesplatser för unga" in out.read_text(encoding="utf-8")
    assert f"Utkastet är sparat i {out}" in capsys.readouterr().err
