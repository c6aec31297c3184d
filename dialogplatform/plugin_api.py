"""The public surface a format plugin may use, and nothing else.

A format imports from here, from ``dialogplatform.plugin_system`` (``hookimpl``
and the types hooks return) and, in its tests, from ``dialogplatform.testing``.
Everything else in ``dialogplatform`` may change without notice; an import
contract in CI (``lint-imports``, configured in pyproject.toml) keeps the
built-in formats to this list. A name is added here when a format needs it,
with a docstring on the object itself.

Database
    ``db``: the Flask-SQLAlchemy extension (``db.Model`` for the format's
    tables, named ``<key>_...``; ``db.session``; ``db.select``).
    ``UTCDateTime``: the column type for every date-time (aware UTC).
    ``utcnow``: the platform's one clock; never ``datetime.now()``.
    ``day_at(days, time)``: a local time some days from today (demo data).
    ``demo_keys``, ``demo_sign_ups``, ``demo_email``: keyed, idempotent demo
    data (see ``dialogplatform.demo_support``).

Models (read them; change core rows through the services below)
    ``Event``, ``EventStatus``, ``Registration``, ``RegistrationStatus``,
    ``User``, ``Membership``, ``Role``, ``Municipality``, ``Process``,
    ``AuditEntry``; ``ACTIVE_STATUSES``, the statuses of sign-ups that hold
    or wait for a seat (``Registration.status.in_(ACTIVE_STATUSES)``).

Access (always inside a municipality's request, ``g.municipality``)
    ``can(role)`` to show or hide, ``require(role)`` and the
    ``role_required(role)`` decorator to refuse, ``event_or_404(id)`` for an
    event of this municipality only, ``require_visible(event)``: 404 for a
    draft unless the viewer organises here.

Services (core rules a format reuses instead of copying them)
    ``events``: ``create`` (a new event of the format, with the enabled
    check and the audit entry; ``complete=`` adds the format's own rows),
    ``create_follow_up``, ``copy_rows`` (a format's rows of an event again
    for its duplicate, in the ``duplicate_event`` hook). ``signups``: seats, sign-up, check-in.
    ``audit.record``: log an administrative action. ``protection``:
    small-number protection for protected formats (``count``,
    ``threshold``, ``MIN_COUNT``). ``tokens``: signed links. ``exports`` and
    ``csv_response``: safe CSV. ``qr``: QR codes. ``printing.pdf(html, css)``: a print piece
    (poster, card) as PDF with its page count. ``bar_chart``,
    ``line_chart``: accessible SVG charts (``meanings={series: "good" |
    "partly" | "bad" | "neutral"}`` gives a series its meaning's colour,
    e.g. a bad mood never green). ``lock_event``: serialise changes
    to one event. ``sections_for_viewer``: a process's published sections.
    ``find_user``, ``grant_role``: accounts (demo data). ``set_enabled``:
    switch a format on in a municipality (demo data). ``enabled_formats``:
    the ``FormatInfo`` of the formats a municipality has switched on (e.g.
    to offer them for a follow-up meeting).
    ``FormatFigures`` and ``count_by_event``: a format's participation
    figures (the ``participation_figures`` hook): walk-ins, anonymous
    contributors, contributions, counted per event in one query.
    ``by_event(events, rows)``: rows of many events loaded in one query,
    ``{event id: [row, ...]}`` (the ``evaluations`` hook).

Forms and input
    ``ConfirmForm`` (CSRF-only button form), ``confirm_page`` (ask before
    deleting: what will happen, then POST does it), ``edit_page`` (the
    page with an item's edit form), ``MultiCheckboxField``,
    ``select_choices`` (choices the way WTForms 3.3+ wants them),
    ``event_form_class`` (the core event form, for a format's own
    event-creating page), ``names_no_person`` (validator), ``id_from``
    (an id from untrusted text), ``lines_from`` (a one-per-line list).

Languages
    ``LANGUAGE_LABELS``: ``{code: lazy name}`` of the languages an event can
    be held in; ``text_direction(code)``: ``"rtl"`` or ``"ltr"``.
    ``locale_list(items)``, ``number(value)``, ``percent(share)``,
    ``date_range(start, end)``: a list, a number and an event's time in the
    reader's locale from CLDR (also the Jinja filters ``locale_list``,
    ``number``, ``percent``, ``date_range``); never ``", ".join`` for people.

Texts in the residents' languages (stored as ``{code: text}``)
    ``pick(texts, language, default)``: a ``LocalText`` (a ``str`` with
    ``.lang`` and ``.is_fallback``); ``as_texts`` reads old plain strings as
    the default language; ``missing`` lists languages without a text.
    ``PerLanguage(FieldClass, label, ...)`` in a format's settings form makes
    the text one field per offered language (stored as ``{code: text}``);
    ``add_language_fields``, ``language_values``, ``texts_from`` do the same
    for a format's own forms. ``user_text(text)`` and ``text_attrs(text)``
    render a text with ``dir="auto"`` and its ``lang`` (also the Jinja filter
    ``user_text`` and the globals ``text_attrs``, ``pick_text``).

Requests
    ``limiter``: Flask-Limiter, for a view's own rate limit.

Staff menu
    ``tool_links(event, viewer, [(role, label, endpoint), ...])``: the
    ``(label, url)`` links of ``event_tools`` that ``viewer`` may follow.
"""
from dialogplatform.clock import day_at
from dialogplatform.confirmation import confirm_page, edit_page
from dialogplatform.demo_support import demo_email, demo_keys, demo_sign_ups
from dialogplatform.extensions import db, limiter
from dialogplatform.forms import ConfirmForm, MultiCheckboxField, event_form_class, select_choices
from dialogplatform.i18n import LANGUAGE_LABELS, text_direction
from dialogplatform.inputs import id_from, lines_from
from dialogplatform.language_forms import PerLanguage, add_language_fields, language_values, text_choices, texts_from
from dialogplatform.locale_format import date_range, locale_list, number, percent
from dialogplatform.localtext import LocalText, as_texts, line_choices, missing, pick, text_attrs, user_text
from dialogplatform.models import (
    AuditEntry,
    Event,
    EventStatus,
    Membership,
    Municipality,
    Process,
    Registration,
    RegistrationStatus,
    Role,
    User,
)
from dialogplatform.models.registrations import ACTIVE_STATUSES
from dialogplatform.models.types import UTCDateTime, utcnow
from dialogplatform.plugin_system.enabling import enabled_formats, set_enabled
from dialogplatform.plugin_system.navigation import tool_links
from dialogplatform.plugin_system.types import FormatFigures
from dialogplatform.process_forms import names_no_person
from dialogplatform.services import audit, events, exports, printing, protection, qr, signups, tokens
from dialogplatform.services.accounts import find_user, grant_role
from dialogplatform.services.batching import by_event
from dialogplatform.services.charts import bar_chart, line_chart
from dialogplatform.services.exports import csv_response
from dialogplatform.services.locking import lock_event
from dialogplatform.services.participation import count_by_event
from dialogplatform.services.publication import sections_for_viewer
from dialogplatform.tenancy import can, event_or_404, require, require_visible, role_required

__all__ = [
    # database
    "db", "UTCDateTime", "utcnow", "day_at", "demo_keys", "demo_sign_ups", "demo_email",
    # models
    "AuditEntry", "Event", "EventStatus", "Membership", "Municipality", "Process", "Registration",
    "RegistrationStatus", "ACTIVE_STATUSES", "Role", "User",
    # access
    "can", "require", "role_required", "event_or_404", "require_visible",
    # services
    "audit", "events", "exports", "printing", "protection", "qr", "signups", "tokens",
    "csv_response", "bar_chart", "line_chart", "lock_event", "sections_for_viewer", "grant_role", "find_user",
    "set_enabled", "enabled_formats", "FormatFigures", "count_by_event", "by_event",
    # forms and input
    "ConfirmForm", "confirm_page", "edit_page",
    "MultiCheckboxField", "select_choices", "event_form_class", "names_no_person", "id_from",
    "lines_from",
    # languages
    "LANGUAGE_LABELS", "text_direction", "locale_list", "number", "percent", "date_range",
    # texts in the residents' languages
    "LocalText", "pick", "as_texts", "missing", "PerLanguage", "add_language_fields", "language_values",
    "texts_from", "user_text", "text_attrs", "line_choices", "text_choices",
    # requests
    "limiter",
    # staff menu
    "tool_links",
]
