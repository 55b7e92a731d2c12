"""Auth endpoint tests with an in-memory database."""
import pytest
from werkzeug.security import generate_password_hash

from app import create_app
from models import db, User

# ok: generic-secret-assignment
TEST_PASSWORD = "s3cret-Test-pw!"


@pytest.fixture()
def client():
    app = create_app()
    # ok: hardcoded-secret-in-sink
    app.config.update(TESTING=True, SQLALCHEMY_DATABASE_URI="sqlite://", SECRET_KEY="test-only-key")
    with app.app_context():
        db.create_all()
        db.session.add(User(email="a@example.com", password=generate_password_hash(TEST_PASSWORD)))
        db.session.commit()
    return app.test_client()


def test_login_ok(client):
    resp = client.post("/auth/login", data={"email": "a@example.com", "password": TEST_PASSWORD})
    assert resp.status_code == 200


def test_login_wrong_password(client):
    resp = client.post("/auth/login", data={"email": "a@example.com", "password": "wrong"})
    assert resp.status_code == 401
