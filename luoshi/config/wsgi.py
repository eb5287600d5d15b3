import os

from django.core.wsgi import get_wsgi_application

from luoshi.config.runtime import tune_gc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.config.settings.prod")
application = get_wsgi_application()
tune_gc()  # after the application is loaded: see runtime.py
