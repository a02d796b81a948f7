"""Fixtures for the compose step: a fake OpenAI-compatible server and settings pointing at it."""

from __future__ import annotations

import pytest

from tests.fakes.openai_server import FakeOpenAI


@pytest.fixture
def fake_llm():
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def llm_settings(settings, fake_llm, monkeypatch):
    """Settings with the LLM configured against the fake server (short timeout for the hanging case)."""
    from bot.config import Settings

    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("KANSLI_LLM_TIMEOUT", "1.0")
    return Settings()
