"""ICS files (RFC 5545) for one event and for a municipality's calendar.

A private address (``Event.address_private``) is only written when the
caller says the reader may see it; the public calendar never carries it."""
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as IcsEvent

from ..inputs import one_line
from ..links import external_url
from .publication import location_text

PRODID = "-//Dialogplattform//DE"


def _calendar(name: str, timezone: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add_component(Timezone.from_tzid(timezone))
    return calendar


def event_uid(event) -> str:
    """The calendar entry's UID: the same in every file sent about the event."""
    return f"event-{event.id}@{event.municipality.slug}.dialogplattform"


def _component(event, language: str, with_address: bool = False) -> IcsEvent:
    zone = ZoneInfo(event.timezone)
    component = IcsEvent()
    component.add("uid", event_uid(event))
    component.add("sequence", event.sequence or 0)
    component.add("summary", one_line(event.title_in(language)))
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("dtstamp", event.updated_at or event.created_at)
    location = "Online" if event.online else location_text(event, with_address)
    if location:
        component.add("location", location)
    description = event.description_in(language)
    if description:
        component.add("description", description)
    component.add("url", external_url("municipality.event", municipality_slug=event.municipality.slug,
                                      event_id=event.id))
    component.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return component


def event_ics(event, language: str, with_address: bool = False) -> str:
    calendar = _calendar(event.title_in(language), event.timezone)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_component(event, language, with_address))
    return calendar.to_ical().decode("utf-8")


def municipality_ics(municipality, events, language: str) -> str:
    calendar = _calendar(municipality.name, "Europe/Berlin")
    for event in events:
        calendar.add_component(_component(event, language))
    return calendar.to_ical().decode("utf-8")
