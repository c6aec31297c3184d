"""Organisers: their municipality's events in every enabled format."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..confirmation import confirm_page
from ..extensions import db
from ..forms import ConfirmForm, event_form_class
from ..models import Event, EventStatus, Role
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from ..services import events as event_service
from ..services import processes as process_service
from ..services import protection, signups
from ..templating import localized_title
from ..tenancy import can, event_or_404, role_required

bp = Blueprint("organise", __name__)


@bp.get("/")
@role_required(Role.HELPER)
def events():
    """The staff dashboard (views/workspace.py builds it)."""
    from .workspace import dashboard

    return dashboard()


@bp.get("/events/")
@role_required(Role.HELPER)
def all_events():
    rows = db.session.scalars(
        db.select(Event).filter_by(municipality_id=g.municipality.id).order_by(Event.starts_at.desc())
    ).all()
    enabled = [plugin_manager().info(key) for key in sorted(enabled_format_keys(g.municipality))]
    taken = signups.seats_taken_by_event([event.id for event in rows]) if can(Role.ORGANISER) else None
    exact = {event.id: protection.may_see_names(event, current_user) for event in rows}
    return render_template("organise/events.html", events=rows, enabled_formats=enabled, form=ConfirmForm(),
                           taken=taken, protected_count=protection.count, exact=exact)


def _form_class(format_key):
    settings_form = plugin_manager().call_one(format_key, "event_settings_form", format_key=format_key)
    return event_form_class(g.municipality, format_key, settings_form,
                            processes=process_service.processes_of(g.municipality, include_unpublished=True))


@bp.route("/new/<format_key>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def new_event(format_key):
    if format_key not in enabled_format_keys(g.municipality):
        abort(404)
    values = event_service.event_defaults(format_key)
    template_id = request.args.get("template", type=int)
    if template_id is not None:  # "New event from template": the form starts with its values
        from ..services import event_templates

        template = event_templates.get(g.municipality, template_id)
        if template is None or template.format_key != format_key:
            abort(404)
        values = {**values, **template.data}
    form = _form_class(format_key)(data=values)
    if form.validate_on_submit():
        event = event_service.create(g.municipality, format_key, form.data, current_user)
        flash(_("The event is saved as a draft. Publish it when it is ready."), "success")
        return redirect(url_for("organise.edit_event", event_id=event.id))
    return render_template("organise/event_form.html", form=form, format_key=format_key, event=None)


@bp.route("/events/<int:event_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit_event(event_id):
    event = event_or_404(event_id)
    form_class = _form_class(event.format_key)
    form = form_class(data=event_service.form_values(event, g.municipality.content_languages, event.format_key))
    if form.validate_on_submit():
        told = event_service.update(event, form.data)
        flash(_("The event is saved."), "success")
        if told:
            flash(_("Mail about the change with the new calendar entry sent to people signed up: %(num)d.",
                    num=told), "success")
        return redirect(url_for("organise.edit_event", event_id=event.id))
    return render_template("organise/event_form.html", form=form, format_key=event.format_key,
                           event=event, action_form=ConfirmForm(), to_tell=event_service.people_to_tell(event),
                           can_restore=event_service.can_restore(event))


def _state_change(event_id, change, message):
    event = event_or_404(event_id)
    if ConfirmForm().validate_on_submit():
        change(event)
        flash(message, "success")
    return redirect(url_for("organise.edit_event", event_id=event.id))


@bp.post("/events/<int:event_id>/publish")
@role_required(Role.ORGANISER)
def publish_event(event_id):
    return _state_change(event_id, event_service.publish, _("The event is published."))


def _people_get_a_mail(count: int) -> str:
    return _("People signed up who get a mail: %(num)d.", num=count)


@bp.route("/events/<int:event_id>/cancel", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def cancel_event(event_id):
    """Asks first (how many get a mail); the POST cancels."""
    event = event_or_404(event_id)
    back = url_for("organise.edit_event", event_id=event.id)
    if event.status == EventStatus.CANCELLED:
        return redirect(back)

    def cancel():
        told = event_service.cancel(event)
        flash(_("The event is cancelled.") + " " + _("People signed up who got a mail: %(num)d.", num=told),
              "success")

    return confirm_page(
        title=_("Cancel the event “%(title)s”?", title=localized_title(event)),
        consequences=[_people_get_a_mail(event_service.people_to_tell(event)),
                      _("Their sign-ups are kept: you can restore the event until it starts.")],
        button=_("Yes, cancel the event"), back=back, action=cancel)


@bp.route("/events/<int:event_id>/restore", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def restore_event(event_id):
    """A cancelled event that has not started is published again; the
    sign-ups kept through the cancellation are told (see ``events.restore``)."""
    event = event_or_404(event_id)
    if not event_service.can_restore(event):
        abort(404)

    def restore():
        told = event_service.restore(event)
        flash(_("The event is published again.") + " " + _("People signed up who got a mail: %(num)d.", num=told),
              "success")

    return confirm_page(
        title=_("Restore the event “%(title)s”?", title=localized_title(event)),
        consequences=[_("The event is published again with its sign-ups as they were."),
                      _people_get_a_mail(event_service.people_to_tell(event))],
        button=_("Yes, restore the event"), back=url_for("organise.edit_event", event_id=event.id), action=restore)


@bp.post("/events/<int:event_id>/evaluation")
@role_required(Role.ORGANISER)
def toggle_evaluation(event_id):
    return _state_change(
        event_id, lambda e: event_service.set_evaluation_published(e, not e.evaluation_published),
        _("The visibility of the evaluation is changed."),
    )


@bp.post("/events/<int:event_id>/duplicate")
@role_required(Role.ORGANISER)
def duplicate_event(event_id):
    """A draft copy (texts, settings, place, the format's set-up; no sign-ups), one week later; its edit form opens."""
    event = event_or_404(event_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if event.format_key not in enabled_format_keys(g.municipality):
        abort(404)
    copy, complete = event_service.duplicate(event, current_user)
    flash(_("A copy is saved as a draft, one week later. Check the date and publish it when it is ready."),
          "success")
    if not complete:
        flash(_("The format's own set-up (e.g. its tables or themes) could not be copied. "
                "Please add it to the copy by hand."), "error")
    return redirect(url_for("organise.edit_event", event_id=copy.id))


@bp.route("/events/<int:event_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_event(event_id):
    """Only a draft without sign-ups; asks first."""
    event = event_or_404(event_id)
    back = url_for("organise.edit_event", event_id=event.id)
    if not event_service.can_delete(event):
        flash(_("Only a draft nobody has signed up for can be deleted."), "error")
        return redirect(back)

    def delete():
        event_service.delete_draft(event)
        flash(_("The draft is deleted."), "success")
        return url_for("organise.all_events")

    return confirm_page(
        title=_("Delete the draft “%(title)s”?", title=localized_title(event)),
        consequences=[_("The draft and its settings are deleted for good. Nobody has signed up.")],
        button=_("Yes, delete the draft"), back=back, action=delete)


from . import event_templates  # noqa: E402,F401  (its routes belong to this blueprint)
