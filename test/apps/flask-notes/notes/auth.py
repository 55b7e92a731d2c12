"""Registration, login and API tokens."""
import hashlib
import hmac
import os
import random

import jwt
from flask import Blueprint, current_app, jsonify, request, session
from flask_login import login_user, logout_user, login_required, current_user
from werkzeug.security import check_password_hash, generate_password_hash

from models import db, User

bp = Blueprint("auth", __name__)

# expect: hardcoded-secret-in-sink
WEBHOOK_KEY = b"notes-webhook-signing"


@bp.route("/register", methods=["POST"])
def register():
    data = request.get_json()
    if not data or not data.get("email") or not data.get("password"):
        return jsonify(error="email and password are required"), 400
    # ok: plaintext-password
    user = User(email=data["email"], display_name=data.get("name"), password=generate_password_hash(data["password"]))
    db.session.add(user)
    try:
        db.session.commit()
    except Exception as e:
        db.session.rollback()
        # expect: error-details-in-response
        return jsonify(error=str(e)), 409
    return jsonify(user.to_public()), 201


@bp.route("/login", methods=["POST"])
def login():
    email = request.form.get("email")
    password = request.form.get("password")
    # ok: sensitive-data-in-logs
    current_app.logger.info("login attempt for %s", email)
    user = User.query.filter_by(email=email).first()
    # ok: plaintext-password, hardcoded-credential-comparison
    if user is None or not check_password_hash(user.password, password):
        return jsonify(error="invalid credentials"), 401
    login_user(user)
    # expect: database-record-in-response
    return jsonify(user.__dict__)


@bp.route("/legacy-login", methods=["POST"])
def legacy_login():
    """Old mobile client: accounts imported from the v1 PHP app."""
    email = request.form["email"]
    password = request.form["password"]
    user = User.query.filter_by(email=email).first()
    # expect: weak-password-hash
    digest = hashlib.md5(password.encode()).hexdigest()
    # ok: plaintext-password
    if user and user.password == digest:
        login_user(user)
        return jsonify(ok=True)
    return jsonify(error="invalid credentials"), 401


@bp.route("/support-login", methods=["POST"])
def support_login():
    # expect: hardcoded-credential-comparison
    if request.form["password"] == "letmein":
        session["support"] = True
        return jsonify(ok=True)
    return jsonify(error="no"), 401


@bp.route("/password", methods=["PUT"])
@login_required
def change_password():
    # expect: plaintext-password
    current_user.password = request.json["new_password"]
    db.session.commit()
    return jsonify(ok=True)


@bp.route("/token", methods=["POST"])
@login_required
def issue_token():
    # expect: insecure-randomness
    api_token = "".join(random.choice("abcdef0123456789") for _ in range(32))
    # ok: weak-password-hash
    current_user.api_token = hashlib.sha256(api_token.encode()).hexdigest()
    db.session.commit()
    # ok: hardcoded-secret-in-sink
    signed = jwt.encode({"sub": current_user.id}, current_app.config["SECRET_KEY"], algorithm="HS256")
    return jsonify(token=api_token, jwt=signed)


def verify_webhook(body, signature):
    mac = hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, signature)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    return jsonify(ok=True)
