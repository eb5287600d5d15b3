"""Telling owners that a task reached them or came back: in-app now; channels arrive with the
supervision issue's reminders (e-mail, group robots, WeCom) behind the same call."""

import logging

logger = logging.getLogger(__name__)


def notify_owners(*, task_id: int, event: str) -> None:
    """Called after commit. The owner's home page lists tasks awaiting signature, which is the
    in-app notice; outbound channels plug in here."""
    logger.info("task %s %s", task_id, event)
