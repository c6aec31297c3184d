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
    # Values of the core event form's details that a new event of the format
    # starts with, e.g. ``{"women_only": True}`` for a women's dialogue
    # (names: see ``services.events.DETAILS``); the organiser may change them.
    event_defaults: dict = field(default_factory=dict)
    # Days after an event when its personal data is anonymised; None: the
    # municipality's general period (a women's dialogue sets it shorter).
    retention_days: int | None = None
    # False for formats without sign-up (e.g. pop-up boxes in public space):
    # the event page then shows no sign-up box.
    signup: bool = True
    # A protected space (e.g. a women's dialogue): who takes part is seen by
    # organisers only (door list and check-in included), and public pages
    # show no seat counts that would tell how many signed up.
    protected: bool = False
    # The format's organise landing page, an endpoint of its "organise"
    # blueprint (e.g. "<key>_organise.overview"): the core links it in
    # the organiser menu, for organisers where the format is enabled, with
    # ``menu_label`` (``name`` when empty) as the text.
    organise_endpoint: str = ""
    menu_label: str = ""


@dataclass
class PluginBlueprint:
    """A plugin blueprint and where the core mounts it.

    scope "event": under ``/<municipality>/e/<event_id>/<format key>/``
    (``g.event`` is the event, checked to be of this format);
    scope "organise": under ``/<municipality>/organise/<format key>/``
    (organiser role required);
    scope "public": under ``/<municipality>/f/<format key>/`` for pages that
    belong to no single event (only the enabled check; views check roles).
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

    ``staff_only`` marks a part for the municipality's staff (e.g. contact
    persons, moderation counts): the core shows it on staff pages only and
    leaves it out of everything published (public pages, reports, API).
    """

    title: str
    table: list[list[Any]] | None = None
    text: str = ""
    chart: str = ""
    staff_only: bool = False


@dataclass
class RecommendationSource:
    """A result of a format that can become a recommendation
    (Handlungsempfehlung): a project idea, a measure, an answered question.

    ``ref`` is stable within the event (e.g. "idea:12"), so the
    recommendation can link back to it.
    """

    ref: str
    text: str
    topic: str = ""
    kind: str = ""  # shown to the organiser, e.g. "Projektidee"
    addressee: str = ""  # a hint: "municipality", "land" or "other"


@dataclass
class FormatFigures:
    """What a format counts of one event's participation beyond the core's
    sign-ups and check-ins (``participation_figures`` hook). Whole numbers,
    never names.

    ``walk_ins``: people who came without being on the sign-up list,
    counted by a moderator (a person checked in at the door is a sign-up,
    not a walk-in). ``anonymous_contributors``: people, or devices, that
    contributed without signing up (a phone at a workshop, an online
    contribution); where the format cannot tell them apart, each
    contribution counts as one. ``contributions``: what people gave
    (cards, posts, questions, statements, concerns and wishes).
    """

    walk_ins: int = 0
    anonymous_contributors: int = 0
    contributions: int = 0
