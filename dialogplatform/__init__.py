"""Dialogplattform: municipal refugee dialogues, one plugin per format."""
import logging
import os
from pathlib import Path

from flask import Flask

from . import clock, settings

log = logging.getLogger(__name__)


def create_app(config: dict | None = None) -> Flask:
    """Build the app. ``config`` (used by tests) wins over everything else
    and is taken as it is (see config.py for the settings an operator sets)."""
    instance_path = os.environ.get("DIALOGPLATFORM_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
    )
    settings.load(app)
    if config:
        app.config.update(config)
        app.extensions["dialogplatform.settings_sources"].update(dict.fromkeys(config, "create_app"))
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_file = Path(app.instance_path) / "dialogplatform.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_file}"
    settings.check_for_production(app)
    clock.set_from_environment()

    from .app_setup import init_app

    init_app(app)
    return app
