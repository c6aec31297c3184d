"""The hook contract as plugin authors read it: the manual in hookspecs.py,
hooks about one format reaching that format only, and the organiser-menu
link the core makes for every format."""
import importlib.util
import inspect
import logging
import re
import textwrap
import typing
from datetime import timedelta

import pytest
from conftest import enable, log_in, make_event, submit
from fixture_plugins import other_format
from flask_login import AnonymousUserMixin

from dialogplatform.extensions import db
from dialogplatform.models import Registration
from dialogplatform.plugin_system import hookspecs
from dialogplatform.services.signups import Person

SPECS = {name: value for name, value in vars(hookspecs).items() if hasattr(value, "dialogplatform_spec")}
PER_FORMAT = sorted(name for name in SPECS if hookspecs.format_argument(name))


def _typed_hookspecs():
    """hookspecs.py loaded with TYPE_CHECKING true, so its annotations resolve."""
    spec = importlib.util.spec_from_file_location("dialogplatform.plugin_system._typed_hookspecs", hookspecs.__file__)
    module = importlib.util.module_from_spec(spec)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typing, "TYPE_CHECKING", True)
        spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_hookspec_is_typed_says_who_is_called_and_has_an_example_that_compiles(name):
    spec = SPECS[name]
    signature = inspect.signature(spec)
    assert signature.return_annotation is not inspect.Signature.empty
    assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values())
    hints = typing.get_type_hints(getattr(_typed_hookspecs(), name))  # the names are real types
    assert set(hints) == {*signature.parameters, "return"}
    doc = inspect.getdoc(spec)
    called_on = re.search(r"Called on: (.+?)(?:\n\n|$)", doc, re.S).group(1)
    assert called_on.startswith("one format only") == (name in PER_FORMAT), called_on
    example = doc.split("Example::", 1)[1]
    compile(textwrap.dedent(example), f"{name} example", "exec")
    assert f"def {name}(" in example or f"{name} = hookimpl(" in example


def test_per_format_hooks_name_an_argument_that_carries_the_format():
    assert PER_FORMAT == ["anonymise_event", "can_register", "door_list_columns", "duplicate_event", "evaluation",
                          "evaluations", "event_panels", "event_settings_form", "event_tools",
                          "participation_figures", "recommendation_sources", "registration_fields"]
    for name in PER_FORMAT:
        assert hookspecs.format_argument(name) in inspect.signature(SPECS[name]).parameters


@pytest.fixture
def two_formats(people, make_app):
    """The app with "sampleformat" and "otherformat", both enabled; the
    other format's per-format hooks answer for any event they are given."""
    app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format", "fixture_plugins.other_format"])
    with app.app_context():
        enable(people.municipality, "sampleformat")
        enable(people.municipality, "otherformat")
        other_format.CALLS.clear()
        yield app
    other_format.CALLS.clear()


@pytest.mark.parametrize("name", PER_FORMAT)
def test_manager_sends_a_per_format_hook_to_the_events_format_only(people, two_formats, name):
    manager = two_formats.extensions["dialogplatform.plugins"]
    arguments = {"viewer": AnonymousUserMixin(), "person": Person(name="Anna"), "registrations": []}
    for key in ("sampleformat", "otherformat"):
        event = make_event(people.municipality, key)
        arguments.update(event=event, format_key=key, events=[event], origin=event, copy=event)
        wanted = {arg: arguments[arg] for arg in inspect.signature(SPECS[name]).parameters}
        results, _failures = manager.call_each(name, **wanted)
        assert {format_key for format_key, _value in results} <= {key}
    assert other_format.CALLS == [(name, "otherformat")]  # asked once: about its own event


def test_core_never_asks_a_format_about_another_formats_event(people, two_formats):
    """The other format's hooks would add a panel, a sign-up field, a refusal,
    settings, an evaluation section and a recommendation to any event; on
    the sample format's pages none of it shows."""
    from dialogplatform.services import privacy

    event = make_event(people.municipality, "sampleformat")
    client = two_formats.test_client()
    page = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "Sample panel" in page and "Other panel" not in page
    form = client.get(f"/testort/e/{event.id}/signup").get_data(as_text=True)
    assert "ext__sampleformat__table" in form and "ext__otherformat__other" not in form
    submit(client, f"/testort/e/{event.id}/signup", {
        "name": "Anna", "email": "anna@example.org", "childcare_count": "0", "consent": "y",
        "ext__sampleformat__table": "wohnen"})
    answers = db.session.scalar(db.select(Registration.answers).filter_by(event_id=event.id))
    assert answers == {"sampleformat": {"table": "wohnen"}}  # signed up: the other format's refusal was not asked
    log_in(client, people.organiser)
    assert "Other motto" not in client.get("/testort/organise/new/sampleformat").get_data(as_text=True)
    door_list = client.get(f"/testort/organise/events/{event.id}/door-list").get_data(as_text=True)
    assert "Preferred table" in door_list and "Other column" not in door_list
    evaluation = client.get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
    assert "Sample results" in evaluation and "Other results" not in evaluation
    sources = client.get(f"/testort/organise/recommendations/from-event/{event.id}").get_data(as_text=True)
    assert "Sprachcafé" in sources and "Other idea" not in sources
    report = client.get(f"/testort/e/{event.id}/report")
    assert report.status_code == 200 and 'class="num">99<' not in report.get_data(as_text=True)  # other's walk-ins
    hub = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True)
    assert "Sample tool" in hub and "Other tool" not in hub
    assert submit(client, hub, {}, post_url=f"/testort/organise/events/{event.id}/duplicate").status_code == 302
    privacy.anonymise_past_events(now=event.starts_at + timedelta(days=privacy.max_period() + 1))
    assert other_format.CALLS == []
    # Its own event does reach it: the check above can fail.
    own = make_event(people.municipality, "otherformat")
    assert "Other panel" in client.get(f"/testort/e/{own.id}/").get_data(as_text=True)
    assert other_format.CALLS == [("event_panels", "otherformat")]


def _menu(client):
    """The formats' links on the staff dashboard (not in the header)."""
    page = client.get("/testort/organise/").get_data(as_text=True)
    return page.split('id="formats"', 1)[-1].split("</section>", 1)[0] if 'id="formats"' in page else ""


def test_core_links_each_enabled_formats_organise_page_for_organisers_only(people, sample_app):
    link = '<a href="/testort/organise/sampleformat/">Sample formats</a>'
    client = sample_app.test_client()
    log_in(client, people.organiser)
    assert link not in _menu(client)  # installed, not enabled here
    enable(people.municipality, "sampleformat")
    assert link in _menu(client)
    assert "Sample overview" in _menu(client)  # the navigation hook adds its links after it
    log_in(client, people.moderator)
    menu = _menu(client)
    assert link not in menu and "Sample overview" in menu  # the hook's links follow the hook's own rule


def test_organise_endpoint_that_is_no_route_is_logged_and_the_menu_still_renders(people, make_app, caplog):
    from dataclasses import replace

    app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format"])
    with app.app_context():
        manager = app.extensions["dialogplatform.plugins"]
        manager.formats["sampleformat"] = replace(manager.formats["sampleformat"], organise_endpoint="sample.gone")
        enable(people.municipality, "sampleformat")
        client = app.test_client()
        log_in(client, people.organiser)
        with caplog.at_level(logging.ERROR):
            response = client.get("/testort/organise/")
        assert response.status_code == 200
        assert "Sample overview" in response.get_data(as_text=True)
        assert "sampleformat" in caplog.text and "sample.gone" in caplog.text
