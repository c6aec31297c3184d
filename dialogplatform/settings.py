"""Loading the settings of ``config.Settings`` into the app, and stopping
the start with one line when one is wrong or a production one is missing.

"Production" is what the app has always called it: neither debug mode nor
tests (``app.debug or app.testing`` is development). There, BASE_URL, the
secret key (SECRET_KEY or its file) and a database that answers are
required; only ``dialogplatform init`` may create the secret key file.
"""
import logging
import os
import secrets
import sys
from contextvars import ContextVar
from pathlib import Path

from flask import Config, Flask
from pydantic import ValidationError

from . import config
from .config import ENV_PREFIX, Settings

log = logging.getLogger(__name__)
# gunicorn stops (instead of restarting workers forever) on this exit code.
APP_LOAD_ERROR = 4
# Set by `dialogplatform init`: the one command that may create the secret key file.
may_create_secret = ContextVar("may_create_secret", default=False)
# DIALOGPLATFORM_* variables that are not settings of the app.
OTHER_VARIABLES = {"CLOCK", "TEST_DATABASE_URL", "TEST_REDIS_URL"}


def stop(lines: list[str]):
    for line in lines:
        print(f"Dialogplattform cannot start: {line}", file=sys.stderr)
    raise SystemExit(APP_LOAD_ERROR)


def load(app: Flask) -> None:
    """Defaults, instance/config.py, environment: validated into app.config.
    Other upper-case names in the file (Flask's or an extension's own
    settings) are passed on as they are."""
    file_path = Path(app.instance_path) / "config.py"
    from_file = Config(app.instance_path)
    from_file.from_pyfile("config.py", silent=True)
    fields = Settings.model_fields
    sources = {name: "default" for name in fields}
    sources.update({name: f"file {file_path}" for name in from_file if name in fields})
    sources.update({name: f"environment {ENV_PREFIX}{name}" for name in fields
                    if os.environ.get(ENV_PREFIX + name)})  # an empty one means the default
    try:
        settings = Settings(**{name: value for name, value in from_file.items() if name in fields})
    except ValidationError as error:
        stop(_explain(error, from_file, sources))
    app.config.update(settings.model_dump())
    app.config.update({name: value for name, value in from_file.items() if name not in fields})
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = config.BABEL_TRANSLATION_DIRECTORIES
    app.config["INSTANCE_PATH"] = app.instance_path
    app.extensions["dialogplatform.settings_sources"] = sources
    for name in unknown_variables():
        log.warning("%s is not a setting of Dialogplattform and is ignored.", name)


def unknown_variables() -> list[str]:
    """DIALOGPLATFORM_* variables that name no setting (a typo is ignored, so show it)."""
    return sorted(name for name in os.environ if name.startswith(ENV_PREFIX)
                  and name[len(ENV_PREFIX):] not in Settings.model_fields
                  and name[len(ENV_PREFIX):] not in OTHER_VARIABLES)


def _explain(error: ValidationError, from_file, sources) -> list[str]:
    lines, named = [], set()
    for problem in error.errors(include_url=False):
        name = str(problem["loc"][0])
        if name in named:
            continue
        named.add(name)
        source = sources.get(name, "default")
        if source.startswith("environment"):
            raw = os.environ[ENV_PREFIX + name]
        elif source.startswith("file"):
            raw = from_file[name]
        else:
            raw = getattr(Settings.model_fields.get(name), "default", None)
        shown = masked(name, raw)
        lines.append(f"{name} = {shown!r} (from {source}) is not accepted; expected {_expected(problem)}.")
    return lines


def _expected(problem) -> str:
    kind, context = problem["type"], problem.get("ctx") or {}
    if kind.startswith("bool"):
        return "true or false (also 1/0, yes/no, on/off; in any case)"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most"}[kind]
        limit = next(iter(context.values()))
        return f"a number {bound} {limit}"
    if kind.startswith("int"):
        return "a whole number (digits only, no unit)"
    if kind.startswith("float"):
        return "a number, e.g. 0.5"
    if kind == "literal_error":
        return f"one of {context['expected']}"
    if kind == "too_short":
        return "at least one value"
    if kind == "value_error":
        return str(context["error"])
    return problem["msg"].lower()


def is_secret(name: str) -> bool:
    extra = Settings.model_fields[name].json_schema_extra if name in Settings.model_fields else None
    return bool(extra and extra.get("secret"))


def masked(name: str, value):
    """A secret setting as shown to people: URLs without their password,
    other secrets as ***."""
    if value is None or not is_secret(name):
        return value
    if isinstance(value, str) and "://" in value:
        return mask_url(value)
    return "***"


def mask_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: hide everything between :// and @
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.rpartition('@')[2]}" if "@" in rest else url


def is_production(app: Flask) -> bool:
    return not (app.debug or app.testing)


def check_for_production(app: Flask) -> None:
    """After every override: BASE_URL, the secret key and the database."""
    from . import links

    links.check_base_url(app)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SECRET_KEY"] = _secret_key(app)
    if is_production(app):
        problem = database_problem(app.config["SQLALCHEMY_DATABASE_URI"])
        if problem:
            stop([problem])


def _secret_key(app: Flask) -> str:
    if app.config.get("SECRET_KEY"):
        return app.config["SECRET_KEY"]
    path = Path(app.config.get("SECRET_KEY_FILE") or Path(app.instance_path) / "secret_key")
    app.extensions["dialogplatform.settings_sources"]["SECRET_KEY"] = f"file {path}"
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
        stop([f"SECRET_KEY_FILE {str(path)!r} is empty; expected the secret key (a long random string)."])
    if is_production(app) and not may_create_secret.get():
        stop([f"SECRET_KEY is not set and its file {str(path)!r} does not exist; expected "
              "DIALOGPLATFORM_SECRET_KEY, or run `dialogplatform init` once in this instance folder "
              "(it creates the file)."])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def database_problem(url: str) -> str | None:
    """One line when the database cannot be reached; None when it answers.
    An SQLite file is not created here (only `init` creates a database)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    shown = mask_url(url)
    if parsed.get_backend_name() == "sqlite":
        folder = Path(parsed.database).parent if parsed.database not in (None, "", ":memory:") else None
        if folder is not None and not folder.is_dir():
            return (f"SQLALCHEMY_DATABASE_URI = {shown!r}: the folder {str(folder)!r} does not exist; "
                    "expected a reachable database.")
        return None
    engine = create_engine(url, connect_args=_quick_connect(parsed))
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any driver's error: the admin needs its first line, not the traceback
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return f"SQLALCHEMY_DATABASE_URI = {shown!r} does not answer ({reason}); expected a reachable database."
    finally:
        engine.dispose()
    return None


def _quick_connect(parsed) -> dict:
    return {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
