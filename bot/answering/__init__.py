"""Compose step: answers and drafts from hits, with or without an LLM."""
