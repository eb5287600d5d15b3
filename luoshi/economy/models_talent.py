"""招才引智: talents brought in (全职引进, 柔性引进), the township's talent pool (人才库, 乡土人才) and its
新乡贤 with their donations, and the 订单式培养 classes run with schools for local enterprises.
Phones and ID-card numbers are personal data: masked in lists, exports, the API and the audit log."""

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.core.models import KeptRecord
from luoshi.core.permissions import ANY_ROLE, Policy
from luoshi.core.roles import RoleCode

TALENT_KEEPERS = {RoleCode.OFFICE, RoleCode.DEPARTMENT}
POOL_KEEPERS = TALENT_KEEPERS | {RoleCode.VILLAGE}  # 村村建立乡土人才库: each village keeps its own
ID_CARD = RegexValidator(r"^\d{17}[\dXx]$", _("身份证号应为18位，最后一位可为X"))
PERSONAL = {"phone": "phone", "id_card": "id_card"}


class Degree(models.TextChoices):
    DOCTOR = "doctor", _("博士")
    MASTER = "master", _("硕士")
    BACHELOR = "bachelor", _("本科")
    COLLEGE = "college", _("大专")
    OTHER = "other", _("其他")


class EngagementKind(models.TextChoices):
    INTRODUCED = "introduced", _("全职引进")
    FLEXIBLE = "flexible", _("柔性引进")


class FlexibleMode(models.TextChoices):
    ADVISER = "adviser", _("顾问指导")
    PART_TIME = "part_time", _("短期兼职")
    COOPERATION = "cooperation", _("技术合作")
    SHARES = "shares", _("技术入股")
    OTHER = "other", _("其他方式")


class _Kept(KeptRecord):
    """The talent registers' base: core's, with their personal fields."""

    personal_fields = PERSONAL

    class Meta:
        abstract = True


class TalentEngagement(_Kept):
    """A talent brought in for a local employer (招才引智): full-time, or flexibly (柔性引进: 顾问指导,
    短期兼职, 技术合作, 技术入股) for a term under an agreement."""

    kind = models.CharField(_("引进方式"), max_length=20, choices=EngagementKind.choices)
    mode = models.CharField(_("柔性方式"), max_length=20, choices=FlexibleMode.choices, blank=True)
    name = models.CharField(_("姓名"), max_length=50)
    degree = models.CharField(_("学历"), max_length=20, choices=Degree.choices, blank=True)
    title = models.CharField(_("职称或荣誉"), max_length=100, blank=True, help_text=_("如：教授、泰山产业领军人才"))
    field = models.CharField(_("专业领域"), max_length=100, blank=True)
    employer = models.CharField(_("用人单位"), max_length=200)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所在镇村"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("引进时间"), null=True, blank=True)
    ends_on = models.DateField(_("服务期满"), null=True, blank=True)
    agreement = models.CharField(_("协议"), max_length=200, blank=True, help_text=_("协议名称或编号"))
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    note = models.TextField(_("备注"), blank=True)

    policy = Policy.of(view=ANY_ROLE, add=TALENT_KEEPERS, change=TALENT_KEEPERS, delete={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("引进人才")
        verbose_name_plural = _("引进人才台账")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.name


class TalentKind(models.TextChoices):
    LOCAL = "local", _("乡土人才")
    ABROAD = "abroad", _("在外人才")
    SAGE = "sage", _("新乡贤")


class Talent(_Kept):
    """A person of the township's talent pool (人才库): a local talent, a native working elsewhere,
    or a 新乡贤 (with what they gave, in 万元)."""

    kind = models.CharField(_("类别"), max_length=20, choices=TalentKind.choices)
    name = models.CharField(_("姓名"), max_length=50)
    village = models.ForeignKey("org.Unit", verbose_name=_("所属村"), on_delete=models.PROTECT, related_name="+")
    degree = models.CharField(_("学历"), max_length=20, choices=Degree.choices, blank=True)
    specialty = models.CharField(_("专业特长"), max_length=100, blank=True)
    workplace = models.CharField(_("工作单位"), max_length=200, blank=True)
    title = models.CharField(_("职务职称"), max_length=100, blank=True)
    donation = models.DecimalField(_("捐资（万元）"), max_digits=10, decimal_places=2, null=True, blank=True,
                                   validators=[MinValueValidator(Decimal("0"))])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    id_card = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[ID_CARD])
    note = models.TextField(_("备注"), blank=True)

    policy = Policy.of(view=ANY_ROLE, add=POOL_KEEPERS, change=POOL_KEEPERS, delete={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("人才")
        verbose_name_plural = _("人才库")
        ordering = ["scope_path", "kind", "id"]

    def __str__(self):
        return self.name


class TrainingClass(_Kept):
    """An 订单式培养 class: a school trains students in a trade for a local enterprise, which takes
    them on when they graduate."""

    name = models.CharField(_("班级名称"), max_length=200)
    school = models.CharField(_("合作院校"), max_length=200)
    enterprise = models.CharField(_("订单企业"), max_length=200)
    major = models.CharField(_("专业"), max_length=100, blank=True)
    students = models.PositiveIntegerField(_("培养人数"))
    employed = models.PositiveIntegerField(_("已入职人数"), null=True, blank=True)
    unit = models.ForeignKey("org.Unit", verbose_name=_("所在镇村"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("开班时间"), null=True, blank=True)
    ends_on = models.DateField(_("结业时间"), null=True, blank=True)
    agreement = models.CharField(_("协议"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    personal_fields = {}
    policy = Policy.of(view=ANY_ROLE, add=TALENT_KEEPERS, change=TALENT_KEEPERS, delete={RoleCode.OFFICE})

    class Meta:
        verbose_name = _("订单式培养班")
        verbose_name_plural = _("订单式培养")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.name
