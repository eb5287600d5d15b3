"""The operation log's search finds an entry by the words its page shows. Reads of personal data
logged long ago in English ("phone") are shown in Chinese (查看完整手机号码), so searching that
Chinese finds them beside the reads logged in Chinese since; the English they were written with
still finds them too, and the search stays within the searcher's data scope."""

import pytest
from django.test import RequestFactory

from luoshi.core import audit, selectors
from luoshi.core.models import AuditAction
from luoshi.org.testing import client_for

pytestmark = pytest.mark.django_db


def _log(world, message: str, action: str = AuditAction.READ_PERSONAL):
    person = world.user("village").person
    return audit.record(actor=world.user("office"), action=action, message=message,
                        target=audit.Target.of(person), unit_path=person.unit.path)


@pytest.fixture
def entries(world):
    """Three old English reads, one written in Chinese since, and an unrelated action saying "phone"."""
    return {message: _log(world, message) for message in ("edit form", "phone", "id_card", "查看完整手机号码")} | {
        "action phone": _log(world, "phone", AuditAction.ACTION)}


def _found(world, query: str, role: str = "office") -> set[int]:
    request = RequestFactory().get("/audit/", {"q": query, "page_size": 100})
    return {e.pk for e in selectors.audit_list(actor=world.user(role), request=request).items}


def test_searching_the_chinese_an_old_read_is_shown_in_finds_it_beside_the_reads_written_in_chinese(world, entries):
    assert _found(world, "手机号码") == {entries["phone"].pk, entries["查看完整手机号码"].pk}
    assert _found(world, "身份证") == {entries["id_card"].pk}
    assert _found(world, "编辑表单") == {entries["edit form"].pk}
    assert _found(world, "查看完整") == {entries[m].pk for m in ("phone", "id_card", "查看完整手机号码")}


def test_the_english_an_old_read_was_written_with_still_finds_it(world, entries):
    assert _found(world, "PHONE") == {entries["phone"].pk, entries["action phone"].pk}
    assert _found(world, "edit") == {entries["edit form"].pk}


def test_another_action_that_happens_to_say_phone_is_not_taken_for_a_read(world, entries):
    assert entries["action phone"].pk not in _found(world, "手机号码")


def test_a_search_for_words_no_message_shows_finds_no_old_read(world, entries):
    assert not _found(world, "导出") and _found(world, "") >= {e.pk for e in entries.values()}


def test_the_search_stays_within_the_searchers_scope(world, entries):
    assert not _found(world, "手机号码", role="outsider") & {e.pk for e in entries.values()}


def test_the_page_lists_the_old_read_found_by_its_chinese(world, entries):
    page = client_for(world, "office").get("/audit/", {"q": "手机号码"}).content.decode()
    assert page.count('<td class="ls-wrap">查看完整手机号码</td>') == 2
    assert "身份证" not in page.split("<tbody")[-1]
