"""Each outbound channel against a REAL local server: SMTP on a socket, HTTP in a thread."""

import base64
import hashlib
import hmac
import urllib.parse

import pytest
from django.core.cache import cache

from luoshi.notify.channels import EmailChannel, Message, RobotChannel, WeComAppChannel, dingtalk_signed
from luoshi.notify.testing import HttpServer, SmtpServer


@pytest.fixture(autouse=True)
def fast_backoff(settings):
    settings.LUOSHI_NOTIFY_BACKOFF_SECONDS = 0.01
    cache.clear()


def _message(**kw):
    return Message(**({"key": "deadline_3d:task:1:2024-06-30:x", "title": "任务还有 3 天到期",
                       "body": "“人居环境整治”的完成时限是 2024-06-30。", "link": "/tasks/1/progress/"} | kw))


def test_email_goes_through_a_real_smtp_server_with_login_and_a_message_id_from_the_key(settings):
    with SmtpServer() as smtp:
        settings.LUOSHI_SMTP_HOST, settings.LUOSHI_SMTP_PORT = "127.0.0.1", smtp.port
        settings.LUOSHI_SMTP_USER, settings.LUOSHI_SMTP_PASSWORD = "luoshi", "pw"
        result = EmailChannel().send(_message(address="cun@example.cn"))
    assert result.ok, result.error
    (sent,) = smtp.messages
    assert sent["to"] == ["cun@example.cn"] and sent["message"]["Subject"] == "任务还有 3 天到期"
    assert "人居环境整治" in sent["message"].get_content()
    assert sent["message"]["X-Luoshi-Idempotency-Key"] == "deadline_3d:task:1:2024-06-30:x"
    assert sent["message"]["Message-ID"].endswith("@luoshi>") and smtp.logins == [[b"luoshi", b"pw"]]


def test_a_refused_recipient_fails_for_good_and_a_dead_server_is_worth_a_retry(settings):
    with SmtpServer() as smtp:
        smtp.refuse.add("gone@example.cn")
        settings.LUOSHI_SMTP_HOST, settings.LUOSHI_SMTP_PORT = "127.0.0.1", smtp.port
        refused = EmailChannel().send(_message(address="gone@example.cn"))
    dead = EmailChannel().send(_message(address="cun@example.cn"))  # the server is closed now
    assert not refused.ok and not refused.retryable
    assert not dead.ok and dead.retryable


def test_the_wecom_group_robot_posts_text_json_with_the_key(settings):
    with HttpServer() as http:
        settings.LUOSHI_ROBOT_URL, settings.LUOSHI_ROBOT_FORMAT = f"{http.url}/cgi-bin/webhook/send?key=K", "wecom"
        assert RobotChannel().send(_message()).ok
    (request,) = http.requests
    assert request["body"]["msgtype"] == "text" and "人居环境整治" in request["body"]["text"]["content"]
    assert request["key"] == "deadline_3d:task:1:2024-06-30:x" and request["query"]["key"] == ["K"]


def test_the_dingtalk_robot_signs_its_url_with_the_secret(settings):
    with HttpServer() as http:
        settings.LUOSHI_ROBOT_URL = f"{http.url}/robot/send?access_token=T"
        settings.LUOSHI_ROBOT_FORMAT, settings.LUOSHI_ROBOT_SECRET = "dingtalk", "SEC123"
        assert RobotChannel().send(_message()).ok
    (request,) = http.requests
    timestamp, sign = request["query"]["timestamp"][0], request["query"]["sign"][0]
    expected = base64.b64encode(hmac.new(b"SEC123", f"{timestamp}\nSEC123".encode(), hashlib.sha256).digest())
    assert sign == expected.decode() and request["body"]["text"]["content"].startswith("任务还有")
    assert "sign=" + urllib.parse.quote_plus(expected.decode()) in dingtalk_signed("u?a=1", "SEC123",
                                                                                   now_ms=int(timestamp))


def test_a_robot_answering_429_is_backed_off_and_retried(settings):
    with HttpServer() as http:
        http.script["/hook"] = [(429, {"errmsg": "too many"})]
        settings.LUOSHI_ROBOT_URL, settings.LUOSHI_ROBOT_FORMAT = f"{http.url}/hook", "wecom"
        assert RobotChannel().send(_message()).ok
    assert len(http.posts("/hook")) == 2


def _wecom(settings, http):
    settings.LUOSHI_WECOM_BASE_URL = http.url
    settings.LUOSHI_WECOM_CORP_ID, settings.LUOSHI_WECOM_SECRET, settings.LUOSHI_WECOM_AGENT_ID = "ww1", "s", 1000002


def test_wecom_fetches_its_token_once_and_reuses_it_until_it_expires(settings):
    with HttpServer() as http:
        _wecom(settings, http)
        assert WeComAppChannel().send(_message(address="village")).ok
        assert WeComAppChannel().send(_message(address="village2", key="k2")).ok
    assert http.token_count == 1
    sends = http.posts("/cgi-bin/message/send")
    assert [s["query"]["access_token"] for s in sends] == [["TOKEN1"], ["TOKEN1"]]
    assert sends[0]["body"]["touser"] == "village" and sends[0]["body"]["agentid"] == 1000002
    assert sends[0]["body"]["enable_duplicate_check"] == 1


def test_wecom_backs_off_on_45009_and_then_delivers(settings):
    with HttpServer() as http:
        _wecom(settings, http)
        http.script["/cgi-bin/message/send"] = [(200, {"errcode": 45009, "errmsg": "api freq out of limit"}),
                                                (200, {"errcode": 45033, "errmsg": "concurrent"})]
        result = WeComAppChannel().send(_message(address="village"))
    assert result.ok and len(http.posts("/cgi-bin/message/send")) == 3 and http.token_count == 1


def test_wecom_refetches_an_expired_token_once(settings):
    with HttpServer() as http:
        _wecom(settings, http)
        assert WeComAppChannel().send(_message(address="village")).ok
        http.script["/cgi-bin/message/send"] = [(200, {"errcode": 42001, "errmsg": "access_token expired"})]
        assert WeComAppChannel().send(_message(address="village", key="k2")).ok
    assert http.token_count == 2


def test_a_rate_limit_that_persists_is_returned_as_retryable(settings):
    settings.LUOSHI_NOTIFY_INLINE_RETRIES = 1
    with HttpServer() as http:
        _wecom(settings, http)
        http.script["/cgi-bin/message/send"] = [(200, {"errcode": 45009})] * 2
        result = WeComAppChannel().send(_message(address="village"))
    assert not result.ok and result.retryable and result.rate_limited
