"""Forms for the org pages; the same forms validate API input and imports."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from luoshi.core.forms import ScopedForm, StyledForm
from luoshi.core.roles import DataScope, RoleCode
from luoshi.core.widgets import PEOPLE, UNITS, PickerSelect, PickerSelectMultiple
from luoshi.org.models import Person, Unit, UnitKind


class LoginForm(AuthenticationForm):
    """One message for an unknown user and a wrong password, so nobody can probe usernames."""

    error_messages = {
        "invalid_login": _("用户名或密码错误。"),
        "inactive": _("用户名或密码错误。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")


class PasswordChangeForm(StyledForm):
    old_password = forms.CharField(label=_("原密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label=_("新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    new_password2 = forms.CharField(label=_("确认新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("两次输入的新密码不一致"))
        return data


class UnitForm(ScopedForm):
    parent = forms.ModelChoiceField(label=_("上级单位"), queryset=Unit.objects.none(), required=False,
                                    widget=PickerSelect(**UNITS))
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=UnitKind.choices)
    code = forms.CharField(label=_("编码"), max_length=40, required=False)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, max_value=99999, initial=0, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def querysets(self) -> dict:
        return {"parent": Unit.objects.editable_by(self.actor, "add")}


class PersonForm(ScopedForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.ModelChoiceField(label=_("所在单位"), queryset=Unit.objects.none(), widget=PickerSelect(**UNITS))
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    phone = forms.RegexField(label=_("手机号码"), regex=r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$", required=False,
                             error_messages={"invalid": _("请输入 11 位手机号码或带区号的固定电话")})
    id_card = forms.RegexField(label=_("身份证号"), regex=r"^\d{17}[\dXx]$", required=False,
                               error_messages={"invalid": _("身份证号应为 18 位，最后一位可以是 X")})

    def querysets(self) -> dict:
        return {"unit": Unit.objects.visible_to(self.actor)}

    def clean_id_card(self):
        return self.cleaned_data["id_card"].upper()


class UserCreateForm(ScopedForm):
    username = forms.RegexField(label=_("用户名"), regex=r"^[A-Za-z0-9_.@-]{3,40}$",
                                error_messages={"invalid": _("用户名为 3～40 位字母、数字或 _ . @ -")})
    person = forms.ModelChoiceField(label=_("对应人员"), queryset=Person.objects.none(), widget=PickerSelect(**PEOPLE))

    def querysets(self) -> dict:
        return {"person": Person.objects.editable_by(self.actor).filter(user__isnull=True)}


class RoleAssignForm(ScopedForm):
    role = forms.ChoiceField(label=_("角色"), choices=RoleCode.choices)
    unit = forms.ModelChoiceField(label=_("所在单位"), queryset=Unit.objects.none(), widget=PickerSelect(**UNITS))
    data_scope = forms.ChoiceField(label=_("数据权限"), required=False,
                                   choices=[("", _("按角色默认"))] + [c for c in DataScope.choices if c[0] != "all"])
    custom_units = forms.ModelMultipleChoiceField(label=_("自定义单位"), queryset=Unit.objects.none(), required=False,
                                                  widget=PickerSelectMultiple(**UNITS))

    def querysets(self) -> dict:
        units = Unit.objects.visible_to(self.actor)
        return {"unit": units, "custom_units": units}


class TokenForm(StyledForm):
    name = forms.CharField(label=_("令牌名称"), max_length=60)
    days = forms.IntegerField(label=_("有效天数"), min_value=1, required=False)
    read_only = forms.BooleanField(label=_("只读（只能读取，不能修改数据）"), required=False)
