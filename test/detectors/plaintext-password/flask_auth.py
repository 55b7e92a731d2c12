# A Flask auth blueprint: registration, login and profile update, half of it hashing.
from flask import Blueprint, request, redirect, session, abort
from werkzeug.security import generate_password_hash, check_password_hash
from .models import db, User
from .forms import RegisterForm

bp = Blueprint("auth", __name__)


@bp.route("/register", methods=["POST"])
def register():
    form = RegisterForm()
    if not form.validate_on_submit():
        abort(400)
    # expect: plaintext-password
    user = User(username=form.username.data, email=form.email.data, password=form.password.data)
    db.session.add(user)
    db.session.commit()
    return redirect("/")


@bp.route("/api/register", methods=["POST"])
def api_register():
    data = request.get_json()
    # ok: plaintext-password
    user = User(username=data["username"], password=generate_password_hash(data["password"]))
    db.session.add(user)
    db.session.commit()
    return {"id": user.id}


@bp.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(username=request.form["username"]).first()
    # expect: plaintext-password
    if user is None or user.password != request.form["password"]:
        abort(401)
    session["uid"] = user.id
    return redirect("/")


@bp.route("/login2", methods=["POST"])
def login2():
    user = User.query.filter_by(username=request.form["username"]).first()
    # ok: plaintext-password
    if user is None or not check_password_hash(user.password, request.form["password"]):
        abort(401)
    return redirect("/")


@bp.route("/profile", methods=["POST"])
def profile():
    user = User.query.get(session["uid"])
    new_password = request.form.get("password")
    if new_password:
        # expect: plaintext-password
        user.password = new_password
    db.session.commit()
    return redirect("/profile")


def store(username, password):
    # A helper called with the request's password elsewhere: not followed across calls.
    # todo-expect: plaintext-password
    db.session.add(User(username=username, password=password))


@bp.route("/signup-helper", methods=["POST"])
def signup_helper():
    store(request.form["username"], request.form["password"])
    return redirect("/")
