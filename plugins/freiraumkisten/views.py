"""Blueprints of the Freiraumkisten; the core mounts and guards them.

``public`` (event scope): a station's feedback form behind its QR code,
  anonymous and rate-limited per device and station; the format's CSS.
``staff``  (event scope): paper cards (helpers), moderation (moderators),
  stations, posters and the CSV export (organisers).
``organise`` (organise scope): all campaigns with their counts.
The core 404s every one of them when the format is off for the municipality;
the staff views check the roles themselves.
"""
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from dialogplatform.plugin_api import (
    LANGUAGE_LABELS,
    ConfirmForm,
    Event,
    Role,
    can,
    confirm_page,
    db,
    exports,
    limiter,
    printing,
    qr,
    require,
    require_visible,
    text_direction,
    utcnow,
)

from . import services
from .forms import FeedbackForm, HideForm, PaperCardForm, StationForm, WindowForm
from .models import Post, PostSource, PostStatus, Station, TimeWindow

KEY = "freiraumkisten"
public = Blueprint("freiraumkisten_public", __name__, template_folder="templates",
                   static_folder="static", static_url_path="/static")
staff = Blueprint("freiraumkisten_staff", __name__, template_folder="templates")
organise = Blueprint("freiraumkisten_organise", __name__, template_folder="templates")


def device_station_key() -> str:
    """The rate-limit key: a keyed hash of the client's address and the station.

    Nothing the sender chooses (such as the User-Agent) is part of it, so
    the limit cannot be dodged by changing a header. Only the hash lives in
    the limiter's storage, for the limit's window; nothing about the device
    is written to the database.
    """
    raw = "|".join((str(current_app.config["SECRET_KEY"]), request.remote_addr or "",
                    (request.view_args or {}).get("code", "")))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _station_or_404(code) -> Station:
    require_visible(g.event)
    station = services.station_by_code(g.event, code)
    if station is None:
        abort(404)
    return station


def _station_by_id_or_404(station_id) -> Station:
    station = db.session.scalar(db.select(Station).filter_by(id=station_id, event_id=g.event.id)
                                .options(selectinload(Station.windows)))
    if station is None:
        abort(404)
    return station


def _post_or_404(post_id) -> Post:
    post = db.session.scalar(db.select(Post).filter_by(id=post_id, event_id=g.event.id))
    if post is None:
        abort(404)
    return post


# -- passers-by ------------------------------------------------------------------
@public.route("/s/<code>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_ANONYMOUS_POST"], methods=["POST"],
               key_func=device_station_key)
def station(code):
    """One screen: topic, mood, a short text. No account, nothing about the device stored."""
    event, station = g.event, _station_or_404(code)
    settings = services.settings_of(event, str(get_locale()))
    form = FeedbackForm(topics=settings["topic_choices"])
    closed = services.station_closed_reason(event, station)
    status = 200
    if request.method == "POST":
        if closed is not None:
            status = 409
        elif form.validate():
            try:
                services.submit(event, station, topic=form.topic.data, mood=form.mood.data, text=form.text.data,
                                language=str(get_locale()))
            except services.FeedbackClosed:
                closed, status = services.station_closed_reason(event, station), 409
            else:
                return redirect(url_for(".thanks", code=station.code))
        else:
            status = 422
    return render_template("freiraumkisten/feedback.html", event=event, station=station, form=form,
                           closed=closed, question=settings["question"] or services.DEFAULT_QUESTION,
                           mood_emoji=services.MOOD_EMOJI), status


@public.get("/s/<code>/thanks")
def thanks(code):
    event, station = g.event, _station_or_404(code)
    return render_template("freiraumkisten/thanks.html", event=event, station=station,
                           held=services.settings_of(event)["hold_for_review"])


# -- staff at the box: paper cards ---------------------------------------------------
def _card_languages():
    codes = list(dict.fromkeys([*g.municipality.content_languages, *current_app.config["LANGUAGES"]]))
    return [(code, LANGUAGE_LABELS.get(code, code)) for code in codes]


@staff.route("/s/<code>/card", methods=["GET", "POST"])
def paper_card(code):
    """Type in a paper card; not rate-limited, marked as a paper card.
    A moderator's card is shown at once, a helper's follows the review rule."""
    require(Role.HELPER)
    event, station = g.event, _station_or_404(code)
    settings = services.settings_of(event, str(get_locale()))
    form = PaperCardForm(topics=settings["topic_choices"], languages=_card_languages())
    if request.method == "GET":
        form.language.data = str(get_locale())
    closed = services.paper_closed_reason(event)
    if request.method == "POST" and closed is None and form.validate():
        services.submit(event, station, topic=form.topic.data, mood=form.mood.data, text=form.text.data,
                        language=form.language.data, source=PostSource.PAPER, approved=can(Role.MODERATOR))
        flash(_("The paper card is saved. You can type in the next one."), "success")
        return redirect(url_for(".paper_card", code=station.code))
    return render_template("freiraumkisten/paper_card.html", event=event, station=station, form=form,
                           closed=closed, mood_emoji=services.MOOD_EMOJI)


# -- moderators ------------------------------------------------------------------------
STATUS_FILTERS = (PostStatus.PENDING, PostStatus.APPROVED, PostStatus.HIDDEN)


def _render_moderation(invalid=None, status=200):
    """The moderation page; ``invalid`` is (post id, HideForm) that failed."""
    event = g.event
    shown = request.args.get("status", PostStatus.PENDING)
    if shown not in STATUS_FILTERS:
        shown = PostStatus.PENDING
    rows = []
    for post in services.posts_of(event, shown):
        form = invalid[1] if invalid and invalid[0] == post.id else HideForm(prefix=f"p{post.id}", formdata=None)
        rows.append((post, form))
    return render_template("freiraumkisten/moderation.html", event=event, rows=rows, shown=shown,
                           counts=services.status_counts(event), action_form=ConfirmForm(),
                           mood_label=services.mood_label, topic_label=services.topic_label), status


@staff.get("/moderation")
def moderation():
    require(Role.MODERATOR)
    return _render_moderation()


@staff.post("/moderation/posts/<int:post_id>/approve")
def approve(post_id):
    require(Role.MODERATOR)
    post = _post_or_404(post_id)
    back = request.args.get("status", PostStatus.PENDING)
    if ConfirmForm().validate_on_submit():
        services.approve(post, current_user)
        flash(_("The post is shown."), "success")
    return redirect(url_for(".moderation", status=back if back in STATUS_FILTERS else None))


@staff.post("/moderation/posts/<int:post_id>/hide")
def hide(post_id):
    require(Role.MODERATOR)
    post = _post_or_404(post_id)
    form = HideForm(prefix=f"p{post.id}")
    if form.validate_on_submit():
        services.hide(post, current_user, form.reason.data)
        flash(_("The post is hidden. It stays in the moderation log."), "success")
        back = request.args.get("status", PostStatus.PENDING)
        return redirect(url_for(".moderation", status=back if back in STATUS_FILTERS else None))
    return _render_moderation(invalid=(post.id, form), status=422)


@staff.get("/moderation/log")
def moderation_log():
    require(Role.MODERATOR)
    return render_template("freiraumkisten/moderation_log.html", event=g.event,
                           entries=services.moderation_log(g.event))


# -- organisers: stations, posters, export ---------------------------------------------
def _render_stations(station_form=None, invalid_window=None, status=200):
    """``invalid_window`` is (station id, WindowForm) that failed."""
    stations = services.stations_of(g.event)
    window_forms = {
        station.id: invalid_window[1] if invalid_window and invalid_window[0] == station.id
        else WindowForm(prefix=f"s{station.id}", formdata=None)
        for station in stations
    }
    return render_template("freiraumkisten/stations.html", event=g.event, stations=stations,
                           station_form=station_form or StationForm(formdata=None), window_forms=window_forms,
                           action_form=ConfirmForm()), status


@staff.get("/stations")
def stations():
    require(Role.ORGANISER)
    return _render_stations()


@staff.post("/stations")
def create_station():
    require(Role.ORGANISER)
    form = StationForm()
    if form.validate_on_submit():
        station = services.create_station(g.event, form.name.data, form.address.data, form.latitude.data,
                                          form.longitude.data)
        flash(_("The place is added. Now add the times when the box stands there."), "success")
        return redirect(url_for(".stations", _anchor=f"station-{station.id}"))
    return _render_stations(station_form=form, status=422)


@staff.route("/stations/<int:station_id>", methods=["GET", "POST"])
def edit_station(station_id):
    require(Role.ORGANISER)
    station = _station_by_id_or_404(station_id)
    form = StationForm(obj=station)
    if form.validate_on_submit():
        services.update_station(station, form.name.data, form.address.data, form.latitude.data, form.longitude.data)
        flash(_("The place is saved."), "success")
        return redirect(url_for(".stations", _anchor=f"station-{station.id}"))
    return render_template("freiraumkisten/station_form.html", event=g.event, station=station,
                           form=form), 422 if form.errors else 200


@staff.post("/stations/<int:station_id>/windows")
def add_window(station_id):
    require(Role.ORGANISER)
    station = _station_by_id_or_404(station_id)
    form = WindowForm(prefix=f"s{station.id}")
    if form.validate_on_submit():
        starts, ends = services.local_window(g.event, form.day.data, form.starts.data, form.ends.data)
        if services.window_outside_campaign(g.event, starts, ends):
            form.day.errors.append(_("The time must lie within the campaign's period."))
        else:
            services.add_window(station, starts, ends)
            flash(_("The time is added."), "success")
            return redirect(url_for(".stations", _anchor=f"station-{station.id}"))
    return _render_stations(invalid_window=(station.id, form), status=422)


@staff.route("/stations/<int:station_id>/windows/<int:window_id>/delete", methods=["GET", "POST"])
def remove_window(station_id, window_id):
    """Asks first; the POST removes the time."""
    require(Role.ORGANISER)
    station = _station_by_id_or_404(station_id)
    window = db.session.scalar(db.select(TimeWindow).filter_by(id=window_id, station_id=station.id))
    if window is None:
        abort(404)

    def remove():
        services.remove_window(window)
        flash(_("The time is removed."), "success")

    return confirm_page(title=_("Remove the time %(time)s?", time=window.label),
                        consequences=[station.name, _("Nobody gets a mail.")], button=_("Yes, remove"),
                        back=url_for(".stations", _anchor=f"station-{station.id}"), action=remove)


def short_url(station) -> str:
    """``https://<host>/<slug>/k/<code>``: short enough to type off a poster."""
    return url_for("municipality.short_link", code=station.code, _external=True)


# Upcoming times a poster lists; more would not fit the one A4 page.
POSTER_TIMES = 8
POSTER_CSS = Path(__file__).resolve().parent / "static" / "freiraumkisten.css"


@staff.get("/stations/<int:station_id>/poster")
def poster(station_id):
    """A print page for one A4 sheet: QR code, short URL and the invitation
    in each of the municipality's languages (texts from this plugin's catalogs)."""
    require(Role.ORGANISER)
    return render_template("freiraumkisten/poster.html", **_poster(_station_by_id_or_404(station_id)))


@staff.get("/stations/<int:station_id>/poster.pdf")
def poster_pdf(station_id):
    """The same poster as a PDF of one A4 page, for printers without a browser."""
    require(Role.ORGANISER)
    station = _station_by_id_or_404(station_id)
    html = render_template("freiraumkisten/poster_pdf.html", **_poster(station))
    printed = printing.pdf(html, POSTER_CSS.read_text(encoding="utf-8"))
    return current_app.response_class(printed.data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="poster-{station.code}.pdf"'})


def _poster(station) -> dict:
    settings = services.settings_of(g.event)
    url = short_url(station)
    blocks = []
    for code in g.municipality.content_languages:
        if code not in current_app.config["LANGUAGES"]:
            continue  # no catalog for it
        with force_locale(code):
            blocks.append({
                "language": code, "direction": text_direction(code),
                "invite": _("Have your say!"),
                "question": _poster_question(settings, code),
                "scan": _("Scan the code with your phone camera and tell us what you think. "
                          "Anonymous, without an account, in your language."),
            })
    upcoming = [window for window in station.windows if window.ends_at > utcnow()]
    return {"event": g.event, "station": station, "url": url, "blocks": blocks, "question": settings["question"],
            "qr_code": qr.qr_svg(url, title=station.name), "windows": upcoming[:POSTER_TIMES],
            "more_times": max(0, len(upcoming) - POSTER_TIMES)}


def _poster_question(settings, code) -> str:
    """The question of a language block: its own translation of the
    campaign's question (the default language's stands at the top), else
    the general question when the campaign has none."""
    if not settings["question"]:
        return str(services.DEFAULT_QUESTION)
    own = services.settings_of(g.event, code)["question"]
    return own if own and not own.is_fallback and code != g.municipality.default_language else ""


@staff.get("/export.csv")
def export_csv():
    """Approved feedback only: what the public evaluation counts."""
    require(Role.ORGANISER)
    posts = reversed(services.posts_of(g.event, PostStatus.APPROVED))
    header = [_("Date"), _("Place"), _("Topic"), _("Mood"), _("Language"), _("Source"), _("Text")]
    zone = ZoneInfo(g.event.timezone or "Europe/Berlin")
    rows = [[post.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), post.station.name,
             services.topic_label(post.topic), services.mood_label(post.mood), post.language,
             _("Paper card") if post.source == PostSource.PAPER else _("Phone (QR code)"), post.text] for post in posts]
    return exports.csv_response(f"freiraumkisten-{g.event.id}.csv", header, rows)


# -- organisers: all campaigns ----------------------------------------------------------
@organise.get("/")
def campaigns():
    """All campaigns of the municipality with their counts, in one query."""
    counts = (
        db.select(
            Post.event_id,
            func.count(Post.id).filter(Post.status == PostStatus.APPROVED).label("approved"),
            func.count(Post.id).filter(Post.status == PostStatus.PENDING).label("pending"),
            func.count(Post.id).filter(Post.status == PostStatus.HIDDEN).label("hidden"),
        ).group_by(Post.event_id).subquery()
    )
    places = db.select(Station.event_id, func.count(Station.id).label("places")).group_by(Station.event_id).subquery()
    rows = db.session.execute(
        db.select(Event, func.coalesce(places.c.places, 0), func.coalesce(counts.c.approved, 0),
                  func.coalesce(counts.c.pending, 0), func.coalesce(counts.c.hidden, 0))
        .outerjoin(counts, counts.c.event_id == Event.id)
        .outerjoin(places, places.c.event_id == Event.id)
        .where(Event.municipality_id == g.municipality.id, Event.format_key == KEY)
        .order_by(Event.starts_at.desc())
    ).all()
    return render_template("freiraumkisten/campaigns.html", rows=rows)
