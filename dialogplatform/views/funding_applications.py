"""A municipality's funding applications (organisers and admins): the list
with its sums, the form, deleting after a confirmation."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..confirmation import confirm_page
from ..extensions import db
from ..funding_forms import APPLICATION_STATUS_LABELS, funding_application_form_class
from ..models import FundingApplication, Role
from ..services import funding
from ..services import funding_applications as service
from ..services import processes as process_service
from ..templating import labeller
from ..tenancy import role_required

bp = Blueprint("organise_funding", __name__)
bp.add_app_template_global(labeller(APPLICATION_STATUS_LABELS), "application_status_label")


def _application_or_404(application_id: int) -> FundingApplication:
    application = service.get(g.municipality, application_id)
    if application is None:
        abort(404)
    return application


def _form_class(application: FundingApplication):
    programmes = [p for p in funding.programmes() if p.active or p.id == application.programme_id]
    return funding_application_form_class(programmes,
                                          process_service.processes_of(g.municipality, include_unpublished=True))


def _form_data(application: FundingApplication) -> dict:
    return {"programme_id": str(application.programme_id or ""), "process_id": str(application.process_id or ""),
            "lpb_contact": application.lpb_contact, "notes": application.notes,
            **{name: getattr(application, name) for name in service.FIELDS}}


@bp.get("/")
@role_required(Role.ORGANISER)
def index():
    applications = service.applications_of(g.municipality)
    return render_template("funding/organise_list.html", applications=applications,
                           sums=service.sums(applications))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def new():
    application = FundingApplication(municipality=g.municipality)
    form = _form_class(application)(process_id=request.args.get("process", ""))
    return _save_or_show(application, form, _("The funding application is saved."))


@bp.route("/<int:application_id>", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def edit(application_id):
    application = _application_or_404(application_id)
    form = _form_class(application)(data=_form_data(application))
    return _save_or_show(application, form, _("The funding application is saved."))


def _save_or_show(application, form, message):
    if form.validate_on_submit():
        service.save(application, form.data)
        db.session.commit()
        flash(message, "success")
        return redirect(url_for("organise_funding.index"))
    return render_template("funding/form.html", form=form, application=application), 422 if form.errors else 200


@bp.route("/<int:application_id>/delete", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def delete(application_id):
    application = _application_or_404(application_id)

    def remove():
        service.delete(application)
        db.session.commit()
        flash(_("The funding application is deleted."), "success")
        return url_for("organise_funding.index")

    return confirm_page(
        title=_("Delete the application to “%(programme)s”?", programme=application.programme.name),
        consequences=[_("Its amounts, dates and notes are deleted. The process and its report stay.")],
        button=_("Delete application"), back=url_for("organise_funding.edit", application_id=application.id),
        action=remove)
