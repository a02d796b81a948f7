"""`kansli serve` when Slack cannot be reached: one Swedish line saying what to check, a non-zero exit,
and the libraries' own error lines kept out of sight (at INFO, shown with -v)."""

from __future__ import annotations

import logging
import socket

import pytest

from bot import cli
from bot.slack.app import build_app
from bot.slack.server import ServeError, serve_http, serve_socket_mode
from bot.slack.services import Services
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN
from tests.slack.harness import SIGNING_SECRET, slack_settings


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _errors(caplog) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("mode", [["--http", "--port", "0"], []], ids=["http", "socket-mode"])
def test_serve_with_slack_unreachable_says_what_to_check_in_one_swedish_line(mode, settings, fake_slack, monkeypatch, capsys, caplog):
    fake_slack.stop()  # Slack's Web API is gone: connections to it are refused
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)

    assert cli.main(["serve", *mode]) != 0

    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("kansli: Kan inte nå Slack på " + fake_slack.api_url)
    assert "SLACK_API_URL" in line and "oväntat fel" not in line
    assert _errors(caplog) == []
    assert BOT_TOKEN not in caplog.text and APP_TOKEN not in caplog.text


def test_socket_mode_that_cannot_connect_at_start_up_says_what_to_check(settings, engine, fake_slack, caplog):
    fake_slack.socket_mode_url = f"ws://127.0.0.1:{_closed_port()}/link"  # e.g. a firewall that blocks wss
    svc = Services.create(slack_settings(settings, fake_slack, slack_signing_secret=None), engine)
    try:
        with pytest.raises(ServeError) as failure:
            serve_socket_mode(build_app(svc), APP_TOKEN)
    finally:
        svc.worker.shutdown()
    assert str(failure.value).startswith("Kan inte öppna Socket Mode-anslutningen till Slack (Connection refused)")
    assert fake_slack.calls_to("apps.connections.open")
    assert _errors(caplog) == []


def test_http_mode_on_a_port_already_in_use_says_so(kansli):
    port = kansli.server.server_address[1]
    with pytest.raises(ServeError, match=f"Kan inte ta emot anrop på 127.0.0.1:{port} .*--port"):
        serve_http(kansli.app, "127.0.0.1", port)


def test_serve_after_an_upgrade_logs_which_files_to_read_again(settings, fake_slack, monkeypatch, capsys, caplog):
    import sqlite3

    from bot.index.indexer import index_paths
    from bot.index.locations import catalog_path
    from tests.slack.documents import write_documents

    folder = write_documents(settings.kansli_data_dir.parent / "handlingar")
    index_paths([folder], settings, progress=False)
    db = sqlite3.connect(catalog_path(settings))  # as an older Kansli, with other reading rules, left them
    with db:
        db.execute("UPDATE files SET chunker = 'v1/300/30/80/0123456789ab'")
    db.close()
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    with socket.socket() as taken:  # the port is taken, so serve stops right after starting up
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        caplog.set_level(logging.WARNING)
        assert cli.main(["serve", "--http", "--port", str(taken.getsockname()[1])]) != 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert ("3 indexed files were read by an older version of Kansli or other chunk settings; search works, but "
            f"run `kansli index {folder}` to re-read them") in warnings
