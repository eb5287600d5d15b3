from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "luoshi.economy"
    label = "economy"
    verbose_name = "经济台账"

    def ready(self):
        from luoshi.economy import project_ledger, project_measures, register_measures  # noqa: F401 (the ledger)

        # plans may not import the registers: they tell it what they count for a plan's targets
        project_measures.connect()
        register_measures.connect()
