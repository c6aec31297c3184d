"""Documentation reports (staff): as a web page and as an A4 PDF, in the
municipality's default language whatever the reader's interface language."""
from flask import Blueprint, Response, g, render_template
from flask_babel import force_locale

from ..models import Role
from ..services import reports as service
from ..services.pdf import html_to_pdf
from ..tenancy import event_or_404, role_required
from .processes import process_or_404

bp = Blueprint("reports", __name__)


def _render(template: str, **context) -> str:
    with force_locale(g.municipality.default_language):
        return render_template(template, **context)


def _pdf(html: str, filename: str) -> Response:
    return Response(html_to_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


def _process_context(process_id):
    process = process_or_404(process_id)
    with force_locale(g.municipality.default_language):
        return {"report": service.process_report(process), "process": process}


@bp.get("/p/<int:process_id>/report")
@role_required(Role.ORGANISER)
def process_report(process_id):
    return _render("report/process_page.html", **_process_context(process_id))


@bp.get("/p/<int:process_id>/report.pdf")
@role_required(Role.ORGANISER)
def process_report_pdf(process_id):
    html = _render("report/process_document.html", **_process_context(process_id))
    return _pdf(html, f"report-{g.municipality.slug}-process-{process_id}.pdf")


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
    return _pdf(html, f"report-{g.municipality.slug}-event-{event_id}.pdf")
