"""Value types that hooks return."""
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint


@dataclass(frozen=True)
class FormatInfo:
    """A dialogue format. ``key`` is stored on events: never change it."""

    key: str
    name: str  # lazy_gettext string, shown to users
    description: str
    icon: str = ""
    default_settings: dict = field(default_factory=dict)


@dataclass
class PluginBlueprint:
    """A plugin blueprint and where the core mounts it.

    scope "event": under ``/<municipality>/e/<event_id>/<format key>/``
    (``g.event`` is the event, checked to be of this format);
    scope "organise": under ``/<municipality>/organise/<format key>/``
    (organiser role required).
    """

    blueprint: Blueprint
    scope: str


@dataclass
class Panel:
    """A section on the event page, rendered from the plugin's template."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class Section:
    """A part of a format's evaluation: a heading and a table and/or text.

    ``table`` is a list of rows, the first row being the header; ``chart``
    is markup from ``dialogplatform.services.charts`` (shown beside the
    table, which carries the same numbers for screen readers).
    """

    title: str
    table: list[list[Any]] | None = None
    text: str = ""
    chart: str = ""
