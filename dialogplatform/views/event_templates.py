"""Event templates (routes of the organise blueprint): save one from an
event, list them, start a new event from one (``new_event?template=``),
delete one after confirmation. Only the municipality's organisers see them."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..confirmation import confirm_page, edit_page
from ..forms import TemplateNameForm
from ..models import Role
from ..services import event_templates as service
from ..templating import localized_title
from ..tenancy import event_or_404, role_required
from .organise import bp


def template_or_404(template_id: int):
    template = service.get(g.municipality, template_id)
    if template is None:
        abort(404)
    return template


@bp.route("/events/<int:event_id>/template", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def save_template(event_id):
    event = event_or_404(event_id)
    form = TemplateNameForm(data={"name": localized_title(event)})
    if form.validate_on_submit():
        service.save_from(event, form.name.data)
        flash(_("The template is saved. New events can start from it."), "success")
        return redirect(url_for("organise.templates"))
    return edit_page(form, title=_("Save “%(title)s” as a template", title=localized_title(event)),
                     back=url_for("organise.edit_event", event_id=event.id),
                     intro=_("The template keeps the texts, the place and the settings, not the dates or sign-ups."))


@bp.get("/templates/")
@role_required(Role.ORGANISER)
def templates():
    return render_template("organise/templates.html", templates=service.of(g.municipality))


@bp.route("/templates/<int:template_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete_template(template_id):
    template = template_or_404(template_id)

    def delete():
        service.delete(template)
        flash(_("The template is deleted."), "success")

    return confirm_page(
        title=_("Delete the template “%(name)s”?", name=template.name),
        consequences=[_("Events made from it stay as they are.")],
        button=_("Yes, delete the template"), back=url_for("organise.templates"), action=delete)
