"""Navigation by role: each person sees the entries their roles may use, nothing else.

The menu spans every app, so it lives beside the URL configuration rather than in one of them."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from luoshi.assessment.models import STATISTICS_POLICY
from luoshi.core.markup import escape
from luoshi.core.models import AuditEntry, JobRun
from luoshi.core.permissions import Policy
from luoshi.dispatch.models import Dispatch
from luoshi.economy.models import CollectiveIncome
from luoshi.emergency.models import Emergency
from luoshi.ledgers.registry import ANY_LEDGER
from luoshi.notify.models import Delivery, Notification
from luoshi.org.models import ApiToken, LoginSession, Person, Unit, User
from luoshi.party.models import DisciplineCase, PartyPath
from luoshi.people.models import Household
from luoshi.plans.models import Plan, Task
from luoshi.reports.models import Bulletin, PublicNotice, ScreenLink
from luoshi.supervision.models import Problem

# 纪委 alone has the 纪检 entry (a person it names on a case reaches that case by its link): the
# role's table, without asking the database on every page whether the user is named on a case
DISCIPLINE_MENU = Policy.of(view=DisciplineCase.KEEPERS)

REGISTERS = "registers"  # the group shown as the 台账 dropdown
# (label, url name, icon, policy, action[, group]): the menu is the permission table, not a template guess.
# The registers sit under one 台账 dropdown (REGISTERS) and ADMIN entries under 系统管理, so the bar fits a
# desktop line.
MENU = (
    (_("首页"), "home", "house", None, None),
    (_("通知"), "notify:list", "bell", Notification.policy, "view"),
    (_("我的任务"), "plans:my_tasks", "check2-square", Task.policy, "report"),
    (_("任务"), "plans:task_list", "list-task", Task.policy, "view"),
    (_("工作计划"), "plans:plan_list", "journal-bookmark", Plan.policy, "view"),
    (_("单位"), "org:unit_list", "diagram-3", Unit.policy, "view"),
    (_("人员"), "org:person_list", "people", Person.policy, "view"),
    (_("全部台账"), "ledgers:index", "table", ANY_LEDGER, "view", REGISTERS),
    (_("经济"), "economy:index", "graph-up-arrow", CollectiveIncome.policy, "view", REGISTERS),
    (_("帮扶户"), "people:households", "house-heart", Household.policy, "view", REGISTERS),
    (_("应急值守"), "emergency:index", "exclamation-octagon", Emergency.policy, "view", REGISTERS),
    (_("督查"), "supervision:index", "binoculars", Problem.policy, "view"),
    (_("调度点名"), "dispatch:list", "megaphone", Dispatch.policy, "view"),
    (_("考核"), "assessment:unit_index", "bar-chart", STATISTICS_POLICY, "view"),
    (_("通报"), "reports:bulletin_list", "file-earmark-text", Bulletin.policy, "view"),
    (_("党建"), "party:index", "flag", PartyPath.policy, "view", REGISTERS),
    (_("纪检"), "party:discipline", "shield-lock", DISCIPLINE_MENU, "view", REGISTERS),
)
ADMIN = (
    (_("用户"), "org:user_list", "person-badge", User.policy, "view"),
    (_("在线会话"), "org:session_list", "broadcast", LoginSession.policy, "view"),
    (_("API 令牌"), "org:token_admin", "key", ApiToken.policy, "view"),
    (_("操作日志"), "core:audit_list", "journal-text", AuditEntry.policy, "view"),
    (_("后台任务"), "core:job_list", "gear", JobRun.policy, "monitor"),
    (_("外发记录"), "notify:delivery_list", "send", Delivery.policy, "view"),
    (_("会议室大屏"), "reports:screen_links", "display", ScreenLink.policy, "view"),
    (_("公示"), "reports:notice_list", "megaphone-fill", PublicNotice.policy, "publish"),
)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = _items(request, user, MENU)
    registers, admin = [item for item in items if item["group"] == REGISTERS], _items(request, user, ADMIN)
    # the bar's markup, built only when a whole page renders it (a fragment for htmx does not)
    return {"nav_items": items, "nav_registers": registers, "nav_admin": admin,
            "nav_menu": lambda: menu_markup(items, registers, admin)}


def menu_markup(items: list[dict], registers: list[dict], admin: list[dict]) -> SafeString:
    """The entries of the bar (base.html), as its template loops wrote them, with f-strings of escaped
    parts: on every page, its thirty entries' tags and variables cost more than building them here."""
    out = [f'\n          <li class="nav-item"><a class="nav-link{_active(item)}" href="{escape(item["url"])}">'
           f'{_icon(item)}</a></li>\n          ' for item in items if not item["group"]]
    out.append("\n          ")
    if registers:
        out.append(_dropdown(registers, "table", _("台账"), wrap=True))
    out.append("\n          ")
    if admin:
        out.append(_dropdown(admin, "sliders", _("系统管理"), wrap=False))
    return mark_safe("".join(out))  # every part escaped


def _dropdown(entries: list[dict], icon: str, label: str, *, wrap: bool) -> str:
    """A group of the bar (台账, 系统管理): its toggle, lit when one of its entries is, and its entries."""
    lit = " active" if any(item["active"] for item in entries) else ""
    toggle, entry = ('"\n              href="#"', '"\n              href=') if wrap else ('" href="#"', '" href=')
    links = "".join(f'<li><a class="dropdown-item{_active(item)}{entry}"{escape(item["url"])}">{_icon(item)}</a></li>'
                    for item in entries)
    return (f'\n          <li class="nav-item dropdown">\n            <a class="nav-link dropdown-toggle{lit}{toggle} '
            f'role="button" data-bs-toggle="dropdown" aria-expanded="false"><i class="bi bi-{icon}"></i> '
            f'{escape(label)}</a>\n            <ul class="dropdown-menu">{links}</ul>\n          </li>\n          ')


def _active(item: dict) -> str:
    return " active" if item["active"] else ""


def _icon(item: dict) -> str:
    return f'<i class="bi bi-{escape(item["icon"])}"></i> {escape(item["label"])}'


def _items(request, user, entries) -> list[dict]:
    items = []
    for label, name, icon, policy, action, *group in entries:
        if policy is None or policy.allows(user, action):
            url = _url(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
            items.append({"label": label, "url": url, "icon": icon, "active": _is_active(request.path, url),
                          "group": group[0] if group else None})
    lit = [item for item in items if item["active"]]
    if len(lit) > 1:  # the closest entry alone: on 我的任务 (/tasks/mine/), not 任务 (/tasks/) as well
        closest = max(lit, key=lambda item: len(item["url"]))
        for item in lit:
            item["active"] = item is closest
    return items


@functools.lru_cache(maxsize=64)
def _url(name: str, prefix: str, urlconf: str) -> str:
    """The menu is on every page and its addresses never change while the process runs; the
    key holds what reverse() reads besides the name."""
    return reverse(name)


def _is_active(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
