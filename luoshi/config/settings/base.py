"""Settings shared by every environment; dev, prod and test differ only where they must."""

from datetime import timedelta
from pathlib import Path

from luoshi.config.env import BASE_DIR, VAR_DIR, database_from_url, env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("LUOSHI_SECRET_KEY")
DEBUG = env_bool("LUOSHI_DEBUG", False)
ALLOWED_HOSTS = env_list("LUOSHI_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("LUOSHI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "huey.contrib.djhuey",
    "ninja",  # the API docs' Swagger UI from ninja's own static files, never a CDN
    "luoshi.core",
    "luoshi.org",
    "luoshi.plans",
    "luoshi.progress",
    "luoshi.ledgers",
    "luoshi.supervision",
    "luoshi.exchange",
    "luoshi.notify",
    "luoshi.dispatch",
    "luoshi.economy",
    "luoshi.people",
    "luoshi.emergency",
    "luoshi.assessment",
    "luoshi.party",
    "luoshi.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "luoshi.core.middleware.ContentSecurityPolicyMiddleware",  # static files too (an SVG is a document)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "luoshi.core.middleware.RequestContextMiddleware",
    "luoshi.core.middleware.ServiceErrorMiddleware",
    "luoshi.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "luoshi.core.middleware.KeepMessagesMiddleware",  # inside the messages': runs before they are dropped
    "luoshi.org.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "luoshi.config.urls"
WSGI_APPLICATION = "luoshi.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "luoshi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi.navigation.navigation",
            ],
            "builtins": ["luoshi.core.templatetags.luoshi", "template_partials.templatetags.partials"],
        },
    }
]

# --- database: SQLite (WAL) by default, PostgreSQL when LUOSHI_DATABASE_URL is set ----------
DATABASE_URL = env_str("LUOSHI_DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("LUOSHI_SQLITE_PATH", str(VAR_DIR / "luoshi.sqlite3")),
            # a new connection per request re-reads the schema and re-runs the pragmas: about as
            # much CPU as a list request itself
            "CONN_MAX_AGE": env_int("LUOSHI_DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            # IMMEDIATE serialises writers up front, so the audit hash chain never forks.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication ----------------------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "luoshi.org.backends.LockoutBackend",
    "luoshi.org.backends.LoginBackend",
]
LOGIN_URL = "org:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "org:login"

LUOSHI_PASSWORD_MIN_LENGTH = env_int("LUOSHI_PASSWORD_MIN_LENGTH", 8)
LUOSHI_PASSWORD_MIN_CLASSES = env_int("LUOSHI_PASSWORD_MIN_CLASSES", 3)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "luoshi.org.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": LUOSHI_PASSWORD_MIN_LENGTH}},
    {"NAME": "luoshi.org.passwords.CharacterClassValidator",
     "OPTIONS": {"min_classes": LUOSHI_PASSWORD_MIN_CLASSES}},
    {"NAME": "luoshi.org.passwords.CommonPasswordValidator"},
    {"NAME": "luoshi.org.passwords.UnitNameValidator"},
    {"NAME": "luoshi.org.passwords.UserAttributeSimilarityValidator"},
]

# Lockout per (username, IP): one mistyping villager must not lock out a whole village behind one NAT.
AXES_FAILURE_LIMIT = env_int("LUOSHI_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LUOSHI_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "luoshi.org.views.auth.locked_out"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("LUOSHI_PROXY_COUNT", 0)

# Sessions: 30 minutes idle, 12 hours absolute (SessionPolicyMiddleware). The middleware renews
# the session at most once a minute instead of on every request, which would cost a write each.
SESSION_COOKIE_AGE = env_int("LUOSHI_SESSION_IDLE_MINUTES", 30) * 60
SESSION_ENGINE = "luoshi.org.sessions"  # the database's, its read built once (org/sessions.py)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LUOSHI_SESSION_ABSOLUTE_SECONDS = env_int("LUOSHI_SESSION_ABSOLUTE_HOURS", 12) * 3600
# The API's docs and OpenAPI schema need a login (a session or a personal token); dev and test leave them open.
LUOSHI_API_DOCS_LOGIN = env_bool("LUOSHI_API_DOCS_LOGIN", True)
# Personal API tokens expire this many days after they are made (a token may be made shorter, never longer).
LUOSHI_API_TOKEN_DAYS = env_int("LUOSHI_API_TOKEN_DAYS", 180)
SESSION_COOKIE_HTTPONLY = True
# Work captured on a phone without signal and sent later: a report or a check-in counts, for lights and duty
# windows, at the time it was captured, but never earlier than this many hours before it was received.
LUOSHI_OFFLINE_GRACE_HOURS = env_int("LUOSHI_OFFLINE_GRACE_HOURS", 72)
SESSION_COOKIE_SAMESITE = "Lax"

# --- audit ----------------------------------------------------------------------------------
LUOSHI_AUDIT_RETENTION_DAYS = env_int("LUOSHI_AUDIT_RETENTION_DAYS", 190)
# The key of the audit log's hash chain (HMAC-SHA256). Kept outside the database and its backups, so whoever
# can write to the database cannot rewrite the log and recompute the chain. Required in production (prod.py);
# dev and demo generate one in var/audit_key.
LUOSHI_AUDIT_KEY = env_str("LUOSHI_AUDIT_KEY")
# Backups, and the audit chain's daily signed anchors (audit-anchors/ under it).
LUOSHI_BACKUP_DIR = env_str("LUOSHI_BACKUP_DIR", str(VAR_DIR / "backups"))
# Refusals (403) per login and address: audited one by one up to AUDITED in a window, then at 10, 20, 50, 100 …;
# beyond LIMIT in the window they are answered 429.
LUOSHI_DENIALS_WINDOW_MINUTES = env_int("LUOSHI_DENIALS_WINDOW_MINUTES", 10)
LUOSHI_DENIALS_AUDITED = env_int("LUOSHI_DENIALS_AUDITED", 5)
LUOSHI_DENIALS_LIMIT = env_int("LUOSHI_DENIALS_LIMIT", 100)
# In tests a scoped queryset evaluated without visible_to()/unscoped() raises.
LUOSHI_ENFORCE_SCOPE = env_bool("LUOSHI_ENFORCE_SCOPE", False)

# --- caching: answers keyed by the stamps of the tables they read (core/freshness.py) ----------
# How long a cached answer (a list, a token's login) may sit unused; 0 turns the cache off. Staleness is never a
# matter of time: a write to a table the answer read changes its key.
LUOSHI_CACHE_SECONDS = env_int("LUOSHI_CACHE_SECONDS", 600)

# --- jobs (Huey): SQLite storage beside the database by default, Redis when configured ----------
REDIS_URL = env_str("LUOSHI_REDIS_URL")
# One worker of a deployment runs the periodic jobs (reminders, roll calls, lights); another sets LUOSHI_JOB_PERIODIC=0.
_HUEY_CONSUMER = {"workers": env_int("LUOSHI_JOB_WORKERS", 2), "worker_type": "thread",
                  "periodic": env_bool("LUOSHI_JOB_PERIODIC", True)}
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "luoshi", "url": REDIS_URL, "immediate": False,
            "consumer": _HUEY_CONSUMER}
else:
    _JOBS_PATH = Path(env_str("LUOSHI_JOBS_PATH", str(VAR_DIR / "jobs.sqlite3")))
    _JOBS_PATH.parent.mkdir(parents=True, exist_ok=True)  # Huey opens its queue file at start-up
    # A SQLite queue is polled (Redis's blocks until a job comes): every LUOSHI_JOB_POLL_MS, not backing off to
    # Huey's 10 s when idle, so a queued export starts within ~50 ms. An empty poll is one indexed SELECT.
    _POLL = max(env_int("LUOSHI_JOB_POLL_MS", 20), 1) / 1000
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "luoshi", "immediate": False, "filename": str(_JOBS_PATH),
            "consumer": _HUEY_CONSUMER | {"initial_delay": _POLL, "backoff": 1.0, "max_delay": _POLL}}

# --- several app servers (docs/deploy.md): shared cache and sessions, files in object storage ---------------
# Both off by default: one server needs neither Redis nor S3. With LUOSHI_REDIS_URL set, every process shares
# one cache (the refusal counts, cached answers, the WeCom token) and reads sessions through it; sessions are
# written to the database too, so a Redis restart logs nobody out, and a logout in one process holds in all.
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "luoshi",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
    }}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Attachments, import uploads and export files in an S3-compatible bucket (MinIO, a cloud's object storage)
# when LUOSHI_S3_BUCKET is set; otherwise under LUOSHI_MEDIA_ROOT. Files are always served through the app,
# which checks the reader's scope: the bucket stays private.
S3_BUCKET = env_str("LUOSHI_S3_BUCKET")
S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env_str("LUOSHI_S3_ENDPOINT") or None,
        "access_key": env_str("LUOSHI_S3_ACCESS_KEY") or None,
        "secret_key": env_str("LUOSHI_S3_SECRET_KEY") or None,
        "region_name": env_str("LUOSHI_S3_REGION") or None,
        # a bucket named in the path: what MinIO and most self-hosted servers answer to
        "addressing_style": env_str("LUOSHI_S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
        "location": env_str("LUOSHI_S3_PREFIX"),
        "default_acl": None,
        "file_overwrite": False,  # a second file of the same name gets a new name, as on disk
        "querystring_auth": True,
    },
}

# --- notifications, reminders and the roll call (luoshi/notify, luoshi/dispatch) ---------------
# Outbound channels besides in-app: any of email, robot, wecom (comma separated; empty = in-app only).
LUOSHI_NOTIFY_CHANNELS = env_list("LUOSHI_NOTIFY_CHANNELS")
LUOSHI_SITE_URL = env_str("LUOSHI_SITE_URL")  # makes links in outbound messages absolute
LUOSHI_REMIND_DAYS_BEFORE = [int(d) for d in env_list("LUOSHI_REMIND_DAYS_BEFORE", "3,1")]
LUOSHI_REMIND_STALE_DAYS = env_int("LUOSHI_REMIND_STALE_DAYS", 10)
# An open 招商引资 project with no step for this many days is yellow, twice as long red (economy.project_flow).
LUOSHI_PROJECT_STALE_DAYS = env_int("LUOSHI_PROJECT_STALE_DAYS", 30)
LUOSHI_NOTIFY_LEASE_SECONDS = env_int("LUOSHI_NOTIFY_LEASE_SECONDS", 120)
LUOSHI_NOTIFY_MAX_ATTEMPTS = env_int("LUOSHI_NOTIFY_MAX_ATTEMPTS", 5)
LUOSHI_NOTIFY_RETRY_SECONDS = env_int("LUOSHI_NOTIFY_RETRY_SECONDS", 60)
LUOSHI_NOTIFY_BACKOFF_SECONDS = float(env_str("LUOSHI_NOTIFY_BACKOFF_SECONDS", "1"))
LUOSHI_NOTIFY_INLINE_RETRIES = env_int("LUOSHI_NOTIFY_INLINE_RETRIES", 3)
LUOSHI_NOTIFY_HTTP_TIMEOUT = env_int("LUOSHI_NOTIFY_HTTP_TIMEOUT", 10)
LUOSHI_SMTP_HOST = env_str("LUOSHI_SMTP_HOST", "127.0.0.1")
LUOSHI_SMTP_PORT = env_int("LUOSHI_SMTP_PORT", 25)
LUOSHI_SMTP_TLS = env_bool("LUOSHI_SMTP_TLS", False)
LUOSHI_SMTP_SSL = env_bool("LUOSHI_SMTP_SSL", False)
LUOSHI_SMTP_USER = env_str("LUOSHI_SMTP_USER")
LUOSHI_SMTP_PASSWORD = env_str("LUOSHI_SMTP_PASSWORD")
LUOSHI_SMTP_FROM = env_str("LUOSHI_SMTP_FROM", "luoshi@localhost")
LUOSHI_SMTP_TIMEOUT = env_int("LUOSHI_SMTP_TIMEOUT", 10)
LUOSHI_ROBOT_URL = env_str("LUOSHI_ROBOT_URL")
LUOSHI_ROBOT_FORMAT = env_str("LUOSHI_ROBOT_FORMAT", "wecom")
LUOSHI_ROBOT_SECRET = env_str("LUOSHI_ROBOT_SECRET")
LUOSHI_WECOM_BASE_URL = env_str("LUOSHI_WECOM_BASE_URL", "https://qyapi.weixin.qq.com")
LUOSHI_WECOM_CORP_ID = env_str("LUOSHI_WECOM_CORP_ID")
LUOSHI_WECOM_SECRET = env_str("LUOSHI_WECOM_SECRET")
LUOSHI_WECOM_AGENT_ID = env_int("LUOSHI_WECOM_AGENT_ID", 0)
LUOSHI_DISPATCH_WINDOW_MINUTES = env_int("LUOSHI_DISPATCH_WINDOW_MINUTES", 120)
LUOSHI_DISPATCH_POLL_SECONDS = env_int("LUOSHI_DISPATCH_POLL_SECONDS", 10)

# --- i18n -------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "luoshi" / "locale"]
# Input formats ISO first, so date and time inputs render what the browser keeps (config/formats/).
FORMAT_MODULE_PATH = ["luoshi.config.formats"]
TIME_ZONE = env_str("LUOSHI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- static and media (vendored, served by whitenoise: the intranet has no CDN) -----------------
STATIC_URL = "/static/"
STATIC_ROOT = env_str("LUOSHI_STATIC_ROOT", str(VAR_DIR / "static"))
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "luoshi" / "static"]
MEDIA_ROOT = env_str("LUOSHI_MEDIA_ROOT", str(VAR_DIR / "media"))
STORAGES = {
    "default": S3_STORAGE if S3_BUCKET else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A speech's review form carries ~10 fields per item; a long 工作要点 passes Django's default 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
# Scripts only from the site's own files; styles may be inline (style attributes, and what Bootstrap, HTMX and
# ECharts set); images may be data: or blob: URLs (Bootstrap's icons in CSS, a photo previewed before upload).
LUOSHI_CSP = env_str("LUOSHI_CSP", "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
    "frame-ancestors 'none'")))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LUOSHI_LOG_LEVEL", "WARNING")},
}
