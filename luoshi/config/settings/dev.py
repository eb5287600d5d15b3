"""Local and demo use: a generated secret key kept in var/, loopback hosts."""

from pathlib import Path

from luoshi.config.env import VAR_DIR, env_bool, env_list
from luoshi.config.settings.base import *  # noqa: F403
from luoshi.config.settings.base import LUOSHI_AUDIT_KEY, SECRET_KEY, STATIC_ROOT, STORAGES


def _local_secret_key(name: str = "secret_key") -> str:
    """A per-checkout key, generated once and kept with mode 600, never committed."""
    from django.core.management.utils import get_random_secret_key

    path = VAR_DIR / name
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("LUOSHI_DEBUG", True)
# the API docs open to a developer without logging in
LUOSHI_API_DOCS_LOGIN = env_bool("LUOSHI_API_DOCS_LOGIN", False)
SECRET_KEY = SECRET_KEY or _local_secret_key()
LUOSHI_AUDIT_KEY = LUOSHI_AUDIT_KEY or _local_secret_key("audit_key")
ALLOWED_HOSTS = env_list("LUOSHI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns at every start otherwise
STORAGES = {
    "default": STORAGES["default"],  # (object storage when LUOSHI_S3_BUCKET is set, as in production)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
