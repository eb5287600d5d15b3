"""The roll call's bulletin read back with python-docx as a 公文: its title says each word once,
the issuing office and the document number head it, the office signs it with the date it was
written in Chinese, the footer numbers the pages "— 1 —" with a PAGE field, people are named
"姓名（单位）", and a township's numbers count on per year and stay with their round."""

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.db import transaction
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from luoshi.core.roles import RoleCode
from luoshi.dispatch import bulletin, issuing, services
from luoshi.dispatch.models import BulletinCounter, Dispatch, DispatchRound
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.models import RoleAssignment, Unit
from luoshi.org.testing import client_for

MONDAY = dt.date(2024, 3, 4)


@pytest.fixture
def rc(world):
    return make_roll_call(world)


def _close(world, dispatch, day: dt.date, committed) -> DispatchRound:
    """Open the schedule's round of `day` at 8:30 and close it at 10:30 that day."""
    office = world.user("office")
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 30)))
    round_ = services.round_open(actor=office, dispatch=dispatch, day=day, now=at)
    with committed():
        services.round_close(actor=office, round_=round_, now=at + dt.timedelta(hours=2))
    return DispatchRound.objects.unscoped("reading back in a test").get(pk=round_.pk)


def _docx(round_: DispatchRound):
    with round_.bulletin.open("rb") as handle:
        return Document(io.BytesIO(handle.read()))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _rename(dispatch: Dispatch, name: str) -> None:
    Dispatch.objects.unscoped("renaming in a test").filter(pk=dispatch.pk).update(name=name)


@pytest.mark.parametrize(("name", "title"), [
    ("脱贫攻坚调度点名", "脱贫攻坚调度点名通报"),
    ("一三五点名", "一三五点名通报"),
    ("扶贫干部点名调度", "扶贫干部点名调度通报"),
    ("扶贫干部一三五点名", "扶贫干部一三五点名通报"),
    ("脱贫攻坚", "脱贫攻坚调度点名通报"),
    ("项目建设调度通报", "项目建设调度通报"),
])
def test_the_title_says_each_word_once_whatever_the_schedule_is_called(name, title):
    assert bulletin.title_of(name) == title


def test_the_bulletin_reads_as_a_gongwen(world, rc, committed):
    _rename(rc.dispatch, "脱贫攻坚调度点名")
    round_ = _close(world, rc.dispatch, MONDAY, committed)
    document = _docx(round_)
    texts = _texts(document)
    assert not any("调度点名调度点名" in t for t in texts)
    # 版头: the issuing office in red, the number over a red rule; then the title
    assert texts[:3] == ["河口镇党政办公室", "〔2024〕1号", "脱贫攻坚调度点名通报"]
    head, number = document.paragraphs[0], document.paragraphs[1]
    assert {str(run.font.color.rgb) for run in head.runs} == {"FF0000"}
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    # 发文机关署名 and 成文日期 (the day it was closed), on the right
    assert texts[-2:] == ["河口镇党政办公室", "2024年3月4日"]
    assert document.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # page numbers: "— 1 —" around a PAGE field, odd pages on the right and even ones on the left
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                       WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —" and paragraph.alignment == align
        assert [i.text.strip() for i in paragraph._p.iter(qn("w:instrText"))] == ["PAGE"]
        assert [c.get(qn("w:fldCharType")) for c in paragraph._p.iter(qn("w:fldChar"))] == [
            "begin", "separate", "end"]
    assert round_.bulletin_number == "〔2024〕1号"


def test_the_download_is_named_as_the_title_with_the_day(world, rc, committed):
    _rename(rc.dispatch, "一三五点名")
    round_ = _close(world, rc.dispatch, MONDAY, committed)
    response = client_for(world, "office").get(f"/dispatch/rounds/{round_.pk}/bulletin/")
    disposition = unquote(response["Content-Disposition"])
    assert "一三五点名通报20240304.docx" in disposition and "点名调度点名" not in disposition


def test_people_are_named_with_their_unit_in_brackets_in_the_bulletin_and_on_the_round_page(world, rc, committed):
    from luoshi.progress.services import report_submit

    office = world.user("office")
    round_ = services.round_open(actor=office, dispatch=rc.dispatch)
    report_submit(actor=rc.village, task=rc.tasks[0], text="已排查", difficulties="资金未到位")
    page = client_for(world, "office").get(f"/dispatch/rounds/{round_.pk}/").content.decode()
    cadre, village = rc.cadre.person.name, rc.village.person.name
    assert f"{cadre}（经济发展办公室）" in page and f"{village}（路村）" in page
    with committed():
        services.round_close(actor=office, round_=round_)
    texts = _texts(_docx(DispatchRound.objects.unscoped("test").get(pk=round_.pk)))
    missing = texts[texts.index("一、未上报人员") + 1]
    assert f"{cadre}（经济发展办公室）" in missing and f"经济发展办公室{cadre}" not in missing
    assert f"1. {village}（路村）：资金未到位" in texts and f"{village}（路村）：【路村扶贫问题排查整改】已排查" in texts
    page = client_for(world, "office").get(f"/dispatch/rounds/{round_.pk}/").content.decode()
    assert f"{cadre}（经济发展办公室）" in page


def test_a_townships_numbers_count_on_per_year_and_a_rewritten_bulletin_keeps_its_number(world, rc, committed):
    first = _close(world, rc.dispatch, MONDAY, committed)
    second = _close(world, rc.dispatch, MONDAY + dt.timedelta(days=2), committed)
    assert (first.bulletin_number, second.bulletin_number) == ("〔2024〕1号", "〔2024〕2号")
    # a department's schedule counts with its township's, and the department issues it
    by_department = services.dispatch_create(
        actor=world.user("office"), name="经济发展调度", unit=world.unit("department"), people=[rc.cadre.person],
        tasks=[rc.tasks[2]], weekdays=[0, 2, 4])
    third = _close(world, by_department, MONDAY + dt.timedelta(days=4), committed)
    assert _texts(_docx(third))[:3] == ["河口镇经济发展办公室", "〔2024〕3号", "经济发展调度通报"]
    # a new year starts again from 1
    assert _close(world, rc.dispatch, dt.date(2025, 1, 6), committed).bulletin_number == "〔2025〕1号"

    office = world.user("office")
    old_name = first.bulletin.name
    rewritten = services.bulletin_rewrite(actor=office, round_=first)
    again = DispatchRound.objects.unscoped("test").get(pk=first.pk)
    assert again.bulletin.name != old_name == first.bulletin.name
    assert rewritten.bulletin_number == again.bulletin_number == "〔2024〕1号"
    assert _texts(_docx(again))[1] == "〔2024〕1号" and _texts(_docx(again))[-1] == "2024年3月4日"
    counter = BulletinCounter.objects.get(unit=world.unit("township"), year=2024)
    assert counter.last == 3  # writing again gave no new number


def test_another_township_counts_its_own(world, rc):
    other = Dispatch.objects.create(name="柳林镇点名", unit=world.unit("other_township"))
    ours = DispatchRound.objects.create(dispatch=rc.dispatch, date=MONDAY)
    theirs = DispatchRound.objects.create(dispatch=other, date=MONDAY)
    with transaction.atomic():
        assert (issuing.number(ours), issuing.number(theirs), issuing.number(ours)) == (
            "〔2024〕1号", "〔2024〕1号", "〔2024〕1号")
    assert DispatchRound.objects.unscoped("test").get(pk=ours.pk).number_serial == 1


def test_the_issuer_is_the_office_that_holds_the_office_role_then_one_named_so_then_the_township(world):
    township, office_dept = world.unit("township"), world.unit("office_dept")
    assert issuing.issuer_of(township) == "河口镇党政办公室"
    assert issuing.issuer_of(world.unit("department")) == "河口镇经济发展办公室"
    Unit.objects.unscoped("renaming in a test").filter(pk=office_dept.pk).update(name="综合办公室")
    assert issuing.issuer_of(township) == "河口镇综合办公室"  # where the office role's holders sit
    RoleAssignment.objects.unscoped("test").filter(role=RoleCode.OFFICE, unit=township).delete()
    assert issuing.issuer_of(township) == "河口镇"  # nobody holds the role and no 党政 office: the township
    Unit.objects.unscoped("renaming in a test").filter(pk=office_dept.pk).update(name="党政办公室")
    assert issuing.issuer_of(township) == "河口镇党政办公室"


def test_only_a_closed_round_is_written_again_and_only_by_the_office(world, rc, committed):
    closed = _close(world, rc.dispatch, MONDAY, committed)
    url = f"/dispatch/rounds/{closed.pk}/bulletin/rewrite/"
    assert client_for(world, "leader").post(url).status_code == 403
    response = client_for(world, "office").post(url, follow=True)
    assert "通报已重新生成，文号不变" in response.content.decode()
    open_ = services.round_open(actor=world.user("office"), dispatch=rc.dispatch, day=MONDAY + dt.timedelta(days=2))
    response = client_for(world, "office").post(f"/dispatch/rounds/{open_.pk}/bulletin/rewrite/", follow=True)
    assert "点名尚未结束，还没有通报" in response.content.decode()
