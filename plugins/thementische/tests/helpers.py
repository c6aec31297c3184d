"""URLs and small queries shared by the Thementische tests."""
import secrets

from dialogplatform.plugin_api import Registration, db
from dialogplatform_formats.thementische.models import Statement


def url(event, path=""):
    return f"/{event.municipality.slug}/e/{event.id}/thementische/{path}"


def live_url(event, table):
    return url(event, f"tables/{table.id}/live")


def statement_url(event, table, question):
    return url(event, f"tables/{table.id}/questions/{question.id}/statements")


def statements():
    db.session.expire_all()
    return db.session.scalars(db.select(Statement).order_by(Statement.id)).all()


def sign_up(event, name, first=None, second=None, status="confirmed", companions=0, created_at=None):
    """A registration as the core stores it (answers under the format key)."""
    answers = {"thementische": {"first": first.id if first else 0, "second": second.id if second else 0}}
    registration = Registration(event_id=event.id, name=name, email=f"{secrets.token_hex(4)}@example.org",
                                status=status, companions=companions, token_nonce=secrets.token_hex(16),
                                answers=answers, **({"created_at": created_at} if created_at else {}))
    db.session.add(registration)
    db.session.commit()
    return registration
