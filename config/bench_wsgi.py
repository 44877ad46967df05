"""The WSGI application `manage.py bench_board` serves under gunicorn: the app itself, and
beside it a bare Django page that renders a canvas's notes as a plain list, the yardstick
the board's throughput is compared with. Never deployed."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
settings.ROOT_URLCONF = "config.bench_urls"
application = get_wsgi_application()
