"""Isolation is complete: a plugin whose blueprint name, URL rule, template,
command or migration collides with the core or another plugin (or whose
start-up step fails) is logged, listed as broken on the instance admin's
page with the reason, and skipped entirely; the site starts and the other
plugins work.

Each broken plugin is a throwaway package written to a temp folder; it
records which of its hooks the core called.
"""
import logging
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSWORD, enable, log_in, submit
from flask.cli import ScriptInfo

from dialogplatform.extensions import db

PLUGIN = '''
import click
from flask import Blueprint

from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, hookimpl

CALLS = []
BP = Blueprint(BLUEPRINT_NAME, __name__, template_folder="templates")


@BP.route(ROUTE, methods=METHODS)
def page():
    return "a page of the throwaway plugin"


@hookimpl
def format_info():
    return FormatInfo(key=KEY, name="Throwaway " + KEY, description="A plugin that breaks.")


@hookimpl
def blueprints():
    CALLS.append("blueprints")
    return [PluginBlueprint(BP, SCOPE)]


@hookimpl
def register_cli(group):
    CALLS.append("register_cli")
    if COMMAND is None:
        raise RuntimeError("no commands today")
    group.command(COMMAND)(lambda: click.echo("the throwaway plugin's command"))


@hookimpl
def navigation(municipality, viewer):
    CALLS.append("navigation")
    return [("Throwaway", "/")]


@hookimpl
def privacy_export(user):
    CALLS.append("privacy_export")
    return {"notes": ["kept by the throwaway plugin"]}
'''

MIGRATION = '''
revision = {revision!r}
down_revision = None
branch_labels = {labels!r}
depends_on = "0001_core"


def upgrade():
    {body}


def downgrade():
    pass
'''


def write_plugin(root: Path, name: str, files=None, *, installed=False, **settings) -> str:
    """A plugin package ``name`` under ``root``; returns its plugin module
    (for ``PLUGIN_MODULES``, loaded after the installed plugins). With
    ``installed``, also a distribution whose entry point finds it (like a
    ``pip install``, for a server with ``root`` on its path).
    ``settings`` override the format key (the package name), blueprint
    name, route, methods, scope and command of ``PLUGIN``."""
    key = settings.pop("KEY", name)
    settings = {"KEY": key, "BLUEPRINT_NAME": f"{key}_pages", "ROUTE": "/hello", "METHODS": ["GET"],
                "SCOPE": "organise", "COMMAND": f"{key}-hello", **settings}
    package = root / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text("".join(f"{name} = {value!r}\n" for name, value in settings.items()) + PLUGIN)
    for path, text in (files or {}).items():
        (package / path).parent.mkdir(parents=True, exist_ok=True)
        (package / path).write_text(text)
    if not installed:
        return f"{name}.plugin"
    dist_info = root / f"{name}-0.1.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (dist_info / "entry_points.txt").write_text(f"[dialogplatform.plugins]\n{name} = {name}.plugin\n")
    return f"{name}.plugin"


@pytest.fixture
def manager_log(caplog):
    """What the plugin manager logs, even after Alembic's ``fileConfig``
    replaced the root logger's handlers (pytest's caplog hangs there)."""
    logger = logging.getLogger("dialogplatform.plugin_system.manager")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def plugin_root(tmp_path, monkeypatch):
    root = tmp_path / "site-packages"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    return root


def broken_app(make_app, caplog, name):
    """The app with the sample format and the broken plugin ``name``."""
    with caplog.at_level(logging.ERROR):
        app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format", name])
    manager, plugin = app.extensions["dialogplatform.plugins"], sys.modules[name]
    assert name in manager.broken and name in caplog.text  # logged with the plugin's name
    assert plugin.KEY not in manager.formats
    assert plugin.page not in app.view_functions.values()  # none of its blueprints is mounted
    assert not [command for command in app.cli.commands.values() if command.callback.__module__ == plugin.__name__]
    return app


def assert_site_works_without(app, people, name, reason):
    """A core page renders, the sample format still serves its pages and
    commands, the admin page lists ``name`` as broken with ``reason``, and
    the broken plugin's hooks are not called."""
    plugin = sys.modules[name]
    key, calls_before = plugin.KEY, list(plugin.CALLS)
    with app.app_context():
        enable(people.municipality, "sampleformat")
        _enable_directly(people.municipality, key)  # enabled before the plugin broke
        client = app.test_client()
        assert client.get("/testort/").status_code == 200
        log_in(client, people.organiser)
        organise = client.get("/testort/organise/").get_data(as_text=True)
        assert "Sample overview" in organise and "Throwaway" not in organise  # navigation
        assert client.get("/testort/organise/sampleformat/").get_data(as_text=True) == "organise testort"
        assert client.get(f"/testort/organise/{key}/hello").status_code == 404
        assert client.get("/account/privacy").status_code == 200  # privacy_export, asked of every plugin
        assert "sample greetings" in app.test_cli_runner().invoke(args=["sampleformat-hello"]).output
        admin = app.test_client()
        log_in(admin, people.instance_admin)
        page = admin.get("/admin/").get_data(as_text=True)
    assert reason in _admin_row(page, name)
    assert plugin.CALLS == calls_before


def _admin_row(page: str, name: str) -> str:
    row = page[page.index(f">{name}<"):]
    return row[:row.index("</tr>")]


def _enable_directly(municipality, key):
    from dialogplatform.models import FormatSetting

    db.session.add(FormatSetting(municipality_id=municipality.id, format_key=key, enabled=True, settings={}))
    db.session.commit()


# -- blueprint names ---------------------------------------------------------
@pytest.mark.parametrize("blueprint,reason", [
    ("auth", "Sein Blueprint-Name auth ist bereits von dem Kern der Plattform belegt."),
    ("sampleformat", "Sein Blueprint-Name sampleformat ist bereits von dem Plugin fixture_plugins.sample_format"
                     " belegt."),
])
def test_plugin_whose_blueprint_name_is_taken_is_skipped(people, make_app, plugin_root, caplog, blueprint, reason):
    name = write_plugin(plugin_root, f"clash_bp_{blueprint}", BLUEPRINT_NAME=blueprint)
    app = broken_app(make_app, caplog, name)
    assert sys.modules[name].CALLS == ["register_cli", "blueprints"]
    assert_site_works_without(app, people, name, reason)
    assert app.url_map.bind("localhost").match("/auth/login")[0] == "auth.login"  # the core's, not the plugin's


def test_broken_plugin_is_shown_in_the_admins_language(people, make_app, plugin_root, caplog):
    name = write_plugin(plugin_root, "clash_bp_uk", BLUEPRINT_NAME="auth")
    app = broken_app(make_app, caplog, name)
    people.instance_admin.language = "uk"
    db.session.commit()
    client = app.test_client()
    log_in(client, people.instance_admin)
    assert "Назву blueprint auth уже зайнято ядром платформи." in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize("name,settings,message", [
    ("strict_bp", {"BLUEPRINT_NAME": "auth"}, "blueprint name auth is taken by the core"),
    ("strict_cli", {"COMMAND": "init"}, "command init is taken by the core"),
    ("strict_mig", {"files": {"migrations/0001.py": MIGRATION.format(revision="0001_core", labels=(), body="pass")}},
     "migration 0001_core is taken by the core"),
])
def test_strict_setting_reraises_a_collision(make_app, plugin_root, name, settings, message):
    from dialogplatform.plugin_system.manager import BrokenPlugin

    module = write_plugin(plugin_root, name, **settings)
    with pytest.raises(BrokenPlugin, match=message):
        make_app(PLUGIN_MODULES=[module], PLUGINS_STRICT=True)


def test_blueprint_named_auth_does_not_stop_a_real_server(people, app, plugin_root, tmp_path):
    """From outside: gunicorn with the plugin installed (an entry point in a
    folder on its PYTHONPATH) starts, serves the log-in page and the admin
    page names the plugin as broken."""
    from live_http import Visitor, server_environment, start_gunicorn

    write_plugin(plugin_root, "clash_live", BLUEPRINT_NAME="auth", installed=True)
    env = server_environment(app, tmp_path / "instance")
    env["PYTHONPATH"] = f"{plugin_root}:{env.get('PYTHONPATH', '')}".rstrip(":")
    server = start_gunicorn(env, workers=1, threads=2)
    try:
        visitor = Visitor(server.url)
        assert "Einloggen" in visitor.get("/auth/login").text
        assert visitor.get("/testort/").status == 200
        visitor.log_in(people.instance_admin.email, TEST_PASSWORD)
        page = visitor.get("/admin/").text
    finally:
        server.stop()
    assert "clash_live" in page and "Sein Blueprint-Name auth ist bereits von dem Kern der Plattform belegt." in page
    assert "Themenabend" in page  # the built-in formats are installed


# -- URL rules ---------------------------------------------------------------
def test_plugin_whose_url_rule_duplicates_a_core_one_is_skipped(people, make_app, plugin_root, caplog):
    """A format keyed "evaluation" with a page at its event prefix would
    answer /<municipality>/e/<id>/evaluation instead of the core."""
    name = write_plugin(plugin_root, "clash_url", KEY="evaluation", SCOPE="event", ROUTE="")
    app = broken_app(make_app, caplog, name)
    assert sys.modules[name].CALLS == ["register_cli", "blueprints"]
    assert_site_works_without(app, people, name, "Seine Adresse /<municipality_slug>/e/<int:event_id>/evaluation"
                                                   " (GET) überschneidet sich mit dem Kern der Plattform.")
    endpoint = app.url_map.bind("localhost").match("/testort/e/1/evaluation")[0]
    assert endpoint == "municipality.evaluation"


def test_same_address_for_other_methods_is_no_collision(make_app, plugin_root):
    name = write_plugin(plugin_root, "url_other_method", KEY="evaluation", SCOPE="event", ROUTE="", METHODS=["POST"])
    app = make_app(PLUGIN_MODULES=[name])
    assert "evaluation" in app.extensions["dialogplatform.plugins"].formats
    adapter = app.url_map.bind("localhost")
    assert adapter.match("/testort/e/1/evaluation", method="GET")[0] == "municipality.evaluation"
    assert adapter.match("/testort/e/1/evaluation", method="POST")[0] == "evaluation_pages.page"


# -- templates ---------------------------------------------------------------
@pytest.mark.parametrize("key,template,reason", [
    ("clash_tpl_core", "base.html", "Seine Vorlage base.html wird bereits von dem Kern der Plattform bereitgestellt."),
    ("clash_tpl_plugin", "sampleformat/sample_panel.html", "Seine Vorlage sampleformat/sample_panel.html wird"
                                                           " bereits von dem Plugin fixture_plugins.sample_format"
                                                           " bereitgestellt."),
    ("clash_tpl_root", "hello.html", "Seine Vorlage hello.html liegt nicht in seinem eigenen Ordner"
                                     " templates/clash_tpl_root/."),
])
def test_plugin_whose_template_collides_is_skipped(people, make_app, plugin_root, caplog, key, template, reason):
    name = write_plugin(plugin_root, key, files={f"templates/{key}/fine.html": "fine",
                                                   f"templates/{template}": "<p>the plugin's copy</p>"})
    app = broken_app(make_app, caplog, name)
    assert sys.modules[name].CALLS == ["register_cli", "blueprints"]
    assert_site_works_without(app, people, name, reason)
    assert "the plugin's copy" not in app.test_client().get("/").get_data(as_text=True)


# -- commands ----------------------------------------------------------------
@pytest.mark.parametrize("command,reason", [
    ("init", "Sein Befehl init ist bereits von dem Kern der Plattform belegt."),
    ("routes", "Sein Befehl routes ist bereits von dem Kern der Plattform belegt."),  # Flask's own
    ("sampleformat-hello", "Sein Befehl sampleformat-hello ist bereits von dem Plugin fixture_plugins.sample_format"
                           " belegt."),
    (None, "Es konnte nicht starten: RuntimeError: no commands today"),  # register_cli raises
])
def test_plugin_whose_command_collides_or_fails_is_skipped(people, make_app, plugin_root, caplog, command, reason):
    key = f"clash_cli_{(command or 'raises').replace('-', '_')}"
    name = write_plugin(plugin_root, key, COMMAND=command)
    app = broken_app(make_app, caplog, name)
    assert sys.modules[name].CALLS == ["register_cli"]  # never mounted: blueprints() not asked
    assert_site_works_without(app, people, name, reason)
    shown = CliRunner().invoke(_dialogplatform(), ["--help"], obj=ScriptInfo(create_app=lambda: app)).output
    assert "sampleformat-hello" in shown and "Create or upgrade the database." in shown
    from dialogplatform import cli

    assert app.cli.commands["init"] is cli.init


def test_plugin_commands_appear_in_the_dialogplatform_command(make_app):
    app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format"])
    runner = CliRunner()
    info = ScriptInfo(create_app=lambda: app)
    assert "sampleformat-hello" in runner.invoke(_dialogplatform(), ["--help"], obj=info).output
    result = runner.invoke(_dialogplatform(), ["sampleformat-hello"], obj=info)
    assert result.output == "sample greetings from http://localhost\n"


def _dialogplatform():
    from dialogplatform.cli import main

    return main


# -- migrations --------------------------------------------------------------
@pytest.mark.parametrize("key,migration,reason", [
    ("clash_mig_id", {"revision": "0001_themenabend", "labels": ("clash_mig_id",), "body": "pass"},
     "Seine Migration 0001_themenabend ist bereits von dem Plugin themenabend belegt."),
    ("clash_mig_label", {"revision": "0001_clash_mig_label", "labels": ("core",), "body": "pass"},
     "Seine Migration core ist bereits von dem Kern der Plattform belegt."),
    ("clash_mig_syntax", None, "Seine Migrationen konnten nicht geladen werden: SyntaxError"),
    ("clash_mig_upgrade", {"revision": "0001_clash_mig_upgrade", "labels": ("clash_mig_upgrade",),
                           "body": "raise RuntimeError('disk on fire')"},
     "Das Aktualisieren seiner Datenbanktabellen ist fehlgeschlagen: RuntimeError: disk on fire"),
])
def test_plugin_whose_migration_collides_or_fails_is_skipped(make_app, plugin_root, tmp_path, manager_log, key,
                                                             migration, reason):
    """On an empty database: ``dialogplatform init`` still migrates the
    core and the other plugins, and the site starts without the plugin."""
    from alembic.migration import MigrationContext

    from dialogplatform.app_setup import MIGRATIONS_DIR
    from dialogplatform.plugin_system.migrations import heads

    source = MIGRATION.format(**migration) if migration else "revision = (\n"
    name = write_plugin(plugin_root, key, files={f"migrations/0001_{key}.py": source})
    with manager_log.at_level(logging.ERROR):
        app = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format", name],
                       SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.sqlite'}")
        with app.app_context():
            runner = app.test_cli_runner()
            result = runner.invoke(args=["init"])
            assert result.exit_code == 0, result.output
            assert f"Plugin {name} is broken and skipped" in result.output
            created = runner.invoke(args=["create-admin", "root@fresh.example", "--password", TEST_PASSWORD])
            assert created.exit_code == 0, created.output
            with db.engine.connect() as connection:
                applied = set(MigrationContext.configure(connection).get_current_heads())
    assert name in manager_log.text
    manager = app.extensions["dialogplatform.plugins"]
    core_heads = set(heads(MIGRATIONS_DIR / "versions"))
    assert core_heads | {"0002_themenabend_review", "0001_zukunftswerkstatt"} <= applied
    assert f"0001_{key}" not in applied
    assert key not in manager.formats and "themenabend" in manager.formats and "sampleformat" in manager.formats
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert submit(client, "/auth/login", {"email": "root@fresh.example", "password": TEST_PASSWORD}).status_code == 302
    page = client.get("/admin/").get_data(as_text=True)
    assert reason in _admin_row(page, name)
    assert client.get("/account/privacy").status_code == 200  # privacy_export, asked of every plugin
    # Only start-up hooks ran, and only for the plugin that broke after it was mounted.
    assert sys.modules[name].CALLS == (["register_cli", "blueprints"] if key == "clash_mig_upgrade" else [])


def test_server_started_after_a_failed_upgrade_skips_the_plugin(make_app, plugin_root, tmp_path):
    """``dialogplatform init`` and the server are two processes: the server
    finds the plugin's branch missing from the database at its first
    request and skips the plugin then."""
    migration = MIGRATION.format(revision="0001_unmigrated", labels=("unmigrated",), body="raise RuntimeError('x')")
    name = write_plugin(plugin_root, "unmigrated", files={"migrations/0001_unmigrated.py": migration})
    database = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    initialising = make_app(PLUGIN_MODULES=[name], SQLALCHEMY_DATABASE_URI=database)
    with initialising.app_context():
        runner = initialising.test_cli_runner()
        assert runner.invoke(args=["init"]).exit_code == 0
        assert runner.invoke(args=["create-admin", "root@fresh.example", "--password", TEST_PASSWORD]).exit_code == 0
    serving = make_app(PLUGIN_MODULES=["fixture_plugins.sample_format", name], SQLALCHEMY_DATABASE_URI=database)
    manager = serving.extensions["dialogplatform.plugins"]
    assert "unmigrated" in manager.formats  # nothing is known before the first request
    calls_before = list(sys.modules[name].CALLS)
    client = serving.test_client()
    assert client.get("/").status_code == 200
    assert "unmigrated" not in manager.formats and "sampleformat" in manager.formats
    assert submit(client, "/auth/login", {"email": "root@fresh.example", "password": TEST_PASSWORD}).status_code == 302
    assert ("Seine Datenbanktabellen sind nicht aktuell (es fehlt 0001_unmigrated): „dialogplatform init“ ausführen."
            in _admin_row(client.get("/admin/").get_data(as_text=True), name))
    assert client.get("/account/privacy").status_code == 200  # privacy_export, asked of every plugin
    assert sys.modules[name].CALLS == calls_before
