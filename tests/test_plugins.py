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
    assert client.get(f"/testort/e/{event.id}/sampleformat/hello").get_data(as_text=True) == f"event {event.id} in testort"
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


def test_every_hookspec_is_exercised_by_a_test():
    """A new hook needs a test: this map names the test module that covers
    it, and that module must call on it by name."""
    from pathlib import Path

    covered = {
        "format_info": "test_plugins", "blueprints": "test_plugins", "event_settings_form": "test_organise",
        "event_panels": "test_organise", "evaluation": "test_organise", "navigation": "test_plugins",
        "demo_data": "test_demo", "registration_fields": "test_signup", "can_register": "test_signup",
        "recommendation_sources": "test_recommendations", "process_report_sections": "test_reports",
        "privacy_export": "test_privacy", "privacy_erase": "test_privacy", "anonymise_event": "test_privacy",
    }
    specs = {name for name in dir(hookspecs) if not name.startswith("_") and callable(getattr(hookspecs, name))
             and hasattr(getattr(hookspecs, name), "dialogplatform_spec")}
    assert specs == set(covered)
    here = Path(__file__).parent
    sample = (here / "fixture_plugins" / "sample_format.py").read_text()
    for hook, module in covered.items():
        assert (here / f"{module}.py").exists(), f"{hook}: {module}.py is missing"
        assert f"def {hook}(" in sample or hook in ("demo_data",), f"{hook}: the sample plugin does not implement it"
