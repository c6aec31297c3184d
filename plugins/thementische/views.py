"""Blueprints of Thementische; the core mounts and guards them.

``event_bp`` (event scope): set-up, seating, live entry, wall, ideas and
exports of one event. The core 404s it when the format is off or the event
is another municipality's; the views check roles themselves (moderators
enter statements at any table of their municipality's events, organisers
do the rest). ``organise_bp`` (organise scope): all theme-table events.
"""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func

from dialogplatform.plugin_api import (
    ConfirmForm,
    Event,
    Registration,
    Role,
    confirm_page,
    csv_response,
    db,
    edit_page,
    enabled_formats,
    locale_list,
    role_required,
    select_choices,
)

from . import evaluation, services
from .forms import STATUS_LABELS, FollowUpForm, MoveForm, QuestionForm, StatementForm, StatusForm, TableForm
from .models import Statement, ThemeTable

event_bp = Blueprint("thementische_event", __name__, template_folder="templates",
                     static_folder="static", static_url_path="/static")
organise_bp = Blueprint("thementische_organise", __name__, template_folder="templates")

organiser_required = role_required(Role.ORGANISER)
moderator_required = role_required(Role.MODERATOR)


def _or_404(value):
    if value is None:
        abort(404)
    return value


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


# -- set-up: tables and guiding questions ------------------------------------------
def _table_form(table=None, bound=False):
    """The form of ``table`` (None: a new one), bound to the request or not."""
    prefix = f"t{table.id}" if table else "new"
    if bound:
        form = TableForm(prefix=prefix)
    else:
        data = None if table is None else {"theme": table.theme, "moderator": table.moderator_id or 0,
                                           "language": table.language, "seats": table.seats}
        form = TableForm(prefix=prefix, formdata=None, data=data)
    form.set_staff(services.staff_of(g.municipality))
    return form


def _render_manage(invalid=None, status=200):
    """The set-up page; ``invalid`` is (kind, id, form) of a form that failed."""
    def form_for(kind, ident, make):
        return invalid[2] if invalid and invalid[:2] == (kind, ident) else make()

    tables = [(t, form_for("table", t.id, lambda t=t: _table_form(t))) for t in services.tables_of(g.event)]
    questions = [(q, form_for("question", q.id, lambda q=q: QuestionForm(prefix=f"q{q.id}", formdata=None,
                                                                         data={"text": q.text})))
                 for q in services.questions_of(g.event)]
    return render_template(
        "thementische/manage.html", event=g.event, tables=tables, questions=questions,
        new_table=form_for("table", None, _table_form),
        new_question=form_for("question", None, lambda: QuestionForm(prefix="newq", formdata=None)),
        action_form=ConfirmForm(), defaults=services.DEFAULT_THEMES, default_questions=services.DEFAULT_QUESTIONS,
    ), status


@event_bp.get("/manage")
@organiser_required
def manage():
    return _render_manage()


@event_bp.post("/tables")
@organiser_required
def add_table():
    form = _table_form(bound=True)
    if form.validate_on_submit():
        try:
            services.add_table(g.event, form.theme.data, form.seats.data, form.moderator.data, form.language.data)
        except services.RuleBroken as broken:
            form.theme.errors.append(str(broken))
        else:
            flash(_("The table is added."), "success")
            return redirect(url_for(".manage"))
    return _render_manage(("table", None, form), 422)


@event_bp.post("/tables/defaults")
@organiser_required
def add_default_tables():
    if ConfirmForm().validate_on_submit():
        added = services.add_default_tables(g.event)
        flash(ngettext("%(num)d table is added.", "%(num)d tables are added.", added) if added
              else _("The default tables exist already."), "success")
    return redirect(url_for(".manage"))


@event_bp.post("/tables/<int:table_id>")
@organiser_required
def update_table(table_id):
    table = _or_404(services.table_of(g.event, table_id))
    form = _table_form(table, bound=True)
    if form.validate_on_submit():
        try:
            services.update_table(table, form.theme.data, form.seats.data, form.moderator.data, form.language.data)
        except services.RuleBroken as broken:
            form.theme.errors.append(str(broken))
        else:
            flash(_("The table is saved."), "success")
            return redirect(url_for(".manage", _anchor=f"table-{table.id}"))
    return _render_manage(("table", table.id, form), 422)


@event_bp.route("/tables/<int:table_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_table(table_id):
    """Asks first (how many seats go with it); only an empty table can go."""
    table = _or_404(services.table_of(g.event, table_id))
    return _confirm_removal(
        _("Remove the table “%(theme)s”?", theme=table.theme),
        [_("Seats given at this table (%(num)d) are removed with it. Nobody gets a mail.",
           num=services.seats_at(table))],
        lambda: services.delete_table(table), _("The table is removed."), url_for(".manage"))


def _confirm_removal(title, consequences, remove, message, back):
    def removal():
        try:
            remove()
        except services.RuleBroken as broken:
            flash(str(broken), "error")
        else:
            flash(message, "success")

    return confirm_page(title=title, consequences=consequences, button=_("Yes, remove"), back=back, action=removal)


@event_bp.post("/questions")
@organiser_required
def add_question():
    form = QuestionForm(prefix="newq")
    if form.validate_on_submit():
        services.add_question(g.event, form.text.data)
        flash(_("The question is added."), "success")
        return redirect(url_for(".manage", _anchor="questions"))
    return _render_manage(("question", None, form), 422)


@event_bp.post("/questions/defaults")
@organiser_required
def add_default_questions():
    if ConfirmForm().validate_on_submit():
        added = services.add_default_questions(g.event)
        flash(ngettext("%(num)d question is added.", "%(num)d questions are added.", added) if added
              else _("The default questions exist already."), "success")
    return redirect(url_for(".manage", _anchor="questions"))


@event_bp.post("/questions/<int:question_id>")
@organiser_required
def update_question(question_id):
    question = _or_404(services.question_of(g.event, question_id))
    form = QuestionForm(prefix=f"q{question.id}")
    if form.validate_on_submit():
        services.update_question(question, form.text.data)
        flash(_("The question is saved."), "success")
        return redirect(url_for(".manage", _anchor="questions"))
    return _render_manage(("question", question.id, form), 422)


@event_bp.route("/questions/<int:question_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_question(question_id):
    question = _or_404(services.question_of(g.event, question_id))
    return _confirm_removal(_("Remove the question “%(text)s”?", text=question.text), [_("Nobody gets a mail.")],
                            lambda: services.delete_question(question), _("The question is removed."),
                            url_for(".manage", _anchor="questions"))


# -- seating -----------------------------------------------------------------------
def _round_arg(value) -> int:
    try:
        round_no = int(value)
    except (TypeError, ValueError):
        round_no = 1
    if not 1 <= round_no <= services.rounds_of(g.event):
        abort(404)
    return round_no


def _move_form(registration, tables, data=None):
    """Bound to the request unless ``data`` is given; choices are this event's tables."""
    prefix = f"r{registration.id}"
    form = MoveForm(prefix=prefix) if data is None else MoveForm(prefix=prefix, formdata=None, data=data)
    form.table.choices = select_choices([(0, _("No table"))], ((t.id, t.theme) for t in tables))
    return form


@event_bp.get("/seating")
@organiser_required
def seating():
    round_no = _round_arg(request.args.get("round", 1))
    tables = services.tables_of(g.event)
    seats = services.assignments_of(g.event, round_no)
    rows = []
    for registration in services.confirmed_registrations(g.event):
        form = _move_form(registration, tables, data={"table": seats.get((registration.id, round_no), 0)})
        rows.append((registration, services.choices_of(registration), form))
    return render_template(
        "thementische/seating.html", event=g.event, round_no=round_no, rounds=services.rounds_of(g.event),
        tables={t.id: t for t in tables}, table_list=tables, rows=rows,
        taken=services.occupancy(g.event, round_no), action_form=ConfirmForm())


@event_bp.post("/seating/<int:round_no>/assign")
@organiser_required
def assign(round_no):
    round_no = _round_arg(round_no)
    if ConfirmForm().validate_on_submit():
        left_out = services.assign_round(g.event, round_no)
        if left_out:
            flash(_("Seated. No table has room for: %(names)s", names=locale_list(r.name for r in left_out)),
                  "error")
        else:
            flash(_("Everyone confirmed has a table in round %(num)d.", num=round_no), "success")
    return redirect(url_for(".seating", round=round_no))


@event_bp.post("/seating/<int:round_no>/<int:registration_id>")
@organiser_required
def move(round_no, registration_id):
    round_no = _round_arg(round_no)
    registration = _or_404(db.session.scalar(db.select(Registration).filter_by(
        id=registration_id, event_id=g.event.id, status="confirmed")))
    form = _move_form(registration, services.tables_of(g.event))
    if form.validate_on_submit():
        table = services.table_of(g.event, form.table.data) if form.table.data else None
        try:
            services.move(g.event, registration, round_no, table)
        except services.RuleBroken as broken:
            flash(str(broken), "error")
        else:
            flash(_("The seat of %(name)s is saved.", name=registration.name), "success")
    else:
        flash(_("Please choose one of the tables."), "error")
    return redirect(url_for(".seating", round=round_no, _anchor=f"r{registration.id}"))


# -- live entry at the table ---------------------------------------------------------
def _statement_forms(questions, invalid=None):
    return {q.id: invalid[1] if invalid and invalid[0] == q.id else StatementForm(prefix=f"q{q.id}", formdata=None)
            for q in questions}


def _render_live(table, invalid=None, status=200):
    """The tablet page of one table; ``invalid`` is (question id, form) that failed."""
    questions = services.questions_of(g.event)
    return render_template(
        "thementische/live.html", event=g.event, table=table, questions=questions,
        forms=_statement_forms(questions, invalid), groups=services.grouped(services.statements_of(g.event, table)),
        tables=services.tables_of(g.event),
    ), status


@event_bp.get("/tables/<int:table_id>/live")
@moderator_required
def live(table_id):
    return _render_live(_or_404(services.table_of(g.event, table_id)))


@event_bp.post("/tables/<int:table_id>/questions/<int:question_id>/statements")
@moderator_required
def add_statement(table_id, question_id):
    """Save a statement: htmx gets the question's list back (or the errors
    with 422, so the typed text stays); without JavaScript, a redirect."""
    table = _or_404(services.table_of(g.event, table_id))
    question = _or_404(services.question_of(g.event, question_id))
    form = StatementForm(prefix=f"q{question.id}")
    if not form.validate_on_submit():
        if _is_htmx():
            return render_template("thementische/_entry_errors.html", form=form, question=question), 422, {
                "HX-Retarget": f"#entry-errors-{question.id}", "HX-Reswap": "innerHTML"}
        return _render_live(table, invalid=(question.id, form), status=422)
    services.add_statement(g.event, table, question, form.text.data, form.is_idea.data, form.contact_name.data)
    if _is_htmx():
        return render_template("thementische/_saved.html", table=table, question=question,
                               statements=services.statements_of(g.event, table, question))
    flash(_("The statement is saved."), "success")
    return redirect(url_for(".live", table_id=table.id, _anchor=f"question-{question.id}"))


def _statement_or_404(statement_id):
    return _or_404(services.statement_of(g.event, statement_id))


def _back_to_live(statement):
    return url_for(".live", table_id=statement.table_id, _anchor=f"question-{statement.question_id}")


@event_bp.route("/statements/<int:statement_id>/edit", methods=["GET", "POST"])
@moderator_required
def edit_statement(statement_id):
    """Correct a statement typed at the table (the same form as the live entry)."""
    statement = _statement_or_404(statement_id)
    form = StatementForm(data={"text": statement.text, "is_idea": statement.is_idea,
                               "contact_name": statement.contact_name})
    if form.validate_on_submit():
        services.update_statement(g.event, statement, form.text.data, form.is_idea.data, form.contact_name.data)
        flash(_("The statement is saved."), "success")
        return redirect(_back_to_live(statement))
    return edit_page(form, title=_("Edit statement"), back=_back_to_live(statement),
                     intro=f"{statement.table.theme} · {statement.question.text}")


@event_bp.route("/statements/<int:statement_id>/delete", methods=["GET", "POST"])
@moderator_required
def delete_statement(statement_id):
    statement = _statement_or_404(statement_id)
    back = _back_to_live(statement)

    def delete():
        services.delete_statement(g.event, statement)
        flash(_("The statement is deleted."), "success")

    return confirm_page(
        title=_("Delete this statement?"),
        consequences=[f"„{statement.text}“",
                      _("It disappears from the wall and from the evaluation. Nobody gets a mail.")],
        button=_("Yes, delete"), back=back, action=delete)


@event_bp.get("/wall")
@moderator_required
def wall():
    """For the projector: every table and question, no names; it reloads itself."""
    return render_template(
        "thementische/wall.html", event=g.event, tables=services.tables_of(g.event),
        questions=services.questions_of(g.event), groups=services.grouped(services.statements_of(g.event)))


# -- project ideas and results -----------------------------------------------------------
@event_bp.get("/ideas")
@organiser_required
def ideas():
    items = services.ideas_of(g.event)
    follow_ups = {e.id: e for e in db.session.scalars(db.select(Event).where(
        Event.id.in_([i.follow_up_event_id for i in items if i.follow_up_event_id])))}
    rows = [(idea, StatusForm(prefix=f"i{idea.id}", formdata=None, data={"status": idea.status}),
             follow_ups.get(idea.follow_up_event_id), _follow_up_form(idea, formdata=None)) for idea in items]
    return render_template("thementische/ideas.html", event=g.event, rows=rows, status_labels=STATUS_LABELS)


def _follow_up_form(idea, **kwargs):
    """Any format enabled here; a round table of theme tables by default."""
    form = FollowUpForm(prefix=f"f{idea.id}", data={"format_key": services.KEY}, **kwargs)
    form.format_key.choices = select_choices((info.key, info.name) for info in enabled_formats(g.municipality))
    return form


@event_bp.post("/ideas/<int:idea_id>/status")
@organiser_required
def set_status(idea_id):
    idea = _or_404(services.idea_of(g.event, idea_id))
    form = StatusForm(prefix=f"i{idea.id}")
    if form.validate_on_submit():
        services.set_status(idea, form.status.data)
        flash(_("The status is saved."), "success")
    else:
        flash(_("Please choose a valid status."), "error")
    return redirect(url_for(".ideas", _anchor=f"idea-{idea.id}"))


@event_bp.post("/ideas/<int:idea_id>/follow-up")
@organiser_required
def follow_up(idea_id):
    idea = _or_404(services.idea_of(g.event, idea_id))
    form = _follow_up_form(idea)
    if not form.validate_on_submit():
        flash(_("Please choose one of the formats."), "error")
        return redirect(url_for(".ideas", _anchor=f"idea-{idea.id}"))
    existed = idea.follow_up_event_id is not None
    event = services.create_round_table(g.event, idea, current_user, form.format_key.data)
    if not existed:
        flash(_("The round table is created as a draft. Set its date and publish it."), "success")
    return redirect(url_for("organise.edit_event", event_id=event.id))


@event_bp.get("/print")
@organiser_required
def printable():
    return render_template("thementische/print.html", event=g.event,
                           sections=evaluation.sections(g.event))


@event_bp.get("/export.csv")
@organiser_required
def export_csv():
    follow_ups = {e.id: e for e in db.session.scalars(db.select(Event).where(Event.origin_event_id == g.event.id))}
    language = g.municipality.default_language
    rows = [[s.table.theme, s.question.text, s.text, _("yes") if s.is_idea else "", s.contact_name,
             str(STATUS_LABELS[s.status]) if s.is_idea else "",
             follow_ups[s.follow_up_event_id].title_in(language) if s.follow_up_event_id in follow_ups else "",
             s.created_at.isoformat(timespec="seconds")]
            for s in services.statements_of(g.event)]
    header = [_("Table"), _("Question"), _("Statement"), _("Project idea"), _("Contact person"), _("Status"),
              _("Follow-up event"), _("Recorded at")]
    return csv_response(f"thementische-{g.event.id}.csv", header, rows)


# -- all events of the format ----------------------------------------------------------
@organise_bp.get("/")
def overview():
    """Every theme-table event of the municipality with its counts, in one query."""
    counts = (db.select(Statement.event_id, func.count(Statement.id).label("statements"),
                        func.count(Statement.id).filter(Statement.is_idea.is_(True)).label("ideas"))
              .group_by(Statement.event_id).subquery())
    tables = (db.select(ThemeTable.event_id, func.count(ThemeTable.id).label("tables"))
              .group_by(ThemeTable.event_id).subquery())
    rows = db.session.execute(
        db.select(Event, func.coalesce(tables.c.tables, 0), func.coalesce(counts.c.statements, 0),
                  func.coalesce(counts.c.ideas, 0))
        .outerjoin(tables, tables.c.event_id == Event.id).outerjoin(counts, counts.c.event_id == Event.id)
        .where(Event.municipality_id == g.municipality.id, Event.format_key == services.KEY)
        .order_by(Event.starts_at.desc())).all()
    return render_template("thementische/overview.html", rows=rows)
