"""Notes CRUD, markdown rendering, export and sharing."""
import base64
import json
import logging
import os
import traceback
from datetime import datetime, timezone

import bleach
import markdown
import requests
# ok: nonexistent-package
import dateutil.parser
from flask import Blueprint, abort, jsonify, request, send_from_directory
from flask_login import current_user, login_required
# expect: nonexistent-package
from flask_sanitize_html import sanitize
from jinja2 import Environment, FileSystemLoader, select_autoescape

from models import db, Note, User

bp = Blueprint("notes", __name__)
log = logging.getLogger(__name__)

EXPORT_DIR = os.path.join(os.path.dirname(__file__), "..", "exports")
LOG_DIR = os.path.join(os.path.dirname(__file__), "..", "logs")

# ok: unescaped-template-output
email_env = Environment(loader=FileSystemLoader("templates/email"), autoescape=select_autoescape(["html"]))


def render_body(note):
    html = markdown.markdown(note.body)
    return bleach.clean(html, tags=["p", "em", "strong", "ul", "ol", "li", "code", "pre", "a"])


@bp.route("/", methods=["GET"])
@login_required
def list_notes():
    notes = Note.query.filter_by(owner_id=current_user.id).order_by(Note.created_at.desc()).all()
    return jsonify([n.to_dict() for n in notes])


@bp.route("/", methods=["POST"])
@login_required
def create_note():
    payload = request.get_json()
    # expect: sensitive-data-in-logs
    print("create note payload:", payload)
    try:
        note = Note(owner_id=current_user.id, title=payload["title"], body=payload.get("body", ""))
        db.session.add(note)
        db.session.commit()
    except KeyError as e:
        # ok: error-details-in-response
        return jsonify(error=f"missing field {e}"), 400
    except Exception:
        db.session.rollback()
        # expect: error-details-in-response
        return jsonify(error="could not save", trace=traceback.format_exc()), 500
    return jsonify(note.to_dict()), 201


@bp.route("/<int:note_id>/html")
@login_required
def note_html(note_id):
    note = Note.query.get_or_404(note_id)
    return render_body(note)


@bp.route("/stats")
@login_required
def stats():
    counts = {}
    for note in Note.query.filter_by(owner_id=current_user.id):
        day = note.created_at.strftime("%Y-%m-%d")
        counts[day] = counts.get(day, 0) + 1
    # expect: phantom-member
    rows = [{"day": d, "count": c} for d, c in counts.iteritems()]
    # ok: phantom-member
    totals = {d: c for d, c in counts.items()}
    # expect: datetime-utcnow-deprecated
    generated = datetime.utcnow().isoformat()
    # ok: datetime-utcnow-deprecated
    generated_at = datetime.now(timezone.utc).isoformat()
    return jsonify(rows=rows, total=sum(totals.values()), generated=generated, generated_at=generated_at)


@bp.route("/export", methods=["POST"])
@login_required
def export_notes():
    notes = [n.to_dict() for n in Note.query.filter_by(owner_id=current_user.id)]
    # expect: phantom-member
    base = os.getcwdu()
    # ok: phantom-member
    target = os.path.join(os.getcwd(), "exports", f"{current_user.id}.json")
    with open(target, "w") as fh:
        json.dump(notes, fh)
    # expect: base64-encodestring-removed
    token = base64.encodestring(target.encode())
    # ok: base64-encodestring-removed
    safe_token = base64.encodebytes(target.encode())
    return jsonify(path=os.path.relpath(target, base), token=token.decode(), safe_token=safe_token.decode())


@bp.route("/exports/<path:name>")
@login_required
def download_export(name):
    # ok: sensitive-folder-served
    return send_from_directory(EXPORT_DIR, name)


@bp.route("/logs/<path:name>")
def download_log(name):
    # expect: sensitive-folder-served
    return send_from_directory(LOG_DIR, name)


@bp.route("/import", methods=["POST"])
@login_required
def import_from_url():
    url = request.json.get("url")
    try:
        resp = requests.get(url, timeout=10)
        resp.raise_for_status()
    except requests.RequestException as e:
        # expect: error-details-in-response
        return jsonify(error=str(e)), 502
    published = dateutil.parser.parse(resp.headers.get("Last-Modified", "1970-01-01"))
    # expect: logging-warn-deprecated
    logging.warn("imported note from %s", url)
    note = Note(owner_id=current_user.id, title=url[:200], body=sanitize(resp.text))
    db.session.add(note)
    db.session.commit()
    return jsonify(note.to_dict(), published=published.isoformat()), 201


@bp.route("/shared/<int:note_id>")
def shared_note(note_id):
    note = Note.query.get_or_404(note_id)
    if not note.shared:
        abort(404)
    owner = db.session.get(User, note.owner_id)
    # ok: database-record-in-response
    return jsonify(note=note.to_dict(), owner=owner.to_public())


@bp.route("/users")
@login_required
def list_users():
    if not current_user.is_admin:
        abort(403)
    # expect: database-record-in-response
    return jsonify([vars(u) for u in User.query.all()])
