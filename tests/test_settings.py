"""Settings as an administrator meets them: the real ``dialogplatform``
command and gunicorn in subprocesses, with values in the environment, an
env file or instance/config.py (issue 19, "typed, validated settings", and
the cron findings)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from live_http import GUNICORN, Server, Visitor, server_environment, wait_until_up

from dialogplatform.config_docs import markdown_table
from dialogplatform.settings import mask_url

ROOT = Path(__file__).resolve().parent.parent
DIALOGPLATFORM = Path(sys.executable).parent / "dialogplatform"


def cron_environment(**settings) -> dict:
    """What cron gives a job (``env -i``): a PATH and the settings named here."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    env.update({f"DIALOGPLATFORM_{name}": value for name, value in settings.items()})
    return env


def dialogplatform(*arguments, env, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([str(DIALOGPLATFORM), *arguments], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def one_line(result) -> str:
    """The failure an administrator reads: exactly one line, no traceback."""
    assert result.returncode != 0, result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def production(tmp_path):
    """A production instance (no debug, no tests) with everything required."""
    return cron_environment(BASE_URL="https://dialog.example.org", SECRET_KEY="a-secret-for-this-test",
                            INSTANCE_PATH=str(tmp_path / "instance"),
                            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'dialog.sqlite'}")


@pytest.mark.parametrize(("name", "value", "command", "accepted"), [
    ("MAIL_USE_TLS", "maybe", "send-mail", "true or false (also 1/0, yes/no"),
    ("PROXY_FIX", "Falsch", "send-mail", "true or false"),
    ("HTMX_SOURCE", "locale", "send-mail", "one of 'local' or 'cdn'"),
    ("LANGUAGES", "de;en", "send-mail", "one of the shipped languages (de, en, "),
    ("RETENTION_DAYS", "30d", "anonymise", "a whole number"),
    ("MAIL_PORT", "0", "send-mail", "a number at least 1"),
    ("BASE_URL", "dialog.example.org", "expire-holds", "the address of the site"),
    ("SQLALCHEMY_DATABASE_URI", "postgres://dialog:geheim@db/dialog", "backup", "a database URL such as"),
    ("RATELIMIT_LOGIN", "ten a minute", "send-reminders", 'a rate such as "10 per minute"'),
    ("OIDC_GROUP_ROLES", "dialog-orga=testort:boss", "send-mail", "group=municipality-slug:role"),
    ("OIDC_ISSUER", "keycloak.example.org", "send-mail", "the provider's issuer URL"),
])
def test_a_wrong_value_stops_every_command_with_one_line(production, tmp_path, name, value, command, accepted):
    result = dialogplatform(command, env={**production, f"DIALOGPLATFORM_{name}": value}, cwd=tmp_path)
    line = one_line(result)
    assert result.returncode == 4
    assert name in line and accepted in line, line
    assert "geheim" not in line  # a password in a URL is masked
    assert value.replace("geheim", "***") in line, line


def test_a_wrong_value_in_instance_config_names_the_file(production, tmp_path):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "config.py").write_text('SIGNUP_HOLD_HOURS = "a day"\n')
    line = one_line(dialogplatform("expire-holds", env=production, cwd=tmp_path))
    assert "SIGNUP_HOLD_HOURS = 'a day'" in line and str(tmp_path / "instance" / "config.py") in line, line


@pytest.mark.parametrize("url", ["postgresql+psycopg://dialog:geheim@127.0.0.1:{port}/dialog",
                                 "sqlite:///{tmp}/no/such/folder/dialog.sqlite"])
def test_a_database_that_does_not_answer_stops_the_start_with_one_line(production, tmp_path, url):
    from conftest import free_port

    url = url.format(port=free_port(), tmp=tmp_path)
    line = one_line(dialogplatform("send-mail", env={**production, "DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI": url},
                                   cwd=tmp_path))
    assert line.startswith("Dialogplattform cannot start: SQLALCHEMY_DATABASE_URI") and "geheim" not in line, line
    assert "reachable database" in line


@pytest.mark.parametrize("value", ["False", "NO", "0"])
def test_false_in_any_spelling_switches_a_feature_off(production, tmp_path, value):
    env = {**production, "DIALOGPLATFORM_PROXY_FIX": value, "DIALOGPLATFORM_MAIL_USE_TLS": value,
           "DIALOGPLATFORM_SESSION_COOKIE_SECURE": value}
    shown = dialogplatform("config", env=env, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    for name in ("PROXY_FIX", "MAIL_USE_TLS", "SESSION_COOKIE_SECURE"):
        assert re.search(rf"^{name} += false +\[environment DIALOGPLATFORM_{name}\]$", shown.stdout, re.M), shown.stdout


def production_gunicorn(env) -> tuple[list[str], dict]:
    """gunicorn as docs/production.md starts it: with deploy/gunicorn.conf.py."""
    from conftest import free_port

    port = free_port()
    command = [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "dialogplatform:create_app()"]
    return command, {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "2"}


def test_gunicorn_reads_false_as_false_and_languages_with_commas(app, tmp_path):
    """The findings over HTTP: SESSION_COOKIE_SECURE=no sends the cookie over
    HTTP, LANGUAGES=de,en serves every page (it answered 500), PROXY_FIX=False
    starts (its value is shown by `dialogplatform config` above)."""
    command, env = production_gunicorn(server_environment(
        app, tmp_path / "instance", PROXY_FIX="False", SESSION_COOKIE_SECURE="no", LANGUAGES="de,en"))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    server = Server(process, f"http://{env['GUNICORN_BIND']}")
    try:
        wait_until_up(server)
        visitor = Visitor(server.url)
        assert visitor.get("/healthz").status == 200
        login = visitor.get("/auth/login?lang=en")
        assert login.status == 200 and "Log in" in login.text
        assert visitor.jar and not any(cookie.secure for cookie in visitor.jar)
        assert '<html lang="de"' in Visitor(server.url).get("/auth/login?lang=ar").text  # only de and en
    finally:
        server.stop()


def test_gunicorn_stops_at_start_with_one_line_on_a_wrong_value(app, tmp_path):
    command, env = production_gunicorn(server_environment(app, tmp_path / "instance", HTMX_SOURCE="locale"))
    process = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert process.returncode == 4
    ours = [line for line in process.stderr.splitlines() if "Dialogplattform" in line]
    assert ours == ["Dialogplattform cannot start: HTMX_SOURCE = 'locale' (from environment "
                    "DIALOGPLATFORM_HTMX_SOURCE) is not accepted; expected one of 'local' or 'cdn'."]
    assert "Traceback" not in process.stderr and "Booting worker" not in process.stderr, process.stderr


def test_cron_without_the_environment_creates_nothing_and_says_why(tmp_path):
    """``env -i``: no BASE_URL, no instance path. Nothing is created, not
    even a secret key or an SQLite file in the default instance folder."""
    before = set(Path(ROOT / "instance").glob("*")) if (ROOT / "instance").exists() else set()
    line = one_line(dialogplatform("send-mail", env=cron_environment(), cwd=tmp_path))
    assert "BASE_URL" in line
    after = set(Path(ROOT / "instance").glob("*")) if (ROOT / "instance").exists() else set()
    assert after == before and not list(tmp_path.iterdir())


def test_production_needs_a_secret_key_that_only_init_creates(tmp_path):
    env = cron_environment(BASE_URL="https://dialog.example.org", INSTANCE_PATH=str(tmp_path / "instance"))
    line = one_line(dialogplatform("send-mail", env=env, cwd=tmp_path))
    assert "SECRET_KEY" in line and "dialogplatform init" in line, line
    assert not (tmp_path / "instance" / "secret_key").exists()
    assert dialogplatform("init", env=env, cwd=tmp_path).returncode == 0
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("command", ["send-mail", "expire-holds", "send-reminders", "anonymise", "backup"])
def test_jobs_refuse_an_empty_database_and_name_it(production, tmp_path, command):
    env = {**production, "DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "other.sqlite")}
    result = dialogplatform(command, env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert result.stderr.strip() == (
        f"Error: The database sqlite:///{tmp_path}/other.sqlite is empty (not migrated); run `dialogplatform init` "
        "for it first, or check SQLALCHEMY_DATABASE_URI and DIALOGPLATFORM_INSTANCE_PATH "
        "(cron: dialogplatform --env-file FILE ...).")
    assert not (tmp_path / "other.sqlite").exists()


def test_a_job_names_the_empty_database_of_the_test_run_kind(production, empty_database_url, tmp_path):
    """The same on the suite's kind of database (PostgreSQL: a server database, password masked)."""
    env = {**production, "DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI": empty_database_url}
    result = dialogplatform("send-mail", env=env, cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert f"The database {mask_url(empty_database_url)} is empty (not migrated)" in result.stderr, result.stderr


def test_cron_lines_with_an_env_file_as_in_production_md(tmp_path):
    settings = tmp_path / "dialog.env"
    settings.write_text(f"# read by cron's jobs and systemd\nDIALOGPLATFORM_BASE_URL=https://dialog.example.org\n"
                        f"DIALOGPLATFORM_INSTANCE_PATH={tmp_path / 'instance'}\n"
                        f"DIALOGPLATFORM_MAIL_USE_TLS=no\nDIALOGPLATFORM_MAIL_PASSWORD=geheim\n")
    env = cron_environment()
    init = dialogplatform("--env-file", str(settings), "init", env=env, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    database = tmp_path / "instance" / "dialogplatform.sqlite"
    assert init.stdout.strip().splitlines()[-1] == f"Database sqlite:///{database} is up to date."
    for command, said in [("send-mail", "0 sent, 0 failed"), ("expire-holds", "0 holds released"),
                          ("send-reminders", "0 reminders queued"),
                          ("anonymise", "0 registrations anonymised, 0 mails cleared")]:
        result = dialogplatform("--env-file", str(settings), command, env=env, cwd=tmp_path)
        assert (result.returncode, result.stdout.strip()) == (0, said), result.stderr
    backups = tmp_path / "backups"
    backups.mkdir(mode=0o700)
    result = dialogplatform("--env-file", str(settings), "backup", str(backups / "dialog.tar.gz"), env=env,
                            cwd=tmp_path)
    assert result.returncode == 0 and (backups / "dialog.tar.gz").stat().st_mode & 0o777 == 0o600


def test_config_shows_each_setting_with_its_source_and_masks_secrets(tmp_path):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "config.py").write_text('MAIL_SERVER = "smtp.example.org"\nMAIL_PORT = 587\n')
    env = cron_environment(BASE_URL="https://dialog.example.org", INSTANCE_PATH=str(tmp_path / "instance"),
                           SECRET_KEY="very-secret-key", MAIL_PORT="2525", MAIL_PASSWORD="geheim",
                           SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'dialog.sqlite'}",
                           PAGE_CACHE_URL="redis://:redispass@127.0.0.1:6379/1", MAIL_SERVR="typo")
    shown = dialogplatform("config", env=env, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = dict(re.findall(r"^(\w+) += (.*)$", shown.stdout, re.M))
    file = tmp_path / "instance" / "config.py"
    assert lines["MAIL_SERVER"] == f"smtp.example.org  [file {file}]"
    assert lines["MAIL_PORT"] == "2525  [environment DIALOGPLATFORM_MAIL_PORT]"  # the environment wins
    assert lines["MAIL_TIMEOUT"] == "10  [default]"
    assert lines["SECRET_KEY"] == "***  [environment DIALOGPLATFORM_SECRET_KEY]"
    assert lines["MAIL_PASSWORD"] == "***  [environment DIALOGPLATFORM_MAIL_PASSWORD]"
    assert lines["PAGE_CACHE_URL"] == "redis://:***@127.0.0.1:6379/1  [environment DIALOGPLATFORM_PAGE_CACHE_URL]"
    assert "geheim" not in shown.stdout and "very-secret-key" not in shown.stdout and "redispass" not in shown.stdout
    assert "DIALOGPLATFORM_MAIL_SERVR is not a setting: ignored" in shown.stdout


def test_the_settings_table_in_production_md_is_generated_from_the_settings():
    docs = (ROOT / "docs" / "production.md").read_text()
    table = re.search(r"<!-- settings table: dialogplatform config --markdown -->\n(.*?)<!-- end -->", docs, re.S)
    assert table, "docs/production.md lost its settings table"
    assert table[1] == markdown_table(), "run: dialogplatform config --markdown, paste into docs/production.md"
    generated = dialogplatform("config", "--markdown", env=cron_environment(), cwd=ROOT)
    assert generated.stdout == markdown_table()  # no instance needed to print it

