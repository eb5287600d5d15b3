"""帮扶户 as people use them: a 帮扶干部 on a 375-px phone opens their household, records a visit with
two photos, finds the housing unsafe and turns it into a problem in the same step, then follows it to
the problem list; the office reveals a head's ID number for a reason, once, and the log says why.
Set LUOSHI_SCREENSHOTS to a folder to keep a screenshot of each page."""


from e2e.conftest import login, misfits, new_page, shot
from luoshi.core.models import AuditAction, AuditEntry
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.testing import PASSWORD
from luoshi.people.models import Visit, VisitCheck
from luoshi.people.tests.factories import HEAD_ID, household, member
from luoshi.progress.tests.factories import jpeg_bytes
from luoshi.supervision.models import Problem

PHONE = {"width": 375, "height": 740}


def _fits(page, where: str) -> None:
    problems = misfits(page, where)
    assert not problems, "\n".join(problems)


def test_a_cadre_records_a_visit_with_photos_and_a_failed_item_becomes_a_problem(browser, site, world):
    h = household(world)
    member(world, h)
    rc = make_roll_call(world)  # the cadre is called Mon/Wed/Fri on their 两不愁三保障回头看 task
    page = new_page(browser, PHONE)
    login(page, site, "cadre", PASSWORD)
    page.goto(f"{site}/people/households/")
    _fits(page, "the list")
    assert HEAD_ID not in page.content()
    shot(page, "people-list")
    page.click(f"a[href='/people/households/{h.pk}/']")
    _fits(page, "the household")
    assert HEAD_ID not in page.content() and "370830********1235" in page.content()
    shot(page, "people-household")
    page.click("[data-visit-new]")
    _fits(page, "the visit form")
    page.check("input[name=housing_passed][value='0']")
    page.fill("input[name=housing_note]", "东屋墙体开裂，雨季有倒塌风险")
    page.check("input[name=housing_problem]")
    page.fill("textarea[name=note]", "入户了解收入和用药情况")
    page.set_input_files("#id_photos", [
        {"name": "东屋.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
        {"name": "院子.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(color="blue")}])
    shot(page, "people-visit-form")
    page.click("[data-visit-form] button[type=submit]")
    page.wait_for_selector("[data-checks]")
    _fits(page, "the visit")
    shot(page, "people-visit")
    visit = Visit.objects.unscoped("test").get()
    check = VisitCheck.objects.get(visit=visit, item="housing")
    assert check.problem_id and page.locator("[data-photos] img").count() == 2
    assert visit.report.task_id == rc.tasks[2].pk  # the visit is the cadre's report for the roll call
    assert page.locator("[data-check=housing][data-passed='0']").count() == 1
    page.click(f"[data-problem='{check.problem_id}']")
    page.wait_for_load_state()
    assert "住房安全不达标" in page.content()
    shot(page, "people-problem")
    problem = Problem.objects.unscoped("test").get(pk=check.problem_id)
    assert (problem.owner_id, problem.lead_unit_id) == (world.user("cadre").person_id, world.unit("village").pk)


def test_the_office_reveals_an_id_number_for_a_reason(browser, site, world):
    h = household(world)
    page = new_page(browser, PHONE)
    login(page, site, "office", PASSWORD)
    page.goto(f"{site}/people/households/{h.pk}/")
    assert HEAD_ID not in page.content()
    page.click("#reveal-head_id_card + details summary")
    page.fill("#reveal-head_id_card + details input[name=reason]", "核对低保申请材料")
    page.click("#reveal-head_id_card + details button[type=submit]")
    page.wait_for_selector("#reveal-head_id_card .ls-secret")
    assert page.inner_text("#reveal-head_id_card .ls-secret") == HEAD_ID
    shot(page, "people-reveal")
    entry = AuditEntry.objects.unscoped("test").filter(action=AuditAction.READ_PERSONAL).get()
    assert entry.after == {"field": "head_id_card", "reason": "核对低保申请材料"} and entry.object_id == str(h.pk)
