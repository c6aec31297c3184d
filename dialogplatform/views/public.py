"""Public pages: the instance's home, a municipality, an event, legal pages."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import String, cast, func, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..forms import ConfirmForm
from ..i18n import LANGUAGE_LABELS
from ..inputs import date_from
from ..models import Event, EventStatus, Municipality, Role
from ..models.types import utcnow
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from ..plugin_system.types import Panel
from ..services import events as event_service
from ..services import logos, outbox, protection, signups
from ..services import privacy as privacy_service
from ..services.publication import sections_for_viewer
from ..templating import pick_text
from ..tenancy import can, event_or_404, require_visible

bp = Blueprint("public", __name__)
municipality_bp = Blueprint("municipality", __name__)


@bp.get("/")
def home():
    """Every municipality with its next dialogue and how many are coming up,
    searchable by place name; three queries however many municipalities."""
    # A NUL byte would be an error in PostgreSQL rather than no match.
    search = request.args.get("q", "").replace("\x00", "").strip()[:100]
    query = db.select(Municipality).order_by(Municipality.name)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Municipality.name.ilike(pattern, escape="\\")
                            | Municipality.slug.ilike(pattern, escape="\\"))
    municipalities = db.session.scalars(query).all()
    upcoming = (
        db.select(Event.municipality_id, func.count(Event.id).label("count"), func.min(Event.starts_at).label("first"))
        .where(Event.status == EventStatus.PUBLISHED, Event.ends_at >= utcnow(),
               Event.municipality_id.in_(query.with_only_columns(Municipality.id).order_by(None)))
        .group_by(Event.municipality_id)
        .subquery()
    )
    counts = {row.municipality_id: row.count for row in db.session.execute(db.select(upcoming))}
    next_events = {}
    if counts:
        nexts = db.session.scalars(
            db.select(Event)
            .join(upcoming, (Event.municipality_id == upcoming.c.municipality_id)
                  & (Event.starts_at == upcoming.c.first))
            .where(Event.status == EventStatus.PUBLISHED, Event.ends_at >= utcnow())
            .order_by(Event.id)
        ).all()
        for event in nexts:
            next_events.setdefault(event.municipality_id, event)
    return render_template("public/home.html", municipalities=municipalities, search=search,
                           counts=counts, next_events=next_events)


@bp.get("/imprint")
def instance_imprint():
    return _instance_legal("imprint")


@bp.get("/privacy")
def instance_privacy():
    return _instance_legal("privacy")


@bp.get("/accessibility")
def instance_accessibility():
    return _instance_legal("accessibility")


def _instance_legal(kind: str):
    """The platform's own legal page: the operator's text from the
    configuration (``INSTANCE_IMPRINT`` ...), else the package's default.
    The accessibility statement is generated; the operator's text is added to it."""
    from .explanations import statement_context

    return render_template("public/instance_legal.html", kind=kind,
                           body=current_app.config.get(f"INSTANCE_{kind.upper()}"),
                           contact_email=current_app.config.get("INSTANCE_CONTACT_EMAIL"),
                           **(statement_context(None) if kind == "accessibility" else {}))


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.get("/robots.txt")
def robots():
    # Personal links (/<slug>/r/...) and staff pages are not for search engines.
    body = "User-agent: *\nDisallow: /*/r/\nDisallow: /*/organise/\nDisallow: /*/admin/\nDisallow: /auth/\n"
    return Response(body, mimetype="text/plain")


# A health check must ask the database every time, never a cache.
NOT_STORED = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    """The database's state and how long the oldest unsent mail has waited
    (seconds, 0 when none waits, null when unknown: a monitor alerts on a
    growing number)."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return jsonify(status="unavailable", database="down"), 503, NOT_STORED
    try:
        mail_queue_age = outbox.oldest_unsent_age()
    except SQLAlchemyError:  # e.g. not migrated yet: `dialogplatform doctor` says so
        db.session.rollback()
        mail_queue_age = None
    return jsonify(status="ok", database="up", mail_queue_age_seconds=mail_queue_age), NOT_STORED


@municipality_bp.get("/")
def municipality():
    filters = EventFilters.from_args(request.args)
    query = (
        db.select(Event)
        .where(Event.municipality_id == g.municipality.id, Event.status == EventStatus.PUBLISHED,
               Event.ends_at >= utcnow())
        .options(selectinload(Event.municipality))
        .order_by(Event.starts_at)
    )
    page = _page_number()
    rows = db.session.scalars(
        filters.apply(query).limit(EVENTS_PER_PAGE + 1).offset((page - 1) * EVENTS_PER_PAGE)).all()
    events, has_more = rows[:EVENTS_PER_PAGE], len(rows) > EVENTS_PER_PAGE
    taken = signups.seats_taken_by_event([event.id for event in events])
    seats = {event.id: None if protection.is_protected(event.format_key)
             else signups.seats_left(event, taken.get(event.id, 0)) for event in events}
    # The cards whose dialogue takes sign-ups right now get a sign-up link.
    open_now = {event.id for event in events if _takes_signups(event.format_key)
                and signups.registration_state(event) is None}
    past_page = _page_number("past_page")
    past_query = (
        db.select(Event)
        .where(Event.municipality_id == g.municipality.id, Event.status == EventStatus.PUBLISHED,
               Event.ends_at < utcnow())
        .order_by(Event.starts_at.desc(), Event.id.desc())
    )
    past_rows = db.session.scalars(
        filters.apply(past_query).limit(PAST_EVENTS_PER_PAGE + 1)
        .offset((past_page - 1) * PAST_EVENTS_PER_PAGE)).all()
    past_events, past_has_more = past_rows[:PAST_EVENTS_PER_PAGE], len(past_rows) > PAST_EVENTS_PER_PAGE
    return render_template("public/municipality.html", events=events, seats=seats, open_now=open_now,
                           filters=filters,
                           page=page, has_more=has_more,
                           past_events=past_events, past_page=past_page, past_has_more=past_has_more,
                           formats=[plugin_manager().info(k) for k in sorted(enabled_format_keys(g.municipality))],
                           interpreter_languages=sorted(LANGUAGE_LABELS, key=lambda code: str(LANGUAGE_LABELS[code])),
                           detail_filters=[(name, DETAIL_LABELS[name]) for name in DETAIL_FILTERS])


EVENTS_PER_PAGE = 20
PAST_EVENTS_PER_PAGE = 10


def _page_number(name: str = "page") -> int:
    try:
        return max(1, min(int(request.args.get(name, 1)), 10000))
    except ValueError:
        return 1


@dataclass
class EventFilters:
    """Filters of the municipality page, from the query string; invalid
    values are ignored rather than failing the page."""

    format: str = ""
    language: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # Interpreting into this language; and the details asked for (names of
    # Event's boolean columns, see DETAIL_FILTERS).
    interpreter: str = ""
    details: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, args):
        language = args.get("language", "")[:8]
        interpreter = args.get("interpreter", "")[:8]
        return cls(format=args.get("format", "")[:64], language=language if language.isalpha() else "",
                   date_from=date_from(args.get("from")), date_to=date_from(args.get("to")),
                   interpreter=interpreter if interpreter.isalpha() else "",
                   details=tuple(name for name in DETAIL_FILTERS if args.get(name) == "1"))

    @property
    def active(self) -> bool:
        return bool(self.format or self.language or self.date_from or self.date_to or self.interpreter
                    or self.details)

    def apply(self, query):
        zone = ZoneInfo("Europe/Berlin")
        if self.format:
            query = query.where(Event.format_key == self.format)
        if self.date_from:
            query = query.where(Event.ends_at >= datetime.combine(self.date_from, time.min, zone))
        if self.date_to:
            query = query.where(Event.starts_at < datetime.combine(self.date_to + timedelta(days=1), time.min, zone))

        if self.language:
            # Spoken there or interpreted. The JSON lists are compared as text,
            # which SQLite and PostgreSQL do alike.
            code = f'%"{self.language}"%'
            query = query.where(cast(Event.languages, String).like(code) | cast(Event.interpreters, String).like(code))
        if self.interpreter:
            query = query.where(cast(Event.interpreters, String).like(f'%"{self.interpreter}"%'))
        for name in self.details:
            query = query.where(getattr(Event, name).is_(True))
        return query


# The details a visitor can ask for (``?childcare=1``), as on the event form.
DETAIL_FILTERS = event_service.FLAGS
DETAIL_LABELS = {"childcare": _l("Childcare"), "women_only": _l("Women only"), "step_free": _l("Step-free access"),
                 "hearing_loop": _l("Hearing loop"), "accessible_toilet": _l("Accessible toilet")}


def visible_event_or_404(event_id: int) -> Event:
    """Drafts are seen by the municipality's organisers only."""
    event = event_or_404(event_id)
    require_visible(event)
    g.event = event
    return event


def _takes_signups(format_key: str) -> bool:
    info = plugin_manager().info(format_key)
    return info is None or info.signup


@municipality_bp.get("/e/<int:event_id>/")
def event(event_id):
    event = visible_event_or_404(event_id)
    panels = []
    if event.format_key in enabled_format_keys(g.municipality):
        results, failures = plugin_manager().call_each("event_panels", event=event, viewer=current_user)
        panels = [panel for _, items in results for panel in items]
        panels += [Panel(title="", template="plugin_failed.html", context={"failure": f}) for f in failures]
    return render_template("public/event.html", event=event, panels=panels, follow_ups=event_service.follow_ups(event),
                           takes_signups=_takes_signups(event.format_key), is_past=event.ends_at < utcnow(),
                           seats_left=None if protection.is_protected(event.format_key) else signups.seats_left(event),
                           signup_state=signups.registration_state(event))


@municipality_bp.get("/e/<int:event_id>/evaluation")
def evaluation(event_id):
    event = visible_event_or_404(event_id)
    if not (event.evaluation_published or can(Role.ORGANISER)):
        abort(404)
    sections, failures = protection.evaluation(event)
    sections = sections_for_viewer(sections, g.municipality)
    return render_template("public/evaluation.html", event=event, sections=sections, failures=failures)


@municipality_bp.get("/k/<code>")
def short_link(code):
    """A short address for print (e.g. a poster's ``/<slug>/k/abc123``): the
    enabled formats say where the code leads; an unknown code is a 404."""
    code = code.strip().lower()[:32]
    results, _failures = plugin_manager().call_each(
        "short_link", keys=enabled_format_keys(g.municipality), municipality=g.municipality, code=code)
    target = next((url for _key, url in results if url), None)
    if target is None:
        abort(404)
    return redirect(target)


@municipality_bp.get("/imprint")
def imprint():
    return render_template("public/legal.html", title_key="imprint", body=pick_text(g.municipality.imprint))


@municipality_bp.get("/logo")
def logo():
    response = logos.response(g.municipality)
    if response is None:
        abort(404)
    return response


@municipality_bp.get("/accessibility")
def accessibility():
    """Erklärung zur Barrierefreiheit (BITV 2.0 § 7), generated from the
    package's list of known limitations and the municipality's settings."""
    from .explanations import statement_context

    return render_template("public/accessibility.html", **statement_context(g.municipality))


@municipality_bp.post("/privacy/seen")
@login_required
def privacy_seen():
    """The person has seen the changed privacy text (a new consent record)."""
    if ConfirmForm().validate_on_submit():
        privacy_service.acknowledge_privacy(g.municipality, user=current_user)
    return redirect(url_for("municipality.privacy"))


@municipality_bp.get("/privacy")
def privacy():
    return render_template("public/legal.html", title_key="privacy", body=pick_text(g.municipality.privacy_text))
