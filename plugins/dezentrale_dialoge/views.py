"""Blueprints of the Dezentrale Dialoge; the core mounts and guards them.

``moderate`` (event scope): moderators record concerns, wishes and walk-ins.
``organise`` (organise scope): series, stages, sites and new meetings.
``public``  (public scope, /<slug>/f/dezentrale_dialoge/): published series
with their meetings and the comparison of all sites.
The core 404s every one of them when the format is off for the
municipality; event-scope views check roles themselves.
"""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dialogplatform.plugin_api import (
    ConfirmForm,
    EventStatus,
    Role,
    can,
    confirm_page,
    db,
    edit_page,
    event_or_404,
    role_required,
    select_choices,
    signups,
    utcnow,
)

from . import services
from .evaluation import comparison, stage_sections
from .forms import (
    OTHER_TOPIC,
    SITE_KIND_LABELS,
    AttendanceForm,
    EntryForm,
    LinkForm,
    SeriesForm,
    SiteForm,
    StageForm,
    meeting_form_class,
)
from .models import Entry, Series, Site, Stage

moderate = Blueprint("dezentrale_dialoge_moderate", __name__, template_folder="templates")
organise = Blueprint("dezentrale_dialoge_organise", __name__, template_folder="templates")
public = Blueprint("dezentrale_dialoge_public", __name__, template_folder="templates")

moderator_required = role_required(Role.MODERATOR)


# -- moderators: one meeting ------------------------------------------------
def _meeting_or_404():
    meeting = services.meeting_of(g.event)
    if meeting is None:
        abort(404)  # not yet linked to a series: nothing to record against
    return meeting


def _entry_form(meeting, formdata=None, keep=None):
    return EntryForm(formdata=formdata, topics=meeting.series.topics, data=keep or {})


def _render_live(meeting, entry_form=None, attendance_form=None, saved=False, fragment=False):
    context = dict(
        event=g.event, meeting=meeting, form=entry_form or _entry_form(meeting),
        entries=services.entries_of(g.event), saved=saved, action_form=ConfirmForm(),
        attendance=services.attendance(meeting),
        attendance_form=attendance_form or AttendanceForm(formdata=None, data={"walk_ins": meeting.walk_ins}),
    )
    return render_template("dezentrale_dialoge/_live.html" if fragment else "dezentrale_dialoge/live.html",
                           **context)


@moderate.get("/live")
@moderator_required
def live():
    return _render_live(_meeting_or_404())


@moderate.post("/entries")
@moderator_required
def add_entry():
    """Live entry: plain POST and redirect, or (htmx) the entry block swapped
    in place; invalid input comes back with the typed text and the errors."""
    meeting = _meeting_or_404()
    htmx = request.headers.get("HX-Request") == "true"
    form = _entry_form(meeting, formdata=request.form)
    if not form.validate_on_submit():
        return _render_live(meeting, entry_form=form, fragment=htmx)
    topic = services.resolve_topic(meeting.series, form.topic.data if form.topic.data != OTHER_TOPIC else "",
                                   form.other_topic.data)
    services.record_entry(g.event, form.kind.data, topic, form.text.data, current_user)
    if not htmx:
        flash(_("Saved."), "success")
        return redirect(url_for(".live"))
    # The next entry is often of the same kind and topic: keep both.
    keep = {"kind": form.kind.data, "topic": form.topic.data}
    fresh = _entry_form(meeting, keep=keep)
    fresh.text.render_kw = {"autofocus": True}  # htmx focuses it after the swap
    return _render_live(meeting, entry_form=fresh, saved=True, fragment=True)


def _entry_or_404(entry_id) -> Entry:
    entry = db.session.scalar(db.select(Entry).filter_by(id=entry_id, event_id=g.event.id))
    if entry is None:
        abort(404)
    return entry


@moderate.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@moderator_required
def edit_entry(entry_id):
    """Correct the kind, topic or text of an entry (the live form's fields)."""
    meeting = _meeting_or_404()
    entry = _entry_or_404(entry_id)
    listed = entry.topic in (meeting.series.topics or [])
    form = _entry_form(meeting, formdata=request.form if request.method == "POST" else None, keep={
        "kind": entry.kind, "text": entry.text, "topic": entry.topic if listed else OTHER_TOPIC,
        "other_topic": "" if listed else entry.topic})
    if form.validate_on_submit():
        topic = services.resolve_topic(meeting.series, form.topic.data if form.topic.data != OTHER_TOPIC else "",
                                       form.other_topic.data)
        services.update_entry(g.event, entry, form.kind.data, topic, form.text.data)
        flash(_("Saved."), "success")
        return redirect(url_for(".live"))
    return edit_page(form, title=_("Edit entry"), back=url_for(".live"))


@moderate.route("/entries/<int:entry_id>/delete", methods=["GET", "POST"])
@moderator_required
def delete_entry(entry_id):
    entry = _entry_or_404(entry_id)

    def delete():
        services.delete_entry(entry)
        flash(_("The entry is deleted."), "success")

    return confirm_page(title=_("Delete this entry?"), consequences=[entry.text, _("Nobody gets a mail.")],
                        button=_("Yes, delete"), back=url_for(".live"), action=delete)


@moderate.post("/attendance")
@moderator_required
def attendance():
    meeting = _meeting_or_404()
    form = AttendanceForm()
    if not form.validate_on_submit():
        return _render_live(meeting, attendance_form=form)
    services.set_walk_ins(meeting, form.walk_ins.data)
    flash(_("The attendance is saved."), "success")
    return redirect(url_for(".live", _anchor="attendance"))


# -- organisers ----------------------------------------------------------------
def _series_or_404(series_id) -> Series:
    series = services.series_of(g.municipality, series_id)
    if series is None:
        abort(404)
    return series


def _site_or_404(site_id) -> Site:
    site = services.site_of(g.municipality, site_id)
    if site is None:
        abort(404)
    return site


@organise.get("/")
def index():
    return render_template(
        "dezentrale_dialoge/organise_index.html", series_list=services.series_list(g.municipality),
        counts=services.meeting_counts(g.municipality), sites=services.sites_of(g.municipality),
        kind_labels=SITE_KIND_LABELS)


def _series_data(series) -> dict:
    return {"name": series.name, "description": series.description,
            "topics": "\n".join(series.topics or []), "published": series.published}


def _series_form_page(series, form=None, new_stage_form=None, invalid_stage=None):
    """The series page: its form, its stages and its meetings. ``invalid_stage``
    is a stage form that failed, shown with its errors."""
    stage_forms = []
    for stage in series.stages if series.id else []:
        stage_form = StageForm(formdata=None, prefix=f"stage{stage.id}",
                               data={"name": stage.name, "position": stage.position})
        if invalid_stage is not None and invalid_stage._prefix == f"stage{stage.id}-":
            stage_form = invalid_stage
        stage_forms.append((stage, stage_form))
    return render_template(
        "dezentrale_dialoge/series_form.html", series=series,
        form=form or SeriesForm(formdata=None, data=_series_data(series)), stage_forms=stage_forms,
        new_stage_form=new_stage_form or StageForm(formdata=None, prefix="new"),
        meetings=services.meetings_of(series) if series.id else [])


@organise.route("/series/new", methods=["GET", "POST"])
def new_series():
    form = SeriesForm()
    series = Series(municipality_id=g.municipality.id, topics=[])
    if form.validate_on_submit():
        if services.name_taken(Series, Series.municipality_id, g.municipality.id, form.name.data):
            form.name.errors.append(_("This name is used already."))
        else:
            services.save_series(series, form.name.data, form.description.data,
                                 services.parse_topics(form.topics.data), form.published.data)
            flash(_("The series is saved. Now add its stages."), "success")
            return redirect(url_for(".edit_series", series_id=series.id))
    return _series_form_page(series, form)


@organise.route("/series/<int:series_id>", methods=["GET", "POST"])
def edit_series(series_id):
    series = _series_or_404(series_id)
    form = SeriesForm(data=_series_data(series))
    if form.validate_on_submit():
        if services.name_taken(Series, Series.municipality_id, g.municipality.id, form.name.data, series.id):
            form.name.errors.append(_("This name is used already."))
        else:
            services.save_series(series, form.name.data, form.description.data,
                                 services.parse_topics(form.topics.data), form.published.data)
            flash(_("The series is saved."), "success")
            return redirect(url_for(".edit_series", series_id=series.id))
    return _series_form_page(series, form)


@organise.post("/series/<int:series_id>/stages")
def add_stage(series_id):
    series = _series_or_404(series_id)
    form = StageForm(prefix="new")
    if form.validate_on_submit():
        if services.name_taken(Stage, Stage.series_id, series.id, form.name.data):
            form.name.errors.append(_("This name is used already."))
        else:
            services.add_stage(series, form.name.data)
            flash(_("The stage is added."), "success")
            return redirect(url_for(".edit_series", series_id=series.id, _anchor="stages"))
    return _series_form_page(series, new_stage_form=form)


@organise.post("/stages/<int:stage_id>")
def edit_stage(stage_id):
    stage = services.stage_of(g.municipality, stage_id)
    if stage is None:
        abort(404)
    form = StageForm(prefix=f"stage{stage.id}")
    if form.validate_on_submit():
        if services.name_taken(Stage, Stage.series_id, stage.series_id, form.name.data, stage.id):
            form.name.errors.append(_("This name is used already."))
        else:
            position = form.position.data if form.position.data is not None else stage.position
            services.update_stage(stage, form.name.data, position)
            flash(_("The stage is saved."), "success")
            return redirect(url_for(".edit_series", series_id=stage.series_id, _anchor="stages"))
    return _series_form_page(stage.series, invalid_stage=form)


def _site_page(site, form):
    if form.validate_on_submit():
        if services.name_taken(Site, Site.municipality_id, g.municipality.id, form.name.data, site.id):
            form.name.errors.append(_("This name is used already."))
        else:
            services.save_site(site, form.data)
            flash(_("The site is saved."), "success")
            return redirect(url_for(".index", _anchor="sites"))
    return render_template("dezentrale_dialoge/site_form.html", site=site, form=form)


@organise.route("/sites/new", methods=["GET", "POST"])
def new_site():
    return _site_page(Site(municipality_id=g.municipality.id), SiteForm())


@organise.route("/sites/<int:site_id>", methods=["GET", "POST"])
def edit_site(site_id):
    site = _site_or_404(site_id)
    return _site_page(site, SiteForm(obj=site))


@organise.route("/series/<int:series_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(series_id):
    """A meeting is a draft core event, linked to stage and site in the same
    transaction; the organiser then edits and publishes it on the core's event page."""
    series = _series_or_404(series_id)
    sites = services.sites_of(g.municipality)
    if not series.stages or not sites:
        return render_template("dezentrale_dialoge/meeting_form.html", series=series, form=None, missing=True)
    default_title = f"title_{g.municipality.default_language}"
    values = {default_title: series.name}
    if request.args.get("like") == "last":  # "next meeting like the last one": the organiser only confirms
        values = services.next_meeting_values(series, g.municipality.content_languages)
        if values is None:
            abort(404)
    form = meeting_form_class(g.municipality)(data=values)
    form.stage.choices = select_choices((stage.id, stage.name) for stage in series.stages)
    form.site.choices = select_choices((site.id, site.name) for site in sites)
    if form.validate_on_submit():
        stage = next(stage for stage in series.stages if stage.id == form.stage.data)
        site = next(site for site in sites if site.id == form.site.data)
        event = services.create_meeting(g.municipality, stage, site, form.data, current_user)
        flash(_("The meeting is saved as a draft. Check it and publish it."), "success")
        return redirect(url_for("organise.edit_event", event_id=event.id))
    return render_template("dezentrale_dialoge/meeting_form.html", series=series, form=form, missing=False)


@organise.route("/meetings/<int:event_id>", methods=["GET", "POST"])
def link_meeting(event_id):
    """Stage and site of a meeting, also for an event of this format that
    was created on the core's event page and belongs to no series yet."""
    event = event_or_404(event_id)
    if event.format_key != services.KEY:
        abort(404)
    meeting = services.meeting_of(event)
    stages, sites = services.all_stages(g.municipality), services.sites_of(g.municipality)
    form = LinkForm(data={"stage": meeting.stage_id, "site": meeting.site_id} if meeting else {})
    form.stage.choices = select_choices((stage.id, f"{stage.series.name} – {stage.name}") for stage in stages)
    form.site.choices = select_choices((site.id, site.name) for site in sites)
    if stages and sites and form.validate_on_submit():
        stage = next(stage for stage in stages if stage.id == form.stage.data)
        site = next(site for site in sites if site.id == form.site.data)
        services.link_meeting(event, stage, site)
        flash(_("Series, stage and site of the meeting are saved."), "success")
        return redirect(url_for(".edit_series", series_id=stage.series_id))
    return render_template("dezentrale_dialoge/link_form.html", event=event, form=form,
                           missing=not (stages and sites))


# -- the public ------------------------------------------------------------------
@public.get("/")
def series_index():
    return render_template("dezentrale_dialoge/series_index.html",
                           series_list=services.series_list(g.municipality, published_only=True))


@public.get("/series/<int:series_id>")
def series(series_id):
    """A published series: its meetings with sign-up, and the comparison of
    all sites. Organisers preview it before it is published."""
    series = services.series_of(g.municipality, series_id)
    if series is None or not (series.published or can(Role.ORGANISER)):
        abort(404)
    meetings = services.meetings_of(series, statuses=[EventStatus.PUBLISHED])
    now = utcnow()
    upcoming = [m for m in meetings if m.event.ends_at >= now]
    past = [m for m in meetings if m.event.ends_at < now]
    taken = signups.seats_taken_by_event([m.event_id for m in upcoming])
    checked_in = services.checked_in_people([m.event_id for m in past])
    data = comparison(series)
    return render_template(
        "dezentrale_dialoge/series.html", series=series, upcoming=upcoming, past=past,
        seats={m.event_id: signups.seats_left(m.event, taken.get(m.event_id, 0)) for m in upcoming},
        states={m.event_id: signups.registration_state(m.event, now) for m in upcoming},
        participants={m.event_id: checked_in.get(m.event_id, 0) + (m.walk_ins or 0) for m in past},
        data=data, sections=stage_sections(data), kind_labels=SITE_KIND_LABELS)
