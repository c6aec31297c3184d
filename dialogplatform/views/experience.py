"""Learning from each other: the public "Von anderen lernen" (``/learn/``)
with each report and its contact form, the answer page of a message, and
the organisers' step page where a municipality writes and publishes its
experience report on a finished step."""
from flask import Blueprint, abort, current_app, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..experience_forms import PeerReplyForm, message_form_class, report_form_class
from ..extensions import limiter
from ..forms import ConfirmForm
from ..models import STEP_NUMBERS, Role
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from ..services import experience as service
from ..services import participation
from ..services import processes as process_service
from ..templating import format_name
from ..tenancy import role_required

bp = Blueprint("experience", __name__)
organise_bp = Blueprint("organise_experience", __name__)


def _per_sender() -> str:
    """Messages count per account (a whole office behind one address is not one sender)."""
    return f"peer-message:{current_user.id}" if current_user.is_authenticated else get_remote_address()


def _too_many(_limit):
    """The limit's page says what happened, in the sender's language."""
    return make_response(render_template("experience/too_many.html"), 429)


def _message_limit(setting: str):
    """Only messages that went out count (a form with an error costs nothing)."""
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"], key_func=_per_sender,
                         scope=setting.lower(), deduct_when=lambda response: response.status_code == 302,
                         on_breach=_too_many)


# -- public ----------------------------------------------------------------
@bp.get("/")
def index():
    formats, topics = service.choices()
    filters = service.Filters(format_key=_chosen(request.args.get("format"), formats),
                              topic=_chosen(request.args.get("topic"), topics))
    reports = service.published(filters)
    return render_template("experience/index.html", reports=reports, figures=service.figures_of(reports),
                           formats=formats, topics=topics, filters=filters,
                           contacts={report.id: service.contact_of(report) for report in reports})


def _chosen(value: str | None, allowed: list[str]) -> str:
    """A filter value only when it is one of the offered ones."""
    return value if value in allowed else ""


@bp.route("/<int:report_id>/", methods=["GET", "POST"])
@_message_limit("RATELIMIT_PEER_MESSAGE")
def show(report_id):
    report = service.published_report(report_id)
    if report is None:
        abort(404)
    contact = service.contact_of(report)
    municipalities = service.sender_municipalities(current_user, report) if contact else []
    form = message_form_class(municipalities)() if municipalities else None
    if request.method == "POST":
        if form is None:
            abort(403)
        if form.validate_on_submit():
            service.send(report, current_user, form.writing_for(), form.body.data)
            flash(_("Your message is on its way to %(name)s. Their answer reaches you by e-mail through the "
                    "platform.", name=contact.display_name), "success")
            return redirect(url_for("experience.show", report_id=report.id))
    return render_template("experience/show.html", report=report, contact=contact, form=form,
                           figures=service.figures_of([report])[report.id],
                           own=current_user.is_authenticated and current_user.role_in(report.municipality) is not None
                           ), 422 if form and form.errors else 200


@bp.route("/messages/<int:message_id>/reply", methods=["GET", "POST"])
@_message_limit("RATELIMIT_PEER_REPLY")
def reply(message_id):
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    message = service.message_for(current_user, message_id)
    if message is None or message.sender is None:
        abort(404)
    form = PeerReplyForm()
    if form.validate_on_submit():
        service.reply(message, current_user, form.body.data)
        flash(_("Your answer is on its way to %(name)s.", name=message.sender.display_name), "success")
        return redirect(url_for("experience.show", report_id=message.report_id)
                        if message.report.published else url_for("experience.index"))
    return render_template("experience/reply.html", message=message, form=form), 422 if form.errors else 200


# -- the municipality's step page ---------------------------------------------
def _step_or_404(process_id: int, number: int):
    process = process_service.get(g.municipality, process_id)
    if process is None or number not in STEP_NUMBERS:
        abort(404)
    process_service.ensure_steps(process)
    return process, process.step(number)


@organise_bp.get("/<int:process_id>/steps/<int:number>/")
@role_required(Role.ORGANISER)
def step(process_id, number):
    process, step = _step_or_404(process_id, number)
    events = service.events_of_step(process, step)
    counted = participation.figures_for(events)
    return render_template(
        "experience/step.html", process=process, step=step, finished=service.is_finished(process, step),
        events=events, figures={event.id: participation.shown(event, counted[event.id]) for event in events},
        reports=service.reports_of_step(step), action_form=ConfirmForm())


def _format_choices(step, events, report=None) -> tuple[list, set]:
    """Formats of the step's events first, then those the municipality has
    switched on (and a report's own); and the formats that already have a
    report in this step."""
    keys = [report.format_key] if report is not None else []
    keys += [event.format_key for event in events] + sorted(enabled_format_keys(g.municipality))
    installed = plugin_manager().formats
    formats = [(key, format_name(key)) for key in dict.fromkeys(keys) if key in installed or report is not None
               and key == report.format_key]
    return formats, {other.format_key for other in service.reports_of_step(step) if other is not report}


@organise_bp.route("/<int:process_id>/steps/<int:number>/experience/new", methods=["GET", "POST"])
@organise_bp.route("/<int:process_id>/steps/<int:number>/experience/<int:report_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def report_form(process_id, number, report_id=None):
    process, step = _step_or_404(process_id, number)
    report = None
    if report_id is not None:
        report = service.report_of_step(step, report_id)
        if report is None:
            abort(404)
    if not service.is_finished(process, step):
        flash(_("An experience report can be written once the step is finished."), "error")
        return redirect(url_for("organise_experience.step", process_id=process.id, number=number))
    events = service.events_of_step(process, step)
    formats, taken = _format_choices(step, events, report)
    values = {} if report is None else {
        "format_key": report.format_key, "topic": report.topic, "what_worked": report.what_worked,
        "do_differently": report.do_differently, "contact_me": report.contact_id == current_user.id}
    form = report_form_class(formats, taken)(data=values)
    if form.validate_on_submit():
        service.save(report, step, form.data, current_user)
        flash(_("The experience report is saved."), "success")
        return redirect(url_for("organise_experience.step", process_id=process.id, number=number))
    return render_template("experience/form.html", form=form, process=process, step=step, report=report), \
        422 if form.errors else 200


@organise_bp.post("/<int:process_id>/steps/<int:number>/experience/<int:report_id>/publish")
@organise_bp.post("/<int:process_id>/steps/<int:number>/experience/<int:report_id>/unpublish",
                  endpoint="unpublish")
@role_required(Role.ORGANISER)
def publish(process_id, number, report_id):
    process, step = _step_or_404(process_id, number)
    report = service.report_of_step(step, report_id)
    if report is None:
        abort(404)
    publishing = request.endpoint.endswith(".publish")
    if ConfirmForm().validate_on_submit():
        if publishing and not service.is_finished(process, step):
            flash(_("An experience report can be written once the step is finished."), "error")
        else:
            service.set_published(report, publishing)
            flash(_("The experience report is now public under “Learning from each other”.") if publishing
                  else _("The experience report is no longer public."), "success")
    return redirect(url_for("organise_experience.step", process_id=process.id, number=number))
