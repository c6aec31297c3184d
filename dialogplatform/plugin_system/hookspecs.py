"""The contract between the core and format plugins: the plugin manual.

A format is a Python module (found through the ``dialogplatform.plugins``
entry point) whose functions carry ``@hookimpl`` and are named like the hooks
below. Only ``format_info`` is required; implement the other hooks your
format needs. A hook implementation may take fewer arguments than the spec
(pluggy passes the ones it names), and a function of another module can be
registered as it is, e.g. ``demo_data = hookimpl(demo.load)`` (import the
module, not the function: every marked name in the plugin module is a hook).

Who is called, as each hook says under "Called on":

* **one format only**: hooks about one event or one format (marked
  ``@for_one_format``) reach only the plugin whose ``FormatInfo.key`` is the
  event's ``format_key`` (or the ``format_key`` argument): an implementation
  never checks that the event is its own;
* **every plugin enabled in the municipality**, or **every loaded plugin**
  (start-up, accounts, the demo), as stated per hook.

Every implementation is called on its own: when one raises, the failure is
logged with the plugin's name and the others still run. A page then shows a
short notice in its place (a menu leaves the links out), and a deciding hook
(``can_register``) answers "no".

The organiser menu needs no hook: ``FormatInfo.organise_endpoint`` gives each
enabled format a link to its organise page; ``navigation`` adds more links.
An event's staff menu (its hub) gets the format's own pages from
``event_tools``; the staff dashboard asks ``moderation_queue``; a
duplicated event gets the format's own set-up from ``duplicate_event``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click
    from flask_login import AnonymousUserMixin
    from sqlalchemy.orm import scoped_session
    from wtforms import Form
    from wtforms.fields.core import UnboundField

    from ..models import Event, Municipality, Process, User
    from ..services.signups import Person
    from .types import FormatFigures, FormatInfo, Panel, PluginBlueprint, RecommendationSource, Section

hookspec = pluggy.HookspecMarker("dialogplatform")
FORMAT_ARGUMENT = "dialogplatform_format_argument"


def for_one_format(argument: str):
    """Marks a hook the core calls only on the plugin of one format: the one
    whose key is ``<argument>.format_key`` (or the argument itself when it
    is a key). The manager enforces it for every caller."""

    def mark(spec):
        setattr(spec, FORMAT_ARGUMENT, argument)
        return spec

    return mark


def format_argument(hook_name: str) -> str | None:
    """The argument naming the format of a per-format hook, else None."""
    return getattr(globals().get(hook_name), FORMAT_ARGUMENT, None)


@hookspec
def format_info() -> FormatInfo:
    """Register the format. Required.

    Called on: every loaded plugin, once at start-up. ``key`` is stored on
    events: never change it. ``organise_endpoint`` is the plugin's organise
    landing page, linked in the organiser menu of municipalities where the
    format is enabled (for organisers; ``menu_label``, else ``name``).

    Example::

        @hookimpl
        def format_info():
            return FormatInfo(
                key="lesecafe", name=_l("Reading café"),
                description=_l("Neighbours read to each other in their languages and talk about the book."),
                organise_endpoint="lesecafe_organise.overview", menu_label=_l("Reading cafés"),
            )
    """


@hookspec
def blueprints() -> list[PluginBlueprint]:
    """The plugin's Flask blueprints and where each is mounted (see
    ``PluginBlueprint``: scope "event", "organise" or "public").

    Called on: every loaded plugin, once at start-up.

    Example::

        @hookimpl
        def blueprints():
            return [PluginBlueprint(views.public, "event"), PluginBlueprint(views.organise, "organise")]
    """


@hookspec
@for_one_format("format_key")
def event_settings_form(format_key: str) -> type[Form] | None:
    """The format's own fields on the event form, or None.

    Called on: one format only, the plugin of ``format_key``, when an
    organiser creates or edits an event of it. Return a WTForms ``Form``
    class (not a FlaskForm: the core's form carries CSRF); its data is
    stored in ``event.settings``.

    Example::

        class SettingsForm(Form):
            dots_per_participant = IntegerField(_l("Dots per participant"), default=5,
                                                validators=[InputRequired(), NumberRange(min=1, max=30)])


        @hookimpl
        def event_settings_form(format_key):
            return SettingsForm
    """


@hookspec
@for_one_format("event")
def event_panels(event: Event, viewer: User | AnonymousUserMixin) -> list[Panel] | None:
    """Sections on the event page.

    Called on: one format only, the plugin of ``event.format_key``, while
    the event page renders, if the format is enabled in the event's
    municipality. ``viewer`` is the current user, possibly anonymous: show
    organiser-only panels only when ``viewer`` may organise
    ``event.municipality``. A panel renders the plugin's template with its
    context.

    Example::

        @hookimpl
        def event_panels(event, viewer):
            organiser = viewer.is_authenticated and viewer.has_role(event.municipality, Role.ORGANISER)
            return [Panel(title=_l("Books of the evening"), template="lesecafe/_panel.html",
                          context={"books": services.books_of(event), "organiser": organiser})]
    """


@hookspec
@for_one_format("event")
def evaluation(event: Event) -> list[Section] | None:
    """The event's evaluation: aggregate results only, whoever is looking.

    Called on: one format only, the plugin of ``event.format_key``, for the
    evaluation page, reports and the API. Mark what is for staff (contacts,
    moderation counts) ``staff_only=True``; the core shows it to organisers
    and keeps it out of everything published. A protected format's numbers
    are protected by the core.

    Example::

        @hookimpl
        def evaluation(event):
            counts = services.readings_per_language(event)  # [("Arabisch", 4), ...]
            title = _("Readings per language")
            chart = bar_chart(title, [language for language, _n in counts],
                              {_("Readings"): [n for _language, n in counts]})
            return [Section(title=title, table=[[_("Language"), _("Readings")], *counts], chart=chart),
                    Section(title=_("Readers to thank"), text=services.reader_names(event), staff_only=True)]
    """


@hookspec
@for_one_format("format_key")
def evaluations(format_key: str, events: list[Event]) -> dict[int, list[Section]] | None:
    """The ``evaluation`` of many events at once, by event id, for the
    process report: a format that implements it keeps that report's
    queries from growing with its events. None (or no implementation):
    the core calls ``evaluation`` once per event instead. Give each event
    the same sections its ``evaluation`` gives (simplest: let
    ``evaluation(event)`` return ``evaluations(key, [event])[event.id]``).

    Called on: one format only, the plugin of ``format_key``, once with all
    of that format's events in a report. Load in queries over
    ``event_id IN (...)``, as for ``participation_figures``.

    Example::

        @hookimpl
        def evaluations(format_key, events):
            counts = count_by_event(Reading, events)
            return {event.id: [Section(title=_("Readings"), text=str(counts.get(event.id, 0)))]
                    for event in events}
    """


@hookspec
def short_link(municipality: Municipality, code: str) -> str | None:
    """Where a short code of the format leads, or None when it is not its own.

    Called on: every plugin enabled in ``municipality``, when someone opens
    ``/<municipality slug>/k/<code>`` (a short address to print, e.g. on a
    poster; ``code`` is lower-cased). Return a URL of this municipality
    (the core redirects there); None for a code the format does not know,
    so the visitor gets the 404 page in their language. Keep codes short
    and unambiguous to type.

    Example::

        @hookimpl
        def short_link(municipality, code):
            station = services.station_by_short_code(municipality, code)
            return url_for("lesecafe_public.station", event_id=station.event_id, code=code) if station else None
    """


@hookspec
def navigation(municipality: Municipality, viewer: User) -> list[tuple[str, str]] | None:
    """Extra ``(label, url)`` links for the organiser menu (the formats'
    links on the staff dashboard), or None.

    Called on: every plugin enabled in ``municipality``, while the
    dashboard renders for its staff (moderator or higher). The link to the format's
    organise page needs no hook (``FormatInfo.organise_endpoint``); check
    the role your page needs.

    Example::

        @hookimpl
        def navigation(municipality, viewer):
            if not viewer.has_role(municipality, Role.MODERATOR):
                return None
            wishes = url_for("lesecafe_public.book_wishes", municipality_slug=municipality.slug)
            return [(_l("Book wishes"), wishes)]
    """


@hookspec
@for_one_format("event")
def event_tools(event: Event, viewer: User) -> list[tuple[str, str]] | None:
    """The format's own staff pages of ``event``: ``(label, url)`` links in
    the event's staff menu (between "Check-in" and "Evaluation"), or None.

    Called on: one format only, the plugin of ``event.format_key``, while a
    staff page of the event renders (its hub, the registrations, the
    format's own pages) for the municipality's staff (helper or higher).
    Return only the links ``viewer`` may follow; the core adds the hub,
    registrations, check-in, evaluation and report itself.

    Example::

        @hookimpl
        def event_tools(event, viewer):
            if not viewer.has_role(event.municipality, Role.MODERATOR):
                return None
            return [(_("Readings"), url_for("lesecafe_event.readings", event_id=event.id))]
    """


@hookspec
def moderation_queue(municipality: Municipality) -> list[tuple[str, int, str]] | None:
    """What of the format waits for staff review in ``municipality``:
    ``(label, count, url)`` per item (e.g. per event with posts to review),
    for the staff dashboard; None or an empty list when nothing waits.

    Called on: every plugin enabled in ``municipality``, when its staff
    dashboard renders (for moderators and higher). Use one query for the
    whole municipality (never one per event): the dashboard's number of
    queries must not grow with the number of events.

    Example::

        @hookimpl
        def moderation_queue(municipality):
            rows = db.session.execute(db.select(Reading.event_id, db.func.count()).join(Event)
                                      .where(Event.municipality_id == municipality.id, Reading.pending)
                                      .group_by(Reading.event_id)).all()
            return [(_("Readings to check"), count, url_for("lesecafe_event.readings", event_id=event_id))
                    for event_id, count in rows]
    """


@hookspec
@for_one_format("origin")
def duplicate_event(origin: Event, copy: Event) -> None:
    """Copy what staff set up for ``origin`` in the format's own tables
    (tables, themes, guiding questions, stations and their times ...) to
    ``copy``, its new draft duplicate. Never copy what people contributed,
    answered, voted or signed up for, nor results. Must not commit.

    Called on: one format only, the plugin of ``origin.format_key``, when
    an organiser duplicates an event ("Duplicate as draft" in its staff
    menu). The core has copied the event itself (texts, ``settings``,
    place, details) and flushed ``copy`` (it has an id); its dates are
    ``origin``'s plus ``copy.starts_at - origin.starts_at``: move your own
    dates by the same amount. When it raises, the copy is kept without the
    format's rows and the organiser is told.

    Example::

        @hookimpl
        def duplicate_event(origin, copy):
            for shelf in services.shelves_of(origin):
                db.session.add(Shelf(event_id=copy.id, name=shelf.name, position=shelf.position))
    """


@hookspec
def demo_data(municipality: Municipality, session: scoped_session) -> None:
    """Add realistic demo content where the format was used there; must be
    idempotent (a second run adds nothing). Do not commit.

    Dates are relative to the moment of loading (``day_at(days, time)``,
    from the platform's clock), so the story holds on any day and hour:
    upcoming events open for sign-up, past ones with published results.
    Key every event with ``settings["demo_key"]`` and create only the keys
    ``demo_keys(...)`` does not find: a later run (days later, with the
    clock moved) then moves or overwrites nothing people made or edited.
    ``demo_sign_ups`` adds confirmed (and waiting-list) sign-ups.

    Called on: every loaded plugin, by ``dialogplatform demo``, for each
    pilot municipality.

    Example::

        @hookimpl
        def demo_data(municipality, session):
            if municipality.slug != "weinheim" or "lesecafe-bibliothek" in demo_keys(session, municipality, KEY):
                return
            starts = day_at(14, time(18, 0))
            session.add(Event(municipality_id=municipality.id, format_key=KEY, status=EventStatus.PUBLISHED,
                              title={"de": "Lesecafé in der Stadtbibliothek"}, starts_at=starts,
                              ends_at=starts + timedelta(hours=2), settings={"demo_key": "lesecafe-bibliothek"}))
    """


@hookspec
@for_one_format("event")
def registration_fields(event: Event) -> list[tuple[str, UnboundField]] | None:
    """The format's own sign-up fields: ``(name, unbound WTForms field)``.

    Called on: one format only, the plugin of ``event.format_key``, when the
    sign-up form for ``event`` is built (if the format is enabled). The core
    names the fields ``ext__<format key>__<name>`` and stores the answers in
    ``registration.answers[<format key>]``; ``can_register`` sees them.

    Example::

        @hookimpl
        def registration_fields(event):
            return [("is_woman", BooleanField(_l("I am a woman."), validators=[InputRequired()]))]
    """


@hookspec
@for_one_format("event")
def door_list_columns(event: Event, registrations: list) -> list[tuple[str, dict[int, str]]] | None:
    """More columns for the printed door list: ``(header, {registration id: text})``.

    Called on: one format only, the plugin of ``event.format_key``, when
    staff open the door list of ``event`` (if the format is enabled), with
    the registrations listed. Answer for all of them in a fixed number of
    queries; a registration missing from the dict gets an empty cell.

    Example::

        @hookimpl
        def door_list_columns(event, registrations):
            tables = services.table_numbers(event)  # {registration id: "3 · Arbeit"}
            return [(_("Table"), tables)]
    """


@hookspec
@for_one_format("event")
def can_register(event: Event, person: Person) -> str | None:
    """A format rule on sign-ups: None allows it, a message (shown to the
    person) says why not.

    Called on: one format only, the plugin of ``event.format_key``, before
    any sign-up is stored (form, assisted, walk-in, API). ``person.answers``
    holds the answers to the format's own fields. Fails closed: when it
    raises, or no loaded plugin serves the format, the sign-up is refused
    and the failure is logged with the plugin's name.

    Example::

        @hookimpl
        def can_register(event, person):
            if not person.answers.get("is_woman"):
                return _l("This dialogue is for women only. Please confirm that you are a woman.")
            return None
    """


@hookspec
@for_one_format("event")
def recommendation_sources(event: Event) -> list[RecommendationSource] | None:
    """Results of ``event`` that can become recommendations
    (Handlungsempfehlungen).

    Called on: one format only, the plugin of ``event.format_key``, when an
    organiser turns the event's results into recommendations.

    Example::

        @hookimpl
        def recommendation_sources(event):
            return [RecommendationSource(ref=f"idea:{idea.id}", text=idea.text, topic=idea.table.theme,
                                         kind=str(_l("Project idea")), addressee="municipality")
                    for idea in services.ideas_of(event)]
    """


@hookspec
def privacy_export(user: User) -> dict | None:
    """What the plugin stores about ``user`` (an account), for the person's
    data export (DSGVO Art. 15); None when it stores nothing.

    Called on: every loaded plugin.

    Example::

        @hookimpl
        def privacy_export(user):
            cards = db.session.scalars(db.select(Card).filter_by(created_by_id=user.id)).all()
            return {"cards": [{"event_id": c.event_id, "text": c.text} for c in cards]} if cards else None
    """


@hookspec
def privacy_erase(user: User) -> None:
    """Remove or anonymise what the plugin stores about ``user``, who
    deletes their account (anonymous contributions may keep their text).
    Must not commit; the core commits once for everything.

    Called on: every loaded plugin.

    Example::

        @hookimpl
        def privacy_erase(user):
            db.session.execute(db.update(Card).where(Card.created_by_id == user.id).values(created_by_id=None))
    """


@hookspec
@for_one_format("event")
def anonymise_event(event: Event) -> None:
    """Remove the personal data the plugin keeps for ``event`` (names,
    contacts), keeping aggregate figures correct. Must not commit;
    idempotent.

    Called on: one format only, the plugin of ``event.format_key``, by the
    retention job once the event is past its retention period.

    Example::

        @hookimpl
        def anonymise_event(event):
            db.session.execute(db.update(Question).where(Question.event_id == event.id, Question.author_name != "")
                               .values(author_name=""))
    """


@hookspec
@for_one_format("format_key")
def participation_figures(format_key: str, events: list[Event]) -> dict[int, FormatFigures] | None:
    """What the format counted of each event's participation beyond the
    core's sign-ups and check-ins: walk-ins, anonymous contributors (or
    devices) and contributions (see ``FormatFigures``), by event id. An
    event left out counts zero. The core adds the signed-up and attended
    figures and uses the result in reports, the overview and the open-data
    API (``dialogplatform.services.participation``), protecting a protected
    format's numbers itself.

    Called on: one format only, the plugin of ``format_key``, once with all
    of that format's events a page needs (any status). Count in aggregate
    queries (``GROUP BY event_id`` over ``event_id IN (...)``): the number
    of queries must not grow with the number of events.

    Example::

        @hookimpl
        def participation_figures(format_key, events):
            rows = db.session.execute(
                db.select(Reading.event_id, func.count(), func.count(func.distinct(Reading.reader_device)))
                .where(Reading.event_id.in_([event.id for event in events])).group_by(Reading.event_id))
            return {event_id: FormatFigures(anonymous_contributors=devices, contributions=readings)
                    for event_id, readings, devices in rows}
    """


@hookspec
def process_report_sections(process: Process) -> list[Section] | None:
    """Sections (aggregates only) summarising the format across the
    process's events, e.g. project ideas of all theme tables; an empty
    list or None adds nothing.

    Called on: each format that has events in ``process``, when the
    process's documentation report is built; count your own format's events.

    Example::

        @hookimpl
        def process_report_sections(process):
            events = db.session.scalars(db.select(Event).where(
                Event.process_id == process.id, Event.format_key == KEY, Event.status != EventStatus.DRAFT)).all()
            language = process.municipality.default_language
            return [Section(title=_("Reading cafés"), table=[[_("Evening"), _("Readings")], *(
                [event.title_in(language), services.reading_count(event)] for event in events)])]
    """


@hookspec
def register_cli(group: click.Group) -> None:
    """Add the plugin's own commands to ``group``; they appear as
    ``dialogplatform <command>`` and run inside the app context. Name them
    after the format (e.g. ``lesecafe-export``): a name the core or another
    plugin has already makes this plugin broken (skipped and listed on the
    instance admin's page), as does raising here.

    Called on: every loaded plugin, once at start-up.

    Example::

        import click

        @hookimpl
        def register_cli(group):
            @group.command("lesecafe-stats", help="Count the readings of a municipality.")
            @click.argument("municipality_slug")
            def stats(municipality_slug):
                municipality = db.session.scalar(db.select(Municipality).filter_by(slug=municipality_slug))
                click.echo(services.reading_count_of(municipality))
    """
