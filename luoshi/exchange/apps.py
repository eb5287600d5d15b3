from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "luoshi.exchange"
    label = "exchange"
    verbose_name = "导入导出"
