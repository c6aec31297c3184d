"""Recommendations: the public tracker, its Atom feed, and the organiser's
pages to create them (from format results or freely) and record updates."""
from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import ConfirmForm
from ..language_forms import language_values, other_languages
from ..models import Role
from ..process_forms import RecommendationUpdateForm, recommendation_form_class
from ..services import processes as process_service
from ..services import recommendations as service
from ..tenancy import can, event_or_404, role_required
from .processes import process_or_404

bp = Blueprint("recommendations", __name__)
organise_bp = Blueprint("organise_recommendations", __name__)


# -- public ----------------------------------------------------------------
def _tracker_page(process=None):
    filters = service.TrackerFilters.from_args(request.args)
    scope = {"process": process} if process else {"municipality": g.municipality}
    rows = service.tracker(**scope, filters=filters)
    return render_template(
        "recommendations/tracker.html", recommendations=rows, filters=filters, process=process,
        topics=service.topics(**scope), counts=service.counts_by_status(**scope),
        statuses=service.STATUSES, addressees=service.ADDRESSEES)


@bp.get("/recommendations")
def tracker():
    return _tracker_page()


@bp.get("/p/<int:process_id>/recommendations")
def process_tracker(process_id):
    return _tracker_page(process_or_404(process_id))


@bp.get("/recommendations/<int:recommendation_id>")
def show(recommendation_id):
    recommendation = service.get(g.municipality, recommendation_id)
    if recommendation is None:
        abort(404)
    return render_template("recommendations/show.html", recommendation=recommendation,
                           staff=can(Role.ORGANISER))


@bp.get("/recommendations/feed.atom")
def feed():
    updates = service.recent_updates(g.municipality)
    body = render_template("recommendations/feed.atom.xml", updates=updates, updated=max(
        (u.created_at for u in updates), default=g.municipality.created_at))
    return Response(body, mimetype="application/atom+xml")


# -- organiser -------------------------------------------------------------
def _recommendation_or_404(recommendation_id):
    recommendation = service.get(g.municipality, recommendation_id)
    if recommendation is None:
        abort(404)
    return recommendation


def _form_class():
    return recommendation_form_class(process_service.processes_of(g.municipality, include_unpublished=True),
                                     g.municipality)


@organise_bp.get("/")
@role_required(Role.ORGANISER)
def index():
    return render_template("recommendations/organise_list.html",
                           recommendations=service.tracker(g.municipality))


@organise_bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def new():
    form = _form_class()(process_id=request.args.get("process", ""))
    if form.validate_on_submit():
        recommendation = service.create(g.municipality, form.data, current_user)
        flash(_("The recommendation is saved."), "success")
        return redirect(url_for("organise_recommendations.edit", recommendation_id=recommendation.id))
    return render_template("recommendations/form.html", form=form, recommendation=None)


@organise_bp.route("/<int:recommendation_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit(recommendation_id):
    recommendation = _recommendation_or_404(recommendation_id)
    form = _form_class()(data=_form_data(recommendation))
    if form.validate_on_submit():
        service.update_details(recommendation, form.data)
        flash(_("The recommendation is saved."), "success")
        return redirect(url_for("organise_recommendations.edit", recommendation_id=recommendation.id))
    return _edit_page(recommendation, form, RecommendationUpdateForm(formdata=None, happened_on=service.today()))


def _form_data(recommendation) -> dict:
    return {"text": recommendation.text, "topic": recommendation.topic, "addressee": recommendation.addressee,
            "responsible_body": recommendation.responsible_body, "contact": recommendation.contact,
            "process_id": str(recommendation.process_id or ""),
            **language_values(recommendation.text_translations, "text", other_languages(g.municipality),
                              g.municipality.default_language)}


def _edit_page(recommendation, form, update_form):
    return render_template("recommendations/form.html", form=form, recommendation=recommendation,
                           update_form=update_form)


@organise_bp.post("/<int:recommendation_id>/updates")
@role_required(Role.ORGANISER)
def add_update(recommendation_id):
    recommendation = _recommendation_or_404(recommendation_id)
    update_form = RecommendationUpdateForm()
    if not update_form.validate_on_submit():
        form = _form_class()(formdata=None, data=_form_data(recommendation))
        return _edit_page(recommendation, form, update_form)
    service.add_update(recommendation, happened_on=update_form.happened_on.data, status=update_form.status.data,
                       text=update_form.text.data, answer=update_form.answer.data, creator=current_user)
    flash(_("The update is added to the history."), "success")
    return redirect(url_for("organise_recommendations.edit", recommendation_id=recommendation.id))


@organise_bp.route("/from-event/<int:event_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def from_event(event_id):
    """The format's results of an event; the chosen ones become recommendations."""
    event = event_or_404(event_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        chosen = request.form.getlist("ref")
        created = service.create_from_sources(event, chosen, current_user)
        if created:
            flash(_("%(num)d recommendations are created.", num=len(created)), "success")
        else:
            flash(_("Please choose at least one result."), "error")
        return redirect(url_for("organise_recommendations.from_event", event_id=event.id))
    sources, failures = service.candidates(event)
    return render_template("recommendations/from_event.html", event=event, sources=sources, failures=failures,
                           existing=service.existing_by_ref(event), form=form)
