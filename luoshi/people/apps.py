from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "luoshi.people"
    label = "people"
    verbose_name = _("民生台账")
