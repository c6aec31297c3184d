"""URLs and small queries shared by the Dezentrale Dialoge tests."""
from dialogplatform.plugin_api import db

ORGANISE = "/testort/organise/dezentrale_dialoge"


def series_url(series, slug="testort"):
    return f"/{slug}/f/dezentrale_dialoge/series/{series.id}"


def live_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/dezentrale_dialoge/live"


def entries_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/dezentrale_dialoge/entries"


def attendance_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/dezentrale_dialoge/attendance"


def count(model):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def rows(model):
    db.session.expire_all()
    return db.session.scalars(db.select(model)).all()
