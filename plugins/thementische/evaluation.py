"""The evaluation of theme tables: the table × question matrix, the
statements, the project ideas and how people were seated.

Contact persons of project ideas are names typed by moderators: they are in
a staff-only section that the core never publishes (the published part
shows whether one exists).
"""
from flask_babel import gettext as _
from sqlalchemy import func

from dialogplatform.plugin_api import Event, EventStatus, Registration, RegistrationStatus, bar_chart, db
from dialogplatform.plugin_system import Section

from . import services
from .forms import STATUS_LABELS
from .models import Statement, ThemeTable


def matrix(event, tables, questions) -> list[list]:
    """Header row, a row per table and a total row of statement counts."""
    counts = {
        (table_id, question_id): count
        for table_id, question_id, count in db.session.execute(
            db.select(Statement.table_id, Statement.question_id, func.count(Statement.id))
            .where(Statement.event_id == event.id).group_by(Statement.table_id, Statement.question_id))
    }
    rows = [[_("Table"), *(q.text for q in questions), _("Total")]]
    for table in tables:
        values = [counts.get((table.id, q.id), 0) for q in questions]
        rows.append([table.theme, *values, sum(values)])
    totals = [sum(row[i + 1] for row in rows[1:]) for i in range(len(questions) + 1)]
    rows.append([_("Total"), *totals])
    return rows


def ideas_table(event, ideas) -> list[list]:
    """The published table: whether an idea has a contact person, never the name."""
    follow_ups = {e.id: e for e in db.session.scalars(db.select(Event).where(
        Event.id.in_([i.follow_up_event_id for i in ideas if i.follow_up_event_id])))}
    header = [_("Project idea"), _("Table"), _("Contact person"), _("Status"), _("Follow-up event")]
    rows = [header]
    for idea in ideas:
        contact = _("named") if idea.contact_name else "–"
        follow_up = follow_ups.get(idea.follow_up_event_id)
        rows.append([idea.text, idea.table.theme, contact, str(STATUS_LABELS.get(idea.status, idea.status)),
                     follow_up.title_in(event.municipality.default_language) if follow_up else "–"])
    return rows


def seating_table(event, tables) -> list[list]:
    first, second = {}, {}
    for registration in services.confirmed_registrations(event):
        a, b = services.choices_of(registration)
        first[a] = first.get(a, 0) + 1
        second[b] = second.get(b, 0) + 1
    rounds = services.rounds_of(event)
    seated = {r: services.occupancy(event, r) for r in range(1, rounds + 1)}
    header = [_("Table"), _("Seats"), _("First choices"), _("Second choices")]
    header += [_("Seated in round %(num)d", num=r) for r in range(1, rounds + 1)]
    rows = [header]
    for table in tables:
        rows.append([table.theme, table.seats, first.get(table.id, 0), second.get(table.id, 0),
                     *(seated[r].get(table.id, 0) for r in range(1, rounds + 1))])
    return rows


def contacts_section(ideas) -> Section | None:
    """Staff only: the contact persons typed in live entry."""
    rows = [[idea.text, idea.table.theme, idea.contact_name] for idea in ideas if idea.contact_name]
    if not rows:
        return None
    return Section(title=_("Contact persons of the project ideas"), staff_only=True,
                   table=[[_("Project idea"), _("Table"), _("Contact person")], *rows])


def sections(event) -> list[Section]:
    tables, questions = services.tables_of(event), services.questions_of(event)
    statements = services.statements_of(event)
    if not tables or not questions or not statements:
        return [Section(title=_("Statements by table and question"),
                        text=_("No statements have been recorded yet."))]
    counts = matrix(event, tables, questions)
    series = {q.text: [row[i + 1] for row in counts[1:-1]] for i, q in enumerate(questions)}
    chart = bar_chart(_("Statements by table and question"), [t.theme for t in tables], series, stacked=True)
    result = [Section(title=_("Statements by table and question"), table=counts, chart=chart)]
    ideas = [s for s in statements if s.is_idea]
    if ideas:
        ideas.sort(key=lambda s: [t.id for t in tables].index(s.table_id))
        result.append(Section(title=_("Project ideas"), table=ideas_table(event, ideas)))
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
    has_registrations = db.session.scalar(db.select(func.count(Registration.id)).filter_by(
        event_id=event.id, status=RegistrationStatus.CONFIRMED))
    if has_registrations:
        result.append(Section(title=_("Table choices and seating"), table=seating_table(event, tables)))
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
