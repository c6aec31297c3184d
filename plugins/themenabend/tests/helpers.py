"""URLs and small queries shared by the Themenabend tests."""
from dialogplatform.plugin_api import db
from dialogplatform_formats.themenabend.models import Question, Theme


def event_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/"


def ask_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/themenabend/questions/new"


def manage_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/themenabend/manage"


def question_url(event, question, action):
    return f"/{event.municipality.slug}/e/{event.id}/themenabend/questions/{question.id}/{action}"


def count(model):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(model.id)))


def questions():
    db.session.expire_all()
    return db.session.scalars(db.select(Question).order_by(Question.id)).all()


def themes():
    db.session.expire_all()
    return db.session.scalars(db.select(Theme).order_by(Theme.id)).all()
