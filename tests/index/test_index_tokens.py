"""tiktoken works offline from the vendored BPE files and never tries to download."""

from __future__ import annotations

import subprocess
import sys
import textwrap

OFFLINE_CHECK = textwrap.dedent("""
    import os, socket, tempfile

    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    os.environ["TIKTOKEN_CACHE_DIR"] = tempfile.mkdtemp()  # an empty cache: must be overridden

    from bot.index.tokens import count_tokens, encoding_for, encoding_name_for

    assert encoding_name_for("gpt-4o-mini") == "o200k_base"
    assert encoding_name_for("gpt-4.1") == "o200k_base"
    assert encoding_name_for("gpt-5") == "o200k_base"
    assert encoding_name_for("gpt-4") == "cl100k_base"
    assert encoding_name_for("gpt-3.5-turbo") == "cl100k_base"
    assert encoding_name_for("en-helt-okand-modell") == "o200k_base"
    assert encoding_name_for(None) == "o200k_base"
    text = "Kulturförvaltningen föreslår att kulturnämnden godkänner yttrandet."
    a, b = count_tokens(text), count_tokens(text, model="gpt-4")
    assert 5 < a < 40 and 5 < b < 40 and a != b, (a, b)
    assert encoding_for("gpt-4o").decode(encoding_for("gpt-4o").encode(text)) == text
    print("ok")
""")


def test_token_counts_work_with_the_network_off():
    done = subprocess.run([sys.executable, "-c", OFFLINE_CHECK], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
