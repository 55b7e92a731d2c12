"""SQLAlchemy models."""
from datetime import datetime

from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    display_name = db.Column(db.String(80))
    password = db.Column(db.String(255), nullable=False)
    api_token = db.Column(db.String(64))
    is_admin = db.Column(db.Boolean, default=False)

    def to_public(self):
        return {"id": self.id, "email": self.email, "display_name": self.display_name}


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    title = db.Column(db.String(200), nullable=False)
    body = db.Column(db.Text, default="")
    shared = db.Column(db.Boolean, default=False)
    created_at = db.Column(db.DateTime, default=datetime.now)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "body": self.body, "shared": self.shared}
