"""URLs and small set-ups shared by the women's dialogue tests."""
import secrets

from dialogplatform.plugin_api import Registration, RegistrationStatus, db
from dialogplatform_formats.frauendialog.models import Contribution, Designation

NAMES = ["Zainab Quellenfrau", "Mahsa Birkenhain"]


def event_url(event):
    return f"/{event.municipality.slug}/e/{event.id}/"


def plugin_url(event, path, slug=None):
    return f"/{slug or event.municipality.slug}/e/{event.id}/frauendialog/{path}"


def add_women(event, names=NAMES):
    """Confirmed sign-ups with the statement, as the sign-up form stores them."""
    for name in names:
        db.session.add(Registration(
            event_id=event.id, name=name, email=f"{name.split()[0].lower()}@example.org",
            status=RegistrationStatus.CONFIRMED, interpreter_language="fa", childcare_count=1,
            answers={"frauendialog": {"is_woman": True, "female_interpreter": True}},
            token_nonce=secrets.token_hex(16)))
    db.session.commit()


def designate(event, user):
    db.session.add(Designation(event_id=event.id, user_id=user.id))
    db.session.commit()


def add_contributions(event, topic, kind, count, text="Mehr Kita-Plätze"):
    db.session.add_all(Contribution(event_id=event.id, topic=topic, kind=kind, text=f"{text} {n}", source="live")
                       for n in range(count))
    db.session.commit()


def count(model):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(model.id)))
