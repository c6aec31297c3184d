"""Dialogplattform: municipal refugee dialogues, one plugin per format."""
import logging
import os
import secrets
from pathlib import Path

from flask import Flask

from . import clock, links
from . import config as default_config

log = logging.getLogger(__name__)


def create_app(config: dict | None = None) -> Flask:
    """Build the app. ``config`` (used by tests) wins over everything else."""
    instance_path = os.environ.get("DIALOGPLATFORM_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
    )
    app.config.from_object(default_config)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("DIALOGPLATFORM")
    if config:
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _fill_defaults(app)
    links.check_base_url(app)
    clock.set_from_environment()

    from .app_setup import init_app

    init_app(app)
    return app


def _fill_defaults(app: Flask) -> None:
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_file = Path(app.instance_path) / "dialogplatform.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_file}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")


def _instance_secret(path: Path) -> str:
    """Read the instance's secret, creating it once (mode 600)."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
