"""Fixtures for the Slack tests: the fake Slack Web API, the engine over a tiny real index, the running app.

The index (real chromadb, the real local embedder, three short documents) is built once per session and
only read by the tests; each test still gets its own data dir for what Kansli writes (feedback).
"""

from __future__ import annotations

import pytest

from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_api import FakeSlack
from tests.slack.documents import write_documents
from tests.slack.harness import RunningKansli, slack_settings


def _recording(engine_class):
    class RecordingEngine(engine_class):
        """The real engine; remembers how it was asked (to check the history a thread gives)."""

        def __init__(self, settings, **kwargs):
            super().__init__(settings, **kwargs)
            self.calls: list[dict] = []

        def ask(self, question, **kwargs):
            self.calls.append({"question": question, **kwargs})
            return super().ask(question, **kwargs)

    return RecordingEngine


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory, embedding_cache):
    """Settings whose data dir holds the tiny index (like the `settings` fixture, once per session)."""
    from bot.config import Settings
    from bot.index.indexer import index_paths

    root = tmp_path_factory.mktemp("slack-index")
    s = Settings(_env_file=None).model_copy(update={"kansli_data_dir": root / "data", "embedding_cache": embedding_cache})
    index_paths([write_documents(root / "handlingar")], s, progress=False)
    return s


@pytest.fixture(scope="session")
def shared_engine(indexed_settings):
    from bot.answering.engine import Engine
    from bot.slack.server import warm_up

    engine = _recording(Engine)(indexed_settings)
    warm_up(engine)
    return engine


@pytest.fixture
def engine(shared_engine):
    """The real engine over the tiny real index, no LLM: extractive answers and template drafts."""
    shared_engine.calls.clear()
    return shared_engine


@pytest.fixture
def fake_slack():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def kansli_factory(settings, engine, fake_slack):
    running: list[RunningKansli] = []

    def start(**overrides) -> RunningKansli:
        k = RunningKansli(slack_settings(settings, fake_slack, **overrides), engine, fake_slack)
        running.append(k)
        return k

    yield start
    for k in running:
        k.close()


@pytest.fixture
def kansli(kansli_factory) -> RunningKansli:
    return kansli_factory()


@pytest.fixture
def fake_llm():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def llm_kansli(settings, indexed_settings, shared_engine, fake_slack, fake_llm):
    """Kansli with an LLM configured (the fake OpenAI-compatible server), over the same index."""
    from bot.answering.engine import Engine

    llm = {"openai_base_url": fake_llm.base_url, "openai_api_key": "test-key", "llm_timeout": 2.0, "llm_max_retries": 0}
    engine = Engine(indexed_settings.model_copy(update=llm), searcher=shared_engine.searcher)
    k = RunningKansli(slack_settings(settings, fake_slack, **llm), engine, fake_slack)
    yield k
    k.close()
