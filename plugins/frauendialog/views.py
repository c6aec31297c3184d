"""Blueprints of the women's dialogue; the core mounts and guards them.

``event_bp`` (event scope, /<slug>/e/<id>/frauendialog/):
  contribute      anyone, no account, rate-limited (before the dialogue)
  live            organisers and designated moderators (during the dialogue)
  participants    organisers and designated moderators: the only list of names here
  contributions   the same people: texts of the groups that pass the threshold,
                  in a fixed order that does not follow the order given
  contributions/<handle>  the same people: hide, redact or delete one, with a reason
  contributions/<handle>/edit  the same people: correct kind, topic or text
  moderators      organisers: who is designated
  evaluation.csv  like the core's evaluation page (published, or organisers)
``organise_bp`` (organise scope, organisers): all women's dialogues.
"""
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user
from sqlalchemy import select

from dialogplatform.plugin_api import (
    Event,
    EventStatus,
    Role,
    can,
    csv_response,
    db,
    edit_page,
    limiter,
    protection,
    require,
    require_visible,
    select_choices,
)

from . import evaluation, services
from .forms import ContributionForm, DesignationForm, ModerationForm

event_bp = Blueprint("frauendialog_event", __name__, template_folder="templates")
organise_bp = Blueprint("frauendialog_organise", __name__, template_folder="templates")


def _require_participant_access():
    """Organisers and designated moderators; 403 for every other staff member."""
    require(Role.HELPER)
    if not services.may_see_participants(g.event, current_user):
        abort(403)


# -- women, anonymously -------------------------------------------------------
@event_bp.route("/contribute", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_ANONYMOUS_POST"], methods=["POST"],
               key_func=get_remote_address)
def contribute():
    event = g.event
    require_visible(event)
    form = ContributionForm(topics=services.topic_choices(event, str(get_locale())))
    closed = services.closed_reason(event)
    if request.method == "POST":
        if closed is not None:
            flash(str(closed), "error")
            return redirect(url_for("municipality.event", event_id=event.id))
        if form.validate():
            services.add_contribution(event, form.kind.data, form.topic.data, form.text.data, "online")
            flash(_("Thank you. Your contribution is saved anonymously."), "success")
            return redirect(url_for("municipality.event", event_id=event.id, _anchor="frauendialog-contribute"))
    return render_template("frauendialog/contribute.html", event=event, form=form, closed=closed), \
        400 if form.errors else 200


# -- during the dialogue --------------------------------------------------------
@event_bp.route("/live", methods=["GET", "POST"])
def live():
    """The moderator types what women say; with htmx the form stays and empties."""
    _require_participant_access()
    event = g.event
    if event.status == EventStatus.CANCELLED:
        abort(404)
    form = ContributionForm(topics=services.topic_choices(event, str(get_locale())))
    htmx = request.headers.get("HX-Request") == "true"
    if request.method == "POST":
        if form.validate():
            services.add_contribution(event, form.kind.data, form.topic.data, form.text.data, "live")
            if htmx:
                return "", 204
            flash(_("The contribution is saved."), "success")
            return redirect(url_for(".live"))
        if htmx:
            return "", 422
    return render_template("frauendialog/live.html", event=event, form=form), 400 if form.errors else 200


# -- names: organisers and designated moderators only ---------------------------
@event_bp.get("/participants")
def participants():
    _require_participant_access()
    return render_template("frauendialog/participants.html", event=g.event,
                           rows=services.participants(g.event), answers_of=services.answers_of)


@event_bp.get("/contributions")
def contributions():
    _require_participant_access()
    result = services.aggregate(g.event)
    return render_template("frauendialog/contributions.html", event=g.event, result=result,
                           groups=services.contributions_of(g.event, result), topic_label=services.topic_label,
                           kind_label=evaluation.kind_label, count=protection.count, handle=protection.handle)


@event_bp.route("/contributions/<handle>", methods=["GET", "POST"])
def moderate(handle):
    """Hide, redact or delete one contribution, with a reason for the audit log."""
    _require_participant_access()
    contribution = services.contribution_by_handle(g.event, handle)
    if contribution is None:
        abort(404)
    form = ModerationForm(data={"text": contribution.text})
    if form.validate_on_submit():
        services.moderate(g.event, contribution, form.action.data, form.reason.data, form.text.data or "")
        flash(_("The contribution is moderated; the reason is recorded."), "success")
        return redirect(url_for(".contributions"))
    return render_template("frauendialog/moderate.html", event=g.event, form=form,
                           contribution=contribution), 400 if form.errors else 200


@event_bp.route("/contributions/<handle>/edit", methods=["GET", "POST"])
def edit_contribution(handle):
    """Correct the kind, topic or text of one contribution (the people who moderate)."""
    _require_participant_access()
    contribution = services.contribution_by_handle(g.event, handle)
    if contribution is None:
        abort(404)
    form = ContributionForm(topics=services.topics_of(g.event),
                            data={"kind": contribution.kind, "topic": contribution.topic, "text": contribution.text})
    form.text.description = ""
    back = url_for(".contributions")
    if form.validate_on_submit():
        services.update_contribution(g.event, contribution, form.kind.data, form.topic.data, form.text.data)
        flash(_("The contribution is saved."), "success")
        return redirect(back)
    return edit_page(form, title=_("Edit contribution"), back=back)


@event_bp.route("/moderators", methods=["GET", "POST"])
def moderators():
    require(Role.ORGANISER)
    choices = services.moderator_choices(g.municipality)
    form = DesignationForm(data={"moderators": [user.id for user in services.designated_users(g.event)]})
    form.moderators.choices = select_choices((user.id, f"{user.display_name} ({user.email})") for user in choices)
    if form.validate_on_submit():
        services.set_designations(g.event, form.moderators.data or [])
        flash(_("The designated moderators are saved."), "success")
        return redirect(url_for(".moderators"))
    return render_template("frauendialog/moderators.html", event=g.event, form=form, has_choices=bool(choices))


@event_bp.get("/evaluation.csv")
def evaluation_csv():
    event = g.event
    require_visible(event)
    if not (event.evaluation_published or can(Role.ORGANISER)):
        abort(404)
    rows = protection.protect_rows(evaluation.rows(event))
    return csv_response(f"frauendialog-{event.id}.csv", evaluation.header(), rows)


# -- organisers: all women's dialogues -----------------------------------------------
@organise_bp.get("/")
def overview():
    events = db.session.scalars(
        select(Event).where(Event.municipality_id == g.municipality.id, Event.format_key == services.KEY)
        .order_by(Event.starts_at.desc())).all()
    return render_template("frauendialog/overview.html", events=events)

