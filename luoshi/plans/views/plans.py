"""Plan pages: the plan with its lines, indicators and lights, deployment, the battle map."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luoshi.core import audit
from luoshi.core.decorators import allowed
from luoshi.core.errors import ServiceError, add_to_form
from luoshi.core.htmx import is_partial, render_page
from luoshi.core.models import AuditAction
from luoshi.core.scope import get_scoped
from luoshi.org.models import Unit, UnitKind
from luoshi.plans import battle_map_page, battlemap_xlsx, plan_page, selectors, services, year_close
from luoshi.plans.forms import IndicatorBindingForm, IndicatorForm, LineForm, PlanForm, SplitIndicatorForm
from luoshi.plans.models import Indicator, Plan, PlanStatus


@allowed(Plan.policy, "view")
def plan_list(request):
    context = {"plans": selectors.plan_list(actor=request.user), "can_add": Plan.policy.allows(request.user, "add")}
    return render_page(request, "plans/plan_list.html", context)


@allowed(Plan.policy, "add")
@require_http_methods(["GET", "POST"])
def plan_create(request):
    form = PlanForm(request.POST or None, actor=request.user, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            return redirect("plans:plan_detail", pk=plan.pk)
    return render_page(request, "org/form.html", {"form": form, "title": _("新建工作计划")})


@allowed(Plan.policy, "view")
def plan_detail(request, pk: int):
    actor = request.user
    plan = selectors.plan_get(actor=actor, pk=pk)
    can_change = Plan.policy.allows(actor, "change") and plan.status != PlanStatus.ARCHIVED
    can_close_year = Plan.policy.allows(actor, "change") and plan.status != PlanStatus.DRAFT
    drafts = selectors.draft_summary(actor=actor, plan=plan)
    context = {
        "plan": plan, "lines": plan_page.line_items(selectors.plan_line_rows(actor, plan), plan),
        "indicators": plan_page.board_items(selectors.indicator_board(actor=actor, plan=plan, top=True),
                                            can_change=can_change),
        "counts": plan_page.count_rows(selectors.counts_by_line_and_light(actor=actor, plan=plan), plan),
        "unsigned": plan_page.unsigned_items(selectors.unsigned_rows(actor, plan)),
        "drafts": drafts,
        "incomplete": plan_page.incomplete_rows(drafts["incomplete"]),
        "can_change": can_change,
        "can_close_year": can_close_year,
    }
    if can_close_year:  # the 年终 panel, shown only to those who may close the year
        context |= {"later_plans": [p for p in selectors.plan_choices(actor=actor) if p.year > plan.year],
                    **year_close.unfinished_counts(plan)}  # unfinished, carried
    return render_page(request, "plans/plan_detail.html", context)


@allowed(Plan.policy, "change")
@require_POST
def plan_close_year(request, pk: int, action: str):
    """年终: archive the plan, carry its unfinished tasks into a later plan, or copy its structure as a template."""
    actor = request.user
    plan = get_scoped(actor, Plan, pk)
    try:
        if action == "archive":
            year_close.plan_archive(actor=actor, plan=plan)
            messages.success(request, _("计划已归档：只能查看、检索和导出。"))
        elif action == "carry":
            into = get_scoped(actor, Plan, request.POST.get("into") or 0)
            made = year_close.plan_carry_over(actor=actor, plan=plan, into=into)
            messages.success(request, _("已结转 %(n)d 项未完成任务（草稿）。") % {"n": len(made)})
            return redirect("plans:plan_detail", pk=into.pk)
        elif action == "copy":
            year = int(request.POST.get("year") or plan.year + 1)
            new = year_close.plan_copy_structure(actor=actor, plan=plan, year=year)
            messages.success(request, _("已复制专线和指标，生成%(year)d年计划草稿。") % {"year": year})
            return redirect("plans:plan_detail", pk=new.pk)
        else:
            raise Http404
    except (ServiceError, ValueError) as error:
        messages.error(request, getattr(error, "message", _("年度无效")))
    return redirect("plans:plan_detail", pk=plan.pk)


@allowed(Plan.policy, "deploy")
@require_POST
def plan_deploy(request, pk: int):
    plan = get_scoped(request.user, Plan, pk, action="deploy")
    result = services.plan_deploy(actor=request.user, plan=plan)
    messages.success(request, _("已部署 %(d)s 项任务；%(k)s 项要素不全，仍为草稿。") % {"d": result["deployed"],
                                                                          "k": result["drafts"]})
    return redirect("plans:plan_detail", pk=plan.pk)


@allowed(Plan.policy, "change")
@require_http_methods(["GET", "POST"])
def line_create(request, pk: int):
    plan = get_scoped(request.user, Plan, pk, action="change")
    form = LineForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data | {"sort_order": form.cleaned_data["sort_order"] or 0}
        services.line_create(actor=request.user, plan=plan, **data)
        messages.success(request, _("已新增工作专线。"))
        return redirect("plans:plan_detail", pk=plan.pk)
    return render_page(request, "org/form.html", {"form": form, "title": _("新增工作专线：%(p)s") % {"p": plan}})


@allowed(Plan.policy, "change")
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk: int):
    plan = get_scoped(request.user, Plan, pk, action="change")
    form = IndicatorForm(request.POST or None, actor=request.user, plan=plan, initial={"unit": plan.unit_id})
    if request.method == "POST" and form.is_valid():
        services.indicator_create(actor=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, _("已新增指标。"))
        return redirect("plans:plan_detail", pk=plan.pk)
    return render_page(request, "org/form.html", {"form": form, "title": _("新增指标：%(p)s") % {"p": plan}})


@allowed(Indicator.policy, "view")
def indicator_shares(request, pk: int):
    """An indicator's shares by unit: opened in place on the plan page, or as a page of its own."""
    indicator = get_scoped(request.user, Indicator, pk, related=("plan",))
    shares = selectors.indicator_shares(actor=request.user, indicator=indicator)
    return render_page(request, "plans/indicator_shares.html", {"indicator": indicator, "shares": shares},
                       partial="shares")


@allowed(Indicator.policy, "change")
@require_http_methods(["GET", "POST"])
def indicator_split(request, pk: int):
    indicator = get_scoped(request.user, Indicator, pk, action="change")
    units = Unit.objects.visible_to(request.user).filter(
        path__under=indicator.unit.path, kind__in=[UnitKind.VILLAGE, UnitKind.DEPARTMENT]).order_by("kind", "sort_order", "path")
    form = SplitIndicatorForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_split(actor=request.user, indicator=indicator, shares=form.shares())
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("指标已分解。"))
            return redirect("plans:plan_detail", pk=indicator.plan_id)
    title = _("分解指标：%(n)s（目标 %(t)s%(m)s）") % {"n": indicator.name, "t": indicator.target or _("待定"),
                                                   "m": indicator.measure}
    return render_page(request, "org/form.html", {"form": form, "title": title})


@allowed(Indicator.policy, "change")
@require_http_methods(["GET", "POST"])
def indicator_edit_binding(request, pk: int):
    """台账统计: bind a target (and its shares) to a register measure, or unbind it."""
    indicator = get_scoped(request.user, Indicator, pk, action="change")
    form = IndicatorBindingForm(request.POST or None, initial={"register_measure": indicator.register_measure})
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_bind(actor=request.user, indicator=indicator,
                                    register_measure=form.cleaned_data["register_measure"])
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("已保存完成值来源。"))
            return redirect("plans:plan_detail", pk=indicator.plan_id)
    title = _("完成值来源：%(n)s") % {"n": indicator.name}
    return render_page(request, "org/form.html", {"form": form, "title": title},
                       status=400 if request.method == "POST" else 200)


@allowed(Plan.policy, "view")
def battle_map(request, pk: int):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    cards = request.GET.get("layout") == "cards"  # the phone's cards: fetched by HTMX, or asked for without it
    context = {"plan": plan, "cards": cards, **selectors.battle_map(actor=request.user, plan=plan)}
    if not (cards and is_partial(request)):  # HTMX asking for the phone's cards gets them alone
        context["grid_rows"] = battle_map_page.grid_rows(context["groups"])
        context["indicator_items"] = battle_map_page.indicator_items(context["indicators"])
    return render_page(request, "plans/battle_map.html", context, partial="cards" if cards else None)


@allowed(Plan.policy, "view")
def battle_map_xlsx(request, pk: int):
    plan = selectors.plan_get(actor=request.user, pk=pk)
    content = battlemap_xlsx.render(plan=plan, data=selectors.battle_map(actor=request.user, plan=plan),
                                    exporter=request.user.display_name)
    audit.record(actor=request.user, action=AuditAction.EXPORT, target=audit.Target.of(plan), message=_("导出作战图"),
                 unit_path=plan.unit.path)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = _("%(title)s-作战图.xlsx") % {"title": plan.title}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)
