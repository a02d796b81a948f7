"""Running Kansli in Slack: Socket Mode (no public URL), or HTTP mode with Bolt's POST /slack/events
(signature verified by Bolt) and GET /healthz."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from slack_bolt import App, BoltRequest
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.answering.engine import Engine
from bot.config import Settings
from bot.index.indexer import outdated_files, reindex_command
from bot.slack.app import build_app
from bot.slack.services import Services

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024
_WEB_API_LOG = "slack_sdk.web.base_client"  # where slack_sdk logs each failed call


class ServeError(Exception):
    """Kansli cannot start; str(e) is a one-line reason."""


class SlackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # Slack sends bursts; the default backlog of 5 drops connections

    def __init__(self, app: App, host: str, port: int):
        self.app = app
        super().__init__((host, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: SlackHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # requests are logged without their content
        log.debug("%s %s", self.command, self.path)

    def _send(self, status: int, body: str, headers: dict | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if urlsplit(self.path).path == HEALTH_PATH:
            self._send(200, json.dumps({"ok": True}), {"Content-Type": "application/json"})
        else:
            self._send(404, "Not Found")

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != EVENTS_PATH:
            self._send(404, "Not Found")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._send(413, "Payload Too Large")
            return
        body = self.rfile.read(length).decode("utf-8")
        headers = {k.lower(): [v] for k, v in self.headers.items()}
        resp = self.server.app.dispatch(BoltRequest(body=body, query=url.query, headers=headers))
        out_headers = {k: v[0] if isinstance(v, list) else v for k, v in resp.headers.items() if k.lower() != "content-length"}
        self._send(resp.status, resp.body or "", out_headers)


def warm_up(engine: Engine) -> None:
    """Open the index and load the embedder before Slack traffic arrives, so no request waits for it."""
    started = time.monotonic()
    engine.searcher.search("kultur", 1, None)
    log.info("engine warmed up in %.1fs", time.monotonic() - started)


def serve_http(app: App, host: str, port: int) -> None:
    try:
        server = SlackHTTPServer(app, host, port)
    except OSError as e:
        raise ServeError(
            f"Kan inte ta emot anrop på {host}:{port} ({_network_reason(e)}): används porten redan? Välj en annan med --port"
        ) from e
    log.warning("Kansli listens on http://%s:%d%s (health: %s)", host, server.server_address[1], EVENTS_PATH, HEALTH_PATH)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def serve_socket_mode(app: App, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, app_token)
    errors: list[Exception] = []
    handler.client.on_error_listeners.append(errors.append)
    with _attempts_logged_quietly(app.logger.name, _WEB_API_LOG):  # until closed: it reconnects meanwhile
        handler.connect()  # Bolt reconnects by itself later; a first connection that fails is a setting to fix
        connected = handler.client.is_connected()
        if not connected:
            handler.close()
    if not connected:
        reason = _network_reason(errors[0]) if errors else "ingen anslutning"
        raise ServeError(
            f"Kan inte öppna Socket Mode-anslutningen till Slack ({reason}): kontrollera att nätverket och en "
            "eventuell proxy (HTTPS_PROXY) släpper igenom wss://wss-primary.slack.com (port 443), eller kör med --http"
        )
    log.warning("Kansli is connected to Slack in Socket Mode")
    threading.Event().wait()


def serve(settings: Settings, *, http: bool, host: str, port: int) -> None:
    """`kansli serve`: check the tokens with Slack, build and warm the engine, then take Slack traffic."""
    if not settings.slack_bot_token:
        raise ServeError("SLACK_BOT_TOKEN saknas (Bot User OAuth Token, xoxb-…); se deploy/slack/SETUP.md")
    if http and not settings.slack_signing_secret:
        raise ServeError("SLACK_SIGNING_SECRET saknas; HTTP-läget kräver den för att kontrollera att anropen kommer från Slack")
    if not http and not settings.slack_app_token:
        raise ServeError("SLACK_APP_TOKEN saknas (app-level token, xapp-…) för Socket Mode; ange den eller kör med --http")

    engine = Engine(settings)  # opens nothing yet: Slack is asked first, so a wrong setting shows in seconds
    services = Services.create(settings, engine)
    try:
        with _attempts_logged_quietly(_WEB_API_LOG):
            app = build_app(services)
    except (BoltError, SlackApiError) as e:
        raise ServeError(f"Slack godkände inte SLACK_BOT_TOKEN ({_reason(e)}); kontrollera token och SLACK_API_URL") from e
    except OSError as e:
        raise _unreachable(settings, e) from e
    try:
        warm_up(engine)
    except Exception as e:
        raise ServeError(f"kunde inte öppna indexet: {type(e).__name__}: {e}") from e
    outdated, roots = outdated_files(settings)
    if outdated:  # after an upgrade: the bot answers as before until the files are read again
        log.warning("%d indexed files were read by an older version of Kansli or other chunk settings; search "
                    "works, but run `%s` to re-read them", outdated, reindex_command(roots))
    if http:
        serve_http(app, host, port)
        return
    try:
        serve_socket_mode(app, settings.slack_app_token)
    except SlackApiError as e:
        raise ServeError(f"Slack godkände inte SLACK_APP_TOKEN för Socket Mode ({_reason(e)})") from e
    except OSError as e:
        raise _unreachable(settings, e) from e


def _unreachable(settings: Settings, e: OSError) -> ServeError:
    url = urlsplit(settings.slack_api_url)  # shown without any user:password@ it may hold
    where = f"{url.scheme}://{url.hostname or ''}{f':{url.port}' if url.port else ''}{url.path}"
    log.info("Slack Web API at %s unreachable: %s", where, _network_reason(e))
    return ServeError(
        f"Kan inte nå Slack på {where} ({_network_reason(e)}): kontrollera nätverket, en eventuell proxy "
        "(HTTPS_PROXY) och SLACK_API_URL"
    )


def _network_reason(e: BaseException) -> str:
    """'Connection refused', 'timed out', 'Name or service not known': what the network said, in short."""
    reason = getattr(e, "reason", e)  # urllib's URLError wraps the socket's error
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason).splitlines()[0] if str(reason) else type(reason).__name__


@contextmanager
def _attempts_logged_quietly(*logger_names: str) -> Iterator[None]:
    """While Kansli starts, the Slack libraries log each failed attempt to reach Slack as an error in their
    own words; Kansli says it once instead, in Swedish. Their lines are kept at INFO (`kansli -v serve`)."""

    def demote(record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            log.info("%s: %s", record.name, record.getMessage())
            return False
        return True

    loggers = [logging.getLogger(name) for name in logger_names]
    for logger in loggers:
        logger.addFilter(demote)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(demote)


def _reason(e: Exception) -> str:
    if isinstance(e, SlackApiError):
        return str(e.response.get("error"))
    return str(e).splitlines()[0] if str(e) else type(e).__name__
