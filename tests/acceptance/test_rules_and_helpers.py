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


def _helper(email, municipality, db):
    from conftest import make_user

    from dialogplatform.models import Role
    from dialogplatform.services.accounts import grant_role

    helper = make_user(email)
    grant_role(helper, municipality, Role.HELPER)
    db.session.commit()
    return helper


def test_a_helper_manages_only_the_signups_they_made(server, app, people, db):
    from dialogplatform.services import signups

    event = make_event(people.municipality, "themenabend", capacity=20, interpreters=["ar"])
    elsewhere = make_event(people.other_municipality, "themenabend", capacity=20)
    _helper("helferin@testort.example", people.municipality, db)
    colleague = _helper("kollege@testort.example", people.municipality, db)
    with app.test_request_context():
        theirs, _ = signups.register(event.id, signups.Person(name="Vom Kollegen"), source="assisted",
                                     created_by=colleague)
        signups.register(event.id, signups.Person(name="Selbst Angemeldet", email="selbst@example.org"))
    helper = Visitor(server.url)
    helper.log_in("helferin@testort.example", TEST_PASSWORD)

    # Sign a resident up, in her language.
    answer = helper.submit(f"/testort/organise/events/{event.id}/assisted",
                           {"name": "Mariam Haddad", "language": "ar", "interpreter_language": "ar",
                            "childcare_count": "1", "childcare_ages": "4"})
    assert answer.status == 302 and "/testort/organise/my-signups/" in answer.location
    slip = helper.get(answer.location)
    assert slip.status == 200
    article = slip.text[slip.text.index('<article class="slip"'):]
    assert 'lang="ar" dir="rtl"' in article and "Rathaus" in article and "Obertorstraße 9" in article
    assert "يرجى إحضار هذه الورقة معك" in article  # "please bring this slip"

    # "Meine Anmeldungen", reachable from the menu, lists her and nobody else.
    assert 'href="/testort/organise/my-signups/"' in helper.get("/testort/organise/").text
    mine = helper.get("/testort/organise/my-signups/")
    assert mine.status == 200 and "Meine Anmeldungen" in mine.text and "Mariam Haddad" in mine.text
    assert "Vom Kollegen" not in mine.text and "Selbst Angemeldet" not in mine.text
    mariam = db.session.scalar(db.select(Registration).filter_by(name="Mariam Haddad"))
    assert mariam.created_by_id is not None and mariam.language == "ar"

    # Cancel: asked once, then done.
    cancel = f"/testort/organise/my-signups/{mariam.id}/cancel"
    assert "Mariam Haddad" in helper.get(cancel).text
    assert helper.post(cancel, {}).status == 400  # without the form's CSRF token nothing happens
    assert helper.submit(cancel, {}).status == 302
    db.session.expire_all()
    assert db.session.get(Registration, mariam.id).status == "cancelled"

    # No list of everyone, nobody else's sign-ups, no other municipality.
    for path in (f"/testort/organise/events/{event.id}/door-list", f"/testort/organise/events/{event.id}/check-in",
                 f"/testort/organise/events/{event.id}/registrations",
                 f"/testort/organise/my-signups/{theirs.id}/slip", f"/testort/organise/my-signups/{theirs.id}/cancel",
                 f"/anderswo/organise/events/{elsewhere.id}/assisted", "/anderswo/organise/my-signups/"):
        answer = helper.get(path)
        assert answer.status == 403, (path, answer.status)
        assert "Vom Kollegen" not in answer.text and "Selbst Angemeldet" not in answer.text
    assert helper.get(f"/testort/organise/events/{elsewhere.id}/assisted").status == 404
    assert helper.submit(f"/testort/organise/events/{event.id}/assisted", {},
                         post_to=f"/testort/organise/my-signups/{theirs.id}/cancel").status == 403
    db.session.expire_all()
    assert db.session.get(Registration, theirs.id).status == "confirmed"
