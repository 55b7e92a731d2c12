# Django settings for a shop, production module.
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")

# ok: insecure-cookie-flags
SESSION_COOKIE_SECURE = not DEBUG
# expect: insecure-cookie-flags
CSRF_COOKIE_SECURE = False
# expect: insecure-cookie-flags
SESSION_COOKIE_HTTPONLY = False

if DEBUG:
    # ok: insecure-cookie-flags
    CSRF_COOKIE_SECURE = False
