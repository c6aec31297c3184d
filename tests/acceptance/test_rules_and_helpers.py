"""Rules fail closed, and a helper sees and manages only the sign-ups they
made: proven over HTTP against gunicorn."""
import os
from pathlib import Path

from conftest import TEST_PASSWORD, enable, make_event
from live_http import Visitor

from dialogplatform.models import Registration

TESTS = str(Path(__file__).resolve().parent.parent)


def _form(**overrides):
    data = {"name": "Amal Haddad", "email": "amal.haddad@example.org", "phone": "", "childcare_count": "0",
            "childcare_ages": "", "accessibility_other": "", "note": "", "consent": "y"}
    data.update(overrides)
    return data


def _stored(db) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(Registration))


def test_a_rule_that_raises_refuses_the_visitor(start_server, make_app, people, db, monkeypatch):
    # The server process imports the throwaway plugin from tests/.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [TESTS, os.environ.get("PYTHONPATH")])))
    server = start_server(PLUGIN_MODULES=["fixture_plugins.raising_rule"])
    with make_app(PLUGIN_MODULES=["fixture_plugins.raising_rule"]).app_context():
        enable(people.municipality, "raisingrule")
    event = make_event(people.municipality, "raisingrule", capacity=10)
    visitor = Visitor(server.url)

    answer = visitor.submit(f"/testort/e/{event.id}/signup", _form())
    assert answer.status == 200
    assert "weil eine Prüfung dieses Dialogs fehlgeschlagen ist" in answer.text
    assert "/r/" not in (answer.location or "")
    assert _stored(db) == 0

    english = Visitor(server.url, headers={"Accept-Language": "en"})
    answer = english.submit(f"/testort/e/{event.id}/signup", _form(email="other@example.org"))
    assert answer.status == 200 and "a check of this dialogue failed" in answer.text
    assert _stored(db) == 0
