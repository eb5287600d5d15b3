from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "luoshi.economy"
    label = "economy"
    verbose_name = "经济台账"
