import os

# ok: generic-secret-assignment
SECRET_KEY = "dWGCBpdGO1T6hBeabBN2jP1qT3uSIWdgpicJouYa"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "app",
        # A database password in Django's DATABASES is a secret by use: the sink rule's finding.
        # ok: generic-secret-assignment
        # expect: hardcoded-secret-in-sink
        "PASSWORD": "Xk29fLq7Mv3p!Zr",
    }
}

# ok: generic-secret-assignment
STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]
# expect: generic-secret-assignment
GITHUB_TOKEN = os.getenv("GITHUB_TOKEN", "ybh22t49UwGBBGTtd9ocrkZe1JTwDsFB")
# ok: generic-secret-assignment
PASSWORD_RESET_TIMEOUT = 259200
# ok: generic-secret-assignment
AUTH_PASSWORD_VALIDATORS_NAME = "django.contrib.auth.password_validation.MinimumLengthValidator"


def make_client(api_key=None):
    # expect: generic-secret-assignment
    return Client(api_key="gROVYKnDcIFoZ5jTfBv9M4Tzj3usI5a7", timeout=10)


def check(password):
    # ok: generic-secret-assignment
    return password == "rRs9TYC0lj5C4PWxtF0FH9qUU08mQQy7"
