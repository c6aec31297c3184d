"""Dialogue processes: their steps, events and steering group."""
from collections import defaultdict

from sqlalchemy.orm import selectinload

from ..extensions import db
from ..language_forms import language_values, texts_from
from ..models import STEP_NUMBERS, Event, EventStatus, Process, ProcessStep, SteeringMeeting, SteeringMember


def processes_of(municipality, *, include_unpublished: bool) -> list[Process]:
    query = (db.select(Process).where(Process.municipality_id == municipality.id)
             .options(selectinload(Process.steps), selectinload(Process.municipality))
             .order_by(Process.created_at.desc(), Process.id.desc()))
    if not include_unpublished:
        query = query.where(Process.published.is_(True))
    return db.session.scalars(query).all()


def get(municipality, process_id: int) -> Process | None:
    """A process of ``municipality`` (never another's), with what its page shows."""
    return db.session.scalar(
        db.select(Process).where(Process.id == process_id, Process.municipality_id == municipality.id)
        .options(selectinload(Process.steps), selectinload(Process.members), selectinload(Process.meetings),
                 selectinload(Process.funding_programme)))


def form_values(process: Process, languages: list[str]) -> dict:
    values = {
        "published": process.published, "rules_of_participation": process.rules_of_participation,
        "funding_programme": str(process.funding_programme_id or ""),
        "funding_amount_eur": process.funding_amount_eur, "documentation_due": process.documentation_due,
    }
    default = process.municipality.default_language
    values.update(language_values(process.title, "title", languages, default))
    values.update(language_values(process.description, "description", languages, default))
    others = [code for code in languages if code != default]
    values.update(language_values(process.rules_translations, "rules_of_participation", others, default))
    for number in STEP_NUMBERS:
        step = process.step(number)
        values[f"step{number}_starts_on"] = step.starts_on if step else None
        values[f"step{number}_ends_on"] = step.ends_on if step else None
        values[f"step{number}_summary"] = step.summary if step else ""
        values.update(language_values(step.summary_translations if step else {}, f"step{number}_summary", others,
                                      default))
    return values


def apply_form(process: Process, data: dict, languages: list[str]) -> None:
    process.title = texts_from(data, "title", languages)
    process.description = texts_from(data, "description", languages)
    process.published = bool(data.get("published"))
    process.rules_of_participation = (data.get("rules_of_participation") or "").strip()
    others = languages[1:]  # the municipality's content languages: the default one first
    process.rules_translations = texts_from(data, "rules_of_participation", others)
    process.funding_programme_id = int(data["funding_programme"]) if data.get("funding_programme") else None
    process.funding_amount_eur = data.get("funding_amount_eur") if process.funding_programme_id else None
    process.documentation_due = data.get("documentation_due")
    ensure_steps(process)
    for step in process.steps:
        step.starts_on = data.get(f"step{step.number}_starts_on")
        step.ends_on = data.get(f"step{step.number}_ends_on")
        step.summary = (data.get(f"step{step.number}_summary") or "").strip()
        step.summary_translations = texts_from(data, f"step{step.number}_summary", others)


def ensure_steps(process: Process) -> None:
    """Every process has the seed's three steps."""
    present = {step.number for step in process.steps}
    for number in STEP_NUMBERS:
        if number not in present:
            process.steps.append(ProcessStep(number=number, summary=""))
    process.steps.sort(key=lambda step: step.number)


def create(municipality, data: dict) -> Process:
    process = Process(municipality=municipality, current_step=1, rules_of_participation="")
    apply_form(process, data, municipality.content_languages)
    db.session.add(process)
    db.session.commit()
    return process


def update(process: Process, data: dict) -> None:
    apply_form(process, data, process.municipality.content_languages)
    db.session.commit()


def set_current_step(process: Process, number: int) -> None:
    if number not in STEP_NUMBERS:
        raise ValueError(number)
    process.current_step = number
    db.session.commit()


def events_of(process: Process, *, include_drafts: bool) -> list[Event]:
    query = (db.select(Event).where(Event.process_id == process.id)
             .options(selectinload(Event.municipality)).order_by(Event.starts_at, Event.id))
    if not include_drafts:
        query = query.where(Event.status != EventStatus.DRAFT)
    return db.session.scalars(query).all()


def events_by_step(events: list[Event]) -> dict[int | None, list[Event]]:
    """Events per step number; None holds those not given a step."""
    grouped = defaultdict(list)
    for event in events:
        grouped[event.process_step if event.process_step in STEP_NUMBERS else None].append(event)
    return grouped


def assign_events(process: Process, assignments: dict[int, int | None]) -> int:
    """Put events of the process's municipality into it at a step
    (``{event id: step number}``); None takes an event out of this process.
    Events of other municipalities are ignored. Returns how many changed."""
    events = db.session.scalars(db.select(Event).where(
        Event.municipality_id == process.municipality_id, Event.id.in_(list(assignments)))).all()
    changed = 0
    for event in events:
        step = assignments[event.id]
        if step is None:
            if event.process_id == process.id:
                event.process_id, event.process_step = None, None
                changed += 1
        elif step in STEP_NUMBERS and (event.process_id, event.process_step) != (process.id, step):
            event.process_id, event.process_step = process.id, step
            changed += 1
    db.session.commit()
    return changed


def public_members(process: Process) -> list[SteeringMember]:
    return [member for member in process.members if member.public_consent]


def visible_meetings(process: Process, *, staff: bool) -> list[SteeringMeeting]:
    return [meeting for meeting in process.meetings if staff or meeting.public]


def save_member(process: Process, member: SteeringMember | None, data: dict) -> SteeringMember:
    member = member or SteeringMember(process=process)
    member.name = data["name"].strip()
    member.organisation = (data.get("organisation") or "").strip()
    member.role = (data.get("role") or "").strip()
    member.public_consent = bool(data.get("public_consent"))
    db.session.add(member)
    db.session.commit()
    return member


def save_meeting(process: Process, meeting: SteeringMeeting | None, data: dict) -> SteeringMeeting:
    meeting = meeting or SteeringMeeting(process=process)
    meeting.held_on = data["held_on"]
    meeting.minutes = (data.get("minutes") or "").strip()
    meeting.public = bool(data.get("public"))
    db.session.add(meeting)
    db.session.commit()
    return meeting


def delete(obj) -> None:
    db.session.delete(obj)
    db.session.commit()
