"""Documentation reports (staff): as a web page, an A4 PDF and an editable
OpenDocument text, in the municipality's default language whatever the
reader's interface language; the texts staff write for the process report."""
from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..extensions import db
from ..funding_forms import ReportSubmittedForm
from ..models import Role
from ..process_forms import report_texts_form_class
from ..services import funding_applications, report_document
from ..services import reports as service
from ..services.pdf import html_to_pdf
from ..tenancy import event_or_404, role_required
from .processes import process_or_404

bp = Blueprint("reports", __name__)
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


# How reports write dates, times and numbers (also in the ODT).
for _name in ("report_when", "report_number", "report_cell"):
    bp.add_app_template_filter(getattr(report_document, _name), _name)


def _render(template: str, **context) -> str:
    with force_locale(g.municipality.default_language):
        return render_template(template, **context)


def _download(data: bytes, mimetype: str, filename: str, disposition="inline") -> Response:
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


def _process_context(process_id):
    process = process_or_404(process_id)
    with force_locale(g.municipality.default_language):
        return {"council": report_document.council_report(process), "process": process}


@bp.get("/p/<int:process_id>/report")
@role_required(Role.ORGANISER)
def process_report(process_id):
    context = _process_context(process_id)
    form = ReportSubmittedForm(formdata=None, submitted_on=context["process"].report_submitted_on
                               or funding_applications.today())
    return _render("report/process_page.html", submitted_form=form, **context)


@bp.post("/p/<int:process_id>/report/submitted")
@role_required(Role.ORGANISER)
def mark_report_submitted(process_id):
    """Record that the report went in as Verwendungsnachweis (audited); the
    granted application it documents is marked too."""
    process = process_or_404(process_id)
    form = ReportSubmittedForm()
    if not form.validate_on_submit():
        return _render("report/process_page.html", submitted_form=form, **_process_context(process_id)), 422
    funding_applications.mark_report_submitted(process, form.submitted_on.data)
    db.session.commit()
    flash(_("The report is marked as submitted as Verwendungsnachweis."), "success")
    return redirect(url_for("reports.process_report", process_id=process.id))


@bp.get("/p/<int:process_id>/report.pdf")
@role_required(Role.ORGANISER)
def process_report_pdf(process_id):
    html = _render("report/process_document.html", **_process_context(process_id))
    return _download(html_to_pdf(html), "application/pdf",
                     f"report-{g.municipality.slug}-process-{process_id}.pdf")


@bp.get("/p/<int:process_id>/report.odt")
@role_required(Role.ORGANISER)
def process_report_odt(process_id):
    from ..services.report_odt import council_report_odt  # odfdo is needed for this download only

    context = _process_context(process_id)
    with force_locale(g.municipality.default_language):
        data = council_report_odt(context["council"])
    return _download(data, ODT_MIMETYPE, f"report-{g.municipality.slug}-process-{process_id}.odt", "attachment")


@bp.route("/p/<int:process_id>/report/texts", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def process_report_texts(process_id):
    process = process_or_404(process_id)
    form = report_texts_form_class()(data=report_document.texts_of(process))
    if form.validate_on_submit():
        report_document.save_texts(process, form.data)
        db.session.commit()
        flash(_("The report's texts are saved."), "success")
        return redirect(url_for("reports.process_report", process_id=process.id))
    return render_template("report/texts_form.html", form=form, process=process)


def _event_context(event_id):
    event = event_or_404(event_id)
    with force_locale(g.municipality.default_language):
        return {"report": service.event_report(event), "event": event}


@bp.get("/e/<int:event_id>/report")
@role_required(Role.ORGANISER)
def event_report(event_id):
    return _render("report/event_page.html", **_event_context(event_id))


@bp.get("/e/<int:event_id>/report.pdf")
@role_required(Role.ORGANISER)
def event_report_pdf(event_id):
    html = _render("report/event_document.html", **_event_context(event_id))
    return _download(html_to_pdf(html), "application/pdf", f"report-{g.municipality.slug}-event-{event_id}.pdf")
