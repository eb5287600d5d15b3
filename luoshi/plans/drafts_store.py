"""Keeping a draft between the review page's steps.

The draft is plain JSON kept as a file under the default storage (`drafts/<uuid>.json`),
owned by the user who uploaded it and expiring after a day: a whole speech with its
extraction is too big for a session that is re-saved on every request, and a file works the
same on every app process once media is shared (local disk or object storage).
"""

from __future__ import annotations

import json
import time
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.errors import OutOfScope

DRAFT_DIR = "drafts"
DRAFT_TTL_SECONDS = 24 * 3600


def draft_store(*, actor, draft: dict, key: str | None = None) -> str:
    """Write the draft (new key unless given); old drafts of anybody are swept on the way."""
    key = key or uuid.uuid4().hex
    draft["owner"], draft["saved_at"] = actor.pk, time.time()
    name = f"{DRAFT_DIR}/{key}.json"
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(draft, ensure_ascii=False).encode()))
    _sweep()
    return key


def draft_fetch(*, actor, key) -> dict:
    """The actor's own, unexpired draft; anything else looks missing (404)."""
    name = f"{DRAFT_DIR}/{uuid.UUID(str(key)).hex}.json"
    try:
        with default_storage.open(name) as handle:
            draft = json.loads(handle.read().decode())
    except (OSError, ValueError):
        raise OutOfScope(_("草稿不存在或已过期，请重新上传")) from None
    if draft.get("owner") != actor.pk or time.time() - draft.get("saved_at", 0) > DRAFT_TTL_SECONDS:
        raise OutOfScope(_("草稿不存在或已过期，请重新上传"))
    return draft


def draft_discard(*, actor, key) -> None:
    draft_fetch(actor=actor, key=key)
    default_storage.delete(f"{DRAFT_DIR}/{uuid.UUID(str(key)).hex}.json")


def _sweep() -> None:
    try:
        _dirs, files = default_storage.listdir(DRAFT_DIR)
        cutoff = timezone.now().timestamp() - DRAFT_TTL_SECONDS
        for file in files:
            if default_storage.get_modified_time(f"{DRAFT_DIR}/{file}").timestamp() < cutoff:
                default_storage.delete(f"{DRAFT_DIR}/{file}")
    except (OSError, NotImplementedError):
        pass  # sweeping is housekeeping; a failure must not stop the user's import
