"""Tests: fast hashing, scope enforcement on, files in a temporary folder."""

import tempfile

from luoshi.config.settings.base import *  # noqa: F403
from luoshi.config.settings.base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789"
LUOSHI_AUDIT_KEY = "test-only-audit-key-not-used-anywhere-else-9876543210"
LUOSHI_BACKUP_DIR = tempfile.mkdtemp(prefix="luoshi-backups-")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LUOSHI_ENFORCE_SCOPE = True
# the schema read without a login by the tests that walk it (test_api_docs.py checks the login)
LUOSHI_API_DOCS_LOGIN = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="luoshi-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
STATIC_ROOT = tempfile.mkdtemp(prefix="luoshi-static-")
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "handlers": {"null": {"class": "logging.NullHandler"}},
           "root": {"handlers": ["null"]}}
# Jobs run in the calling thread, in memory: a test sees their effect at once.
HUEY = {"huey_class": "huey.MemoryHuey", "name": "luoshi-test", "immediate": True}
