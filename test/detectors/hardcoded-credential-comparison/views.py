from flask import Flask, abort, request, session
from werkzeug.security import check_password_hash

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    password = request.form.get("password", "")
    # ok: hardcoded-credential-comparison
    if password == "" or password is None or len(password) < 8:
        abort(400)
    # expect: hardcoded-credential-comparison
    if request.form["username"] == "admin" and password == "Sup3rS3cret":
        session["admin"] = True
    user = find_user(request.form["username"])
    # ok: hardcoded-credential-comparison
    if user and check_password_hash(user.password_hash, password):
        session["user"] = user.id
    # expect: hardcoded-credential-comparison
    if check_password_hash("pbkdf2:sha256:260000$abc$def", password):
        session["ops"] = True
    return "ok"
