"""公示: the office drafts, previews, publishes and withdraws a public notice; its address opens without a
login only while published and not past its date (then 410 公示已结束, never the data); the page shows
the public fields only: no ID or phone number of anyone involved, in the clear or masked."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from luoshi.assessment.tests.factories import commitments_of_village
from luoshi.core.errors import NotAllowed, OutOfScope, ServiceError
from luoshi.core.models import AuditEntry
from luoshi.org.models import Person
from luoshi.plans import services as plans
from luoshi.plans.models import Task
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_plan
from luoshi.reports import notice_content, notices
from luoshi.reports.models_notices import NoticeStatus, PublicNotice
from luoshi.reports.notice_jobs import notices_due

ID_NUMBERS = ("370830198801011234", "37083019900202456X")
PHONES = ("13812345678", "13900001111", "15866667777")
SECRET_NOTE = "内部意见：此事拖了两个月"


@pytest.fixture
def year_of_commitments(world):
    """路村's three commitments (one done), with personal numbers planted in every place one could hide:
    the people's own columns, the commitment's note, a report's text and the task's 办结说明 and 亮灯原因,
    and one in a standard the public does see (which must come out scrubbed)."""
    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    plans.plan_deploy(actor=office, plan=plan)
    made = commitments_of_village(world, plan, count=3, done=1)
    people = Person.objects.unscoped("test").filter(pk__in=[world.user(r).person_id for r in ("village", "office")])
    for person, id_card, phone in zip(people, ID_NUMBERS, PHONES, strict=False):
        Person.objects.unscoped("test").filter(pk=person.pk).update(id_card=id_card, phone=phone)
    second = made[1]
    second.refresh_from_db()
    task = Task.objects.visible_to(office).get(pk=second.task_id)
    plans.task_update(actor=office, task=task, version=task.version, owner=world.user("village").person)
    progress.report_submit(actor=world.user("village"), task=task, text=f"{SECRET_NOTE}，联系 {PHONES[2]}",
                           percent=45)
    Task.objects.unscoped("test").filter(pk=task.pk).update(close_note=f"{ID_NUMBERS[0]} 办结", light_reason=SECRET_NOTE)
    from luoshi.assessment.models import Commitment

    Commitment.objects.unscoped("test").filter(pk=second.pk).update(
        note=f"{SECRET_NOTE} 身份证{ID_NUMBERS[1]}", standard=f"通车验收，联系人电话{PHONES[1]}（138****1111）")
    return {"plan": plan, "commitments": made}


def _draft(world, **kwargs):
    fields = {"kind": "commitments", "title": "2026年为民实事承诺公示", "year": timezone.localdate().year,
              "expires_on": timezone.localdate() + dt.timedelta(days=30)}
    return notices.notice_create(actor=world.user("office"), **(fields | kwargs))


def test_draft_publish_withdraw_each_audited_and_the_table_refuses_a_second_withdrawal(world, year_of_commitments):
    office = world.user("office")
    notice = _draft(world, foreword="公示期 30 天，意见请向镇党政办反映。")
    assert notice.status == NoticeStatus.DRAFT and len(notice.slug) >= 24
    notice = notices.notice_publish(actor=office, notice=notice)
    assert notice.status == NoticeStatus.PUBLISHED and notice.published_by == office and notice.published_at
    with pytest.raises(ServiceError):
        notices.notice_publish(actor=office, notice=notice)
    notice = notices.notice_withdraw(actor=office, notice=notice, reason="内容有误")
    assert notice.status == NoticeStatus.WITHDRAWN and notice.end_reason == "内容有误"
    with pytest.raises(ServiceError):
        notices.notice_withdraw(actor=office, notice=notice)
    messages = list(AuditEntry.objects.unscoped("test").filter(object_type="reports.publicnotice")
                    .order_by("id").values_list("message", flat=True))
    assert messages[-2:] == ["发布公示", "撤回公示"] and len(messages) == 3


def test_a_draft_past_its_date_cannot_be_published(world, year_of_commitments):
    notice = _draft(world)
    PublicNotice.objects.unscoped("test").filter(pk=notice.pk).update(expires_on=timezone.localdate() - dt.timedelta(1))
    with pytest.raises(ServiceError, match="公示截止日期已过"):
        notices.notice_publish(actor=world.user("office"), notice=notice)
    assert Client().get(f"/gs/{notice.slug}/").status_code == 404


def test_the_daily_job_ends_a_notice_past_its_date_once(world, year_of_commitments):
    notice = notices.notice_publish(actor=world.user("office"), notice=_draft(world))
    tomorrow = notice.expires_on + dt.timedelta(days=1)
    assert notices_due(today=notice.expires_on) == []  # the last day is still shown
    assert notices_due(today=tomorrow) == [notice.pk]
    assert notices.notices_expire(today=tomorrow, log=lambda _m: None) == []  # nothing left to end
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.EXPIRED
    entry = AuditEntry.objects.unscoped("test").filter(object_type="reports.publicnotice").latest("id")
    assert entry.message == "公示到期" and entry.actor is None
    with pytest.raises(ServiceError):
        notices.notice_withdraw(actor=world.user("office"), notice=notice)


def test_the_address_opens_without_login_only_while_published_and_not_past_its_date(world, year_of_commitments):
    notice = _draft(world)
    url = f"/gs/{notice.slug}/"
    anonymous = Client()
    assert anonymous.get(url).status_code == 404  # a draft does not exist for the public
    notices.notice_publish(actor=world.user("office"), notice=notice)
    page = anonymous.get(url)
    body = page.content.decode()
    assert page.status_code == 200, body[:500]
    assert "为民实事1" in body and "为民实事3" in body and "路村" in body and "已兑现" in body
    assert "共 3 件实事承诺，已兑现 1 件" in body
    assert page["Cache-Control"] == "public, max-age=60" and page["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in page.headers and "csrfmiddlewaretoken" not in body
    assert "navbar" not in body and "/tasks/" not in body and "/accounts/" not in body
    assert anonymous.get(f"/gs/{notice.slug[:-2]}xx/").status_code == 404
    # past its date, even before the nightly job has run: 410 and never the data
    PublicNotice.objects.unscoped("test").filter(pk=notice.pk).update(expires_on=timezone.localdate() - dt.timedelta(1))
    ended = anonymous.get(url)
    assert ended.status_code == 410 and "公示已结束" in ended.content.decode()
    assert "为民实事" not in ended.content.decode()


def test_a_withdrawn_notice_answers_410_and_a_withdrawn_draft_404(world, year_of_commitments):
    office = world.user("office")
    notice = notices.notice_publish(actor=office, notice=_draft(world))
    notices.notice_withdraw(actor=office, notice=notice)
    ended = Client().get(f"/gs/{notice.slug}/")
    assert ended.status_code == 410 and "为民实事" not in ended.content.decode()
    never = notices.notice_withdraw(actor=office, notice=_draft(world))
    assert Client().get(f"/gs/{never.slug}/").status_code == 404


def _digits(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def test_the_public_page_holds_no_id_or_phone_number_of_anyone_in_the_clear_or_masked(world, year_of_commitments):
    notice = notices.notice_publish(actor=world.user("office"), notice=_draft(world))
    body = Client().get(f"/gs/{notice.slug}/").content.decode()
    planted = set(ID_NUMBERS) | set(PHONES) | {p.phone for p in Person.objects.unscoped("test") if p.phone}
    for value in planted:
        assert value not in body and value not in _digits(body), value
    assert "*" * 4 not in body and not re.search(r"\d\*{3,}|\*{3,}\d", body)  # no masked placeholder either
    assert SECRET_NOTE not in body and "已按要求完成" not in body  # no internal notes
    assert "通车验收，联系人电话〔已隐去〕" in body  # the standard itself stays, scrubbed
    assert "village之人" in body  # a cadre's name is public (the task's 责任人)
    preview = world_client(world, "office").get(f"/notices/{notice.pk}/").content.decode()
    assert "正文中有 2 处手机号码或身份证号码，公示时已隐去" in preview


def world_client(world, role):
    from luoshi.org.testing import client_for

    return client_for(world, role)


@pytest.mark.parametrize("text, hidden", [
    ("电话13812345678", 1), ("电话 138-1234-5678 或 +86 139 0000 1111", 2), ("身份证37083019900202456X", 1),
    ("老身份证370830880101123", 1), ("138****5678", 1), ("370830********1234", 1),
    ("硬化道路 1.2 公里，投资 120 万元", 0), ("2026年10月31日前", 0), ("办公电话 0538-8123456", 0),
])
def test_scrub_takes_out_personal_numbers_and_leaves_quantities(text, hidden):
    clean, n = notice_content.scrub(text)
    assert n == hidden, clean
    if hidden:
        assert "〔已隐去〕" in clean and not re.search(r"\d{11}|\*{3}", _digits(clean))
    else:
        assert clean == text


def test_a_plans_targets_notice_shows_each_top_level_target_with_its_actual(world):
    office = world.user("office")
    plan = make_plan(world, timezone.localdate().year)
    plans.plan_deploy(actor=office, plan=plan)
    target = plans.indicator_create(actor=office, plan=plan, name="新上亿元项目", unit=world.unit("township"),
                                    measure="个", target=Decimal(5))
    plans.indicator_create(actor=office, plan=plan, name="路村分解", unit=world.unit("village"), measure="个",
                           target=Decimal(2), parent=target)
    notice = _draft(world, kind="targets", plan=plan, title="目标任务公示")
    notices.notice_publish(actor=office, notice=notice)
    body = Client().get(f"/gs/{notice.slug}/").content.decode()
    assert "新上亿元项目" in body and "确保 5个" in body and "路村分解" not in body
    assert "共 1 项目标任务" in body


def test_only_the_office_publishes_and_only_its_own_townships_notices(world, year_of_commitments, client_as):
    notice = _draft(world)
    for role in ("leader", "village", "department", "cadre"):
        assert client_as(role).post(f"/notices/{notice.pk}/publish/").status_code in (403, 404), role
        with pytest.raises(NotAllowed):
            notices.notice_publish(actor=world.user(role), notice=notice)
    assert client_as("outsider").post(f"/notices/{notice.pk}/publish/").status_code == 404
    assert client_as("outsider").post(f"/notices/{notice.pk}/withdraw/").status_code == 404
    assert client_as("outsider").get(f"/notices/{notice.pk}/").status_code == 404
    with pytest.raises(OutOfScope):  # another township's office cannot publish 路村's commitments
        notices.notice_create(actor=world.user("outsider"), kind="commitments", title="x", year=2026,
                              village=world.unit("village"), expires_on=timezone.localdate())
    assert client_as("village").post("/notices/", {"kind": "commitments", "title": "x"}).status_code == 403
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFT


def test_the_office_drafts_on_the_page_previews_and_publishes(world, year_of_commitments, client_as):
    office = client_as("office")
    response = office.post("/notices/", {"kind": "commitments", "title": "路村实事承诺公示", "year": timezone.localdate().year,
                                         "village": world.unit("village").pk,
                                         "expires_on": (timezone.localdate() + dt.timedelta(days=15)).isoformat(),
                                         "foreword": "接受群众监督。"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    notice = PublicNotice.objects.visible_to(world.user("office")).get()
    preview = office.get(response.url).content.decode()
    assert "为民实事1" in preview and "尚未发布（预览）" in preview and f"/gs/{notice.slug}/" not in preview
    office.post(f"/notices/{notice.pk}/publish/")
    page = office.get(f"/notices/{notice.pk}/").content.decode()
    assert f"http://testserver/gs/{notice.slug}/" in page
    assert f"/gs/{notice.slug}/" in office.get("/notices/").content.decode()
    bad = office.post("/notices/", {"kind": "commitments", "title": "x", "year": 2026,
                                    "expires_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat()})
    assert bad.status_code == 400 and "公示截止日期应在今天到一年之内" in bad.content.decode()


PAGES = {
    "/notices/": [302, 200, 200, 403, 403, 403, 403, 200],
    "/notices/{notice}/": [302, 200, 200, 403, 403, 403, 403, 404],
}


@pytest.mark.parametrize("page", PAGES)
def test_page_status_for_every_role(world, page):
    from luoshi.org.testing import ROLES, client_for

    notice = _draft(world)
    got = [client_for(world, role).get(page.format(notice=notice.pk)).status_code for role in ROLES]
    assert got == PAGES[page]


def test_the_public_page_reads_in_a_fixed_number_of_queries(world, year_of_commitments, django_assert_max_num_queries):
    notice = notices.notice_publish(actor=world.user("office"), notice=_draft(world))
    anonymous = Client()
    with django_assert_max_num_queries(3):  # the notice, its commitments with their tasks and 责任人
        assert anonymous.get(f"/gs/{notice.slug}/").status_code == 200
    commitments_of_village(world, year_of_commitments["plan"], count=4, done=2)
    with django_assert_max_num_queries(3):
        body = anonymous.get(f"/gs/{notice.slug}/").content.decode()
    assert "共 7 件实事承诺，已兑现 3 件" in body


def test_the_office_extends_a_notice_being_shown_and_an_unchanged_save_writes_nothing(world, client_as):
    notice = notices.notice_publish(actor=world.user("office"), notice=_draft(world, foreword="第一行\n第二行"))
    office = client_as("office")
    entries = AuditEntry.objects.unscoped("test").filter(object_type="reports.publicnotice")
    count = entries.count()
    form = {"title": notice.title, "foreword": "第一行\r\n第二行", "expires_on": notice.expires_on.isoformat(),
            "version": notice.version}
    assert office.post(f"/notices/{notice.pk}/", form).status_code == 302
    assert entries.count() == count  # the browser's CRLF and the same values: nothing changed
    later = notice.expires_on + dt.timedelta(days=10)
    assert office.post(f"/notices/{notice.pk}/", form | {"expires_on": later.isoformat()}).status_code == 302
    notice.refresh_from_db()
    assert notice.expires_on == later and entries.count() == count + 1
    stale = office.post(f"/notices/{notice.pk}/", form | {"title": "改标题"})  # read before the extension
    assert stale.status_code in (400, 409)
    assert client_as("leader").post(f"/notices/{notice.pk}/", form | {"title": "领导改"}).status_code == 302
    notices.notice_withdraw(actor=world.user("office"), notice=notice)
    with pytest.raises(ServiceError):
        notices.notice_update(actor=world.user("office"), notice=notice, version=notice.version + 1, title="再改")
    notice.refresh_from_db()
    assert notice.title == "2026年为民实事承诺公示"
