"""Document upload micro-service (Flask) with a configured request size limit."""
import hashlib
import logging
import os
import shutil

from flask import Flask, abort, jsonify, request, send_from_directory
from jinja2 import Environment, FileSystemLoader, select_autoescape
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024  # 16 MiB

log = logging.getLogger("uploads")

STORAGE = "/srv/documents"
QUARANTINE = "/srv/quarantine"
ALLOWED_EXTENSIONS = {".pdf", ".docx", ".png", ".jpg"}

# Plain-text notification e-mails: no HTML is produced, so no escaping needed.
# ok: unescaped-template-output
text_env = Environment(loader=FileSystemLoader("templates/email_txt"), autoescape=False)
# HTML receipts
# expect: unescaped-template-output
html_env = Environment(loader=FileSystemLoader("templates/email_html"), autoescape=False)
# ok: unescaped-template-output
page_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))


def render_upload_notice(owner, filename):
    body = text_env.get_template("upload_notice.txt").render(owner=owner, filename=filename)
    receipt = html_env.get_template("upload_receipt.html").render(owner=owner, filename=filename)
    return body, receipt


@app.route("/documents", methods=["POST"])
def upload_document():
    doc = request.files["document"]
    ext = os.path.splitext(doc.filename)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        abort(400)
    # ok: unbounded-input
    data = doc.read()
    digest = hashlib.sha256(data).hexdigest()
    # ok: path-traversal
    with open(os.path.join(STORAGE, digest + ext), "wb") as out:
        out.write(data)
    return jsonify({"id": digest + ext}), 201


@app.route("/documents/raw", methods=["POST"])
def upload_raw():
    f = request.files["document"]
    # expect: path-traversal
    with open(os.path.join(STORAGE, f.filename), "wb") as out:
        out.write(f.read())
    return jsonify({"stored": True}), 201


@app.route("/documents/bulk", methods=["PUT"])
def upload_bulk():
    # ok: unbounded-input
    payload = request.get_data()
    name = secure_filename(request.headers.get("X-Filename", "bulk.bin"))
    # ok: path-traversal
    with open(os.path.join(STORAGE, name), "wb") as out:
        out.write(payload)
    return jsonify({"bytes": len(payload)})


@app.route("/documents/<path:name>")
def get_document(name):
    # ok: path-traversal
    return send_from_directory(STORAGE, name)


@app.route("/documents/<path:name>", methods=["DELETE"])
def delete_document(name):
    # expect: path-traversal
    os.remove(os.path.join(STORAGE, name))
    return "", 204


@app.route("/documents/quarantine", methods=["POST"])
def quarantine_document():
    name = request.form["name"]
    # expect: path-traversal
    shutil.move(os.path.join(STORAGE, name), QUARANTINE)
    log.info("document moved to quarantine")
    return jsonify({"quarantined": True})


@app.route("/documents/restore", methods=["POST"])
def restore_document():
    name = os.path.basename(request.form["name"])
    # ok: path-traversal
    shutil.move(os.path.join(QUARANTINE, name), STORAGE)
    return jsonify({"restored": True})


@app.route("/documents/<name>/notify", methods=["POST"])
def notify(name):
    owner = request.form.get("owner", "")
    body, receipt = render_upload_notice(owner, name)
    return jsonify({"text_length": len(body), "html_length": len(receipt)})


if __name__ == "__main__":
    app.run()
