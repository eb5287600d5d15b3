"""A gunicorn entry for measuring a proposed fix over HTTP without editing the app:
`http_bench.py --app wsgi_experiment:application` serves the app as is, plus
PRAGMA case_sensitive_like = ON on every SQLite connection (scope-path prefixes through an index)."""

from django.db.backends.signals import connection_created

from luoshi.config.wsgi import application  # noqa: F401  (what gunicorn serves)


def _case_sensitive_like(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA case_sensitive_like = ON")


connection_created.connect(_case_sensitive_like)
