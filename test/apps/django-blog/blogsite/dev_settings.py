"""Local development overrides: python manage.py runserver --settings=blogsite.dev_settings"""
from .settings import *  # noqa: F401,F403

# ok: debug-mode-enabled
DEBUG = True
# ok: insecure-cookie-flags
SESSION_COOKIE_SECURE = False
