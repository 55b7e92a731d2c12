"""Django settings for blogsite (production deployment on one VM behind nginx)."""
import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# SECURITY WARNING: keep the secret key used in production secret!
# expect: hardcoded-secret-in-sink
SECRET_KEY = "django-insecure-blog-4f8a9c2e7d1b6a3f5e0c9d8b7a6f5e4d3c2b1a0"

# expect: debug-mode-enabled
DEBUG = True

ALLOWED_HOSTS = ["blog.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "corsheaders",
    "blog",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "blogsite.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "blog",
        "USER": "blog",
        # expect: hardcoded-secret-in-sink
        "PASSWORD": "blogpass2024",
        "HOST": "localhost",
        "PORT": "5432",
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics",
        "USER": "analytics",
        # ok: hardcoded-secret-in-sink
        "PASSWORD": env("ANALYTICS_DB_PASSWORD"),
        "HOST": "analytics.internal",
    },
}

# ok: weak-password-hash
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# expect: insecure-cookie-flags
SESSION_COOKIE_SECURE = False
# ok: insecure-cookie-flags
SESSION_COOKIE_HTTPONLY = True
# expect: insecure-cookie-flags
CSRF_COOKIE_SECURE = False

# expect: cors-wildcard-with-credentials
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # expect: query-logging-enabled
        "django.db.backends": {"handlers": ["console"], "level": "DEBUG"},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
BACKUP_ROOT = BASE_DIR / "backups"

# ok: generic-secret-assignment, hardcoded-secret-in-sink
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_HOST_USER = "noreply@blog.example.com"

DEBUG_TOOLBAR_CONFIG = {
    # expect: unguarded-debug-endpoint
    "SHOW_TOOLBAR_CALLBACK": lambda request: True,
}
