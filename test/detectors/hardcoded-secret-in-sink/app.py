import hmac
import os

import psycopg2
import requests
from flask import Flask, request

app = Flask(__name__)
# expect: hardcoded-secret-in-sink
app.secret_key = "ACME"


class Config:
    # expect: hardcoded-secret-in-sink
    JWT_SECRET_KEY = os.environ.get("JWT_SECRET_KEY", "jwt-secret")


def db():
    # expect: hardcoded-secret-in-sink
    return psycopg2.connect(host="db", user="shop", password="shop123")


# expect: hardcoded-secret-in-sink
WEBHOOK_KEY = b"webhook signing key"


@app.post("/hook")
def hook():
    # ok: hardcoded-secret-in-sink
    expected = hmac.new(WEBHOOK_KEY, request.data, "sha256").hexdigest()
    # ok: hardcoded-secret-in-sink
    upstream = requests.post("https://api.example.org/notify", auth=(os.environ["API_USER"], os.environ["API_PASS"]))
    return {"ok": hmac.compare_digest(expected, request.headers.get("X-Sig", "")), "status": upstream.status_code}


def probe(url):
    # expect: hardcoded-secret-in-sink
    return requests.get(url, auth=("monitor", "monitor"))
