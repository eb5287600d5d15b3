"""`luoshi demo`: the local settings (a generated secret key kept in var/, loopback hosts) with
DEBUG off. A demo is for township users to try, so a bad link must answer the project's Chinese
404/500 pages, not Django's English debug page (which also shows settings and code). `manage.py`
keeps the dev settings, with DEBUG on, for developers.

With DEBUG off whitenoise stops finding files by itself, and the demo does not run collectstatic
at start-up: it serves the apps' static folders through Django's finders instead (as the tests
do), read once when the server starts."""

from luoshi.config.env import env_bool
from luoshi.config.settings.dev import *  # noqa: F403

DEBUG = env_bool("LUOSHI_DEBUG", False)
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = True
