"""Mounting plugin blueprints under a municipality and guarding them.

Every plugin view answers 404 when its format is off for the municipality
(pretix ``multidomain/plugin_handler.py``), event views only for events of
their own format in that municipality, organise views only for organisers.
Public views (e.g. a series of events) are guarded by the enabled check only.
"""
from flask import abort, g

from ..extensions import db
from ..models import Event, Role
from .. import tenancy
from .enabling import enabled_format_keys
from .types import PluginBlueprint


def mount_plugin_blueprints(app) -> None:
    manager = app.extensions["dialogplatform.plugins"]
    results, _ = manager.call_each("blueprints")
    for key, mounted in results:
        for item in mounted:
            if not isinstance(item, PluginBlueprint) or item.scope not in ("event", "organise", "public"):
                raise TypeError(f"plugin {key}: blueprints() must return PluginBlueprint items")
            bp = item.blueprint
            if item.scope == "event":
                prefix = f"/<municipality_slug>/e/<int:event_id>/{key}"
            elif item.scope == "public":
                prefix = f"/<municipality_slug>/f/{key}"
            else:
                prefix = f"/<municipality_slug>/organise/{key}"
            app.register_blueprint(bp, url_prefix=prefix)
            _guard(app, bp.name, key, item.scope)


def _guard(app, name: str, key: str, scope: str) -> None:
    def check_enabled():
        if key not in enabled_format_keys(g.municipality):
            abort(404)
        if scope == "organise":
            tenancy.require(Role.ORGANISER)

    def load_event(endpoint, values):
        event_id = values.pop("event_id")
        event = db.session.scalar(
            db.select(Event).filter_by(id=event_id, municipality_id=g.municipality.id, format_key=key)
        )
        if event is None:
            abort(404)
        g.event = event

    def add_event_id(endpoint, values):
        if "event_id" not in values and "event" in g and app.url_map.is_endpoint_expecting(endpoint, "event_id"):
            values["event_id"] = g.event.id

    app.before_request_funcs.setdefault(name, []).append(check_enabled)
    if scope == "event":
        app.url_value_preprocessors.setdefault(name, []).append(load_event)
        app.url_default_functions.setdefault(name, []).append(add_event_id)
