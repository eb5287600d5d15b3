"""Password rules of 等保 level 2: character classes, and no township or county name inside."""

import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^a-zA-Z0-9]"))


class CharacterClassValidator:
    """At least `min_classes` of: lower-case, upper-case, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for pattern in _CLASSES if pattern.search(password))
        if found < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self):
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes}


class UnitNameValidator:
    """Refuses a password containing a county's or township's name, in characters or in pinyin."""

    def validate(self, password, user=None):
        lowered = password.lower()
        for word in banned_words():
            if word and word in lowered:
                raise ValidationError(_("密码不能包含县、镇名称（含拼音）。"), code="password_has_place_name")

    def get_help_text(self):
        return _("密码不能包含县、镇名称（含拼音）。")


def banned_words() -> set[str]:
    from luoshi.org.models import Unit, UnitKind

    names = Unit.objects.unscoped("password rule reads place names").filter(
        kind__in=[UnitKind.COUNTY, UnitKind.TOWNSHIP]
    ).values_list("name", flat=True)
    words = set()
    for name in names:
        stem = re.sub(r"(县|镇|乡|街道)$", "", name)
        for candidate in (name, stem):
            if len(candidate) >= 2:
                words.add(candidate.lower())
                words.add("".join(lazy_pinyin(candidate)).lower())
    return {w for w in words if len(w) >= 2 and not (w.isascii() and len(w) < 4)}


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("密码太短，至少需要 %(n)d 个字符。") % {"n": self.min_length}

    def get_help_text(self):
        return self.get_error_message()


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("这个密码太常见，容易被猜中。")

    def get_help_text(self):
        return _("不能使用常见密码。")


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("密码与用户名或姓名过于相似。")

    def get_help_text(self):
        return _("密码不能与用户名或姓名相似。")
