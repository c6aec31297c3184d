"""ICS files (RFC 5545) for one event and for a municipality's calendar."""
from zoneinfo import ZoneInfo

from flask import url_for
from icalendar import Calendar, Event as IcsEvent, Timezone

PRODID = "-//Dialogplattform//DE"


def _calendar(name: str, timezone: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _one_line(name))
    calendar.add_component(Timezone.from_tzid(timezone))
    return calendar


def _one_line(text: str) -> str:
    """A name on one line: a title may hold a line break (sent by a crafted
    form), which a calendar's name cannot."""
    return " ".join(text.split())


def _component(event, language: str) -> IcsEvent:
    zone = ZoneInfo(event.timezone)
    component = IcsEvent()
    component.add("uid", f"event-{event.id}@{event.municipality.slug}.dialogplattform")
    component.add("summary", _one_line(event.title_in(language)))
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("dtstamp", event.updated_at or event.created_at)
    location = "Online" if event.online else ", ".join(p for p in (event.place_name, event.address.replace("\n", ", ")) if p)
    if location:
        component.add("location", location)
    description = event.description_in(language)
    if description:
        component.add("description", description)
    component.add("url", url_for("municipality.event", municipality_slug=event.municipality.slug,
                                 event_id=event.id, _external=True))
    component.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return component


def event_ics(event, language: str) -> str:
    calendar = _calendar(event.title_in(language), event.timezone)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_component(event, language))
    return calendar.to_ical().decode("utf-8")


def municipality_ics(municipality, events, language: str) -> str:
    calendar = _calendar(municipality.name, "Europe/Berlin")
    for event in events:
        calendar.add_component(_component(event, language))
    return calendar.to_ical().decode("utf-8")
