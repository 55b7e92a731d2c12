"""Shop back-office Flask application."""
import ast
import base64
import logging
import os
import pickle
import re
import shlex
import sqlite3
import subprocess
from urllib.parse import urlparse

import defusedxml.ElementTree as DET
import requests
import yaml
from flask import (
    Flask,
    abort,
    jsonify,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    url_for,
)
from lxml import etree
from markupsafe import Markup, escape
from pymongo import MongoClient
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", "dev-only")
logger = logging.getLogger(__name__)

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
DB_PATH = os.path.join(BASE_DIR, "shop.db")
UPLOAD_FOLDER = os.path.join(BASE_DIR, "uploads")
DOCS_DIR = os.path.join(BASE_DIR, "docs")
REPORTS_DIR = "/srv/reports"
ALLOWED_WEBHOOK_HOSTS = {"hooks.slack.com", "discord.com"}
ALLOWED_SORT = {"name", "created_at", "price"}
GREETING_TEMPLATE = "<h1>Hello {{ name }}!</h1><p>Welcome to the back office.</p>"

mongo = MongoClient(os.environ.get("MONGO_URL", "mongodb://localhost:27017"))["shop"]


def get_db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def find_products_by_category(category):
    conn = get_db()
    # expect: sql-injection
    return conn.execute("SELECT * FROM products WHERE category = '{}'".format(category)).fetchall()


# ---------------------------------------------------------------------------
# Users & products
# ---------------------------------------------------------------------------


@app.route("/users/search")
def search_users():
    username = request.args.get("username", "")
    cur = get_db().cursor()
    # expect: sql-injection
    cur.execute(f"SELECT id, username, email FROM users WHERE username LIKE '%{username}%'")
    return jsonify([dict(r) for r in cur.fetchall()])


@app.route("/users/<username>")
def get_user(username):
    cur = get_db().cursor()
    # ok: sql-injection
    cur.execute("SELECT id, username, email FROM users WHERE username = ?", (username,))
    row = cur.fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    conn = get_db()
    # ok: sql-injection
    row = conn.execute(f"SELECT * FROM orders WHERE id = {order_id}").fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.route("/products")
def list_products():
    sort = request.args.get("sort", "name")
    if sort not in ALLOWED_SORT:
        abort(400)
    # ok: sql-injection
    rows = get_db().execute("SELECT * FROM products ORDER BY %s" % sort).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/categories/<category>/products")
def category_products(category):
    rows = find_products_by_category(category)
    return jsonify([dict(r) for r in rows])


@app.route("/reports/sales")
def sales_report():
    params = request.args
    region = params.get("region", "eu")
    # expect: sql-injection
    rows = get_db().execute("SELECT SUM(total) AS total FROM sales WHERE region = '%s'" % region).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/reports/top")
def top_products():
    limit = request.args.get("limit", "10")
    limit = int(limit)
    # ok: sql-injection
    rows = get_db().execute("SELECT name, sold FROM products ORDER BY sold DESC LIMIT " + str(limit)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/products/match")
def match_products():
    pattern = request.args.get("pattern", "")
    names = [r["name"] for r in get_db().execute("SELECT name FROM products").fetchall()]
    # expect: regex-injection
    matches = [n for n in names if re.search(pattern, n)]
    return jsonify(matches)


@app.route("/products/find")
def find_products():
    term = request.args.get("term", "")
    # ok: regex-injection
    rx = re.compile(re.escape(term), re.IGNORECASE)
    names = [r["name"] for r in get_db().execute("SELECT name FROM products").fetchall()]
    return jsonify([n for n in names if rx.search(n)])


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # expect: log-injection
    logging.info("product search query: %s", q)
    rows = get_db().execute("SELECT id, name FROM products WHERE name LIKE ?", (f"%{q}%",)).fetchall()
    # ok: log-injection
    logger.info("product search returned %d rows", len(rows))
    return render_template("search.html", q=q, rows=rows)


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------


@app.route("/api/login", methods=["POST"])
def api_login():
    data = request.get_json()
    # expect: nosql-injection
    user = mongo.users.find_one({"username": data["username"], "password": data["password"]})
    if not user:
        # expect: log-injection
        app.logger.warning(f"Failed API login for {data['username']}")
        return jsonify({"error": "invalid credentials"}), 401
    return jsonify({"id": str(user["_id"])})


@app.route("/api/users/by-name", methods=["POST"])
def user_by_name():
    name = request.get_json().get("name")
    # ok: nosql-injection
    user = mongo.users.find_one({"username": str(name)}, {"_id": 0, "password": 0})
    return jsonify(user)


@app.route("/api/users/lookup")
def user_lookup():
    # ok: nosql-injection
    user = mongo.users.find_one({"username": request.args.get("u", "")}, {"_id": 0, "password": 0})
    return jsonify(user)


@app.route("/api/users/older-than")
def users_older_than():
    # expect: nosql-injection
    users = list(mongo.users.find({"$where": "this.age > " + request.args.get("age", "0")}, {"_id": 0, "password": 0}))
    return jsonify(users)


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = get_db().execute("SELECT id FROM users WHERE username = ?", (request.form["username"],)).fetchone()
        if user is None:
            return render_template("login.html", error="Invalid credentials"), 401
        next_url = request.args.get("next", "/")
        # expect: open-redirect
        return redirect(next_url)
    return render_template("login.html")


@app.route("/logout")
def logout():
    next_url = request.args.get("next", "/")
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = "/"
    # ok: open-redirect
    return redirect(next_url)


@app.route("/profile/go")
def profile_go():
    username = request.args.get("u", "")
    # ok: open-redirect
    return redirect(url_for("get_user", username=username))


# ---------------------------------------------------------------------------
# Greeting pages
# ---------------------------------------------------------------------------


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    # expect: cross-site-scripting
    return f"<h1>Hello, {name}!</h1>"


@app.route("/hello-safe")
def hello_safe():
    name = request.args.get("name", "guest")
    # ok: cross-site-scripting
    return f"<h1>Hello, {escape(name)}!</h1>"


@app.route("/bio")
def bio():
    text = request.args.get("text", "")
    # expect: cross-site-scripting
    return render_template("page.html", bio=Markup(f"<p>{text}</p>"))


@app.route("/bio-safe")
def bio_safe():
    text = request.args.get("text", "")
    # ok: cross-site-scripting
    return render_template("page.html", bio=Markup("<p>{}</p>").format(text))


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    template = "<h1>Hello " + name + "</h1>"
    # expect: template-injection
    return render_template_string(template)


@app.route("/greet-safe")
def greet_safe():
    name = request.args.get("name", "")
    # ok: template-injection
    return render_template_string(GREETING_TEMPLATE, name=name)


@app.route("/greet-page")
def greet_page():
    # ok: template-injection
    return render_template("greet.html", name=request.args.get("name", ""))


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------


@app.route("/tools/ping")
def ping():
    host = request.args.get("host", "")
    # expect: command-injection
    exit_code = os.system("ping -c 1 " + host)
    return jsonify({"reachable": exit_code == 0})


@app.route("/tools/traceroute")
def traceroute():
    host = request.args.get("host", "")
    # ok: command-injection
    result = subprocess.run(["traceroute", "-m", "10", host], capture_output=True, text=True, timeout=30)
    return jsonify({"output": result.stdout})


@app.route("/tools/dns")
def dns_lookup():
    domain = request.args["domain"]
    # expect: command-injection
    output = subprocess.check_output(f"nslookup {domain}", shell=True, text=True)
    return jsonify({"output": output})


@app.route("/tools/whois")
def whois():
    domain = request.args["domain"]
    # ok: command-injection
    output = subprocess.check_output("whois " + shlex.quote(domain), shell=True, text=True)
    return jsonify({"output": output})


@app.route("/calc", methods=["POST"])
def calc():
    expr = request.form.get("expr", "")
    # expect: code-injection
    result = eval(expr)
    return jsonify({"result": result})


@app.route("/parse-literal", methods=["POST"])
def parse_literal():
    # ok: code-injection
    value = ast.literal_eval(request.form.get("value", "[]"))
    return jsonify({"value": value})


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


@app.route("/files")
def get_file():
    filename = request.args.get("name", "")
    # expect: path-traversal
    with open(os.path.join(UPLOAD_FOLDER, filename), "rb") as fh:
        data = fh.read()
    return data, 200, {"Content-Type": "application/octet-stream"}


@app.route("/uploads/<path:filename>")
def uploaded_file(filename):
    # ok: path-traversal
    return send_from_directory(UPLOAD_FOLDER, filename)


@app.route("/reports/<name>")
def download_report(name):
    # ok: path-traversal
    return send_file(os.path.join(REPORTS_DIR, secure_filename(name)), as_attachment=True)


@app.route("/export")
def export():
    # expect: path-traversal
    return send_file(request.args["path"], as_attachment=True)


@app.route("/docs/<path:page>")
def docs(page):
    # expect: path-traversal
    content = open(os.path.join(DOCS_DIR, page + ".md")).read()
    return render_template("doc.html", content=content)


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    filename = secure_filename(f.filename)
    # expect: unbounded-input
    data = f.read()
    # ok: path-traversal
    with open(os.path.join(UPLOAD_FOLDER, filename), "wb") as out:
        out.write(data)
    return jsonify({"stored": filename, "bytes": len(data)}), 201


@app.route("/ingest", methods=["POST"])
def ingest():
    # expect: unbounded-input
    raw = request.get_data()
    mongo.events.insert_one({"size": len(raw)})
    return jsonify({"received": len(raw)})


@app.route("/ingest/preview", methods=["POST"])
def ingest_preview():
    # ok: unbounded-input
    head = request.stream.read(64 * 1024)
    return jsonify({"preview_bytes": len(head)})


# ---------------------------------------------------------------------------
# Import / export formats
# ---------------------------------------------------------------------------


@app.route("/session/restore", methods=["POST"])
def restore_session():
    blob = request.cookies.get("state", "")
    # expect: unsafe-deserialization
    state = pickle.loads(base64.b64decode(blob))
    return jsonify({"restored": sorted(state.keys())})


@app.route("/config/import", methods=["POST"])
def import_config():
    # expect: unsafe-deserialization
    cfg = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify({"keys": sorted(cfg)})


@app.route("/config/validate", methods=["POST"])
def validate_config():
    # ok: unsafe-deserialization
    cfg = yaml.safe_load(request.data)
    return jsonify({"valid": isinstance(cfg, dict)})


@app.route("/import/xml", methods=["POST"])
def import_xml():
    parser = etree.XMLParser(resolve_entities=True)
    # expect: xml-external-entities
    root = etree.fromstring(request.data, parser)
    return jsonify({"products": len(root.findall("product"))})


@app.route("/import/xml-safe", methods=["POST"])
def import_xml_safe():
    # ok: xml-external-entities
    root = DET.fromstring(request.data)
    return jsonify({"products": len(root.findall("product"))})


# ---------------------------------------------------------------------------
# Outbound HTTP
# ---------------------------------------------------------------------------


@app.route("/fetch")
def fetch_url():
    url = request.args.get("url")
    # expect: server-side-request-forgery
    resp = requests.get(url, timeout=5)
    return jsonify({"status": resp.status_code, "length": len(resp.content)})


@app.route("/github/<user>")
def github_user(user):
    # ok: server-side-request-forgery
    resp = requests.get(f"https://api.github.com/users/{user}", timeout=5)
    return jsonify({"login": resp.json().get("login")})


@app.route("/webhook/test", methods=["POST"])
def webhook_test():
    target = request.json.get("url", "")
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_WEBHOOK_HOSTS:
        abort(400)
    # ok: server-side-request-forgery
    resp = requests.post(target, json={"text": "webhook test"}, timeout=5)
    return jsonify({"status": resp.status_code})


@app.route("/webhook/deliver", methods=["POST"])
def webhook_deliver():
    payload = request.get_json()
    # expect: server-side-request-forgery
    resp = requests.post(payload["callback"], json={"event": "order.created"}, timeout=5)
    return jsonify({"status": resp.status_code})


# Retry queue for webhooks that failed during the nightly batch. Each `request`
# below is one of our own static retry entries, not the Flask request.
FAILED_WEBHOOKS = [
    {"target": "https://hooks.slack.com/services/T000/B000/XXXX", "payload": {"text": "nightly export failed"}},
]


def replay_webhook(request):
    # ok: server-side-request-forgery
    return requests.post(request["target"], json=request["payload"], timeout=10)


@app.cli.command("replay-webhooks")
def replay_webhooks():
    for request in FAILED_WEBHOOKS:
        replay_webhook(request)


if __name__ == "__main__":
    app.run(debug=False)
