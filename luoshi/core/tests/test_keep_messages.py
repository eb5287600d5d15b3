"""The field app's fetch follows a form's redirect itself; the page it fetched on the way leaves the messages
("进展已上报") for the page the user then opens (core.middleware.KeepMessagesMiddleware)."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.session import SessionStorage

from luoshi.org.testing import client_for

pytestmark = pytest.mark.django_db


def _add(client, text):
    session = client.session
    request = type("R", (), {"session": session})()
    storage = SessionStorage(request)
    storage.add(messages.SUCCESS, text)
    storage.update(type("Resp", (), {"set_cookie": None})())
    session.save()


def test_a_page_fetched_with_the_header_leaves_its_messages_for_the_next(world):
    client = client_for(world, "office")
    _add(client, "进展已上报")
    assert "进展已上报" in client.get("/", HTTP_X_LUOSHI_KEEP_MESSAGES="1").content.decode()
    assert "进展已上报" in client.get("/").content.decode()  # still there for the page the user opens
    assert "进展已上报" not in client.get("/").content.decode()  # and then gone, as always
