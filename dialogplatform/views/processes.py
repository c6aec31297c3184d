"""Dialogue processes: the public process page and the organiser's pages."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from ..confirmation import confirm_page, edit_page
from ..extensions import db
from ..forms import ConfirmForm
from ..inputs import id_from
from ..landscape_forms import (
    ACTOR_KIND_LABELS,
    RELATION_KIND_LABELS,
    ActorForm,
    PublishAnalysisForm,
    relation_form_class,
    topic_form_class,
)
from ..models import (
    STEP_NUMBERS,
    Event,
    ProcessActor,
    ProcessActorRelation,
    ProcessTopic,
    Role,
    SteeringMeeting,
    SteeringMember,
)
from ..process_forms import (
    ADDRESSEE_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    CurrentStepForm,
    SteeringMeetingForm,
    SteeringMemberForm,
    process_form_class,
)
from ..services import funding
from ..services import landscape as landscape_service
from ..services import processes as service
from ..services import recommendations as recommendation_service
from ..templating import labeller
from ..tenancy import can, role_required

bp = Blueprint("processes", __name__)
organise_bp = Blueprint("organise_processes", __name__)


# -- labels for every template ---------------------------------------------
step_label = labeller(STEP_LABELS)
for _name, _labels in [("recommendation_status_label", STATUS_LABELS), ("addressee_label", ADDRESSEE_LABELS),
                       ("actor_kind_label", ACTOR_KIND_LABELS), ("relation_kind_label", RELATION_KIND_LABELS)]:
    bp.add_app_template_global(labeller(_labels), _name)
bp.add_app_template_global(step_label, "step_label")


@bp.app_template_global()
def localized_process_title(process) -> str:
    return process.title_in(str(get_locale()))


@bp.app_template_filter("day")
def day(value, fmt="medium") -> str:
    return format_date(value, fmt) if value else ""


# -- public ----------------------------------------------------------------
def process_or_404(process_id: int):
    """A process of the current municipality; unpublished ones only for its organisers."""
    process = service.get(g.municipality, process_id)
    if process is None or not (process.published or can(Role.ORGANISER)):
        abort(404)
    return process


@bp.get("/")
def index():
    rows = service.processes_of(g.municipality, include_unpublished=can(Role.ORGANISER))
    return render_template("process/index.html", processes=rows)


@bp.get("/<int:process_id>/")
def show(process_id):
    process = process_or_404(process_id)
    staff = can(Role.ORGANISER)
    events = service.events_of(process, include_drafts=staff)
    return render_template(
        "process/show.html", process=process, staff=staff, events_by_step=service.events_by_step(events),
        step_numbers=STEP_NUMBERS, members=process.members if staff else service.public_members(process),
        hidden_members=0 if staff else len(process.members) - len(service.public_members(process)),
        meetings=service.visible_meetings(process, staff=staff),
        status_counts=recommendation_service.counts_by_status(process=process),
        **_maps(process if process.analysis_published or staff else None),
    )


def _maps(process) -> dict:
    """The actor and topic maps of ``process`` (None: not shown) for templates."""
    if process is None:
        return {"landscape": None}
    landscape = landscape_service.landscape_of(process)
    return {"landscape": landscape, "actor_map": landscape_service.actor_map(landscape),
            "topic_map": landscape_service.topic_map(landscape)}


# -- organiser -------------------------------------------------------------
def _staff_process(process_id: int):
    process = service.get(g.municipality, process_id)
    if process is None:
        abort(404)
    return process


@organise_bp.get("/")
@role_required(Role.ORGANISER)
def list_processes():
    rows = service.processes_of(g.municipality, include_unpublished=True)
    return render_template("process/organise_list.html", processes=rows)


@organise_bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def new():
    form = process_form_class(g.municipality, funding.programmes(active_only=True))()
    if form.validate_on_submit():
        process = service.create(g.municipality, form.data)
        flash(_("The process is saved."), "success")
        return redirect(url_for("organise_processes.edit", process_id=process.id))
    return render_template("process/form.html", form=form, process=None)


@organise_bp.route("/<int:process_id>/", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit(process_id):
    process = _staff_process(process_id)
    programmes = [p for p in funding.programmes() if p.active or p.id == process.funding_programme_id]
    form = process_form_class(g.municipality, programmes)(
        data=service.form_values(process, g.municipality.content_languages))
    if form.validate_on_submit():
        service.update(process, form.data)
        flash(_("The process is saved."), "success")
        return redirect(url_for("organise_processes.edit", process_id=process.id))
    step_form = CurrentStepForm(formdata=None, current_step=str(process.current_step))
    return render_template("process/form.html", form=form, process=process, step_form=step_form)


@organise_bp.post("/<int:process_id>/step")
@role_required(Role.ORGANISER)
def set_step(process_id):
    process = _staff_process(process_id)
    form = CurrentStepForm()
    if form.validate_on_submit():
        service.set_current_step(process, int(form.current_step.data))
        flash(_("The current step is now: %(step)s", step=step_label(process.current_step)), "success")
    else:
        flash(_("Please choose a step."), "error")
    return redirect(url_for("organise_processes.edit", process_id=process.id))


@organise_bp.route("/<int:process_id>/events", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def events(process_id):
    process = _staff_process(process_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        assignments = {}
        for name, value in request.form.items():
            event_id = id_from(name[5:]) if name.startswith("step_") else None
            if event_id is not None:
                assignments[event_id] = id_from(value)
        service.assign_events(process, assignments)
        flash(_("The events of the process are saved."), "success")
        return redirect(url_for("organise_processes.events", process_id=process.id))
    rows = db.session.scalars(
        db.select(Event).where(Event.municipality_id == g.municipality.id)
        .order_by(Event.starts_at.desc(), Event.id.desc())).all()
    others = {p.id: p for p in service.processes_of(g.municipality, include_unpublished=True)}
    return render_template("process/events.html", process=process, events=rows, form=form,
                           other_processes=others, step_numbers=STEP_NUMBERS)


@organise_bp.get("/<int:process_id>/steering")
@role_required(Role.ORGANISER)
def steering(process_id):
    process = _staff_process(process_id)
    return _steering_page(process, SteeringMemberForm(formdata=None), SteeringMeetingForm(formdata=None))


def _steering_page(process, member_form, meeting_form):
    return render_template("process/steering.html", process=process, member_form=member_form,
                           meeting_form=meeting_form, action_form=ConfirmForm())


@organise_bp.post("/<int:process_id>/members/new")
@role_required(Role.ORGANISER)
def add_member(process_id):
    process = _staff_process(process_id)
    form = SteeringMemberForm()
    if not form.validate_on_submit():
        return _steering_page(process, form, SteeringMeetingForm(formdata=None))
    service.save_member(process, None, form.data)
    flash(_("The member is added."), "success")
    return redirect(url_for("organise_processes.steering", process_id=process.id))


@organise_bp.post("/<int:process_id>/meetings/new")
@role_required(Role.ORGANISER)
def add_meeting(process_id):
    process = _staff_process(process_id)
    form = SteeringMeetingForm()
    if not form.validate_on_submit():
        return _steering_page(process, SteeringMemberForm(formdata=None), form)
    service.save_meeting(process, None, form.data)
    flash(_("The meeting is added."), "success")
    return redirect(url_for("organise_processes.steering", process_id=process.id))


def _child_or_404(model, process, child_id):
    child = db.session.get(model, child_id)
    if child is None or child.process_id != process.id:
        abort(404)
    return child


@organise_bp.route("/<int:process_id>/members/<int:member_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit_member(process_id, member_id):
    process = _staff_process(process_id)
    member = _child_or_404(SteeringMember, process, member_id)
    form = SteeringMemberForm(obj=member)
    if form.validate_on_submit():
        service.save_member(process, member, form.data)
        flash(_("The member is saved."), "success")
        return redirect(url_for("organise_processes.steering", process_id=process.id))
    return render_template("process/child_form.html", form=form, process=process,
                           heading=_("Edit member of the steering group"))


@organise_bp.route("/<int:process_id>/meetings/<int:meeting_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit_meeting(process_id, meeting_id):
    process = _staff_process(process_id)
    meeting = _child_or_404(SteeringMeeting, process, meeting_id)
    form = SteeringMeetingForm(obj=meeting)
    if form.validate_on_submit():
        service.save_meeting(process, meeting, form.data)
        flash(_("The meeting is saved."), "success")
        return redirect(url_for("organise_processes.steering", process_id=process.id))
    return render_template("process/child_form.html", form=form, process=process,
                           heading=_("Edit meeting of the steering group"))


@organise_bp.route("/<int:process_id>/members/<int:member_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_member(process_id, member_id):
    process = _staff_process(process_id)
    member = _child_or_404(SteeringMember, process, member_id)
    return _confirm_removal(process, member, _("Remove “%(name)s”?", name=member.name), [_("Nobody gets a mail.")],
                            _("The member is removed."), remove=service.delete, back="organise_processes.steering")


@organise_bp.route("/<int:process_id>/meetings/<int:meeting_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_meeting(process_id, meeting_id):
    process = _staff_process(process_id)
    meeting = _child_or_404(SteeringMeeting, process, meeting_id)
    return _confirm_removal(process, meeting, _("Remove this meeting?"), [_("Nobody gets a mail.")],
                            _("The meeting is removed."), remove=service.delete, back="organise_processes.steering")


# -- actor map and topic map -----------------------------------------------
@organise_bp.get("/<int:process_id>/landscape")
@role_required(Role.ORGANISER)
def landscape(process_id):
    return _landscape_page(_staff_process(process_id))


def _landscape_page(process, **forms):
    """The organiser's map page; ``forms`` holds a form that failed validation."""
    landscape = landscape_service.landscape_of(process)
    existing = {(r.source_id, r.target_id, r.kind) for r in landscape.relations}
    defaults = {
        "actor_form": ActorForm(formdata=None),
        "relation_form": relation_form_class(landscape.actors, existing)(formdata=None),
        "topic_form": topic_form_class(landscape.actors)(formdata=None),
        "publish_form": PublishAnalysisForm(formdata=None, analysis_published=process.analysis_published),
    }
    return render_template("process/landscape.html", process=process, action_form=ConfirmForm(),
                           **{**defaults, **forms}, **_maps(process))


@organise_bp.post("/<int:process_id>/landscape/publish")
@role_required(Role.ORGANISER)
def publish_landscape(process_id):
    process = _staff_process(process_id)
    form = PublishAnalysisForm()
    if form.validate_on_submit():
        landscape_service.set_published(process, form.analysis_published.data)
        flash(_("The actor and topic maps are now public.") if process.analysis_published
              else _("The actor and topic maps are now internal."), "success")
    return redirect(url_for("organise_processes.landscape", process_id=process.id))


@organise_bp.post("/<int:process_id>/actors/new")
@role_required(Role.ORGANISER)
def add_actor(process_id):
    process = _staff_process(process_id)
    form = ActorForm()
    if not form.validate_on_submit():
        return _landscape_page(process, actor_form=form)
    landscape_service.add_actor(process, form.data)
    flash(_("The actor is added."), "success")
    return redirect(url_for("organise_processes.landscape", process_id=process.id))


@organise_bp.post("/<int:process_id>/relations/new")
@role_required(Role.ORGANISER)
def add_relation(process_id):
    process = _staff_process(process_id)
    landscape = landscape_service.landscape_of(process)
    form = relation_form_class(landscape.actors, {(r.source_id, r.target_id, r.kind) for r in landscape.relations})()
    if not form.validate_on_submit():
        return _landscape_page(process, relation_form=form)
    landscape_service.add_relation(process, form.data)
    flash(_("The relation is added."), "success")
    return redirect(url_for("organise_processes.landscape", process_id=process.id))


@organise_bp.post("/<int:process_id>/topics/new")
@role_required(Role.ORGANISER)
def add_topic(process_id):
    process = _staff_process(process_id)
    form = topic_form_class(landscape_service.landscape_of(process).actors)()
    if not form.validate_on_submit():
        return _landscape_page(process, topic_form=form)
    landscape_service.add_topic(process, form.data)
    flash(_("The topic is added."), "success")
    return redirect(url_for("organise_processes.landscape", process_id=process.id))


@organise_bp.route("/<int:process_id>/actors/<int:child_id>/edit", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit_actor(process_id, child_id):
    process = _staff_process(process_id)
    actor = _child_or_404(ProcessActor, process, child_id)
    form = ActorForm(data=landscape_service.actor_values(actor))
    back = url_for("organise_processes.landscape", process_id=process.id)
    if form.validate_on_submit():
        landscape_service.update_actor(actor, form.data)
        flash(_("The actor is saved."), "success")
        return redirect(back)
    return edit_page(form, title=_("Edit actor"), back=back)


@organise_bp.route("/<int:process_id>/topics/<int:child_id>/edit", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit_topic(process_id, child_id):
    process = _staff_process(process_id)
    topic = _child_or_404(ProcessTopic, process, child_id)
    form = topic_form_class(landscape_service.landscape_of(process).actors)(
        data=landscape_service.topic_values(topic))
    back = url_for("organise_processes.landscape", process_id=process.id)
    if form.validate_on_submit():
        landscape_service.update_topic(topic, form.data)
        flash(_("The topic is saved."), "success")
        return redirect(back)
    return edit_page(form, title=_("Edit topic"), back=back)


@organise_bp.route("/<int:process_id>/actors/<int:child_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_actor(process_id, child_id):
    process = _staff_process(process_id)
    actor = _child_or_404(ProcessActor, process, child_id)
    relations, topics = landscape_service.links_of(actor)
    return _confirm_removal(process, actor, _("Remove the actor “%(name)s”?", name=actor.name),
                            [_("Its relations (%(relations)d) and its links to topics (%(topics)d) are removed "
                               "with it. Nobody gets a mail.", relations=relations, topics=topics)],
                            _("The actor is removed."))


@organise_bp.route("/<int:process_id>/relations/<int:child_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_relation(process_id, child_id):
    process = _staff_process(process_id)
    relation = _child_or_404(ProcessActorRelation, process, child_id)
    return _confirm_removal(process, relation, _("Remove this relation?"), [_("Nobody gets a mail.")],
                            _("The relation is removed."))


@organise_bp.route("/<int:process_id>/topics/<int:child_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_topic(process_id, child_id):
    process = _staff_process(process_id)
    topic = _child_or_404(ProcessTopic, process, child_id)
    return _confirm_removal(process, topic, _("Remove the topic “%(name)s”?", name=topic.name),
                            [_("Nobody gets a mail.")], _("The topic is removed."))


def _confirm_removal(process, child, title, consequences, message, remove=landscape_service.remove,
                     back="organise_processes.landscape"):
    """Ask first, then remove a child row of a process and go back to its page."""
    def removal():
        remove(child)
        flash(message, "success")

    return confirm_page(title=title, consequences=consequences, button=_("Yes, remove"),
                        back=url_for(back, process_id=process.id), action=removal)
