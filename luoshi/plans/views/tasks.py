"""Task pages: lists, my tasks, detail with its timeline, edit with a version, and the
receive → sign/return → extension steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from luoshi.core.decorators import allowed
from luoshi.core.errors import NotAllowed, ServiceError
from luoshi.core.htmx import render_page
from luoshi.core.listing import paginate
from luoshi.core.scope import get_scoped
from luoshi.core.selectors import object_history
from luoshi.ledgers import views as ledger_views
from luoshi.ledgers.registry import get_ledger
from luoshi.plans import selectors, services, task_flow
from luoshi.plans.completeness import missing_elements
from luoshi.plans.forms import DecisionForm, ExtensionForm, MilestoneForm, ReturnForm, SplitTaskForm
from luoshi.plans.models import Extension, Milestone, Plan, Task


@allowed(Task.policy, "view")
def task_list(request):
    """The one task list: the tasks ledger's (plans/ledgers.py declares its columns and filters)."""
    return ledger_views.list_page(request, get_ledger("tasks"))


@allowed(Task.policy, "report")
@require_GET
def my_tasks(request):
    """What the actor must do: sign, then report, overdue and red first (the old 上报进展 address,
    /tasks/report/, leads here)."""
    context = {"listing": paginate(request, selectors.my_tasks(actor=request.user)),
               "counts": selectors.my_task_counts(actor=request.user)}
    return render_page(request, "plans/my_tasks.html", context, partial="results")


@allowed(Task.policy, "view")
def task_detail(request, pk: int):
    actor = request.user
    task = selectors.task_get(actor=actor, pk=pk)
    children = list(selectors.task_children(actor=actor, task=task))
    steps = task_flow.available_actions(actor, task, has_parts=bool(children))
    context = {
        "task": task, "missing": missing_elements(task), "children": children,
        "steps": {t.action for t in steps},
        "extensions": selectors.task_extensions(actor=actor, task=task),
        "can": {action: Task.policy.allows(actor, action) for action in ("change", "deploy", "sign", "report",
                                                                         "extend", "decide", "urge", "check")},
        "return_form": ReturnForm(), "extension_form": ExtensionForm(), "milestone_form": MilestoneForm(),
        # The breadcrumb links only where the reader may go: a village sees its share, not the plan
        # (nor, task.parent_visible, the whole task).
        "plan_visible": Plan.policy.allows(actor, "view"),
        "carried": selectors.task_carried(actor=actor, task=task),
    }
    return render_page(request, "plans/task_detail.html", context)


@allowed(Task.policy, "view")
def task_history(request, pk: int):
    """The task's changes, loaded into its page after the page itself (or opened on its own)."""
    task = get_scoped(request.user, Task, pk)
    context = {"task": task, "history": object_history(actor=request.user, obj=task, limit=50)}
    return render_page(request, "plans/task_history.html", context, partial="history")


@login_required
def task_create(request):
    """The old address of a new task: the one task form is the engine's (the page, imports and the API
    validate through plans.forms.TaskForm)."""
    query = request.GET.urlencode()
    return redirect(reverse("ledgers:create", args=["tasks"]) + (f"?{query}" if query else ""), permanent=True)


@login_required
def task_edit(request, pk: int):
    return redirect("ledgers:edit", name="tasks", pk=pk, permanent=True)


def _act(request, pk: int, action: str, run, done: str):
    """The task actions share one shape: fetch in scope, run the service, say what happened."""
    task = get_scoped(request.user, Task, pk, action=action)
    try:
        run(task)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    # back to the list the action was taken from (我的任务 signs in place), else the task's page
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return redirect(back)
    return redirect("plans:task_detail", pk=task.pk)


@allowed(Task.policy, "deploy")
@require_POST
def task_deploy(request, pk: int):
    return _act(request, pk, "deploy", lambda t: services.task_deploy(actor=request.user, task=t),
                _("已部署，责任单位将收到通知。"))


@allowed(Task.policy, "sign")
@require_POST
def task_sign(request, pk: int):
    return _act(request, pk, "sign", lambda t: services.task_sign(actor=request.user, task=t), _("已签收。"))


@allowed(Task.policy, "sign")
@require_POST
def task_return(request, pk: int):
    form = ReturnForm(request.POST)
    reason = form.data.get("reason", "")
    return _act(request, pk, "sign", lambda t: services.task_return(actor=request.user, task=t, reason=reason),
                _("已退回，党政办将修改后重新部署。"))


# 验收, 退回办理 and 重新办理 (plans.task_flow): what each posts and what the page says after.
STEPS = {
    "accept": ("note", _("已验收，任务已办结。")),
    "send_back": ("reason", _("已退回，申请人将收到退回理由。")),
    "reopen": ("reason", _("任务已重新办理。")),
}


@require_POST
def task_step(request, pk: int, action: str):
    """One step of a task's life from its page; the service checks role, scope, state and
    maker-checker, and says in Chinese why a step is refused."""
    if not Task.policy.allows(request.user, action):
        raise NotAllowed()
    field, done = STEPS[action]
    text = request.POST.get(field, "")
    return _act(request, pk, action, lambda t: task_flow.SERVICES[action](actor=request.user, task=t,
                                                                          **{field: text}), done)


@require_POST
def milestone_step(request, pk: int, action: str):
    """完成 (the task's people, with what was done) or 核验 (the office: pass, or back with a reason)."""
    policy_action = "report" if action == "done" else "check"
    if not Task.policy.allows(request.user, policy_action):
        raise NotAllowed()
    milestone = get_scoped(request.user, Milestone, pk, action=policy_action)
    try:
        if action == "done":
            task_flow.milestone_done(actor=request.user, milestone=milestone, note=request.POST.get("note", ""))
        else:
            task_flow.milestone_check(actor=request.user, milestone=milestone, accept=request.POST.get("accept") == "1",
                                      reason=request.POST.get("reason", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已填报节点完成，待核验。") if action == "done" else _("已核验。"))
    return redirect("plans:task_detail", pk=milestone.task_id)


@allowed(Task.policy, "change")
@require_http_methods(["GET", "POST"])
def task_split(request, pk: int):
    task = get_scoped(request.user, Task, pk, action="change")
    form = SplitTaskForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        children = services.task_split(actor=request.user, task=task, units=form.cleaned_data["units"])
        messages.success(request, _("已分解为 %(n)s 项子任务。") % {"n": len(children)})
        return redirect("plans:task_detail", pk=task.pk)
    return render_page(request, "org/form.html", {"form": form, "title": _("分解任务：%(t)s") % {"t": task}})


@allowed(Task.policy, "change")
@require_POST
def milestone_add(request, pk: int):
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写节点名称和时限。"))
        return redirect("plans:task_detail", pk=pk)
    return _act(request, pk, "change", lambda t: services.milestone_add(actor=request.user, task=t,
                                                                         **form.cleaned_data), _("已添加时间节点。"))


@allowed(Task.policy, "extend")
@require_POST
def extension_request(request, pk: int):
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写申请的时限和延期理由。"))
        return redirect("plans:task_detail", pk=pk)
    return _act(request, pk, "extend", lambda t: services.extension_request(actor=request.user, task=t,
                                                                             **form.cleaned_data),
                _("延期申请已提交，等待审批。"))


@allowed(Task.policy, "decide")
@require_POST
def extension_decide(request, pk: int):
    extension = get_scoped(request.user, Extension, pk, action="decide")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.extension_decide(actor=request.user, extension=extension, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已审批。"))
    return redirect("plans:task_detail", pk=extension.task_id)
