"""Blueprints of the Themenabend; the core mounts and guards them.

``public``  (event scope): residents send questions.
``manage``  (event scope): organisers group, answer and hide questions.
``organise`` (organise scope): the overview of all evenings.
The core 404s every one of them when the format is off for the municipality;
the views below check the roles themselves.
"""
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from dialogplatform.plugin_api import (
    ConfirmForm,
    Event,
    EventStatus,
    Role,
    can,
    db,
    edit_page,
    limiter,
    role_required,
    select_choices,
)

from . import panels, services
from .forms import AnswerForm, AssignForm, QuestionForm, QuickAnswerForm, ThemeForm
from .models import Question

public = Blueprint("themenabend_public", __name__, template_folder="templates")
manage = Blueprint("themenabend_manage", __name__, template_folder="templates")
organise = Blueprint("themenabend_organise", __name__, template_folder="templates")

organiser_required = role_required(Role.ORGANISER)
# Moderators run the evening: they review, group, answer and hide questions;
# adding themes and the overview of all evenings stay with the organisers.
moderator_required = role_required(Role.MODERATOR)


def _event_page(anchor="themenabend-questions"):
    return url_for("municipality.event", event_id=g.event.id, _anchor=anchor)


# -- residents ---------------------------------------------------------------
@public.route("/questions/new", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_ANONYMOUS_POST"], methods=["POST"])
def ask():
    """Send a question. Works as a plain form; with htmx the panel is swapped."""
    event = g.event
    if event.status == EventStatus.DRAFT:
        abort(404)  # drafts are the organisers' business
    form = QuestionForm(allow_anonymous=services.settings_of(event)["allow_anonymous"])
    htmx = request.headers.get("HX-Request") == "true"
    saved = False
    if request.method == "POST" and services.closed_reason(event) is None and form.validate():
        try:
            services.submit_question(event, form.question_text.data, form.author_name.data, str(get_locale()))
        except services.SubmissionClosed:
            pass  # the evening started this very moment: told below
        else:
            if not htmx:
                flash(_("Thank you. Your question is saved and shown below.")
                      if not services.settings_of(event)["review"]
                      else _("Thank you. Your question is saved; it is shown once a moderator has checked it."),
                      "success")
                return redirect(_event_page())
            saved = True
            form = QuestionForm(formdata=None, allow_anonymous=form.allow_anonymous)
    closed = services.closed_reason(event)
    if request.method == "POST" and closed is not None and not htmx:
        flash(str(closed), "error")
        return redirect(_event_page())
    if htmx:
        panel = panels.public_panel(event, viewer=current_user, form=form, saved=saved)
        return render_template("themenabend/_panel.html", panel=panel, event=event)
    return render_template("themenabend/ask.html", event=event, form=form, closed=closed)


# -- organisers: one evening ------------------------------------------------
def _question_or_404(question_id) -> Question:
    question = db.session.scalar(db.select(Question).filter_by(id=question_id, event_id=g.event.id))
    if question is None:
        abort(404)
    return question


def _assign_form(question, themes, formdata=None):
    form = AssignForm(prefix=f"q{question.id}-assign", formdata=formdata,
                      data={"theme": question.theme_id or 0})
    form.theme.choices = select_choices([(0, _("No theme"))], ((theme.id, theme.name) for theme in themes))
    return form


def _answer_form(question, formdata=None):
    form = AnswerForm(prefix=f"q{question.id}-answer", formdata=formdata,
                      data={"answer": question.answer, "answered_by": question.answered_by})
    form.answered_by.render_kw = {"list": "themenabend-bodies", "autocomplete": "off"}
    return form


def _render_manage(theme_form=None, invalid=None):
    """The organiser page; ``invalid`` is a (question id, kind, form) that failed."""
    event = g.event
    themes = services.themes_of(event)
    questions = db.session.scalars(
        db.select(Question).filter_by(event_id=event.id).order_by(Question.created_at, Question.id)
    ).all()
    rows = []
    for question in questions:
        assign, answer = _assign_form(question, themes), _answer_form(question)
        if invalid and invalid[0] == question.id:
            if invalid[1] == "assign":
                assign = invalid[2]
            else:
                answer = invalid[2]
        rows.append((question, assign, answer))
    groups = services.group_by_theme(themes, rows, theme_id_of=lambda row: row[0].theme_id)
    return render_template(
        "themenabend/manage.html", event=event, themes=themes, groups=groups,
        theme_form=(theme_form or ThemeForm(formdata=None)) if can(Role.ORGANISER) else None,
        action_form=ConfirmForm(), bodies=services.answering_bodies(event), total=len(questions),
    )


@manage.get("/manage")
@moderator_required
def overview():
    return _render_manage()


@manage.post("/themes")
@organiser_required
def create_theme():
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            services.create_theme(g.event, form.name.data)
        except services.ThemeExists:
            form.name.errors.append(_("This theme exists already."))
        else:
            flash(_("The theme is added."), "success")
            return redirect(url_for(".overview"))
    return _render_manage(theme_form=form)


@manage.route("/themes/<int:theme_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_theme(theme_id):
    theme = next((t for t in services.themes_of(g.event) if t.id == theme_id), None)
    if theme is None:
        abort(404)
    form = ThemeForm(data={"name": theme.name})
    form.name.label.text = _("Theme")
    back = url_for(".overview")
    if form.validate_on_submit():
        try:
            services.rename_theme(g.event, theme, form.name.data)
        except services.ThemeExists:
            form.name.errors.append(_("This theme exists already."))
        else:
            flash(_("The theme is saved."), "success")
            return redirect(back)
    return edit_page(form, title=_("Edit theme"), back=back)


@manage.post("/questions/<int:question_id>/theme")
@moderator_required
def assign_theme(question_id):
    question = _question_or_404(question_id)
    themes = services.themes_of(g.event)
    form = _assign_form(question, themes, formdata=request.form)
    if form.validate_on_submit():
        theme = next((t for t in themes if t.id == form.theme.data), None)
        services.assign_theme(question, theme)
        flash(_("The theme of the question is saved."), "success")
        return redirect(url_for(".overview", _anchor=f"question-{question.id}"))
    return _render_manage(invalid=(question.id, "assign", form))


@manage.post("/questions/<int:question_id>/answer")
@moderator_required
def answer(question_id):
    question = _question_or_404(question_id)
    form = _answer_form(question, formdata=request.form)
    if form.validate_on_submit():
        services.answer_question(question, form.answer.data, form.answered_by.data)
        flash(_("The answer is saved."), "success")
        return redirect(url_for(".overview", _anchor=f"question-{question.id}"))
    return _render_manage(invalid=(question.id, "answer", form))


@manage.route("/questions/<int:question_id>/answer/edit", methods=["GET", "POST"])
@organiser_required
def edit_answer(question_id):
    """The answer of one question on a page of its own (linked once it is answered)."""
    question = _question_or_404(question_id)
    form = AnswerForm(data={"answer": question.answer, "answered_by": question.answered_by})
    form.answered_by.render_kw = {"list": "themenabend-bodies", "autocomplete": "off"}
    back = url_for(".overview", _anchor=f"question-{question.id}")
    if form.validate_on_submit():
        services.change_answer(g.event, question, form.answer.data, form.answered_by.data)
        flash(_("The answer is saved."), "success")
        return redirect(back)
    return edit_page(form, title=_("Edit answer"), back=back, intro=question.text)


@manage.post("/questions/<int:question_id>/visibility")
@moderator_required
def toggle_hidden(question_id):
    question = _question_or_404(question_id)
    if ConfirmForm().validate_on_submit():
        # A question awaiting review is hidden already: "hide" keeps it so, for good.
        services.set_hidden(question, question.awaiting_review or not question.hidden)
        flash(_("The question is hidden from the public.") if question.hidden
              else _("The question is shown again."), "success")
    return redirect(_back(question))


@manage.post("/questions/<int:question_id>/approve")
@moderator_required
def approve(question_id):
    question = _question_or_404(question_id)
    if ConfirmForm().validate_on_submit():
        services.approve(question)
        flash(_("The question is approved and shown to the public."), "success")
    return redirect(_back(question))


def _back(question):
    """Back to the page the moderator came from: the phone page or the full list."""
    endpoint = ".phone" if request.form.get("back") == "phone" else ".overview"
    return url_for(endpoint, _anchor=f"question-{question.id}")


# -- the evening: the projector and the moderator's phone ------------------------------
@manage.get("/present")
@manage.get("/present/<int:question_id>")
@moderator_required
def present(question_id=None):
    """One public question at a time, large, for the projector. Previous and
    next are plain links; the page refreshes itself (answered, new questions)."""
    order = services.presenter_order(g.event)
    ids = [question.id for _theme, question in order]
    if question_id is None:
        opened = next((i for i, (_t, question) in enumerate(order) if not question.is_answered), 0)
        index = opened if order else None
    elif question_id in ids:
        index = ids.index(question_id)
    else:
        abort(404)  # hidden, awaiting review or another evening's
    current = order[index] if index is not None else (None, None)
    return render_template(
        "themenabend/present.html", event=g.event, theme=current[0], question=current[1],
        number=(index or 0) + 1, total=len(order),
        previous=ids[index - 1] if index else None,
        following=ids[index + 1] if index is not None and index + 1 < len(ids) else None)


def _quick_form(question, formdata=None):
    form = QuickAnswerForm(prefix=f"q{question.id}-quick", formdata=formdata,
                           data={"answered_by": question.answered_by, "answer": question.answer})
    form.answered_by.render_kw = {"list": "themenabend-bodies", "autocomplete": "off"}
    return form


def _render_phone(invalid=None, status=200):
    event = g.event
    waiting = db.session.scalars(
        db.select(Question).filter_by(event_id=event.id, awaiting_review=True)
        .order_by(Question.created_at, Question.id)).all()
    rows = [(theme, question, invalid[1] if invalid and invalid[0] == question.id else _quick_form(question))
            for theme, question in services.presenter_order(event)]
    return render_template("themenabend/phone.html", event=event, waiting=waiting, rows=rows,
                           action_form=ConfirmForm(), bodies=services.answering_bodies(event)), status


@manage.get("/phone")
@moderator_required
def phone():
    """The moderator's compact page for the evening: approve waiting
    questions and mark questions answered, one tap each."""
    return _render_phone()


@manage.post("/questions/<int:question_id>/answered")
@moderator_required
def mark_answered(question_id):
    question = _question_or_404(question_id)
    form = _quick_form(question, formdata=request.form)
    if form.validate_on_submit():
        services.answer_question(question, form.answer.data or "", form.answered_by.data)
        flash(_("The question is marked as answered."), "success")
        return redirect(url_for(".phone", _anchor=f"question-{question.id}"))
    return _render_phone(invalid=(question.id, form), status=422)


# -- organisers: all evenings -------------------------------------------------
@organise.get("/")
@organiser_required  # the core checks it for this scope too; kept explicit
def evenings():
    """All evenings of the municipality with question counts, in one query."""
    rows = services.evenings_with_counts(Event.municipality_id == g.municipality.id)
    return render_template("themenabend/evenings.html", rows=rows)
