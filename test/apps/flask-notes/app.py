"""Flask notes service: app factory, extensions and the ops endpoints."""
import logging
import os

from dotenv import load_dotenv
from flask import Flask, jsonify, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_login import LoginManager, login_required, current_user
from sqlalchemy import create_engine

from config import get_config
from models import db, User

load_dotenv()
log = logging.getLogger("notes")

login_manager = LoginManager()


def spoofable_client_ip():
    return request.headers.get("X-Forwarded-For", request.remote_addr)


# expect: rate-limit-key-spoofable
limiter = Limiter(key_func=lambda: request.headers.get("X-Forwarded-For", request.remote_addr))


def create_app():
    app = Flask(__name__)
    app.config.from_object(get_config())
    # expect: hardcoded-secret-in-sink
    app.secret_key = "my super secret key"
    db.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    # expect: cors-open-to-any-origin
    CORS(app)

    from notes.views import bp as notes_bp
    from notes.auth import bp as auth_bp

    app.register_blueprint(notes_bp, url_prefix="/api/notes")
    app.register_blueprint(auth_bp, url_prefix="/auth")

    @app.route("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.route("/debug/config")
    def debug_config():
        # expect: unguarded-debug-endpoint
        return jsonify({k: str(v) for k, v in app.config.items()})

    # ok: unguarded-debug-endpoint
    @app.route("/admin/env")
    @login_required
    def admin_env():
        if not current_user.is_admin:
            return jsonify(error="forbidden"), 403
        return jsonify(region=os.environ.get("REGION"), release=os.environ.get("RELEASE"))

    @app.before_request
    def log_request():
        if request.method in ("POST", "PUT"):
            # expect: sensitive-data-in-logs
            log.debug("incoming %s %s: %s", request.method, request.path, request.get_json(silent=True))

    @app.errorhandler(500)
    def server_error(e):
        log.exception("unhandled error")
        # ok: error-details-in-response
        return jsonify(error="Internal server error"), 500

    return app


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


# Analytics warehouse, read-only.
# expect: query-logging-enabled
analytics_engine = create_engine(os.environ.get("ANALYTICS_URL", "sqlite:///analytics.db"), echo=True)
# ok: query-logging-enabled
archive_engine = create_engine(os.environ.get("ARCHIVE_URL", "sqlite:///archive.db"), echo=False)

if __name__ == "__main__":
    # expect: debug-mode-enabled
    create_app().run(host="127.0.0.1", port=5000, debug=True)
