"""URLs and small queries shared by the Freiraumkisten tests."""
import re

from dialogplatform.plugin_api import db
from dialogplatform_formats.freiraumkisten import services
from dialogplatform_formats.freiraumkisten.models import ModerationEntry, Post


def base(event):
    return f"/{event.municipality.slug}/e/{event.id}/freiraumkisten"


def station_url(event, station):
    return f"{base(event)}/s/{station.code}"


def feedback(text="Mehr Bänke im Schatten, bitte.", mood="good", topic="Sauberkeit"):
    return {"topic": topic, "mood": mood, "text": text}


def post(event, station, text="Schöner Platz.", mood="good", topic="Sauberkeit", approved=True, **kwargs):
    """A post stored through the service (as the form would)."""
    return services.submit(event, station, topic=topic, mood=mood, text=text, language="de", approved=approved,
                           **kwargs)


def posts():
    db.session.expire_all()
    return db.session.scalars(db.select(Post).order_by(Post.id)).all()


def log_entries():
    db.session.expire_all()
    return db.session.scalars(db.select(ModerationEntry).order_by(ModerationEntry.id)).all()


def cells(html):
    """Table rows of a page as lists of cell texts."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in rows]
