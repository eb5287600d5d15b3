"""Who hears what on the problem list: the owner when a problem is assigned to them, the checkers
when a close is asked (never the asker), the fixer when it is sent back, the issuer when a slip is
answered; and each notice closes once what it asks is done."""

import pytest

from luoshi.notify.models import Delivery, Notification
from luoshi.supervision import notices, services
from luoshi.supervision.tests.factories import make_problem, make_task, person, problem_in

pytestmark = pytest.mark.django_db


def _open(user, kind: str) -> list[Notification]:
    return list(Notification.objects.unscoped("test").filter(recipient=user, kind=kind, resolved_at__isnull=True))


def _told(world, kind: str) -> set[str]:
    """The personas with an open notice of `kind`."""
    return {key for key in ("leader", "office", "department", "village", "cadre", "discipline", "outsider")
            if _open(world.user(key), kind)}


def test_the_owner_is_told_when_a_problem_is_assigned_to_them_with_a_link_to_it(world):
    problem = problem_in(world, "assigned")
    (notice,) = _open(world.user("village"), notices.ASSIGNED)
    assert notice.link == f"/problems/{problem.pk}/" and notice.target == f"problem:{problem.pk}"
    assert problem.title in notice.body and _told(world, notices.ASSIGNED) == {"village"}


def test_the_assigned_problem_is_on_the_owners_home_page_and_their_notices(world, client_as):
    problem = problem_in(world, "assigned")
    home = client_as("village").get("/").content.decode()
    assert "data-my-problems" in home and f'href="/problems/{problem.pk}/"' in home and "问题已交办给您" in home
    assert "data-my-problems" not in client_as("office").get("/").content.decode()


def test_starting_the_rectification_closes_the_assignment_notice(world):
    problem = problem_in(world, "assigned")
    services.problem_start(actor=world.user("village"), problem=problem)
    assert _told(world, notices.ASSIGNED) == set()


def test_assigning_again_moves_the_notice_to_the_new_owner(world):
    problem = problem_in(world, "assigned")
    services.problem_assign(actor=world.user("office"), problem=problem, owner=person(world, "cadre"))
    assert _told(world, notices.ASSIGNED) == {"cadre"}


def test_the_checkers_are_told_when_a_close_is_asked_and_never_the_asker(world):
    problem = problem_in(world, "closing", requester="village")
    assert _told(world, notices.CLOSING) == {"office"}  # the township's office verifies a village's problem
    (notice,) = _open(world.user("office"), notices.CLOSING)
    assert notice.link == f"/problems/{problem.pk}/" and "village之人" in notice.body


def test_a_department_problem_asks_its_department_and_the_office(world):
    problem = make_problem(world, unit="department")
    office = world.user("office")
    services.problem_assign(actor=office, problem=problem, owner=person(world, "cadre"))
    services.problem_start(actor=world.user("cadre"), problem=problem)
    services.problem_request_close(actor=world.user("cadre"), problem=problem, evidence="已整改")
    assert _told(world, notices.CLOSING) == {"office", "department"}


def test_leaders_are_asked_only_when_no_office_or_department_checker_is_left(world):
    problem_in(world, "closing", requester="office")
    assert _told(world, notices.CLOSING) == {"leader"}


def test_the_checkers_see_the_close_on_their_home_page_but_the_asker_does_not(world, client_as):
    problem = problem_in(world, "closing", requester="village")
    page = client_as("leader").get("/").content.decode()
    assert "data-check-problems" in page and f'href="/problems/{problem.pk}/"' in page
    assert "data-check-problems" not in client_as("village").get("/").content.decode()


def test_verifying_the_close_closes_the_checkers_notices(world):
    problem = problem_in(world, "closing")
    services.problem_close(actor=world.user("office"), problem=problem)
    assert _told(world, notices.CLOSING) == set()


def test_a_send_back_closes_the_checkers_notices_and_tells_the_owner_until_they_ask_again(world):
    problem = problem_in(world, "returned")
    assert _told(world, notices.CLOSING) == set() and _told(world, notices.RETURNED) == {"village"}
    (notice,) = _open(world.user("village"), notices.RETURNED)
    assert "照片不清楚" in notice.body
    services.problem_request_close(actor=world.user("village"), problem=problem, evidence="补拍照片")
    assert _told(world, notices.RETURNED) == set() and _told(world, notices.CLOSING) == {"office"}


def test_a_second_close_request_the_same_day_asks_the_checkers_again(world):
    problem = problem_in(world, "returned")
    services.problem_request_close(actor=world.user("village"), problem=problem, evidence="补拍照片")
    asked = Notification.objects.unscoped("test").filter(recipient=world.user("office"), kind=notices.CLOSING)
    assert asked.count() == 2


def test_a_deleted_problem_asks_nothing_any_more(world):
    problem = problem_in(world, "closing")
    services.problem_delete(actor=world.user("office"), problem=problem)
    assert _told(world, notices.CLOSING) == set() and _told(world, notices.ASSIGNED) == set()


def test_the_notices_go_out_on_the_configured_channels_too(world, settings):
    settings.LUOSHI_NOTIFY_CHANNELS = ["wecom"]
    problem = problem_in(world, "closing")
    sent = Delivery.objects.unscoped("test").filter(channel="wecom")
    assert set(sent.filter(kind=notices.ASSIGNED).values_list("recipient", flat=True)) == {world.user("village").pk}
    assert set(sent.filter(kind=notices.CLOSING).values_list("recipient", flat=True)) == {world.user("office").pk}
    assert all(f"/problems/{problem.pk}/" in d.link for d in sent)


def test_the_issuer_is_told_when_a_slip_is_answered(world):
    urge = services.urge_issue(actor=world.user("office"), task=make_task(world))
    assert not _open(world.user("office"), notices.URGE_ANSWERED)
    services.urge_answer(actor=world.user("village"), urge=urge, answer="已上报进展")
    (notice,) = _open(world.user("office"), notices.URGE_ANSWERED)
    assert notice.link == f"/urges/{urge.pk}/" and "已上报进展" in notice.body and urge.number in notice.body
    assert _told(world, notices.URGE_ANSWERED) == {"office"}


def test_an_issuer_who_answers_their_own_slip_is_not_told_of_it(world):
    urge = services.urge_issue(actor=world.user("office"), task=make_task(world, owner="office"))
    services.urge_answer(actor=world.user("office"), urge=urge, answer="已办")
    assert _told(world, notices.URGE_ANSWERED) == set()


def test_a_notice_that_cannot_be_written_does_not_fail_the_step(world, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("notify is down")

    monkeypatch.setattr("luoshi.notify.services.notify", broken)
    problem = problem_in(world, "closing")
    assert problem.status == "closing" and not Notification.objects.unscoped("test").exists()
