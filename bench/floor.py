"""The floor of a sign-up POST in this stack, for comparison.

A minimal Flask app that does only what any sign-up must: check the CSRF
token, insert one row and commit, on the same database (PostgreSQL, or
SQLite with the app's own settings: WAL, busy timeout). No lock, no seat
count, no mail. bench/signup.py serves it like the real app, so the
sign-up's figure can be read against what the stack allows at all.
"""
import os

from flask import Flask, redirect, request
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect, generate_csrf
from sqlalchemy import event

from dialogplatform.app_setup import set_sqlite_pragmas

app = Flask(__name__)
app.config.update(SECRET_KEY="bench-floor", WTF_CSRF_TIME_LIMIT=None,
                  SQLALCHEMY_DATABASE_URI=os.environ["DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI"])
db = SQLAlchemy(app)
CSRFProtect(app)


class FloorSignup(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254))


with app.app_context():
    if db.engine.dialect.name == "sqlite":
        event.listen(db.engine, "connect", set_sqlite_pragmas)
    db.create_all()


@app.get("/")
def index():
    return "floor"


@app.route("/signup", methods=["GET", "POST"])
def signup():
    if request.method == "POST":
        db.session.add(FloorSignup(email=request.form["email"]))
        db.session.commit()
        return redirect("/", 303)
    return f'<input type="hidden" name="csrf_token" value="{generate_csrf()}">'
