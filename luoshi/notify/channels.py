"""Outbound channels behind one interface: `Channel.send(message) -> DeliveryResult`.

E-mail (SMTP through Django's e-mail backend), a group robot webhook (WeCom or DingTalk JSON,
DingTalk optionally signed) and WeCom app messages (access token cached until it expires;
rate limits 45009/45033 and HTTP 429 backed off). Every base URL and host is a setting, so the
tests point them at local servers. Each send carries the delivery's idempotency key, so a
receiver can drop a retry of something it already has (header, Message-ID, WeCom duplicate check).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import smtplib
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection

log = logging.getLogger(__name__)
KEY_HEADER = "X-Luoshi-Idempotency-Key"
RATE_LIMITED = {45009, 45033, 130101}  # WeCom: API / concurrent-call limit; DingTalk: sending too fast
TOKEN_INVALID = {40001, 40014, 42001}


@dataclass(frozen=True)
class Message:
    """What one channel sends to one address; `key` is the delivery's idempotency key."""

    key: str
    title: str
    body: str
    link: str = ""
    address: str = ""
    recipient_name: str = ""

    def text(self) -> str:
        return "\n".join(part for part in (self.title, self.body, self.link) if part)


@dataclass(frozen=True)
class DeliveryResult:
    ok: bool
    retryable: bool = False
    error: str = ""
    rate_limited: bool = False


class Channel:
    """One outbound channel. `per_recipient` channels send to each person's address; the others
    (group robots) post once per notice."""

    name = ""
    per_recipient = True

    def address_of(self, user) -> str:
        return ""

    def send(self, message: Message) -> DeliveryResult:  # pragma: no cover - interface
        raise NotImplementedError


# -- e-mail ---------------------------------------------------------------------------------------
class EmailChannel(Channel):
    name = "email"

    def address_of(self, user) -> str:
        return (getattr(user, "email", "") or "").strip()

    def send(self, message: Message) -> DeliveryResult:
        if not message.address:
            return DeliveryResult(ok=False, error="no e-mail address")
        connection = get_connection(
            backend="django.core.mail.backends.smtp.EmailBackend", host=settings.LUOSHI_SMTP_HOST,
            port=settings.LUOSHI_SMTP_PORT, username=settings.LUOSHI_SMTP_USER or None,
            password=settings.LUOSHI_SMTP_PASSWORD or None, use_tls=settings.LUOSHI_SMTP_TLS,
            use_ssl=settings.LUOSHI_SMTP_SSL, timeout=settings.LUOSHI_SMTP_TIMEOUT, fail_silently=False)
        digest = hashlib.sha256(message.key.encode()).hexdigest()[:32]
        email = EmailMessage(subject=message.title, body="\n\n".join(p for p in (message.body, message.link) if p),
                             from_email=settings.LUOSHI_SMTP_FROM, to=[message.address],
                             headers={"Message-ID": f"<{digest}@luoshi>", KEY_HEADER: message.key},
                             connection=connection)
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as exc:
            return DeliveryResult(ok=False, error=f"recipient refused: {exc}")
        except (smtplib.SMTPException, OSError) as exc:
            return DeliveryResult(ok=False, retryable=True, error=f"smtp: {exc}")
        return DeliveryResult(ok=True)


# -- HTTP -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HttpAnswer:
    status: int
    data: dict
    retry_after: float | None = None


def http_json(url: str, payload: dict | None, *, key: str = "", timeout: float | None = None) -> HttpAnswer:
    """POST `payload` as JSON (GET when None); a transport failure answers status 0."""
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "luoshi"}
    if key:
        headers[KEY_HEADER] = key
    body = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else None
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout or settings.LUOSHI_NOTIFY_HTTP_TIMEOUT) as response:
            return HttpAnswer(response.status, _json(response.read()))
    except urllib.error.HTTPError as exc:
        retry_after = exc.headers.get("Retry-After") if exc.headers else None
        return HttpAnswer(exc.code, _json(exc.read()), float(retry_after) if retry_after else None)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return HttpAnswer(0, {"errmsg": str(exc)})


def _json(raw: bytes) -> dict:
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def judge(answer: HttpAnswer) -> DeliveryResult:
    """Success is HTTP 2xx with errcode 0 (both robots and WeCom answer that way)."""
    code = answer.data.get("errcode", 0)
    error = f"HTTP {answer.status} errcode {code} {answer.data.get('errmsg', '')}".strip()
    if answer.status == 429 or code in RATE_LIMITED:
        return DeliveryResult(ok=False, retryable=True, rate_limited=True, error=error)
    if answer.status == 0 or answer.status >= 500:
        return DeliveryResult(ok=False, retryable=True, error=error)
    if answer.status >= 400 or code != 0:
        return DeliveryResult(ok=False, error=error)
    return DeliveryResult(ok=True)


def with_backoff(call: Callable[[], tuple[DeliveryResult, float | None]]) -> DeliveryResult:
    """Call again after a growing pause while the receiver says we are too fast (or its Retry-After)."""
    base = settings.LUOSHI_NOTIFY_BACKOFF_SECONDS
    for attempt in range(settings.LUOSHI_NOTIFY_INLINE_RETRIES + 1):
        result, retry_after = call()
        if not result.rate_limited or attempt == settings.LUOSHI_NOTIFY_INLINE_RETRIES:
            return result
        pause = min(retry_after if retry_after is not None else base * 2 ** attempt, 60.0)
        log.info("rate limited (%s); waiting %.2fs", result.error, pause)
        time.sleep(pause)
    return result  # pragma: no cover - the loop always returns


# -- group robots ---------------------------------------------------------------------------------
class RobotChannel(Channel):
    """A group robot's webhook; `LUOSHI_ROBOT_FORMAT` = wecom or dingtalk."""

    name = "robot"
    per_recipient = False

    def send(self, message: Message) -> DeliveryResult:
        url = settings.LUOSHI_ROBOT_URL
        if not url:
            return DeliveryResult(ok=False, error="LUOSHI_ROBOT_URL is not set")
        payload = {"msgtype": "text", "text": {"content": message.text()}}
        if settings.LUOSHI_ROBOT_FORMAT == "dingtalk" and settings.LUOSHI_ROBOT_SECRET:
            url = dingtalk_signed(url, settings.LUOSHI_ROBOT_SECRET)

        def call():
            answer = http_json(url, payload, key=message.key)
            return judge(answer), answer.retry_after

        return with_backoff(call)


def dingtalk_signed(url: str, secret: str, *, now_ms: int | None = None) -> str:
    """DingTalk's 加签: HMAC-SHA256 of "timestamp\\nsecret", base64, URL-encoded."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


# -- WeCom app messages ---------------------------------------------------------------------------
class WeComAppChannel(Channel):
    """企业微信应用消息 to one member (userid = the login's username unless mapped)."""

    name = "wecom"

    def address_of(self, user) -> str:
        return user.get_username()

    def send(self, message: Message) -> DeliveryResult:
        if not (settings.LUOSHI_WECOM_CORP_ID and settings.LUOSHI_WECOM_SECRET and message.address):
            return DeliveryResult(ok=False, error="WeCom is not configured or the member has no userid")
        payload = {"touser": message.address, "msgtype": "text", "agentid": settings.LUOSHI_WECOM_AGENT_ID,
                   "text": {"content": message.text()}, "safe": 0,
                   # WeCom drops an identical message inside the interval: a retried send lands once.
                   "enable_duplicate_check": 1, "duplicate_check_interval": 1800}

        def call():
            token = wecom_token()
            if token is None:
                return DeliveryResult(ok=False, retryable=True, error="no access token"), None
            answer = http_json(f"{_wecom_base()}/cgi-bin/message/send?access_token={token}", payload,
                               key=message.key)
            if answer.data.get("errcode") in TOKEN_INVALID:
                cache.delete(_token_cache_key())
                token = wecom_token()
                answer = http_json(f"{_wecom_base()}/cgi-bin/message/send?access_token={token}", payload,
                                   key=message.key)
            return judge(answer), answer.retry_after

        return with_backoff(call)


def _wecom_base() -> str:
    return settings.LUOSHI_WECOM_BASE_URL.rstrip("/")


def _token_cache_key() -> str:
    ident = f"{_wecom_base()}|{settings.LUOSHI_WECOM_CORP_ID}|{settings.LUOSHI_WECOM_SECRET}"
    return "luoshi:wecom-token:" + hashlib.sha256(ident.encode()).hexdigest()[:24]


def wecom_token() -> str | None:
    """The app's access token, from the cache until shortly before it expires."""
    token = cache.get(_token_cache_key())
    if token:
        return token
    query = urllib.parse.urlencode({"corpid": settings.LUOSHI_WECOM_CORP_ID,
                                    "corpsecret": settings.LUOSHI_WECOM_SECRET})
    answer = http_json(f"{_wecom_base()}/cgi-bin/gettoken?{query}", None)
    token = answer.data.get("access_token")
    if answer.status != 200 or answer.data.get("errcode", 0) != 0 or not token:
        log.warning("WeCom token refused: %s", answer.data.get("errmsg", answer.status))
        return None
    lifetime = int(answer.data.get("expires_in", 7200))
    cache.set(_token_cache_key(), token, timeout=max(lifetime - 300, 30))
    return token


CHANNELS: dict[str, type[Channel]] = {c.name: c for c in (EmailChannel, RobotChannel, WeComAppChannel)}


def enabled_channels() -> list[Channel]:
    """The outbound channels switched on by LUOSHI_NOTIFY_CHANNELS (in-app is always on)."""
    return [CHANNELS[name]() for name in settings.LUOSHI_NOTIFY_CHANNELS if name in CHANNELS]


def channel_named(name: str) -> Channel:
    return CHANNELS[name]()
