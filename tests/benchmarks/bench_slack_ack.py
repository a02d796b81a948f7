"""Ack latency of the Slack app in HTTP mode: N concurrent slash commands, and exactly one answer each.

Starts the fake Slack Web API (tests/fakes/slack_api.py) in this process, indexes the Slack tests'
documents into a temporary data dir, runs `kansli serve --http` as its own process against them, then
sends N correctly signed `/fraga` requests at once. Reports the time to Slack's HTTP response (the ack)
as p50/p99/max, the time until every answer had arrived at its response_url, and whether every command
was answered exactly once.

    /work/venv/bin/python tests/benchmarks/bench_slack_ack.py [-n 50] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.fakes.slack_api import BOT_TOKEN, FakeSlack  # noqa: E402
from tests.slack.documents import write_documents  # noqa: E402
from tests.slack.harness import SIGNING_SECRET, command_body  # noqa: E402

QUESTIONS = [
    "Vad gäller för meröppna bibliotek?",
    "Vad innebär kultursamverkansmodellen?",
    "Vad gäller för stöd till musiklivet?",
    "Hur ska regional samverkan inom kulturområdet ske?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed_post(url: str, body: str) -> tuple[int, float]:
    from slack_sdk.signature import SignatureVerifier

    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=ts, body=body),
    }
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, data=body.encode(), headers=headers), timeout=30) as r:
        r.read()
        return r.status, time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from bot.config import Settings
    from bot.index.indexer import index_paths

    fake = FakeSlack().start()
    tmp = Path(tempfile.mkdtemp(prefix="kansli-bench-"))
    env = {
        **os.environ,
        "KANSLI_DATA_DIR": str(tmp / "data"),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
    }
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SLACK_APP_TOKEN"):
        env.pop(var, None)
    settings = Settings(_env_file=None).model_copy(update={"kansli_data_dir": tmp / "data"})
    index_paths([write_documents(tmp / "handlingar")], settings, progress=False)

    port = free_port()
    log_path = tmp / "serve.log"
    log_file = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=tmp, stderr=log_file, stdout=log_file,
    )
    url = f"http://127.0.0.1:{port}/slack/events"
    try:
        deadline = time.monotonic() + 120
        while True:  # up once /healthz answers (the engine is warmed before the server listens)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"server did not start: {log_path.read_text()}")
                time.sleep(0.2)

        bodies = [command_body(fake, "/fraga", QUESTIONS[i % len(QUESTIONS)]) for i in range(args.n)]
        barrier = threading.Barrier(args.n)
        results: list[tuple[int, float] | Exception] = [None] * args.n  # type: ignore[list-item]

        def send(i: int) -> None:
            barrier.wait()
            try:
                results[i] = signed_post(url, bodies[i])
            except Exception as e:  # reported below
                results[i] = e

        started = time.perf_counter()
        threads = [threading.Thread(target=send, args=(i,)) for i in range(args.n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        failures = [r for r in results if isinstance(r, Exception) or r[0] != 200]
        latencies = [r[1] for r in results if not isinstance(r, Exception) and r[0] == 200]
        fake.wait_for(lambda: len(fake.calls_to("response_url")) >= len(latencies), timeout=600)
        all_answered = time.perf_counter() - started
        time.sleep(2)  # any second answer would arrive now
        per_url = Counter(c.params["_url"] for c in fake.calls_to("response_url"))
        report = {
            "commands": args.n,
            "acked_200": len(latencies),
            "failed": len(failures),
            "failures": sorted({repr(f)[:120] for f in failures}),
            "ack_p50_ms": round(statistics.median(latencies) * 1000, 1),
            "ack_p99_ms": round(percentile(latencies, 99) * 1000, 1),
            "ack_max_ms": round(max(latencies) * 1000, 1),
            "acks_over_3s": sum(1 for v in latencies if v >= 3.0),
            "all_answers_after_s": round(all_answered, 2),
            "answered_exactly_once": sum(1 for n in per_url.values() if n == 1) == args.n and len(per_url) == args.n,
            "answers_per_command": dict(Counter(per_url.values())),
            "cpus": os.cpu_count(),
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
        log_file.close()
        fake.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for k, v in report.items():
            print(f"{k:24} {v}")
    return 0 if report["answered_exactly_once"] and not report["failed"] and not report["acks_over_3s"] else 1


if __name__ == "__main__":
    sys.exit(main())
