"""Deliver step: the Slack app (thin adapters over bot.answering)."""
