"""The plugin contract: loading, mounting, isolation of broken plugins."""
import logging

import pytest
from conftest import enable, log_in, make_event

from dialogplatform.plugin_system import hookspecs


def test_builtin_formats_load_through_the_entry_point_group(app):
    assert "themenabend" in app.extensions["dialogplatform.plugins"].formats


def test_plugin_blueprints_are_mounted_per_municipality_and_event(people, sample_app):
    client = sample_app.test_client()
    event = make_event(people.municipality, "sampleformat")
    # Off for the municipality: 404.
    assert client.get(f"/testort/e/{event.id}/sampleformat/hello").status_code == 404
    enable(people.municipality, "sampleformat")
    assert (client.get(f"/testort/e/{event.id}/sampleformat/hello").get_data(as_text=True)
            == f"event {event.id} in testort")
    # Another municipality's URL with this event id: 404.
    enable(people.other_municipality, "sampleformat")
    assert client.get(f"/anderswo/e/{event.id}/sampleformat/hello").status_code == 404
    # Organise scope: organisers only.
    assert client.get("/testort/organise/sampleformat/").status_code == 302
    log_in(client, people.organiser)
    assert client.get("/testort/organise/sampleformat/").get_data(as_text=True) == "organise testort"


def test_plugin_navigation_appears_for_staff(people, sample_app):
    enable(people.municipality, "sampleformat")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    assert "Sample overview" in client.get("/testort/organise/").get_data(as_text=True)


def test_plugin_that_fails_to_import_is_skipped_and_shown_as_broken(people, make_app, caplog):
    with caplog.at_level(logging.ERROR):
        app = make_app(PLUGIN_MODULES=["fixture_plugins.broken_import"])
    assert "fixture_plugins.broken_import" in caplog.text
    with app.app_context():
        client = app.test_client()
        assert client.get("/").status_code == 200  # the site still starts
        log_in(client, people.instance_admin)
        html = client.get("/admin/").get_data(as_text=True)
        assert "fixture_plugins.broken_import" in html
        assert "ModuleNotFoundError" in html


def test_strict_setting_reraises_a_broken_plugin(make_app):
    with pytest.raises(ModuleNotFoundError):
        make_app(PLUGIN_MODULES=["fixture_plugins.broken_import"], PLUGINS_STRICT=True)


def test_hook_that_raises_while_rendering_is_replaced_by_a_notice(people, make_app, caplog):
    app = make_app(PLUGIN_MODULES=["fixture_plugins.broken_panels"])
    with app.app_context():
        enable(people.municipality, "brokenpanels")
        event = make_event(people.municipality, "brokenpanels")
        client = app.test_client()
        with caplog.at_level(logging.ERROR):
            response = client.get(f"/testort/e/{event.id}/")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "Sicherheit und Nachbarschaft" in html
        assert "derzeit nicht verfügbar" in html
        assert "brokenpanels" in caplog.text and "event_panels" in caplog.text
        log_in(client, people.organiser)
        assert client.get("/testort/organise/").status_code == 200  # navigation hook raised
        assert client.get(f"/testort/e/{event.id}/evaluation").status_code == 200


SPECS = sorted(name for name, value in vars(hookspecs).items() if hasattr(value, "dialogplatform_spec"))


@pytest.fixture
def hook_calls(monkeypatch):
    """Records (hook, format key) each time the core runs a plugin's
    implementation, in apps built while the fixture is active."""
    from dialogplatform.plugin_system.manager import PluginManager

    calls = set()
    load, format_info_of = PluginManager.load, PluginManager._format_info_of

    def recording(hook, key, function):
        def call(*args, **kwargs):
            calls.add((hook, key))
            return function(*args, **kwargs)
        return call

    def recording_load(self, extra_modules=()):
        load(self, extra_modules)
        for hook in SPECS:
            for impl in getattr(self.pm.hook, hook).get_hookimpls():
                impl.function = recording(hook, self._key_by_plugin.get(id(impl.plugin)), impl.function)

    def recording_format_info_of(plugin):
        info = format_info_of(plugin)
        calls.add(("format_info", info.key))
        return info

    monkeypatch.setattr(PluginManager, "load", recording_load)
    monkeypatch.setattr(PluginManager, "_format_info_of", staticmethod(recording_format_info_of))
    return calls


def test_every_hookspec_is_called_by_the_core(people, make_app, hook_calls, monkeypatch):
    """Each hook of the contract has an implementation, and the core runs it
    when a person or a job does what the hook is for: a hook the core never
    calls is a broken promise to plugin authors. A new hook joins this walk."""
    from datetime import timedelta

    from conftest import TEST_PASSWORD, submit
    from process_helpers import make_process

    from dialogplatform import demo
    from dialogplatform.services import privacy

    app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format"])
    with app.app_context():
        enable(people.municipality, "sampleformat")
        process = make_process(people.municipality)
        event = make_event(people.municipality, "sampleformat", process_id=process.id)
        client = app.test_client()
        assert client.get(f"/testort/e/{event.id}/").status_code == 200  # event_panels
        assert client.get("/testort/k/sample").headers["Location"] == "/testort/f/sampleformat/"  # short_link
        refused = submit(client, f"/testort/e/{event.id}/signup", {  # registration_fields, can_register
            "name": "Nobody", "email": "nobody@example.org", "childcare_count": "0", "consent": "y",
            "ext__sampleformat__table": "wohnen"})
        assert "Nobody may not sign up" in refused.get_data(as_text=True)
        log_in(client, people.organiser)
        for url in ["/testort/organise/", f"/testort/organise/e/{event.id}/", "/testort/organise/new/sampleformat",
                    f"/testort/e/{event.id}/evaluation",
                    f"/testort/organise/events/{event.id}/door-list",  # door_list_columns
                    f"/testort/organise/recommendations/from-event/{event.id}", f"/testort/p/{process.id}/report"]:
            # navigation and moderation_queue, event_tools, settings form, evaluation, sources, report
            assert client.get(url).status_code == 200, url
        assert submit(client, f"/testort/organise/e/{event.id}/", {},  # duplicate_event
                      post_url=f"/testort/organise/events/{event.id}/duplicate").status_code == 302
        log_in(client, people.participant)
        assert client.get("/account/privacy").status_code == 200  # privacy_export
        assert submit(client, "/account/delete", {"password": TEST_PASSWORD}).status_code == 302  # privacy_erase
        privacy.anonymise_past_events(now=event.starts_at + timedelta(days=privacy.max_period() + 1))
        monkeypatch.setattr(demo, "PILOTS", [("testort-demo", "Testort Demo")])
        demo.load_demo(password_factory=lambda: TEST_PASSWORD)  # demo_data
    called = {hook for hook, _key in hook_calls}
    assert called == set(SPECS), f"never called by the core: {sorted(set(SPECS) - called)}"
    assert {hook for hook, key in hook_calls if key == "sampleformat"} == set(SPECS) - {"demo_data"}
