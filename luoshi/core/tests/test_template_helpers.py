"""Template helpers shared by every page: model names and old audit messages in Chinese, and empty
lists that say what to do."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from luoshi.core import audit
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.core.templatetags.luoshi import audit_message, model_name
from luoshi.org.testing import client_for


def test_an_audit_object_type_reads_as_the_models_chinese_name():
    assert model_name("org.user") == "用户"
    assert model_name("supervision.urge") == "督办单"
    assert model_name("no.such") == "no.such" and model_name("") == ""


def _empty(path: str) -> str:
    template = Template('{% include "core/_empty.html" with message="没有督办单。" hint="下发后会出现在这里。" %}')
    return template.render(Context({"request": RequestFactory().get(path)}))


def test_an_empty_list_says_what_comes_next():
    html = _empty("/urges/?page=2&page_size=50&sort=deadline")
    assert "没有督办单。" in html and "下发后会出现在这里。" in html and "清除筛选" not in html


def test_an_empty_filtered_list_offers_to_clear_the_filters():
    html = _empty("/urges/?status=open&page_size=50")
    assert 'href="/urges/"' in html and "清除筛选条件" in html and "下发后会出现在这里。" not in html


@pytest.mark.parametrize(("action", "message", "shown"), [
    (AuditAction.READ_PERSONAL, "edit form", "打开编辑表单"),
    (AuditAction.READ_PERSONAL, "phone", "查看完整手机号码"),
    (AuditAction.READ_PERSONAL, "id_card", "查看完整身份证号"),
    (AuditAction.READ_PERSONAL, "查看完整手机号码", "查看完整手机号码"),  # as written since
    (AuditAction.ACTION, "phone", "phone"),  # another action's message is its own
    (AuditAction.UPDATE, "", ""),
])
def test_an_old_english_audit_message_of_a_personal_data_read_reads_in_chinese(action, message, shown):
    assert audit_message(AuditEntry(action=action, message=message)) == shown


@pytest.mark.django_db
def test_the_audit_pages_show_old_entries_in_chinese_and_leave_them_as_written(world):
    person = world.user("village").person
    old = [audit.record(actor=world.user("office"), action=AuditAction.READ_PERSONAL, message=message,
                        target=audit.Target.of(person), unit_path=person.unit.path)
           for message in ("edit form", "phone", "id_card")]
    office = client_for(world, "office")
    listing = office.get("/audit/?action=read_personal").content.decode()
    for shown in ("打开编辑表单", "查看完整手机号码", "查看完整身份证号"):
        assert f'<td class="ls-wrap">{shown}</td>' in listing
    assert '<td class="ls-wrap">phone</td>' not in listing
    detail = office.get(f"/audit/{old[2].pk}/").content.decode()
    assert '<dd class="col-8 col-md-10">查看完整身份证号</dd>' in detail
    stored = AuditEntry.objects.unscoped("reading back in a test").filter(pk__in=[e.pk for e in old])
    assert sorted(stored.values_list("message", flat=True)) == ["edit form", "id_card", "phone"]
    assert audit.verify_chain().ok
