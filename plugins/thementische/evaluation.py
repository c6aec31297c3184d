"""The evaluation of theme tables: the table × question matrix, the
statements, the project ideas and how people were seated.

Contact persons of project ideas are names typed by moderators: they are in
a staff-only section that the core never publishes (the published part
shows whether one exists).
"""
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func

from dialogplatform.plugin_api import Event, EventStatus, bar_chart, db
from dialogplatform.plugin_system import Section

from . import services
from .forms import STATUS_LABELS
from .models import Statement, ThemeTable


@dataclass
class Recorded:
    """What the evaluation of one event needs, loaded for many at once."""

    tables: list
    questions: list
    statements: list  # in the order they were said
    registrations: list  # confirmed sign-ups
    seated: dict  # {round: {table id: seats taken}}


def recorded(events) -> dict[int, Recorded]:
    """``Recorded`` of many events in seven queries, whatever their number."""
    tables, questions = services.tables_of_events(events), services.questions_of_events(events)
    statements = services.statements_of_events(events)
    registrations, seated = services.confirmed_registrations_of(events), services.occupancy_of(events)
    return {event.id: Recorded(tables[event.id], questions[event.id], statements[event.id],
                               registrations[event.id], seated[event.id]) for event in events}


def matrix(statements, tables, questions) -> list[list]:
    """Header row, a row per table and a total row of statement counts."""
    counts = Counter((statement.table_id, statement.question_id) for statement in statements)
    rows = [[_("Table"), *(q.text for q in questions), _("Total")]]
    for table in tables:
        values = [counts.get((table.id, q.id), 0) for q in questions]
        rows.append([table.theme, *values, sum(values)])
    totals = [sum(row[i + 1] for row in rows[1:]) for i in range(len(questions) + 1)]
    rows.append([_("Total"), *totals])
    return rows


def follow_ups_of(ideas) -> dict[int, Event]:
    """The follow-up events of project ideas (of any number of events), in one query."""
    ids = [idea.follow_up_event_id for idea in ideas if idea.follow_up_event_id]
    return {e.id: e for e in db.session.scalars(db.select(Event).where(Event.id.in_(ids)))} if ids else {}


def ideas_table(event, ideas, follow_ups) -> list[list]:
    """The published table: whether an idea has a contact person, never the name."""
    header = [_("Project idea"), _("Table"), _("Contact person"), _("Status"), _("Follow-up event")]
    rows = [header]
    for idea in ideas:
        contact = _("named") if idea.contact_name else "–"
        follow_up = follow_ups.get(idea.follow_up_event_id)
        rows.append([idea.text, idea.table.theme, contact, str(STATUS_LABELS.get(idea.status, idea.status)),
                     follow_up.title_in(event.municipality.default_language) if follow_up else "–"])
    return rows


def seating_table(event, data: Recorded) -> list[list]:
    first, second = {}, {}
    for registration in data.registrations:
        a, b = services.choices_of(registration)
        first[a] = first.get(a, 0) + 1
        second[b] = second.get(b, 0) + 1
    rounds = services.rounds_of(event)
    header = [_("Table"), _("Seats"), _("First choices"), _("Second choices")]
    header += [_("Seated in round %(num)d", num=r) for r in range(1, rounds + 1)]
    rows = [header]
    for table in data.tables:
        rows.append([table.theme, table.seats, first.get(table.id, 0), second.get(table.id, 0),
                     *(data.seated.get(r, {}).get(table.id, 0) for r in range(1, rounds + 1))])
    return rows


def contacts_section(ideas) -> Section | None:
    """Staff only: the contact persons typed in live entry."""
    rows = [[idea.text, idea.table.theme, idea.contact_name] for idea in ideas if idea.contact_name]
    if not rows:
        return None
    return Section(title=_("Contact persons of the project ideas"), staff_only=True,
                   table=[[_("Project idea"), _("Table"), _("Contact person")], *rows])


def sections(event) -> list[Section]:
    return sections_of([event])[event.id]


def sections_of(events) -> dict[int, list[Section]]:
    """The ``evaluations`` hook: the evaluation of many events (the process
    report) in at most eight queries, whatever their number."""
    data = recorded(events)
    follow_ups = follow_ups_of([s for item in data.values() for s in item.statements if s.is_idea])
    return {event.id: _sections(event, data[event.id], follow_ups) for event in events}


def _sections(event, data: Recorded, follow_ups) -> list[Section]:
    tables, questions, statements = data.tables, data.questions, data.statements
    if not tables or not questions or not statements:
        return [Section(title=_("Statements by table and question"),
                        text=_("No statements have been recorded yet."))]
    counts = matrix(statements, tables, questions)
    series = {q.text: [row[i + 1] for row in counts[1:-1]] for i, q in enumerate(questions)}
    chart = bar_chart(_("Statements by table and question"), [t.theme for t in tables], series, stacked=True)
    result = [Section(title=_("Statements by table and question"), table=counts, chart=chart)]
    ideas = [s for s in statements if s.is_idea]
    if ideas:
        ideas.sort(key=lambda s: [t.id for t in tables].index(s.table_id))
        result.append(Section(title=_("Project ideas"), table=ideas_table(event, ideas, follow_ups)))
        contacts = contacts_section(ideas)
        if contacts:
            result.append(contacts)
    groups = services.grouped(statements)
    for table in tables:
        rows = [[_("Question"), _("Statement"), _("Project idea")]]
        for question in questions:
            for statement in groups.get((table.id, question.id), []):
                rows.append([question.text, statement.text, _("yes") if statement.is_idea else ""])
        if len(rows) > 1:
            result.append(Section(title=_("Table “%(theme)s”", theme=table.theme), table=rows))
    if data.registrations:
        result.append(Section(title=_("Table choices and seating"), table=seating_table(event, data)))
    return result


def process_sections(process) -> list[Section]:
    """The ``process_report_sections`` hook: themes and project ideas across
    the published theme-table events of a process (no contact names)."""
    published = (Event.process_id == process.id, Event.format_key == services.KEY,
                 Event.status == EventStatus.PUBLISHED)
    per_theme = db.session.execute(
        db.select(ThemeTable.theme, func.count(Statement.id), func.count(Statement.id).filter(Statement.is_idea))
        .join(ThemeTable, ThemeTable.id == Statement.table_id).join(Event, Event.id == Statement.event_id)
        .where(*published).group_by(ThemeTable.theme).order_by(func.count(Statement.id).desc(), ThemeTable.theme)
    ).all()
    if not per_theme:
        return []
    result = [Section(title=_("Theme tables: statements by theme across the process"),
                      table=[[_("Theme"), _("Statements"), _("Project ideas")], *(list(row) for row in per_theme)])]
    ideas = db.session.execute(
        db.select(Statement.text, ThemeTable.theme, Statement.status, Event)
        .join(ThemeTable, ThemeTable.id == Statement.table_id).join(Event, Event.id == Statement.event_id)
        .where(*published, Statement.is_idea.is_(True))
        .order_by(Event.starts_at, ThemeTable.position, Statement.id)).all()
    if ideas:
        language = process.municipality.default_language
        result.append(Section(title=_("Theme tables: project ideas across the process"), table=[
            [_("Project idea"), _("Table"), _("Event"), _("Status")],
            *([text, theme, event.title_in(language), str(STATUS_LABELS.get(status, status))]
              for text, theme, status, event in ideas)]))
    return result
