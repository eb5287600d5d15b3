"""Every page as every persona: one line of expected status codes per page (Taiga's matrices),
a walk of every URL pattern with valid and garbage input, and CSRF on every POST."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from luoshi.org.testing import ROLES, client_for

# page → expected status for ROLES (302 = to the login page). {village} etc. are the world's ids.
MATRIX = {
    "/":                                  [302, 200, 200, 200, 200, 200, 200, 200],
    "/org/units/":                        [302, 200, 200, 200, 200, 200, 200, 200],
    "/org/units/{village}/":              [302, 200, 200, 404, 200, 404, 200, 404],
    "/org/units/{other_village}/":        [302, 404, 404, 404, 404, 404, 404, 200],
    "/org/units/new/":                    [302, 403, 200, 403, 403, 403, 403, 200],
    "/org/units/{village}/edit/":         [302, 403, 200, 403, 403, 403, 403, 404],
    "/org/people/":                       [302, 200, 200, 200, 200, 200, 200, 200],
    "/org/people/new/":                   [302, 403, 200, 403, 403, 403, 403, 200],
    "/org/users/":                        [302, 403, 200, 403, 403, 403, 403, 200],
    "/org/users/new/":                    [302, 403, 200, 403, 403, 403, 403, 200],
    "/org/users/{village_user}/":         [302, 403, 200, 403, 403, 403, 403, 404],
    "/org/sessions/":                     [302, 403, 200, 403, 403, 403, 403, 200],
    "/org/tokens/":                       [302, 403, 200, 403, 403, 403, 403, 200],
    "/audit/":                            [302, 403, 200, 403, 403, 403, 403, 200],
    "/deliveries/":                       [302, 403, 200, 403, 403, 403, 403, 200],
    "/accounts/password/":                [302, 200, 200, 200, 200, 200, 200, 200],
    "/accounts/tokens/":                  [302, 200, 200, 200, 200, 200, 200, 200],
    "/accounts/login/":                   [200, 302, 302, 302, 302, 302, 302, 302],
}


def _ids(world) -> dict[str, int]:
    return {"village": world.unit("village").pk, "other_village": world.unit("other_village").pk,
            "village_user": world.user("village").pk}


_client = client_for


@pytest.mark.parametrize("page", MATRIX)
def test_page_status_for_every_role(world, page):
    url = page.format(**_ids(world))
    got = [_client(world, role).get(url).status_code for role in ROLES]
    assert got == MATRIX[page], url


def test_anonymous_visitors_are_sent_to_the_login_page(world):
    response = Client().get("/org/units/")
    assert response.url.startswith("/accounts/login/?next=")


def test_a_refused_page_is_audited_as_a_denial(world):
    from luoshi.core.models import AuditAction, AuditEntry

    _client(world, "village").get("/org/users/")
    entry = AuditEntry.objects.unscoped("test").get(action=AuditAction.DENIED)
    assert entry.actor == world.user("village") and "/org/users/" in entry.message


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            yield prefix + str(item.pattern)


def _fill(pattern: str, value) -> str | None:
    import re

    if pattern.startswith("api/") or "<path:" in pattern or pattern.startswith("^"):
        return None
    url = re.sub(r"<(?:int|str|slug):(\w+)>", lambda m: "phone" if m.group(1) == "field" else str(value), pattern)
    url = re.sub(r"<uuid:\w+>", f"00000000-0000-4000-8000-{value:012d}", url)
    return "/" + url


GARBAGE_QUERY = "?page=abc&page_size=-5&q=%27%3B--%00&kind=nope&active=x&since=2024-13-45&action=zzz&unit=x"


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_5xx_to_any_role_with_valid_or_garbage_input(world, role):
    client = _client(world, role)
    values = [world.unit("village").pk, world.unit("other_village").pk, 999999, 0]
    for pattern in set(_patterns()):
        for value in values:
            url = _fill(pattern, value)
            if url is None:
                continue
            for response in (client.get(url + GARBAGE_QUERY), client.post(url, {"name": "\x00" * 3, "kind": "x"})):
                assert response.status_code < 500, (role, url, response.status_code)
                if role == "anonymous" and not url.startswith("/accounts/login"):
                    assert response.status_code in (302, 400, 405), url
        client = _client(world, role)  # a POST may have logged the persona out


def test_every_post_url_refuses_a_request_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("office"))
    for pattern in set(_patterns()):
        url = _fill(pattern, world.unit("village").pk)
        if url is None:
            continue
        assert client.post(url, {}).status_code == 403, url


def test_the_login_form_itself_needs_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/login/", {"username": "office", "password": "x"}).status_code == 403


def test_the_office_home_counts_todays_failed_logins_and_lockouts(world):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "village", "password": "bad"})
    office = _client(world, "office")
    text = office.get("/").content.decode()
    assert "今日登录失败 <strong>5</strong> 次，锁定账户 <strong>1</strong> 个" in text
    assert "今日登录失败" not in _client(world, "village").get("/").content.decode()


def test_the_menu_offers_only_what_the_role_may_open(world):
    village, office = _client(world, "village").get("/").context, _client(world, "office").get("/").context
    assert [i["label"] for i in village["nav_items"]] == ["首页", "通知", "我的任务", "任务", "单位", "人员", "全部台账", "经济",
                                                          "帮扶户", "应急值守", "督查", "考核", "党建"]
    assert village["nav_admin"] == []
    assert [i["label"] for i in office["nav_items"]] == ["首页", "通知", "我的任务", "任务", "工作计划", "单位", "人员", "全部台账",
                                                         "经济", "帮扶户", "应急值守", "督查", "调度点名", "考核", "通报", "党建"]
    discipline = _client(world, "discipline").get("/").context
    assert [i["label"] for i in discipline["nav_items"]][-2:] == ["党建", "纪检"]
    # the registers sit under one 台账 dropdown, so the bar fits a desktop line
    assert [i["label"] for i in office["nav_registers"]] == ["全部台账", "经济", "帮扶户", "应急值守", "党建"]
    bar = _client(world, "office").get("/").content.decode().split('class="dropdown-menu"')[0]
    assert ">经济<" not in bar.replace(" ", "") and "台账" in bar
    assert [i["label"] for i in office["nav_admin"]] == ["用户", "在线会话", "API 令牌", "操作日志", "后台任务",
                                                          "外发记录", "会议室大屏", "公示"]


def test_the_bar_shows_each_entry_of_the_menu_lit_where_the_page_is(world):
    """The bar's markup (navigation.menu_markup) lists the menu's entries in order, the open page's own
    lit, and its group's toggle lit with it."""
    office = _client(world, "office")
    for path in ("/", "/ledgers/", "/audit/"):
        response = office.get(path)
        context, page = response.context, response.content.decode()
        bar = page.split('<ul class="navbar-nav flex-grow-1">')[1].split('<ul class="navbar-nav">')[0]
        found = re.findall(r'<a class="(?:nav-link|dropdown-item)( active)?"\s+href="([^"]+)">'
                           r'<i class="bi bi-([^"]+)"></i> ([^<]+)</a>', bar)
        entries = ([i for i in context["nav_items"] if not i["group"]] + context["nav_registers"]
                   + context["nav_admin"])
        assert found == [(" active" if i["active"] else "", i["url"], i["icon"], str(i["label"])) for i in entries]
        assert sum(bool(lit) for lit, *_rest in found) == 1
        toggles = re.findall(r'dropdown-toggle( active)?"\s+href="#" role="button" data-bs-toggle="dropdown" '
                             r'aria-expanded="false"><i class="bi bi-(table|sliders)"></i>', bar)
        assert toggles == [(" active" if path == "/ledgers/" else "", "table"),
                           (" active" if path == "/audit/" else "", "sliders")]
