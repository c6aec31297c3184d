"""The staff workspace: the dashboard (``/<slug>/organise/``) and each
event's hub (``/<slug>/organise/e/<id>/``), from which every staff page of
the event is one click away (the event menu, staff/_macros.html)."""
from flask import Blueprint, g, render_template
from flask_login import current_user

from ..forms import ConfirmForm
from ..models import Role
from ..plugin_system.enabling import enabled_format_keys, plugin_manager
from ..services import attendance, event_templates, protection, signups
from ..services import workspace as service
from ..tenancy import can, event_or_404, role_required

bp = Blueprint("workspace", __name__)


def dashboard():
    """Upcoming events with their figures, what to arrange, what waits for
    review and the recommendations due (for helpers: the events only)."""
    rows = service.upcoming_rows(g.municipality)
    figures = can(Role.ORGANISER)
    exact = {row.event.id: protection.may_see_names(row.event, current_user) for row in rows}
    needs_rows = [row for row in rows if exact[row.event.id]] if figures else []
    interpreters, ages = service.needs_totals(needs_rows)
    queue, queue_failures = service.moderation_queue(g.municipality) if can(Role.MODERATOR) else ([], [])
    enabled = [plugin_manager().info(key) for key in sorted(enabled_format_keys(g.municipality))]
    return render_template(
        "organise/dashboard.html", rows=rows, figures=figures, exact=exact, needs_rows=needs_rows,
        interpreters=interpreters.most_common(), ages=sorted(ages.items(), key=_band_order),
        queue=queue, queue_failed=bool(queue_failures), enabled_formats=enabled,
        recommendations=service.recommendations_due(g.municipality) if figures else None,
        protected_count=protection.count,
        templates=event_templates.of(g.municipality) if figures else [],
    )


def _band_order(item):
    label = item[0]
    return (label == "?", int(label.split("–")[0].rstrip("+")) if label[0].isdigit() else 99)


@bp.get("/e/<int:event_id>/")
@role_required(Role.HELPER)
def hub(event_id):
    """The event's overview for staff: when and where, the figures of the
    sign-ups and what to arrange (for those who may see them), the menu."""
    event = event_or_404(event_id)
    g.event = event
    sees = protection.may_see_names(event, current_user)
    organiser = can(Role.ORGANISER)
    overview = attendance.overview(event.id, with_details=sees) if organiser else None
    counts = overview.counts if overview else None
    if counts is not None and not sees:
        counts = {key: {"people": protection.count(value["people"])} for key, value in counts.items()}
    return render_template(
        "organise/hub.html", event=event, counts=counts, exact=sees,
        needs=overview.needs if organiser and sees else None,
        seats_left=signups.seats_left(event, overview.seats_taken) if organiser and sees else None,
        assisted=organiser or not protection.is_protected(event.format_key),
        action_form=ConfirmForm() if organiser else None,
    )
