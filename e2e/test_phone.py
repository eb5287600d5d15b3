"""Every role on a 375-px phone: from the home page and the menu, follow the links the pages offer
(one page of each kind is opened in the browser, every other link is fetched) and require that no
page overflows the screen sideways, no link leads to an error (a village secretary's breadcrumb
must not point at the township's plan), every field has a label and every button is big enough to tap."""

import datetime as dt
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils import timezone

from e2e.conftest import CHECK, login, new_page
from luoshi.dispatch import services as dispatch
from luoshi.dispatch.tests.factories import make_roll_call
from luoshi.org.testing import PASSWORD
from luoshi.plans import services as plans
from luoshi.progress import services as progress
from luoshi.progress.tests.factories import make_task
from luoshi.supervision import services as supervision
from luoshi.supervision.tests.factories import problem_in

PHONE = {"width": 375, "height": 740}
ROLES = ["leader", "office", "department", "village", "cadre", "discipline"]
# Files, the API and logging out are not pages; everything else a link points at is.
NOT_A_PAGE = re.compile(r"/accounts/logout/|\.xlsx|/download/|/bulletin/|/attachments/|/api/")
MAX_LINKS = 480  # every register adds a list, a form and an import page to the walk (帮扶户, 应急值守: six)

# The pages each role must reach by tapping (path patterns, ids as N): what the walk has to cover.
MUST_REACH = {
    "leader": {"/", "/plans/N/", "/plans/N/battle-map/", "/tasks/", "/tasks/N/", "/supervision/", "/urges/N/",
               "/inspections/N/", "/dispatch/", "/org/units/"},
    "office": {"/", "/plans/N/", "/plans/N/battle-map/", "/tasks/N/", "/tasks/N/split/", "/tasks/N/urge/",
               "/urges/N/", "/urges/N/print/", "/inspections/N/", "/problems/N/", "/dispatch/N/",
               "/dispatch/rounds/N/", "/ledgers/problems/", "/ledgers/problems/new/",
               "/ledgers/problems/import/", "/org/units/N/", "/org/people/N/", "/org/users/N/", "/audit/",
               "/audit/N/", "/jobs/", "/deliveries/", "/notifications/", "/org/sessions/"},
    "department": {"/", "/tasks/", "/tasks/N/", "/ledgers/", "/notifications/"},
    "village": {"/", "/tasks/mine/", "/tasks/N/", "/tasks/N/report/", "/tasks/N/progress/", "/urges/N/",
                "/ledgers/problems/", "/ledgers/problems/new/", "/notifications/"},
    "cadre": {"/", "/tasks/N/", "/tasks/N/report/", "/notifications/", "/org/people/N/"},
    "discipline": {"/", "/plans/N/", "/plans/N/battle-map/", "/tasks/", "/tasks/N/", "/ledgers/problems/"},
}



def _township(world):
    """One of each object a phone user opens: a plan whose task is split to two villages (the
    village signs, reports, is urged and inspected), a roll call with an open round, a problem."""
    office, village = world.user("office"), world.user("village")
    roll_call = make_roll_call(world)  # a village task, a neighbour village's, and the aid cadre's own
    plan = roll_call.tasks[0].plan
    parent = make_task(world, plan, unit="department", title="建设村公共卫生厕所", deploy=False)
    child = plans.task_split(actor=office, task=parent, units=[world.unit("village"),
                                                                world.unit("other_village_same_township")])[0]
    plans.task_deploy(actor=office, task=parent)  # the parts go out with it
    plans.task_sign(actor=village, task=child)
    # 我的任务 offers 上报 once a task is signed (签收 before it): the aid cadre has signed their own
    plans.task_sign(actor=world.user("cadre"), task=roll_call.tasks[2])
    progress.report_submit(actor=village, task=child, text="主体完工，配套设施施工中", percent=60,
                           difficulties="施工用地协调慢")
    supervision.urge_issue(actor=office, task=child, colour="red", message="请说明滞后原因")
    supervision.inspection_create(actor=office, date=timezone.localdate() - dt.timedelta(days=1), task=child,
                                  findings=["施工现场无安全围挡"], summary="现场查看")
    problem_in(world, "rectifying")
    dispatch.round_open(actor=office, dispatch=roll_call.dispatch)


def _pattern(url: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/N", urlsplit(url).path)


def _links(page, site: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(page.url, href).split("#")[0]
        if url.startswith(site) and not NOT_A_PAGE.search(url):
            found.append(url)
    return found


def _walk(page, site: str) -> tuple[set[str], list[str]]:
    """Breadth-first over the links the pages offer: render one page of each kind, fetch the rest."""
    rendered, seen, problems = set(), set(), []
    queue = deque([f"{site}/"])
    while queue and len(seen) < MAX_LINKS:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        pattern, where = _pattern(url), url.removeprefix(site)
        if pattern in rendered:
            status = page.request.get(url).status
            if status >= 400:
                problems.append(f"{where}: HTTP {status}")
            continue
        response = page.goto(url)
        if response.status >= 400:
            problems.append(f"{where}: HTTP {response.status}")
            continue
        rendered.add(pattern)
        found = page.evaluate(CHECK)
        if found["wide"] > 0:
            problems.append(f"{where}: {found['wide']} px wider than the phone")
        problems += [f"{where}: button or field shorter than a finger: {s}" for s in found["small"]]
        problems += [f"{where}: field without a label: {name}" for name in found["unlabelled"]]
        queue.extend(link for link in _links(page, site) if link not in seen)
    return rendered, problems


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_can_tap_to_fits_a_phone_and_opens_without_error(browser, site, world, role):
    _township(world)
    page = new_page(browser, PHONE)
    login(page, site, role, PASSWORD)
    rendered, problems = _walk(page, site)
    page.context.close()
    assert not problems, "\n".join(problems)
    assert not MUST_REACH[role] - rendered, f"{role} could not reach {sorted(MUST_REACH[role] - rendered)}"
