"""The language model: the official `openai` client against OpenAI or any OpenAI-compatible endpoint.

Short timeouts, at most `settings.llm_max_retries` retries with backoff on 429 and 5xx, tokens streamed
to a callback. Every failure surfaces as `LLMUnavailable`, which the callers turn into the extractive
answer or the template draft with a note.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.config import Settings

log = logging.getLogger(__name__)

RETRY_BASE_SECONDS = 0.5


class LLMUnavailable(Exception):
    """The language model could not answer (timeout, 5xx, quota, connection refused, cut stream)."""


class LLMClient:
    def __init__(self, settings: Settings, *, retry_base_seconds: float = RETRY_BASE_SECONDS):
        import openai

        self.settings = settings
        self.model = settings.llm_model
        self.retry_base_seconds = retry_base_seconds
        self._openai = openai
        # Retries are ours (below), so the client's own are off: one place decides and logs them.
        self._client = openai.OpenAI(
            api_key=settings.openai_api_key or "not-needed",
            base_url=settings.openai_base_url or None,
            timeout=settings.llm_timeout,
            max_retries=0,
        )

    def complete(self, messages: list[dict], *, on_token: Callable[[str], None] | None = None,
                 max_tokens: int | None = None) -> str:
        """The model's reply to `messages`, streamed to `on_token` when given."""
        retries = max(0, self.settings.llm_max_retries)
        for attempt in range(retries + 1):
            streamed = []
            try:
                return self._once(messages, on_token, max_tokens, streamed)
            except (self._openai.RateLimitError, self._openai.InternalServerError) as e:
                status = getattr(e, "status_code", "?")
                # A retry after tokens reached the person would show them twice.
                if attempt < retries and not streamed:
                    delay = self.retry_base_seconds * (2**attempt)
                    log.warning("LLM answered %s; retry %d of %d in %.1f s", status, attempt + 1, retries, delay)
                    time.sleep(delay)
                    continue
                log.warning("LLM unavailable: HTTP %s after %d attempt(s)", status, attempt + 1)
                raise LLMUnavailable(f"HTTP {status}") from e
            except self._openai.APITimeoutError as e:
                log.warning("LLM unavailable: timeout after %.1f s", self.settings.llm_timeout)
                raise LLMUnavailable("timeout") from e
            except self._openai.APIConnectionError as e:
                log.warning("LLM unavailable: connection failed (%s)", type(e.__cause__ or e).__name__)
                raise LLMUnavailable("connection") from e
            except self._openai.APIStatusError as e:  # 400/401/403/404: configuration or quota
                log.warning("LLM unavailable: HTTP %s", e.status_code)
                raise LLMUnavailable(f"HTTP {e.status_code}") from e
            except self._openai.OpenAIError as e:
                log.warning("LLM unavailable: %s", type(e).__name__)
                raise LLMUnavailable(type(e).__name__) from e
        raise LLMUnavailable("no attempt")  # not reached: the loop returns or raises

    def _once(self, messages, on_token, max_tokens, streamed: list) -> str:
        kwargs = dict(model=self.model, messages=messages, temperature=self.settings.llm_temperature,
                      max_tokens=max_tokens or self.settings.llm_max_answer_tokens)
        if on_token is None:
            resp = self._client.chat.completions.create(**kwargs)
            text = (resp.choices[0].message.content or "") if resp.choices else ""
        else:
            stream = self._client.chat.completions.create(stream=True, **kwargs)
            finished = False
            for chunk in stream:
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                piece = choice.delta.content if choice.delta else None
                if piece:
                    streamed.append(piece)
                    on_token(piece)
                if choice.finish_reason:
                    finished = True
            text = "".join(streamed)
            if not finished:  # cut mid-way: what was streamed stays shown; never retried (it would repeat)
                log.warning("LLM unavailable: the stream ended before the reply was finished")
                raise LLMUnavailable("stream ended early")
        if not text.strip():
            raise LLMUnavailable("empty reply")
        return text
