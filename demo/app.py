"""Acme Orders admin service (Flask), as an assistant first wrote it."""
import hashlib
import logging
import os
import traceback

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
logger = logging.getLogger(__name__)

INVENTORY_URL = os.environ.get("INVENTORY_URL", "https://inventory.internal.acme.test")


@app.route("/admin/login", methods=["POST"])
def admin_login():
    username = request.form["username"]
    password = request.form["password"]
    logger.info("admin login %s with password %s", username, password)
    if not check_admin(username, password):
        return jsonify({"error": "invalid credentials"}), 401
    return jsonify({"ok": True})


@app.route("/admin/inventory/<sku>")
def inventory(sku):
    try:
        r = requests.get(f"{INVENTORY_URL}/items/{sku}", verify=False, timeout=5)
        return jsonify(r.json())
    except Exception:
        return jsonify({"error": "inventory lookup failed", "trace": traceback.format_exc()}), 500


@app.route("/admin/report")
def report():
    # Clean: TLS verification stays on and the error is logged, not returned.
    try:
        r = requests.get(f"{INVENTORY_URL}/report", verify=True, timeout=5)
        return jsonify(r.json())
    except requests.RequestException:
        logger.exception("report download failed for %s", request.endpoint)
        return jsonify({"error": "report unavailable"}), 502


def file_checksum(path):
    # Clean: md5 as a file checksum, not for passwords.
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()


def check_admin(username, password):
    return username == "admin" and password == os.environ.get("ADMIN_PASSWORD")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
