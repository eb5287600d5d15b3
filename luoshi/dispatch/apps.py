from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "luoshi.dispatch"
    label = "dispatch"
    verbose_name = "调度点名"
