"""Configuration classes, picked by NOTES_ENV."""
import os


class Config:
    # expect: hardcoded-secret-in-sink
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-secret-change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///notes.db")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    # ok: insecure-cookie-flags
    SESSION_COOKIE_HTTPONLY = True
    # expect: insecure-cookie-flags
    SESSION_COOKIE_SECURE = False
    # ok: weak-password-hash, generic-secret-assignment
    PASSWORD_HASH_METHOD = "scrypt"
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")


class ProductionConfig(Config):
    # ok: hardcoded-secret-in-sink
    SECRET_KEY = os.environ["SECRET_KEY"]
    # ok: query-logging-enabled
    SQLALCHEMY_ECHO = False


class ReportingConfig(Config):
    # expect: query-logging-enabled
    SQLALCHEMY_ECHO = True
    # expect: hardcoded-secret-in-sink
    JWT_SECRET_KEY = "ACME"


def get_config():
    return {"production": ProductionConfig, "reporting": ReportingConfig}.get(os.environ.get("NOTES_ENV"), Config)
