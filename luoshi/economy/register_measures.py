"""What the registers other than 招商引资 count for a plan's targets (plans.measures), registered by the
app's ready(). Their rows are written through the ledger engine, which tells plans.measures after
every write (ledgers.writes.records_written); a step outside the engine (a co-operative's operation
judged) calls `measures.rows_changed` itself.

The words are a deployment speech's ("培育县级农民专业合作社×家", "村级集体经济收入"): a draft proposes
the binding when a target names them, the longest word first."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luoshi.economy.models import (
    CollectiveIncome,
    CoopOperation,
    Enterprise,
    EnterpriseStatus,
    FarmEntity,
    FarmKind,
    FarmLevel,
    OperationStatus,
    TalentEngagement,
    TrainingClass,
)
from luoshi.plans.measures import Measure, register

_AT_COUNTY_OR_ABOVE = (FarmLevel.COUNTY, FarmLevel.CITY, FarmLevel.PROVINCE)
_AT_CITY_OR_ABOVE = (FarmLevel.CITY, FarmLevel.PROVINCE)
_PATH = {"unit_paths": ("scope_path",)}

MEASURES = (
    Measure(key="income.total", label=_("村级集体经济收入（万元）"), ledger="collective-income", model=CollectiveIncome,
            date_field="received_on", year_field="year", value_field="amount", unit_field="village",
            measure="万元", words=("集体经济收入", "村级集体收入", "集体收入", "村集体经济收入"),  # i18n: input
            help=_("本年度登记的各项集体收入（发包、入股分红、服务、资产租赁等）之和。"), **_PATH),
    Measure(key="farms.county_coops", label=_("当年认定县级及以上示范合作社数"), ledger="farms", model=FarmEntity,
            date_field="certified_on", unit_field="village", measure="家",  # i18n: input
            filter=Q(kind=FarmKind.COOPERATIVE, level__in=_AT_COUNTY_OR_ABOVE),
            words=("县级农民专业合作社", "县级合作社", "县级示范社", "示范合作社"),  # i18n: input
            help=_("认定日期在本年度、现为县级及以上示范的农民专业合作社。"), **_PATH),
    Measure(key="farms.county_family_farms", label=_("当年认定县级及以上示范家庭农场数"), ledger="farms",
            model=FarmEntity, date_field="certified_on", unit_field="village", measure="家",  # i18n: input
            filter=Q(kind=FarmKind.FAMILY_FARM, level__in=_AT_COUNTY_OR_ABOVE),
            words=("县级家庭农场", "县级示范家庭农场"),  # i18n: input
            help=_("认定日期在本年度、现为县级及以上示范的家庭农场。"), **_PATH),
    Measure(key="farms.city_family_farms", label=_("当年认定市级及以上示范家庭农场数"), ledger="farms",
            model=FarmEntity, date_field="certified_on", unit_field="village", measure="家",  # i18n: input
            filter=Q(kind=FarmKind.FAMILY_FARM, level__in=_AT_CITY_OR_ABOVE),
            words=("市级家庭农场", "市级示范家庭农场"),  # i18n: input
            help=_("认定日期在本年度、现为市级及以上示范的家庭农场。"), **_PATH),
    Measure(key="coops.operating", label=_("实质化运营的村合作社数"), ledger="coop-operations", model=CoopOperation,
            date_field="judged_at", year_field="year", unit_field="village", measure="个",  # i18n: input
            filter=Q(status=OperationStatus.OPERATING), words=("实质化运营", "实体化运营"),  # i18n: input
            help=_("本年度经镇认定为实质化运营的村合作社。"), **_PATH),
    Measure(key="enterprises.full", label=_("当年复工达产的企业数"), ledger="enterprises", model=Enterprise,
            date_field="status_date", unit_field="unit", filter=Q(status=EnterpriseStatus.FULL),
            measure="家",  # i18n: input
            words=("复工达产", "达产企业"), help=_("状态为已达产、达产日期在本年度的企业。"), **_PATH),  # i18n: input
    Measure(key="talents.engaged", label=_("当年引进人才数（含柔性引进）"), ledger="talent-engagements",
            model=TalentEngagement, date_field="starts_on", unit_field="unit", measure="人",  # i18n: input
            words=("引进人才", "柔性引进", "招才引智"), help=_("引进时间在本年度的全职和柔性引进人才。"), **_PATH),  # i18n: input
    Measure(key="talents.classes", label=_("当年开班的订单式培养班数"), ledger="training-classes", model=TrainingClass,
            date_field="starts_on", unit_field="unit", measure="个", words=("订单式培养", "订单班"),  # i18n: input
            help=_("开班时间在本年度的订单式培养班。"), **_PATH),
)


def connect() -> None:
    for measure in MEASURES:
        register(measure)
