"""Builders shared by the tests of processes, recommendations, reports,
the overview and the API."""
import secrets
from datetime import date

from conftest import same_session

from dialogplatform.extensions import db
from dialogplatform.models import Process, Recommendation, RecommendationUpdate, Registration
from dialogplatform.models.types import utcnow
from dialogplatform.services import processes as process_service


def make_process(municipality, title="Flüchtlingsdialog Testort", *, published=True, **fields):
    municipality = same_session(municipality)
    process = Process(municipality=municipality, title={"de": title, "en": f"{title} (en)"},
                      description={"de": "Wie leben wir zukünftig zusammen?"}, published=published,
                      current_step=fields.pop("current_step", 1), rules_of_participation=fields.pop("rules", ""),
                      **fields)
    process_service.ensure_steps(process)
    db.session.add(process)
    db.session.commit()
    return process


def make_recommendation(municipality, text="Mehr Sprachkurse am Abend", *, status="open", process=None,
                        event=None, topic="Bildung", addressee="municipality", detail="", answer=""):
    recommendation = Recommendation(
        municipality_id=municipality.id, text=text, topic=topic, addressee=addressee, responsible_body=detail,
        status=status, process_id=process.id if process else None, event_id=event.id if event else None)
    recommendation.updates.append(RecommendationUpdate(happened_on=date(2030, 1, 10), status="open"))
    if status != "open":
        recommendation.updates.append(RecommendationUpdate(happened_on=date(2030, 2, 1), status=status,
                                                           text="Weitergeleitet", answer=answer))
    db.session.add(recommendation)
    db.session.commit()
    return recommendation


def register(event, name, status="confirmed", *, companions=0, language="de", interpreter="", checked_in=False):
    db.session.add(Registration(
        event_id=event.id, name=name, email=f"{name.lower()}@example.org", status=status, companions=companions,
        language=language, interpreter_language=interpreter, token_nonce=secrets.token_hex(8),
        checked_in_at=utcnow() if checked_in else None))
    db.session.commit()


def fill(event):
    """Registered: 2 + 1 + 1 = 4 people (a cancellation and the waiting list
    do not count); attended: 1 + 1 = 2 (one sign-up and one walk-in)."""
    register(event, "Amal", companions=1, language="ar", interpreter="ar")
    register(event, "Peter", checked_in=True)
    register(event, "Farid", "cancelled", language="fa", interpreter="fa")
    register(event, "Zahra", "waitlisted", language="fa")
    register(event, "Walkin", checked_in=True, language="ar")


class QueryCounter:
    """Counts SQL statements sent while the block runs."""

    def __init__(self, engine):
        self.engine = engine
        self.count = 0

    def _count(self, *args, **kwargs):
        self.count += 1

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)
