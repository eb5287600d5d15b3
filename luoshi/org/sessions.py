"""Sessions kept in the database (Django's `db` engine), read by a statement built once.

Every page a signed-in person opens reads their session first. Django's engine builds that read with
the ORM each time (`get(session_key=…, expire_date__gt=now)`), which cost as much as the statement;
here it is a shape (core/prepared.py) read by the key alone, its expiry checked on the row read. The
rows, their writing and deleting are Django's. With Redis (settings: cached_db) Django's engine is used."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from luoshi.core.prepared import Shape

_BY_KEY = Shape(lambda key, *, session_key: Session.objects.filter(session_key=session_key)[:1])


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = _BY_KEY.rows("session", session_key=self.session_key)
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None  # as Django's engine does for a key unknown or expired
        return None
