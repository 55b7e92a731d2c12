import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# expect: debug-mode-enabled
DEBUG = True

ALLOWED_HOSTS = ["*"]


def feature_flags():
    # ok: debug-mode-enabled
    DEBUG = os.environ.get("FEATURE_DEBUG") == "1"
    return {"debug": DEBUG}
