"""A person's full phone or ID number is shown for a reason, through the same audited reveal as every
register's record (core.personal.reveal): who, whose, which field and why."""

import pytest

from luoshi.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_a_person_s_number_is_revealed_for_a_reason_and_the_log_keeps_it(world, client_as):
    person = world.user("village").person
    client = client_as("office")
    url = f"/org/people/{person.pk}/reveal/phone/"
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "通知参会"})
    assert response.status_code == 200 and "13812345678" in response.content.decode()
    entry = AuditEntry.objects.unscoped("t").get(action=AuditAction.READ_PERSONAL)
    assert (entry.object_id, entry.after) == (str(person.pk), {"field": "phone", "reason": "通知参会"})
    assert "理由：通知参会" in entry.message
    assert client_as("village").post(url, {"reason": "看看"}).status_code == 403
    page = client_as("office").get(f"/org/people/{person.pk}/").content.decode()
    assert "13812345678" not in page and 'name="reason"' in page
