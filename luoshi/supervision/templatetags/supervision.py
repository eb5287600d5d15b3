"""`{% my_urges as urges %}` and `{% my_problems as problems %}`: the open supervision slips and
the problems to rectify or verify of the person viewing the page, so the home page shows them on
top with one include and no change to its view; and the supervision parts of a task's page."""

from django import template

from luoshi.plans import light_style
from luoshi.supervision.models import Problem, Urge, UrgeColour

register = template.Library()
URGE_TONES = {UrgeColour.BLUE: "primary"}  # a red or yellow slip takes the tone of the light of its name


@register.simple_tag(takes_context=True)
def my_urges(context):
    from luoshi.supervision.selectors import my_open_urges

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not Urge.policy.allows(user, "view"):
        return []
    return my_open_urges(actor=user)


@register.simple_tag(takes_context=True)
def my_problems(context):
    from luoshi.supervision.selectors import my_problems as select

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not Problem.policy.allows(user, "view"):
        return {}
    return select(actor=user)


@register.simple_tag(takes_context=True)
def inspections_visible(context) -> bool:
    """Whether the viewer reads inspections (纪委 reads the slips and problems, not the checks)."""
    from luoshi.supervision.models import Inspection

    request = context.get("request")
    return bool(request) and Inspection.policy.allows(request.user, "view")


@register.filter
def colour_class(colour: str) -> str:
    """Bootstrap's name for an urge's colour: blue → primary, red and yellow as the lights
    (`plans.light_style`)."""
    return URGE_TONES.get(colour or "") or light_style.style(colour).tone


@register.simple_tag(takes_context=True)
def task_urges(context, task):
    """The slips issued on a task, for its detail page's timeline (read within the viewer's scope)."""
    from luoshi.supervision.selectors import task_urges as select

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not Urge.policy.allows(user, "view"):
        return []
    return select(actor=user, task=task)


@register.simple_tag(takes_context=True)
def report_problem(context, task, report) -> dict:
    """What a report's difficulties are on the problem list, for its card on the task's timeline:
    {"problem_id": the problem it became (if the viewer may see it), "may_convert": whether the
    viewer may turn it into one}. Read once per task, however many reports the timeline shows."""
    from luoshi.supervision import difficulties

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not Problem.policy.allows(user, "view"):
        return {}
    known = getattr(task, "_luoshi_report_problems", None)
    if known is None:
        problems, may = difficulties.timeline_states(actor=user, task=task)
        known = {"problems": problems, "may_convert": may}
        task._luoshi_report_problems = known
    problem_id = known["problems"].get(report.pk)
    return {"problem_id": problem_id, "may_convert": known["may_convert"] and not problem_id}
