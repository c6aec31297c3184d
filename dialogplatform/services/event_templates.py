"""Event templates: a municipality's named starting points for new events
(texts, place, capacity, languages, details and the format's settings)."""
from ..extensions import db
from ..models import Event, EventTemplate
from . import audit
from .events import INTERNAL_SETTINGS, form_values

# Form values a template never keeps: the dates (each event has its own) and the process.
NOT_KEPT = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at", "process_id", "process_step")


def of(municipality) -> list[EventTemplate]:
    return db.session.scalars(db.select(EventTemplate).filter_by(municipality_id=municipality.id)
                              .order_by(EventTemplate.name, EventTemplate.id)).all()


def get(municipality, template_id: int) -> EventTemplate | None:
    """The template, only if it belongs to ``municipality``."""
    return db.session.scalar(db.select(EventTemplate).filter_by(id=template_id, municipality_id=municipality.id))


def save_from(event: Event, name: str) -> EventTemplate:
    values = form_values(event, event.municipality.content_languages, event.format_key)
    settings_key = f"ext__{event.format_key}"
    values[settings_key] = {key: value for key, value in (values.get(settings_key) or {}).items()
                            if key not in INTERNAL_SETTINGS}
    template = EventTemplate(municipality_id=event.municipality_id, name=name.strip()[:120],
                             format_key=event.format_key,
                             data={key: value for key, value in values.items() if key not in NOT_KEPT})
    db.session.add(template)
    db.session.flush()
    audit.record("event_template.created", event.municipality, template, origin=event.id)
    db.session.commit()
    return template


def delete(template: EventTemplate) -> None:
    audit.record("event_template.deleted", template.municipality, template)
    db.session.delete(template)
    db.session.commit()
