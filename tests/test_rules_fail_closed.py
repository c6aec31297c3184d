"""A format's rule that cannot answer refuses: a crashing ``can_register``
(or a format whose plugin is not loaded) never lets anyone in."""
import logging

import pytest
from conftest import enable, log_in, make_event, make_user, submit

from dialogplatform.models import Registration, Role
from dialogplatform.services import signups
from dialogplatform.services.accounts import grant_role

NAME, EMAIL = "Amal Haddad", "amal.haddad@example.org"
REFUSED_DE = "weil eine Prüfung dieses Dialogs fehlgeschlagen ist"


def _form(**overrides):
    data = {"name": NAME, "email": EMAIL, "phone": "", "childcare_count": "0", "childcare_ages": "",
            "accessibility_other": "", "note": "", "consent": "y"}
    data.update(overrides)
    return data


def _stored(db) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(Registration))


@pytest.fixture
def raising_app(make_app):
    app = make_app(PLUGIN_MODULES=["fixture_plugins.raising_rule"])
    with app.app_context():
        yield app


def test_a_raising_rule_refuses_the_signup_and_logs_the_plugin_only(raising_app, people, db, caplog):
    enable(people.municipality, "raisingrule")
    event = make_event(people.municipality, "raisingrule", capacity=10)
    client = raising_app.test_client()
    with caplog.at_level(logging.ERROR):
        response = submit(client, f"/testort/e/{event.id}/signup", _form())
    assert response.status_code == 200
    assert REFUSED_DE in response.get_data(as_text=True)
    assert _stored(db) == 0
    assert "raisingrule" in caplog.text and "can_register" in caplog.text
    assert NAME not in caplog.text and EMAIL not in caplog.text


def test_the_refusal_is_in_the_visitors_language(raising_app, people, db):
    enable(people.municipality, "raisingrule")
    event = make_event(people.municipality, "raisingrule", capacity=10)
    client = raising_app.test_client()
    client.get("/?lang=en")
    response = submit(client, f"/testort/e/{event.id}/signup", _form())
    assert "a check of this dialogue failed" in response.get_data(as_text=True)
    assert _stored(db) == 0


def test_a_raising_rule_refuses_assisted_signups_too(raising_app, people, db):
    enable(people.municipality, "raisingrule")
    event = make_event(people.municipality, "raisingrule", capacity=10)
    helper = make_user("helfer@testort.example")
    grant_role(helper, people.municipality, Role.HELPER)
    db.session.commit()
    client = raising_app.test_client()
    log_in(client, helper)
    response = submit(client, f"/testort/organise/events/{event.id}/assisted", {"name": NAME})
    assert response.status_code == 200
    assert REFUSED_DE in response.get_data(as_text=True)
    assert _stored(db) == 0


def test_a_format_whose_plugin_is_not_loaded_takes_no_signups(app, people, db, caplog):
    """E.g. the women's dialogue failed to load: its women-only rule cannot
    run, so nobody is let in."""
    event = make_event(people.municipality, "vanishedformat", capacity=10)
    with app.test_request_context(), caplog.at_level(logging.ERROR):
        with pytest.raises(signups.SignupRefused):
            signups.register(event.id, signups.Person(name=NAME, email=EMAIL), source="assisted")
    assert _stored(db) == 0
    assert "vanishedformat" in caplog.text


def test_the_womens_dialogue_refuses_when_its_rule_raises(app, people, db, monkeypatch):
    """The women-only rule goes through the same hook: when it crashes,
    even an answer that would pass is refused."""
    enable(people.municipality, "frauendialog")
    event = make_event(people.municipality, "frauendialog", capacity=10)
    hook = app.extensions["dialogplatform.plugins"].pm.hook.can_register
    [impl] = [i for i in hook.get_hookimpls() if i.plugin_name.endswith("frauendialog")]

    def broken(event, person):
        raise KeyError("is_woman")

    monkeypatch.setattr(impl, "function", broken)
    with app.test_request_context():
        with pytest.raises(signups.SignupRefused):
            signups.register(event.id, signups.Person(name=NAME, email=EMAIL),
                             {"frauendialog": {"is_woman": True}}, source="assisted")
    assert _stored(db) == 0


def test_a_format_whose_plugin_is_not_loaded_counts_as_protected(client, app, people, db):
    """Whether a format is protected comes from its plugin; without the
    plugin (e.g. the women's dialogue failed to load) only organisers see
    who signed up."""
    event = make_event(people.municipality, "vanishedformat", capacity=10)
    log_in(client, people.moderator)
    assert client.get(f"/testort/organise/events/{event.id}/door-list").status_code == 403
    client = app.test_client()
    log_in(client, people.organiser)
    assert client.get(f"/testort/organise/events/{event.id}/door-list").status_code == 200
