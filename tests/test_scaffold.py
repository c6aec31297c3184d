"""`dialogplatform new-format`: the plugin it writes installs with pip, passes
its own tests with the testing kit, and on a running instance shows its page
once a municipality admin has enabled it.

The plugin is installed into a folder of its own (``pip install --target``)
that only subprocesses see through PYTHONPATH: this test run's environment
stays as it was, so no other test meets an extra format.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from live_http import Visitor, server_environment, start_gunicorn
from test_catalogs import LANGUAGES, SOURCES, _extracted, _read

from dialogplatform.cli import main
from dialogplatform.extensions import db
from dialogplatform.models import Role
from dialogplatform.services.accounts import grant_role
from dialogplatform.testing import TEST_PASSWORD, make_municipality, make_user

KEY = "lesecafe"
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


def new_format(*args):
    return CliRunner().invoke(main, ["new-format", *args])


@pytest.fixture(scope="module")
def plugin(tmp_path_factory):
    """(source folder, site folder): the generated plugin and where pip installed it."""
    folder = tmp_path_factory.mktemp("scaffold")
    result = new_format(KEY, "--directory", str(folder))
    assert result.exit_code == 0, result.output
    source, site = folder / KEY, folder / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(source)], check=True, capture_output=True, timeout=300)
    return source, site


def with_plugin(env: dict, site: Path) -> dict:
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))}


def run_pytest(args, env, cwd) -> str:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                            cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_installed_plugin_passes_its_own_tests_and_the_core_migration_check(plugin, empty_database_url, tmp_path):
    source, site = plugin
    # A database of its own: the kit starts each run from an empty schema.
    env = with_plugin({**os.environ, "DIALOGPLATFORM_TEST_DATABASE_URL": empty_database_url}, site)
    # Run from elsewhere, so the installed copy is imported, not the source folder.
    assert "2 passed" in run_pytest([str(source / "tests")], env, cwd=tmp_path)
    # The core's check of every installed format: migrations build exactly the models' tables.
    assert "2 passed" in run_pytest(["-k", KEY, "tests/test_plugin_migrations.py"], env, cwd=ROOT)


def test_admin_enables_the_installed_format_and_its_page_shows(plugin, app, make_app, empty_database_url,
                                                               tmp_path):
    _source, site = plugin
    env = with_plugin(server_environment(app, tmp_path / "instance", SQLALCHEMY_DATABASE_URI=empty_database_url,
                                         PAGE_CACHE_URL=None), site)
    # What an operator runs after pip install: the format's migration branch comes along.
    subprocess.run([str(BIN / "dialogplatform"), "init"], env=env, check=True, capture_output=True, timeout=120)
    with make_app(SQLALCHEMY_DATABASE_URI=empty_database_url).app_context():
        municipality = make_municipality("testort", "Testort")
        admin = make_user("admin@testort.example")
        grant_role(admin, municipality, Role.ADMIN)
        db.session.commit()

    server = start_gunicorn(env, workers=1, threads=2)
    try:
        visitor = Visitor(server.url)
        visitor.log_in("admin@testort.example", TEST_PASSWORD)
        assert visitor.get(f"/testort/f/{KEY}/").status == 404  # installed, not enabled yet
        formats = visitor.get("/testort/admin/formats")
        assert "Lesecafe" in formats.text and "Ein neues Dialogformat." in formats.text

        answer = visitor.submit("/testort/admin/formats", {}, post_to=f"/testort/admin/formats/{KEY}")
        assert answer.status == 302

        page = visitor.get(f"/testort/f/{KEY}/")
        assert page.status == 200
        assert "Diese Seite kommt aus dem eigenen Plugin des Formats." in page.text
        assert "Noch keine kommenden Veranstaltungen." in page.text
    finally:
        server.stop()


def test_generated_catalogs_translate_every_string_and_agree_with_the_installed_ones(tmp_path):
    assert new_format(KEY, "--directory", str(tmp_path)).exit_code == 0
    package = tmp_path / KEY / f"dialogplatform_{KEY}"
    strings = {msgid for _context, msgid in _extracted(package, tmp_path / KEY / "babel.cfg")}
    assert {message.id for message in _read(package / "translations" / "messages.pot") if message.id} == strings
    for language in LANGUAGES:
        catalog = _read(package / "translations" / language / "LC_MESSAGES" / "messages.po")
        translated = {message.id: message.string for message in catalog if message.id and not message.fuzzy}
        assert set(translated) == strings and all(translated.values()), language
        # One instance merges all catalogs: the same English text, the same translation.
        installed = {message.id: message.string for _name, _source, _cfg, translations in SOURCES
                     for message in _read(translations / language / "LC_MESSAGES" / "messages.po")}
        assert all(installed.get(msgid, text) == text for msgid, text in translated.items()), language
    german = _read(package / "translations" / "de" / "LC_MESSAGES" / "messages.po")
    assert german["Upcoming events"].string == "Kommende Veranstaltungen"


@pytest.mark.parametrize("name,problem", [
    ("Lesecafe", "not a valid format key"),
    ("lese-cafe", "not a valid format key"),
    ("2cafe", "not a valid format key"),
    ("class", "not a valid format key"),
    ("themenabend", "is installed already"),
])
def test_an_unusable_name_is_refused_and_nothing_is_written(name, problem, tmp_path):
    result = new_format(name, "--directory", str(tmp_path))
    assert result.exit_code == 2
    assert problem in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_left_alone(tmp_path):
    (tmp_path / KEY).mkdir()
    (tmp_path / KEY / "notes.txt").write_text("mine")
    result = new_format(KEY, "--directory", str(tmp_path))
    assert result.exit_code == 2
    assert "exists already" in result.output
    assert [path.name for path in (tmp_path / KEY).iterdir()] == ["notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [KEY]
