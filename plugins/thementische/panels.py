"""Panels on the core's event page: the tables for everyone, a
participant's own seat, and the work links for moderators and organisers."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_api import Registration, RegistrationStatus, Role, db
from dialogplatform.plugin_system import Panel

from . import services
from .models import Assignment


def _my_seats(event, viewer, tables) -> list[tuple[int, object]]:
    """[(round, table)] of the viewer's confirmed registration."""
    if not viewer.is_authenticated:
        return []
    rows = db.session.execute(
        db.select(Assignment.round, Assignment.table_id)
        .join(Registration, Registration.id == Assignment.registration_id)
        .where(Assignment.event_id == event.id, Registration.user_id == viewer.id,
               Registration.status == RegistrationStatus.CONFIRMED)
        .order_by(Assignment.round)).all()
    by_id = {table.id: table for table in tables}
    return [(round_no, by_id[table_id]) for round_no, table_id in rows if table_id in by_id]


def panels(event, viewer) -> list[Panel]:
    tables = services.tables_of(event)
    result = []
    if tables:
        result.append(Panel(title=_l("The theme tables"), template="thementische/_panel_tables.html",
                            context={"tables": tables, "my_seats": _my_seats(event, viewer, tables)}))
    staff = viewer.is_authenticated and viewer.has_role(event.municipality, Role.MODERATOR)
    if staff:
        result.append(Panel(
            title=_l("Theme tables: moderation and results"), template="thementische/_panel_staff.html",
            context={"tables": tables,
                     "organiser": viewer.has_role(event.municipality, Role.ORGANISER)}))
    return result
