"""WSGI entry point (gunicorn config.wsgi, with config/gunicorn.conf.py): Django behind the load-shedding gate
(common.shedding; its limits in config/settings/serving.py)."""

import os
import sys
from pathlib import Path

from django.core.wsgi import get_wsgi_application

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")

from common.shedding import wrap

application = wrap(get_wsgi_application())
