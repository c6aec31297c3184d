"""Mounting plugin blueprints under a municipality and guarding them.

Every plugin view answers 404 when its format is off for the municipality
(pretix ``multidomain/plugin_handler.py``), event views only for events of
their own format in that municipality, organise views only for organisers.
Public views (e.g. a series of events) are guarded by the enabled check only.

Before a plugin's blueprints are mounted they are tried on a scratch app: a
blueprint name, URL rule or template the core or an earlier plugin has
already makes the plugin broken and skipped, never the site (Flask would
raise on a taken name and silently shadow a rule or a template).
"""
import re

from flask import Flask, abort, g
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import AnyConverter, RequestRedirect

from .. import audience, tenancy
from ..extensions import db
from ..models import Event, Role
from .enabling import enabled_format_keys
from .manager import BrokenPlugin, owner
from .types import PluginBlueprint

PREFIXES = {
    "event": "/<municipality_slug>/e/<int:event_id>/{key}",
    "organise": "/<municipality_slug>/organise/{key}",
    "public": "/<municipality_slug>/f/{key}",
}


def mount_plugin_blueprints(app) -> None:
    """Mount each plugin's blueprints, after the core's."""
    manager = app.extensions["dialogplatform.plugins"]
    owners = {name: None for name in app.blueprints}  # blueprint name -> plugin name (None: the core)
    templates = {name: None for loader in _loaders(app) for name in loader.list_templates()}
    samples = _samples(app)
    for key in list(manager.formats):
        try:
            items = _blueprints_of(manager, key)
            scratch = _try_on_scratch_app(app, key, items)
            _check_names(scratch, owners)
            own_samples = _check_rules(app, scratch, samples, owners)
            shipped = _check_templates(key, items, templates)
        except Exception as error:  # a broken plugin must not stop the site
            manager.skip(key, error)
            continue
        name = manager.name_of(key)
        for item in items:
            app.register_blueprint(item.blueprint, url_prefix=PREFIXES[item.scope].format(key=key))
            _guard(app, item.blueprint.name, key, item.scope)
        owners.update({blueprint: name for blueprint in scratch.blueprints})
        templates.update({template: name for template in shipped})
        samples += own_samples


def _blueprints_of(manager, key) -> list[PluginBlueprint]:
    items = [item for result in manager.start_up_hook(key, "blueprints") if result for item in result]
    for item in items:
        if not isinstance(item, PluginBlueprint) or item.scope not in PREFIXES:
            raise TypeError("blueprints() must return PluginBlueprint items with scope event, organise or public")
    return items


_scratch_apps: dict = {}


def _try_on_scratch_app(app, key, items) -> Flask:
    """A bare app holding only this plugin's blueprints, as they would be
    mounted: its URL map and blueprint names are what mounting would add.
    Kept per process: compiling the rules is the slow part of an app."""
    signature = (key, app.url_map.strict_slashes, app.url_map.merge_slashes,
                 *sorted(app.url_map.converters.items()),
                 *((item.blueprint, item.scope, len(item.blueprint.deferred_functions)) for item in items))
    if signature not in _scratch_apps:
        _scratch_apps[signature] = _scratch_app(app, key, items)
    return _scratch_apps[signature]


def _scratch_app(app, key, items) -> Flask:
    scratch = Flask(app.import_name, static_folder=None)
    scratch.url_map.converters.update(app.url_map.converters)
    scratch.url_map.strict_slashes = app.url_map.strict_slashes
    scratch.url_map.merge_slashes = app.url_map.merge_slashes
    for item in items:
        scratch.register_blueprint(item.blueprint, url_prefix=PREFIXES[item.scope].format(key=key))
    return scratch


def _check_names(scratch, owners) -> None:
    for name in scratch.blueprints:
        if name in owners:
            raise BrokenPlugin(_l("Its blueprint name %(name)s is taken by %(owner)s.",
                                  name=name, owner=owner(owners[name])))


def _check_rules(app, scratch, samples, owners) -> list:
    """No URL may be answered by both a plugin rule and an existing one for
    the same method (one would shadow the other): a sample URL of every rule
    on either side is matched against the other side's map. ``samples`` are
    the existing rules' (rule, URL); returns the plugin's."""
    plugin_side, existing_side = scratch.url_map.bind("localhost"), app.url_map.bind("localhost")
    own = _samples(scratch)
    for rule, path, other_side in [*((rule, path, plugin_side) for rule, path in samples),
                                   *((rule, path, existing_side) for rule, path in own)]:
        try:
            other_side.match(path, method="GET")
        except NotFound:  # the usual case: nothing there answers this URL at all
            continue
        except HTTPException:  # e.g. only for other methods, or a redirect to the slashed URL
            pass
        for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
            try:
                other, _values = other_side.match(path, method=method, return_rule=True)
            except (RequestRedirect, HTTPException):
                continue
            plugins, existing = (rule, other) if other_side is existing_side else (other, rule)
            raise BrokenPlugin(_l("Its address %(rule)s (%(method)s) collides with %(owner)s.",
                                  rule=plugins.rule, method=method,
                                  owner=owner(owners.get(existing.endpoint.partition(".")[0]))))
    return own


def _samples(app) -> list:
    return [(rule, path) for rule in app.url_map.iter_rules() if (path := _sample_path(rule))]


def _sample_path(rule) -> str | None:
    """A URL the rule matches, or None when no sample value fits."""
    if rule.build_only:
        return None
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
            continue
        values[name] = next((candidate for candidate in ("1", "1.5", "00000000-0000-0000-0000-000000000001")
                             if re.fullmatch(converter.regex, candidate)), None)
        if values[name] is None:
            return None
    try:
        built = rule.build(values, append_unknown=False)
    except Exception:  # a converter refused the sample
        return None
    return built[1] if built else None


def _check_templates(key, items, templates) -> set[str]:
    """The plugin's templates live under ``<key>/`` and take no name the
    core or another plugin provides (Jinja would quietly serve only one)."""
    shipped = {name for item in items if item.blueprint.jinja_loader
               for name in item.blueprint.jinja_loader.list_templates()}
    for name in sorted(shipped):
        if name in templates:
            raise BrokenPlugin(_l("Its template %(name)s is provided by %(owner)s already.",
                                  name=name, owner=owner(templates[name])))
        if not name.startswith(f"{key}/"):
            raise BrokenPlugin(_l("Its template %(name)s is not in its own folder templates/%(key)s/.",
                                  name=name, key=key))
    return shipped


def _loaders(app):
    """The core's template loaders: the app's folder and its blueprints'."""
    return [loader for loader in (app.jinja_loader, *(bp.jinja_loader for bp in app.blueprints.values()))
            if loader is not None]


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
        audience.use_event(event)

    def add_event_id(endpoint, values):
        if "event_id" not in values and "event" in g and app.url_map.is_endpoint_expecting(endpoint, "event_id"):
            values["event_id"] = g.event.id

    app.before_request_funcs.setdefault(name, []).append(check_enabled)
    if scope == "event":
        app.url_value_preprocessors.setdefault(name, []).append(load_event)
        app.url_default_functions.setdefault(name, []).append(add_event_id)
