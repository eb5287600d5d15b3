"""党建 registers: 党员发展全程纪实 (each person's path from 入党申请人 to 正式党员, a step at a time, with
its dates and documents), 纪律 cases (纪委 only) and 表彰 (先进集体, 先进个人).

ID-card numbers and phones are personal data (`personal_fields`: masked in lists, exports, the API and
the audit log). How long a closed record keeps them is its ledger's `Retention` (party/ledgers.py),
which the engine's daily retention job reads; an honour keeps them for good."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luoshi.core.models import KeptRecord
from luoshi.core.permissions import ANY_ROLE, Policy, user_roles
from luoshi.core.roles import RoleCode
from luoshi.core.scope import ScopedModel, ScopedQuerySet, ScopeRule

ID_CARD = RegexValidator(r"^\d{17}[\dXx]$", _("身份证号应为18位，最后一位可为X"))
PERSONAL = {"phone": "phone", "id_card": "id_card"}
# 组织委员 sits in the township office; a village's 党支部书记 keeps the village's paths
PATH_KEEPERS = {RoleCode.OFFICE, RoleCode.VILLAGE}
HONOUR_KEEPERS = {RoleCode.OFFICE}




# -- 党员发展全程纪实 ----------------------------------------------------------------------------------


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class PathStage(models.TextChoices):
    """A path's stages in order; the moves between them are party.flow's table."""

    APPLICANT = "applicant", _("入党申请人")
    ACTIVIST = "activist", _("入党积极分子")
    CANDIDATE = "candidate", _("发展对象")
    PROBATIONARY = "probationary", _("预备党员")
    MEMBER = "member", _("正式党员")
    STOPPED = "stopped", _("终止发展")


class PartyPath(KeptRecord):
    """One person's path to membership (党员发展全程纪实): the branch (a village's or a department's
    党支部) that develops them, the stage reached and the date of each step. Steps are taken on the
    path's page (party.flow), each dated, with its documents; the statutory intervals are checked there.
    `scope_path` copies the branch's path."""

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"))
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    branch = models.ForeignKey("org.Unit", verbose_name=_("所在党支部（村）"), on_delete=models.PROTECT,
                               related_name="+")
    stage = models.CharField(_("发展阶段"), max_length=20, choices=PathStage.choices, default=PathStage.APPLICANT,
                             db_index=True)
    applied_on = models.DateField(_("递交申请书日期"))
    activist_on = models.DateField(_("确定积极分子日期"), null=True, blank=True, editable=False)
    candidate_on = models.DateField(_("确定发展对象日期"), null=True, blank=True, editable=False)
    probationary_on = models.DateField(_("接收预备党员日期"), null=True, blank=True, editable=False, db_index=True)
    member_on = models.DateField(_("转为正式党员日期"), null=True, blank=True, editable=False)
    stopped_on = models.DateField(_("终止日期"), null=True, blank=True, editable=False)
    introducers = models.CharField(_("入党介绍人"), max_length=100, blank=True, help_text=_("两名正式党员"))
    note = models.TextField(_("备注"), blank=True)

    personal_fields = PERSONAL
    policy = Policy.of(view=ANY_ROLE - {RoleCode.CADRE}, add=PATH_KEEPERS, change=PATH_KEEPERS,
                       delete={RoleCode.OFFICE}, step=PATH_KEEPERS)

    class Meta:
        verbose_name = _("发展党员")
        verbose_name_plural = _("党员发展全程纪实")
        ordering = ["scope_path", "applied_on", "id"]

    def __str__(self):
        return self.name


class PathStep(ScopedModel):
    """One step of a path, with its date and what shows it (支部大会决议, 谈话记录 …); the files
    (申请书, 思想汇报, 政审材料) are attachments of the step."""

    path = models.ForeignKey(PartyPath, verbose_name=_("发展党员"), on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("事项"), max_length=20)
    stage = models.CharField(_("阶段"), max_length=20, choices=PathStage.choices)
    date = models.DateField(_("日期"))
    note = models.TextField(_("情况及材料"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                           related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    scope_rule = ScopeRule(paths=("path__scope_path",))
    policy = Policy.of(view=ANY_ROLE - {RoleCode.CADRE})

    class Meta:
        verbose_name = _("发展步骤")
        verbose_name_plural = _("发展步骤")
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.path} · {self.date:%Y-%m-%d}"


# -- 纪律 ---------------------------------------------------------------------------------------------

DISCIPLINE_PREFIX = "discipline:"  # audit entries of cases sit under no office's path


class Sanction(models.TextChoices):
    WARNING = "warning", _("警告")
    SERIOUS_WARNING = "serious_warning", _("严重警告")
    REMOVAL = "removal", _("撤销党内职务")
    PROBATION = "probation", _("留党察看")
    EXPULSION = "expulsion", _("开除党籍")
    ADMONITION = "admonition", _("诫勉")
    CIRCULAR = "circular", _("通报")


class CaseSource(models.TextChoices):
    PETITION = "petition", _("信访举报")
    ASSIGNED = "assigned", _("上级交办")
    INSPECTION = "inspection", _("巡察发现")
    AUDIT = "audit", _("审计移送")
    SUPERVISION = "supervision", _("监督检查")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    VERIFYING = "verifying", _("初步核实")
    FILED = "filed", _("立案审查")
    TRIAL = "trial", _("案件审理")
    CLOSED = "closed", _("已结案")
    DROPPED = "dropped", _("了结（不予立案）")


class DisciplinePolicy(Policy):
    """纪委 alone keeps the cases; a person it names on a case (`readers`) may read that case, and
    nobody else: not the office, not a leader, not a superuser without the role."""

    def allows(self, user, action: str) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if self.roles_for(action) & user_roles(user):
            return True
        return action in READER_ACTIONS and _is_reader(user)


READER_ACTIONS = ("view", "export")


def _is_reader(user) -> bool:
    """Once per request: kept beside the user's grants, and forgotten with them."""
    grants = user.role_grants()
    cached = getattr(user, "_discipline_reader", None)
    if cached is None or cached[0] is not grants:
        found = bool(user.person_id) and DisciplineCase.objects.unscoped(
            "whether the user is named a reader of some case").filter(readers=user.person_id).exists()
        cached = user._discipline_reader = (grants, found)
    return cached[1]


class DisciplineQuerySet(ScopedQuerySet):
    def restrict(self, user, action: str = "view") -> ScopedQuerySet:
        """纪委's grants by unit; a named reader the cases naming them (view and export only); no
        superuser bypass: a system administrator without the role sees none."""
        qs = self._chain()
        qs._scope_applied = True
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return qs.none()
        roles = self.model.policy.roles_for(action)
        q = self.model.scope_rule.q_for_grants((g for g in user.role_grants() if g.role in roles), self.model)
        if action in READER_ACTIONS and user.person_id:
            mine = Q(pk__in=DisciplineCase.readers.through.objects.filter(person_id=user.person_id)
                     .values("disciplinecase_id"))
            q = mine if q is None else q | mine
        return qs.none() if q is None else qs.filter(q)


class DisciplineManager(models.Manager.from_queryset(DisciplineQuerySet)):
    def unscoped(self, reason: str) -> ScopedQuerySet:
        return self.get_queryset().unscoped(reason)


class DisciplineCase(KeptRecord):
    """A discipline case (纪律审查): who, their unit and post, what they did, where the clue came from,
    the 处分 (党纪处分, or 诫勉 / 通报 for a cadre), its dates and status. Only 纪委 lists it; every
    read is audited (party.ledgers); the year's review reads counts without names
    (`selectors.discipline_counts`)."""

    name = models.CharField(_("被审查人"), max_length=50)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所在单位"), on_delete=models.PROTECT, related_name="+")
    post = models.CharField(_("职务"), max_length=100, blank=True)
    is_cadre = models.BooleanField(_("村（镇）干部"), default=False)
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    facts = models.TextField(_("问题线索及违纪事实"))
    source = models.CharField(_("线索来源"), max_length=20, choices=CaseSource.choices, default=CaseSource.OTHER)
    received_on = models.DateField(_("受理日期"))
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    sanction = models.CharField(_("处分（处理）"), max_length=20, choices=Sanction.choices, blank=True)
    decided_on = models.DateField(_("处分决定日期"), null=True, blank=True)
    decision_no = models.CharField(_("处分决定文号"), max_length=100, blank=True)
    status = models.CharField(_("办理状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.VERIFYING)
    readers = models.ManyToManyField("org.Person", verbose_name=_("授权查阅人"), blank=True, related_name="+",
                                     help_text=_("纪委以外可以查阅本案的人员"))
    note = models.TextField(_("备注"), blank=True)

    objects = DisciplineManager()
    personal_fields = PERSONAL
    KEEPERS = {RoleCode.DISCIPLINE}
    policy = DisciplinePolicy.of(view=KEEPERS, add=KEEPERS, change=KEEPERS, delete=KEEPERS, export=KEEPERS)

    class Meta:
        verbose_name = _("纪律案件")
        verbose_name_plural = _("纪律案件")
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return self.name

    def audit_unit_path(self) -> str:
        """Under no office's path: the township office reads the audit log of its township, not this."""
        return DISCIPLINE_PREFIX + self.scope_path


# -- 表彰 ---------------------------------------------------------------------------------------------


class HonourKind(models.TextChoices):
    COLLECTIVE = "collective", _("先进集体")
    INDIVIDUAL = "individual", _("先进个人")


class HonourStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟表彰")
    AWARDED = "awarded", _("已表彰")


class Honour(KeptRecord):
    """A 表彰: a 先进集体 (a village or department) or a 先进个人 (named, with their unit) of a year under
    a title, with the decision that awards it (文号, date). A collective may be proposed from the
    assessment's latest published ranking (`proposed_from`, `proposed_rank`)."""

    year = models.PositiveIntegerField(_("年度"), db_index=True)
    kind = models.CharField(_("类别"), max_length=20, choices=HonourKind.choices)
    title = models.CharField(_("荣誉称号"), max_length=100, help_text=_("如：先进基层党组织、优秀共产党员"))
    unit = models.ForeignKey("org.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("姓名"), max_length=50, blank=True, help_text=_("先进个人填写"))
    post = models.CharField(_("职务"), max_length=100, blank=True)
    deeds = models.TextField(_("主要事迹"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=HonourStatus.choices, default=HonourStatus.PROPOSED)
    decision_title = models.CharField(_("表彰决定"), max_length=200, blank=True,
                                      help_text=_("如：中共河口镇委 河口镇人民政府关于表彰2025年度先进集体和先进个人的决定"))
    decision_no = models.CharField(_("决定文号"), max_length=100, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    proposed_from = models.CharField(_("提名依据"), max_length=200, blank=True, editable=False)
    proposed_rank = models.PositiveIntegerField(_("考核名次"), null=True, blank=True, editable=False)

    personal_fields = {}  # an honour names a person publicly and for good: nothing to redact
    policy = Policy.of(view=ANY_ROLE, add=HONOUR_KEEPERS, change=HONOUR_KEEPERS, delete=HONOUR_KEEPERS)

    class Meta:
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")
        ordering = ["-year", "kind", "title", "id"]

    def __str__(self):
        return self.person_name or str(self.unit)
