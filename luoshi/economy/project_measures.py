"""What the 招商引资 register counts for a plan's targets (plans.measures): registered by the app's
ready(). A project counts in the year of its 签约日期 (开工日期 for the projects started), under its
village and under the department following it.

The words are those a deployment speech writes its targets in ("确保新上亿元项目×个"): a draft
proposes the binding when a target names them, the longest word first ("千万元以上项目" is not
"亿元项目")."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luoshi.economy.models import InvestmentProject, ProjectStage
from luoshi.plans.measures import Measure, register

S = ProjectStage
SIGNED_OR_LATER = (S.SIGNED, S.STARTED, S.PRODUCING)
STARTED_OR_LATER = (S.STARTED, S.PRODUCING)
_COMMON = {"ledger": "projects", "model": InvestmentProject, "unit_paths": ("scope_path", "lead_path")}

MEASURES = (
    Measure(key="projects.yi_signed", label=_("当年签约亿元项目数"), measure="个", date_field="signed_date",  # i18n: input
            filter=Q(yi_project=True, stage__in=SIGNED_OR_LATER), words=("亿元项目", "亿元以上项目", "过亿元项目"),  # i18n: input
            help=_("计划投资 1 亿元（10000 万元）及以上、签约日期在本年度、现已签约、开工或投产的项目。"), **_COMMON),
    Measure(key="projects.qianwan_signed", label=_("当年签约千万元以上项目数"), date_field="signed_date",
            filter=Q(amount__gte=1000, stage__in=SIGNED_OR_LATER),
            measure="个", words=("千万元以上项目", "千万元项目"),  # i18n: input
            help=_("计划投资 1000 万元及以上、签约日期在本年度、现已签约、开工或投产的项目。"), **_COMMON),
    Measure(key="projects.signed", label=_("当年签约项目数"), measure="个", date_field="signed_date",  # i18n: input
            filter=Q(stage__in=SIGNED_OR_LATER), words=("签约项目", "招引项目", "引进项目"),  # i18n: input
            help=_("签约日期在本年度、现已签约、开工或投产的项目。"), **_COMMON),
    Measure(key="projects.started", label=_("当年开工项目数"), measure="个", date_field="started_date",  # i18n: input
            filter=Q(stage__in=STARTED_OR_LATER), words=("开工项目", "新开工项目"),  # i18n: input
            help=_("开工日期在本年度的项目。"), **_COMMON),
    Measure(key="projects.invested", label=_("当年开工项目完成投资（万元）"), measure="万元", date_field="started_date",  # i18n: input
            filter=Q(stage__in=STARTED_OR_LATER), value_field="invested", words=("完成投资", "到位资金"),  # i18n: input
            help=_("开工日期在本年度的项目实际完成投资之和。"), **_COMMON),
)


def connect() -> None:
    for measure in MEASURES:
        register(measure)
