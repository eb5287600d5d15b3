"""Reads of notifications: always the actor's own."""

from luoshi.notify.models import Notification


def my_notifications(*, actor):
    return Notification.objects.visible_to(actor).filter(recipient=actor)


def unread_count(*, actor) -> int:
    return my_notifications(actor=actor).filter(read_at__isnull=True).count()


def unread(*, actor, limit: int = 5) -> list[Notification]:
    return list(my_notifications(actor=actor).filter(read_at__isnull=True)[:limit])
