"""Per-municipality enabling of formats (a row per municipality and key)."""
from flask import current_app, g
from sqlalchemy import bindparam, func

from ..extensions import db
from ..models import FormatSetting


def plugin_manager():
    return current_app.extensions["dialogplatform.plugins"]


def _enabled_in(municipality_id):
    return (FormatSetting.municipality_id == municipality_id) & FormatSetting.enabled.is_(True)


_ENABLED = db.select(FormatSetting.format_key).where(_enabled_in(bindparam("municipality_id")))


def enabled_format_keys(municipality) -> set[str]:
    """Installed formats enabled for ``municipality``, cached for the request."""
    cache = g.setdefault("_enabled_formats", {})
    if municipality.id not in cache:
        _remember(municipality, db.session.scalars(_ENABLED, {"municipality_id": municipality.id}))
    return cache[municipality.id]


def enabled_keys_column(municipality_id):
    """The keys of the formats enabled in municipality ``municipality_id``
    (a column, e.g. ``Municipality.id``), comma-separated, for the statement
    that loads the municipality (``remember_enabled_keys``): every staff page
    of an event asks which formats are enabled."""
    return db.select(func.aggregate_strings(FormatSetting.format_key, ",")).where(
        _enabled_in(municipality_id)).scalar_subquery()


def remember_enabled_keys(municipality, keys: str | None) -> None:
    """Cache for the request what ``enabled_keys_column`` loaded."""
    _remember(municipality, keys.split(",") if keys else ())


def _remember(municipality, keys) -> None:
    g.setdefault("_enabled_formats", {})[municipality.id] = set(keys) & set(plugin_manager().formats)


def enabled_formats(municipality) -> list:
    """The ``FormatInfo`` of each format enabled for ``municipality``, by key."""
    return [plugin_manager().info(key) for key in sorted(enabled_format_keys(municipality))]


def set_enabled(municipality, format_key: str, enabled: bool) -> None:
    """Switch a format on or off in a municipality (a new row starts with the
    format's ``default_settings``); the caller commits. ``KeyError`` for a
    format that is not installed."""
    if format_key not in plugin_manager().formats:
        raise KeyError(format_key)
    row = db.session.scalar(
        db.select(FormatSetting).filter_by(municipality_id=municipality.id, format_key=format_key)
    )
    if row is None:
        info = plugin_manager().info(format_key)
        row = FormatSetting(
            municipality_id=municipality.id, format_key=format_key,
            settings=dict(info.default_settings),
        )
        db.session.add(row)
    row.enabled = enabled
    g.pop("_enabled_formats", None)
