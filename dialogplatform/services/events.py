"""Creating, editing, publishing and cancelling events."""
from datetime import datetime
from zoneinfo import ZoneInfo

from ..extensions import db
from ..models import Event, EventStatus
from ..plugin_system.enabling import enabled_format_keys


class FormatNotEnabled(Exception):
    pass


def form_values(event: Event, languages: list[str], format_key: str) -> dict:
    """An event's data in the shape of the event form (local times)."""
    zone = ZoneInfo(event.timezone)
    values = {
        "starts_at": event.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": event.ends_at.astimezone(zone).replace(tzinfo=None),
        "online": event.online, "online_url": event.online_url, "place_name": event.place_name,
        "address": event.address, "capacity": event.capacity,
        "languages": event.languages, "interpreters": event.interpreters,
        f"ext__{format_key}": event.settings,
    }
    for code in languages:
        values[f"title_{code}"] = (event.title or {}).get(code, "")
        values[f"description_{code}"] = (event.description or {}).get(code, "")
    return values


def apply_form(event: Event, data: dict, languages: list[str]) -> None:
    zone = ZoneInfo(event.timezone or "Europe/Berlin")
    event.starts_at = _aware(data["starts_at"], zone)
    event.ends_at = _aware(data["ends_at"], zone)
    event.title = {code: data[f"title_{code}"].strip() for code in languages if (data.get(f"title_{code}") or "").strip()}
    event.description = {
        code: data[f"description_{code}"].strip() for code in languages if (data.get(f"description_{code}") or "").strip()
    }
    event.online = bool(data["online"])
    event.online_url = (data.get("online_url") or "").strip()
    event.place_name = (data.get("place_name") or "").strip()
    event.address = (data.get("address") or "").strip()
    event.capacity = data.get("capacity")
    event.languages = list(data.get("languages") or [])
    event.interpreters = list(data.get("interpreters") or [])
    settings = data.get(f"ext__{event.format_key}")
    if settings is not None:
        event.settings = {key: value for key, value in settings.items() if key != "csrf_token"}


def _aware(value: datetime, zone: ZoneInfo) -> datetime:
    return value.replace(tzinfo=zone)


def create(municipality, format_key: str, data: dict, creator) -> Event:
    if format_key not in enabled_format_keys(municipality):
        raise FormatNotEnabled(format_key)
    event = Event(municipality=municipality, format_key=format_key, created_by_id=creator.id,
                  timezone="Europe/Berlin", status=EventStatus.DRAFT)
    apply_form(event, data, municipality.content_languages)
    db.session.add(event)
    db.session.commit()
    return event


def update(event: Event, data: dict) -> None:
    apply_form(event, data, event.municipality.content_languages)
    db.session.commit()


def publish(event: Event) -> None:
    if event.status == EventStatus.DRAFT:
        event.status = EventStatus.PUBLISHED
        db.session.commit()


def cancel(event: Event) -> None:
    if event.status != EventStatus.CANCELLED:
        event.status = EventStatus.CANCELLED
        db.session.commit()


def set_evaluation_published(event: Event, published: bool) -> None:
    event.evaluation_published = published
    db.session.commit()
