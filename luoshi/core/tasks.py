"""The consumer imports each app's `tasks` module; ours hands over to the apps' `jobs` modules,
which is where DESIGN.md puts job code."""

from django.utils.module_loading import autodiscover_modules

autodiscover_modules("jobs")
