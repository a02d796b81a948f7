"""What the listeners need, built once at start-up and injected into each of them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.engine import Engine
from bot.config import Settings
from bot.slack.access import Access
from bot.slack.conversation import KansliThreads
from bot.slack.dedupe import Deduper
from bot.slack.feedback import FeedbackStore
from bot.slack.pseudonyms import Pseudonyms
from bot.slack.sharing import SharedAnswers
from bot.slack.work import Worker


@dataclass
class Services:
    settings: Settings
    engine: Engine
    access: Access
    deduper: Deduper
    threads: KansliThreads
    pseudonyms: Pseudonyms
    feedback: FeedbackStore
    shared_answers: SharedAnswers
    worker: Worker

    @classmethod
    def create(cls, settings: Settings, engine: Engine) -> "Services":
        pseudonyms = Pseudonyms.in_data_dir(settings.kansli_data_dir)
        return cls(
            settings=settings,
            engine=engine,
            access=Access(settings),
            deduper=Deduper(),
            threads=KansliThreads(),
            pseudonyms=pseudonyms,
            feedback=FeedbackStore(settings.kansli_data_dir / "slack_feedback.sqlite", pseudonyms),
            shared_answers=SharedAnswers(settings.kansli_data_dir / "slack_shared_answers.sqlite"),
            worker=Worker(settings.slack_workers),
        )
