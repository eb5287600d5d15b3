"""Production: refuses to start without a secret key, an audit key and allowed hosts."""

from django.core.exceptions import ImproperlyConfigured

from luoshi.config.env import env_bool, env_int
from luoshi.config.settings.base import *  # noqa: F403
from luoshi.config.settings.base import ALLOWED_HOSTS, LUOSHI_AUDIT_KEY, SECRET_KEY

if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "未设置 LUOSHI_SECRET_KEY（至少 32 个字符），系统拒绝启动。"
        " LUOSHI_SECRET_KEY is not set (at least 32 characters): refusing to start."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "未设置 LUOSHI_ALLOWED_HOSTS（本系统对外的域名或 IP，逗号分隔），系统拒绝启动。"
        " LUOSHI_ALLOWED_HOSTS is not set: refusing to start."
    )
if not LUOSHI_AUDIT_KEY or len(LUOSHI_AUDIT_KEY) < 32:
    raise ImproperlyConfigured(
        "未设置 LUOSHI_AUDIT_KEY（操作日志哈希链的密钥，至少 32 个字符，保存在数据库之外），系统拒绝启动。"
        " LUOSHI_AUDIT_KEY is not set (at least 32 characters, kept outside the database): refusing to start."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("LUOSHI_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("LUOSHI_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("LUOSHI_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = env_int("LUOSHI_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a deployment decision, not ours.
