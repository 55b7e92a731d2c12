import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# expect: hardcoded-secret-in-sink
SECRET_KEY = "django-insecure-)x9#k2m!a@7v"

DEBUG = True

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "app",
        # ok: hardcoded-secret-in-sink
        "PASSWORD": os.environ.get("DB_PASSWORD"),
    }
}
