"""The rules of Thementische, in one place for views, demo data and tests."""
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from dialogplatform.plugin_api import (
    Event,
    Membership,
    Registration,
    RegistrationStatus,
    User,
    audit,
    by_event,
    db,
)
from dialogplatform.plugin_api import (
    events as event_service,
)

from .models import IDEA_STATUSES, Assignment, GuidingQuestion, Statement, ThemeTable

KEY = "thementische"
# The five tables and three questions of the first dialogue in Schwäbisch Gmünd.
DEFAULT_THEMES = ("Bauen & Wohnen", "Ehrenamt & Beteiligung", "Arbeit", "Frauen", "Bildung & Ausbildung")
DEFAULT_QUESTIONS = ("Was läuft gut?", "Was muss verbessert werden?", "Was braucht es?")
DEFAULT_SEATS = 30
MAX_ROUNDS = 4


class RuleBroken(Exception):
    """A request that the rules refuse; ``str()`` is a message for the user."""


def rounds_of(event) -> int:
    """Number of rounds from the event settings (1 for events saved earlier)."""
    try:
        rounds = int((event.settings or {}).get("rounds") or 1)
    except (TypeError, ValueError):
        rounds = 1
    return min(max(rounds, 1), MAX_ROUNDS)


# -- tables and questions ------------------------------------------------------
def tables_of(event) -> list[ThemeTable]:
    return tables_of_events([event])[event.id]


def tables_of_events(events) -> dict[int, list[ThemeTable]]:
    """The tables of many events, each event's in order, in one query."""
    return by_event(events, db.session.scalars(
        db.select(ThemeTable).where(ThemeTable.event_id.in_([event.id for event in events]))
        .order_by(ThemeTable.event_id, ThemeTable.position, ThemeTable.id)))


def questions_of(event) -> list[GuidingQuestion]:
    return questions_of_events([event])[event.id]


def questions_of_events(events) -> dict[int, list[GuidingQuestion]]:
    """The guiding questions of many events, each event's in order, in one query."""
    return by_event(events, db.session.scalars(
        db.select(GuidingQuestion).where(GuidingQuestion.event_id.in_([event.id for event in events]))
        .order_by(GuidingQuestion.event_id, GuidingQuestion.position, GuidingQuestion.id)))


def table_of(event, table_id) -> ThemeTable | None:
    return db.session.scalar(db.select(ThemeTable).filter_by(id=table_id, event_id=event.id))


def question_of(event, question_id) -> GuidingQuestion | None:
    return db.session.scalar(db.select(GuidingQuestion).filter_by(id=question_id, event_id=event.id))


def staff_of(municipality) -> list[User]:
    """Everyone holding a role in the municipality: the possible moderators."""
    return list(db.session.scalars(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.municipality_id == municipality.id)
        .order_by(User.display_name, User.email)))


def _next_position(model, event) -> int:
    return db.session.scalar(db.select(func.coalesce(func.max(model.position), -1) + 1).filter_by(
        event_id=event.id))


def add_table(event, theme: str, seats: int = DEFAULT_SEATS, moderator_id=None, language: str = "",
              commit=True) -> ThemeTable:
    theme = theme.strip()
    if db.session.scalar(db.select(ThemeTable.id).filter_by(event_id=event.id, theme=theme)) is not None:
        raise RuleBroken(_("A table with this theme exists already."))
    table = ThemeTable(event_id=event.id, theme=theme, seats=seats, moderator_id=moderator_id or None,
                       language=language or "", position=_next_position(ThemeTable, event))
    db.session.add(table)
    db.session.flush()
    if commit:
        db.session.commit()
    return table


def add_default_tables(event) -> int:
    """Add those of the five default tables that are missing; seats share
    the event's capacity. Returns how many were added."""
    existing = {table.theme for table in tables_of(event)}
    seats = -(-event.capacity // len(DEFAULT_THEMES)) if event.capacity else DEFAULT_SEATS
    added = [add_table(event, theme, seats, commit=False) for theme in DEFAULT_THEMES if theme not in existing]
    db.session.commit()
    return len(added)


def update_table(table: ThemeTable, theme: str, seats: int, moderator_id, language: str) -> None:
    theme = theme.strip()
    clash = db.session.scalar(db.select(ThemeTable.id).where(
        ThemeTable.event_id == table.event_id, ThemeTable.theme == theme, ThemeTable.id != table.id))
    if clash is not None:
        raise RuleBroken(_("A table with this theme exists already."))
    table.theme, table.seats = theme, seats
    table.moderator_id, table.language = moderator_id or None, language or ""
    db.session.commit()


def seats_at(table: ThemeTable) -> int:
    """Seats given at ``table`` over all rounds (removed with it)."""
    return db.session.scalar(db.select(func.count(Assignment.id)).filter_by(table_id=table.id))


def delete_table(table: ThemeTable) -> None:
    """Only an empty table can go: statements are results."""
    if db.session.scalar(db.select(Statement.id).filter_by(table_id=table.id).limit(1)) is not None:
        raise RuleBroken(_("This table has statements and cannot be removed."))
    db.session.delete(table)
    db.session.commit()


def add_question(event, text: str, commit=True) -> GuidingQuestion:
    question = GuidingQuestion(event_id=event.id, text=text.strip(),
                               position=_next_position(GuidingQuestion, event))
    db.session.add(question)
    db.session.flush()
    if commit:
        db.session.commit()
    return question


def add_default_questions(event) -> int:
    existing = {question.text for question in questions_of(event)}
    added = [add_question(event, text, commit=False) for text in DEFAULT_QUESTIONS if text not in existing]
    db.session.commit()
    return len(added)


def update_question(question: GuidingQuestion, text: str) -> None:
    question.text = text.strip()
    db.session.commit()


def delete_question(question: GuidingQuestion) -> None:
    if db.session.scalar(db.select(Statement.id).filter_by(question_id=question.id).limit(1)) is not None:
        raise RuleBroken(_("This question has statements and cannot be removed."))
    db.session.delete(question)
    db.session.commit()


# -- seating -------------------------------------------------------------------
@dataclass(frozen=True)
class Seeker:
    """Someone to seat: ``size`` counts accompanying persons; ``preferences``
    are table ids, best first; ``visited`` tables of earlier rounds."""

    key: int
    size: int
    preferences: tuple = ()
    visited: frozenset = field(default_factory=frozenset)


def seat(free: dict[int, int], seekers: list[Seeker]) -> dict[int, int]:
    """Fair, deterministic seating: everyone's first preference in sign-up
    order, then second preferences, then the table with most free seats
    (unvisited tables first, ties in table order). Nobody is seated where
    the seats do not suffice; who fits nowhere is left out.

    ``free`` is {table id: free seats} in table order. Returns {key: table id}.
    """
    free = dict(free)
    placed = {}

    def place(seeker, table_id):
        if free.get(table_id, -1) >= seeker.size:
            free[table_id] -= seeker.size
            placed[seeker.key] = table_id

    for rank in (0, 1):
        for seeker in seekers:
            if seeker.key not in placed and len(seeker.preferences) > rank:
                place(seeker, seeker.preferences[rank])
    order = list(free)
    for seeker in seekers:
        if seeker.key in placed:
            continue
        fitting = [t for t in order if free[t] >= seeker.size]
        if fitting:
            place(seeker, max(fitting, key=lambda t: (t not in seeker.visited, free[t], -order.index(t))))
    return placed


def choices_of(registration) -> tuple[int | None, int | None]:
    answers = (registration.answers or {}).get(KEY) or {}
    def as_id(value):
        try:
            return int(value) or None
        except (TypeError, ValueError):
            return None
    return as_id(answers.get("first")), as_id(answers.get("second"))


def confirmed_registrations(event) -> list[Registration]:
    return confirmed_registrations_of([event])[event.id]


def confirmed_registrations_of(events) -> dict[int, list[Registration]]:
    """The confirmed sign-ups of many events, oldest first, in one query."""
    return by_event(events, db.session.scalars(
        db.select(Registration).where(Registration.event_id.in_([event.id for event in events]),
                                      Registration.status == RegistrationStatus.CONFIRMED)
        .order_by(Registration.created_at, Registration.id)))


def assignments_of(event, round_no: int | None = None) -> dict:
    """{(registration id, round): table id} of confirmed registrations."""
    query = (db.select(Assignment.registration_id, Assignment.round, Assignment.table_id)
             .join(Registration, Registration.id == Assignment.registration_id)
             .where(Assignment.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED))
    if round_no is not None:
        query = query.where(Assignment.round == round_no)
    return {(reg, rnd): table for reg, rnd, table in db.session.execute(query)}


def occupancy(event, round_no: int) -> dict[int, int]:
    """{table id: seats taken} in a round, counting accompanying persons."""
    return occupancy_of([event], round_no)[event.id].get(round_no, {})


def occupancy_of(events, round_no: int | None = None) -> dict[int, dict[int, dict[int, int]]]:
    """{event id: {round: {table id: seats taken}}} of many events (of one
    round or all), counting accompanying persons, in one query."""
    query = (db.select(Assignment.event_id, Assignment.round, Assignment.table_id,
                       func.sum(1 + Registration.companions))
             .join(Registration, Registration.id == Assignment.registration_id)
             .where(Assignment.event_id.in_([event.id for event in events]),
                    Registration.status == RegistrationStatus.CONFIRMED)
             .group_by(Assignment.event_id, Assignment.round, Assignment.table_id))
    if round_no is not None:
        query = query.where(Assignment.round == round_no)
    seated = {event.id: {} for event in events}
    for event_id, round_of, table_id, total in db.session.execute(query):
        seated[event_id].setdefault(round_of, {})[table_id] = int(total)
    return seated


def table_numbers(event) -> dict[int, int]:
    """{table id: number} as the tables are numbered in the room (set-up order, from 1)."""
    return {table.id: number for number, table in enumerate(tables_of(event), start=1)}


def door_list_columns(event, registrations) -> list[tuple[str, dict[int, str]]]:
    """The table of each person per round, "3 · Arbeit", for the door list
    (a fixed number of queries however many people come)."""
    tables = tables_of(event)
    numbers = {table.id: (number, table.theme) for number, table in enumerate(tables, start=1)}
    seats = assignments_of(event)
    rounds = rounds_of(event)
    columns = []
    for round_no in range(1, rounds + 1):
        header = _("Table") if rounds == 1 else _("Table, round %(num)d", num=round_no)
        values = {}
        for registration in registrations:
            table_id = seats.get((registration.id, round_no))
            if table_id in numbers:
                number, theme = numbers[table_id]
                values[registration.id] = f"{number} · {theme}"
        columns.append((header, values))
    return columns


def assign_round(event, round_no: int) -> list[Registration]:
    """Seat every confirmed registration of ``round_no`` afresh (replacing
    hand-made changes of that round). Returns those who fit nowhere."""
    tables = tables_of(event)
    table_ids = {table.id for table in tables}
    earlier = assignments_of(event)
    registrations = confirmed_registrations(event)
    seekers = []
    for registration in registrations:
        visited = frozenset(t for (reg, rnd), t in earlier.items() if reg == registration.id and rnd < round_no)
        wished = [c for c in choices_of(registration) if c in table_ids]
        preferences = [c for c in wished if c not in visited] + [c for c in wished if c in visited]
        seekers.append(Seeker(registration.id, registration.party_size, tuple(preferences), visited))
    placed = seat({table.id: table.seats for table in tables}, seekers)
    db.session.execute(db.delete(Assignment).where(Assignment.event_id == event.id, Assignment.round == round_no))
    for registration_id, table_id in placed.items():
        db.session.add(Assignment(event_id=event.id, registration_id=registration_id, round=round_no,
                                  table_id=table_id))
    db.session.commit()
    return [registration for registration in registrations if registration.id not in placed]


def move(event, registration, round_no: int, table: ThemeTable | None) -> None:
    """Seat one person by hand (``table`` None: take them off every table);
    a full table refuses."""
    current = db.session.scalar(db.select(Assignment).filter_by(
        event_id=event.id, registration_id=registration.id, round=round_no))
    if table is not None:
        taken = occupancy(event, round_no).get(table.id, 0)
        if current is not None and current.table_id == table.id:
            taken -= registration.party_size
        if taken + registration.party_size > table.seats:
            raise RuleBroken(_("The table “%(theme)s” is full.", theme=table.theme))
    if current is not None and table is None:
        db.session.delete(current)
    elif current is not None:
        current.table_id = table.id
    elif table is not None:
        db.session.add(Assignment(event_id=event.id, registration_id=registration.id, round=round_no,
                                  table_id=table.id))
    db.session.commit()


# -- statements and project ideas ------------------------------------------------
def add_statement(event, table, question, text: str, is_idea=False, contact_name: str = "") -> Statement:
    statement = Statement(event_id=event.id, table_id=table.id, question_id=question.id, text=text.strip(),
                          is_idea=bool(is_idea), contact_name=(contact_name or "").strip() if is_idea else "")
    db.session.add(statement)
    db.session.commit()
    return statement


def statement_of(event, statement_id) -> Statement | None:
    return db.session.scalar(db.select(Statement).filter_by(id=statement_id, event_id=event.id))


def update_statement(event, statement: Statement, text: str, is_idea=False, contact_name: str = "") -> None:
    """Correct a statement; a project idea's status and follow-up stay."""
    statement.text = text.strip()
    statement.is_idea = bool(is_idea)
    statement.contact_name = (contact_name or "").strip() if is_idea else ""
    audit.record("thementische.statement_changed", event.municipality, statement)
    db.session.commit()


def delete_statement(event, statement: Statement) -> None:
    audit.record("thementische.statement_deleted", event.municipality, statement)
    db.session.delete(statement)
    db.session.commit()


def statements_of(event, table=None, question=None) -> list[Statement]:
    """Statements in the order they were said, of one table (and question) or all."""
    query = db.select(Statement).filter_by(event_id=event.id)
    if table is not None:
        query = query.filter_by(table_id=table.id)
    if question is not None:
        query = query.filter_by(question_id=question.id)
    return list(db.session.scalars(_said_in_order(query)))


def statements_of_events(events) -> dict[int, list[Statement]]:
    """All statements of many events, each event's in the order they were said."""
    return by_event(events, db.session.scalars(_said_in_order(
        db.select(Statement).where(Statement.event_id.in_([event.id for event in events])))))


def _said_in_order(query):
    return (query.options(selectinload(Statement.table), selectinload(Statement.question))
            .order_by(Statement.created_at, Statement.id))


def grouped(statements) -> dict[tuple[int, int], list[Statement]]:
    """{(table id, question id): statements} for matrix-shaped pages."""
    groups = {}
    for statement in statements:
        groups.setdefault((statement.table_id, statement.question_id), []).append(statement)
    return groups


def ideas_of(event) -> list[Statement]:
    return list(db.session.scalars(
        db.select(Statement).filter_by(event_id=event.id, is_idea=True)
        .options(selectinload(Statement.table), selectinload(Statement.question))
        .join(ThemeTable, ThemeTable.id == Statement.table_id)
        .order_by(ThemeTable.position, Statement.created_at, Statement.id)))


def idea_of(event, idea_id) -> Statement | None:
    return db.session.scalar(db.select(Statement).filter_by(id=idea_id, event_id=event.id, is_idea=True))


def set_status(idea: Statement, status: str) -> None:
    if status not in IDEA_STATUSES:
        raise RuleBroken(_("Please choose a valid status."))
    idea.status = status
    db.session.commit()


def create_round_table(event, idea: Statement, creator, format_key: str = KEY) -> Event:
    """A draft "Runder Tisch" follow-up of the idea in any format enabled in
    the municipality (``FormatNotEnabled`` otherwise), linked both ways; a
    second click opens the existing one instead of making another."""
    if idea.follow_up_event_id is not None:
        existing = db.session.get(Event, idea.follow_up_event_id)
        if existing is not None:
            return existing
    short = idea.text if len(idea.text) <= 80 else idea.text[:79].rstrip() + "…"
    titles, note = {}, ""
    for code in event.municipality.content_languages:
        with force_locale(code):
            titles[code] = _("Round table: %(idea)s", idea=short)
            if code == event.municipality.default_language:
                note = _("Project idea from the table “%(theme)s”", theme=idea.table.theme)
    follow_up = event_service.create_follow_up(event, format_key, titles, note, creator)
    idea.follow_up_event_id = follow_up.id
    db.session.commit()
    return follow_up


# -- duplicating ---------------------------------------------------------------
def copy_set_up(origin, copy) -> None:
    """The tables (a moderator only while still staff here) and guiding
    questions of ``origin`` for its duplicate (``duplicate_event``);
    statements, ideas and seats stay with ``origin``."""
    staff = {user.id for user in staff_of(copy.municipality)}
    event_service.copy_rows(ThemeTable, origin, copy, ("theme", "language", "seats", "position"),
                     moderator_id=lambda table: table.moderator_id if table.moderator_id in staff else None)
    event_service.copy_rows(GuidingQuestion, origin, copy, ("text", "position"))
