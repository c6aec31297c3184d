"""Open data: what the read-only API publishes, as plain JSON values.

Only published content, never personal data: no names of participants or
steering-group members, no registrations, no contacts; an event's
participation figures are counts (``services.participation``). Events of a
protected format (``services.protection``) appear only as their evaluation
aggregate, with its numbers banded, without the event itself.
"""
from dataclasses import dataclass
from numbers import Number

from flask import g
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..links import external_url
from ..models import Addressee, Event, EventStatus, Municipality, Process, Recommendation, SteeringMember
from . import land, protection
from .participation import figures_for
from .publication import published_sections

MAX_PER_PAGE = 100


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total


def _paginate(query, page: int, per_page: int, serialise) -> Page:
    total = db.session.scalar(db.select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(serialise(rows), total, page, per_page)


def _municipality_filter(query, column, slug: str | None):
    if slug:
        query = query.join(Municipality, Municipality.id == column).where(Municipality.slug == slug)
    return query


def municipalities(page: int, per_page: int) -> Page:
    query = db.select(Municipality).order_by(Municipality.name, Municipality.id)
    return _paginate(query, page, per_page, lambda rows: [
        {"slug": m.slug, "name": m.name, "default_language": m.default_language,
         "languages": m.content_languages} for m in rows])


def processes(page: int, per_page: int, municipality: str | None) -> Page:
    query = _municipality_filter(
        db.select(Process).where(Process.published.is_(True)), Process.municipality_id, municipality,
    ).options(selectinload(Process.steps), selectinload(Process.municipality),
              selectinload(Process.funding_programme)).order_by(Process.id)

    def serialise(rows):
        members = dict(db.session.execute(
            db.select(SteeringMember.process_id, func.count()).where(
                SteeringMember.process_id.in_([p.id for p in rows])).group_by(SteeringMember.process_id)).all())
        return [{
            "id": p.id, "municipality": p.municipality.slug, "title": p.title or {}, "description": p.description or {},
            "current_step": p.current_step,
            "steps": [{"number": s.number, "starts_on": _iso(s.starts_on), "ends_on": _iso(s.ends_on),
                       "summary": s.summary} for s in p.steps],
            "rules_of_participation": p.rules_of_participation,
            "steering_group_size": members.get(p.id, 0),
            "funding": {"programme": p.funding_programme.name, "provider": p.funding_programme.provider,
                        "amount_eur": p.funding_amount_eur} if p.funding_programme else None,
        } for p in rows]

    return _paginate(query, page, per_page, serialise)


def _published_events(municipality: str | None):
    return _municipality_filter(
        db.select(Event).where(Event.status == EventStatus.PUBLISHED), Event.municipality_id, municipality)


def events(page: int, per_page: int, municipality: str | None, process: int | None) -> Page:
    query = _published_events(municipality).where(Event.format_key.in_(protection.public_keys()))
    if process is not None:
        query = query.join(Process, Process.id == Event.process_id).where(
            Process.id == process, Process.published.is_(True))
    query = query.options(selectinload(Event.municipality), selectinload(Event.process)).order_by(
        Event.starts_at, Event.id)
    return _paginate(query, page, per_page, lambda rows: _events_json(rows, figures_for(rows)))


def _events_json(rows, figures) -> list[dict]:
    """Events of formats that are not protected, with their participation
    figures (numbers only)."""
    return [{
        "id": e.id, "municipality": e.municipality.slug, "format": e.format_key, "title": e.title or {},
        "description": e.description or {}, "starts_at": e.starts_at.isoformat(), "ends_at": e.ends_at.isoformat(),
        "online": e.online, "place_name": "" if e.online else e.place_name,
        "address": "" if e.online or e.address_private else e.address,
        "district": "" if e.online else e.district,
        "languages": e.languages or [], "interpreters": e.interpreters or [],
        "childcare": e.childcare, "childcare_min_age": e.childcare_min_age,
        "childcare_max_age": e.childcare_max_age, "women_only": e.women_only, "step_free": e.step_free,
        "hearing_loop": e.hearing_loop, "accessible_toilet": e.accessible_toilet,
        "process_id": e.process_id if e.process is not None and e.process.published else None,
        "process_step": e.process_step if e.process is not None and e.process.published else None,
        "evaluation_published": e.evaluation_published,
        "participation": figures[e.id].as_dict(),
    } for e in rows]


def _cell(value):
    if value is None or isinstance(value, (bool, Number)):
        return value
    return str(value)


def sections_json(sections) -> list[dict]:
    """A format's evaluation sections as data (the chart is left out: the
    table carries the same numbers)."""
    return [{"title": str(s.title), "text": str(s.text or ""),
             "table": [[_cell(cell) for cell in row] for row in s.table] if s.table else None} for s in sections]


def evaluations(page: int, per_page: int, municipality: str | None) -> Page:
    query = (_published_events(municipality).where(Event.evaluation_published.is_(True))
             .options(selectinload(Event.municipality)).order_by(Event.starts_at, Event.id))

    def serialise(rows):
        items = []
        for event in rows:
            # Formats build links inside their municipality, as on its pages.
            previous, g.municipality = g.get("municipality"), event.municipality
            try:
                sections, _failures = protection.evaluation(event)
            finally:
                g.municipality = previous
            item = {"municipality": event.municipality.slug, "format": event.format_key,
                    "sections": sections_json(published_sections(sections))}
            if not protection.is_protected(event.format_key):
                item.update(event_id=event.id, title=event.title or {}, starts_at=event.starts_at.isoformat())
            items.append(item)
        return items

    return _paginate(query, page, per_page, serialise)


def _recommendation_query(query):
    return query.options(selectinload(Recommendation.municipality), selectinload(Recommendation.updates),
                         selectinload(Recommendation.process), selectinload(Recommendation.event)
                         ).order_by(Recommendation.id)


def recommendations(page: int, per_page: int, municipality: str | None, process: int | None,
                    status: str | None) -> Page:
    query = _municipality_filter(db.select(Recommendation), Recommendation.municipality_id, municipality)
    if process is not None:
        query = query.where(Recommendation.process_id == process)
    if status:
        query = query.where(Recommendation.status == status)
    return _paginate(_recommendation_query(query), page, per_page,
                     lambda rows: [_recommendation(r) for r in rows])


def land_recommendations(page: int, per_page: int) -> tuple[Page, dict]:
    """The recommendations to the Land from every municipality, each with
    the days to its first answer and its tracker entry, and the figures of
    the public page (counts by status and topic, the median days)."""
    figures = land.summary()
    first = figures.pop("first_answers")
    query = _recommendation_query(db.select(Recommendation).where(Recommendation.addressee == Addressee.LAND))
    result = _paginate(query, page, per_page, lambda rows: [{
        **_recommendation(r), "days_to_first_answer": first.get(r.id),
        "url": external_url("recommendations.show", municipality_slug=r.municipality.slug, recommendation_id=r.id),
    } for r in rows])
    figures["by_topic"] = [{"topic": topic, "count": number} for topic, number in figures["by_topic"]]
    return result, figures


def _recommendation(r: Recommendation) -> dict:
    event = r.event
    origin = None
    if event is not None and event.status == EventStatus.PUBLISHED and not protection.is_protected(event.format_key):
        origin = {"event_id": event.id, "format": event.format_key, "kind": r.source_kind}
    return {
        "id": r.id, "municipality": r.municipality.slug,
        "process_id": r.process_id if r.process is not None and r.process.published else None,
        "origin": origin, "text": r.text, "topic": r.topic, "addressee": r.addressee,
        "responsible_body": r.responsible_body, "status": r.status, "created_at": r.created_at.isoformat(),
        "history": [{"date": u.happened_on.isoformat(), "status": u.status, "text": u.text, "answer": u.answer,
                     "by_land": u.by_land, "answered_by": u.answered_by, "forwarded_to": u.forwarded_to}
                    for u in r.updates],
    }


def _iso(value):
    return value.isoformat() if value else None
