"""Results of themed evenings: an evening's evaluation, the section in a
process's documentation report, and questions as recommendation candidates.

Aggregates only (the candidates are question texts, never names); hidden
questions are left out and counted once, separately.
"""
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import func

from dialogplatform.plugin_api import Event, EventStatus, by_event, db
from dialogplatform.plugin_system import RecommendationSource, Section

from . import services
from .models import Question


def sections(event) -> list[Section]:
    return sections_of([event])[event.id]


def sections_of(events) -> dict[int, list[Section]]:
    """The evaluation of many evenings (the process report) in four
    aggregate queries, whatever their number."""
    ids = [event.id for event in events]
    visible = (Question.event_id.in_(ids), Question.hidden.is_(False))
    per_theme = {event_id: {} for event_id in ids}
    for event_id, theme_id, total, answered in db.session.execute(
            db.select(Question.event_id, Question.theme_id, func.count(Question.id), func.count(Question.answered_at))
            .where(*visible).group_by(Question.event_id, Question.theme_id)):
        per_theme[event_id][theme_id] = (total, answered)
    hidden = dict(db.session.execute(
        db.select(Question.event_id, func.count(Question.id))
        .where(Question.event_id.in_(ids), Question.hidden.is_(True), Question.awaiting_review.is_(False))
        .group_by(Question.event_id)).all())  # questions still awaiting review are nobody's decision yet
    themes = by_event(events, services.themes_of_events(ids))
    bodies = {event_id: [] for event_id in ids}
    for event_id, body, count in db.session.execute(
            db.select(Question.event_id, Question.answered_by, func.count(Question.id))
            .where(*visible, Question.answered_at.is_not(None))
            .group_by(Question.event_id, Question.answered_by)
            .order_by(Question.event_id, func.count(Question.id).desc(), Question.answered_by)):
        bodies[event_id].append((body, count))
    return {event_id: _sections(per_theme[event_id], hidden.get(event_id, 0), themes[event_id], bodies[event_id])
            for event_id in ids}


def _sections(per_theme: dict, hidden: int, themes: list, bodies: list) -> list[Section]:
    if not per_theme:
        return [Section(title=_("Questions by theme"), text=_("No questions were sent in."))]

    table = [[_("Theme"), _("Questions"), _("Answered"), _("Open")]]
    for theme in themes:
        total, answered = per_theme.get(theme.id, (0, 0))
        table.append([theme.name, total, answered, total - answered])
    if None in per_theme:
        total, answered = per_theme[None]
        table.append([_("Not yet assigned to a theme"), total, answered, total - answered])
    total = sum(t for t, _a in per_theme.values())
    answered = sum(a for _t, a in per_theme.values())
    table.append([_("Total"), total, answered, total - answered])
    text = ngettext(
        "%(num)d question hidden by the organisers is not counted.",
        "%(num)d questions hidden by the organisers are not counted.", hidden,
    ) if hidden else ""
    result = [Section(title=_("Questions by theme"), table=table, text=text)]
    if bodies:
        result.append(Section(
            title=_("Answers by answering body"),
            table=[[_("Answered by"), _("Answers")], *([body, count] for body, count in bodies)],
        ))
    return result


def process_sections(process) -> list[Section]:
    """Questions per themed evening of a dialogue process, with totals."""
    rows = services.evenings_with_counts(Event.process_id == process.id, Event.status != EventStatus.DRAFT)
    if not rows:
        return []
    language = str(get_locale() or process.municipality.default_language)
    table = [[_("Evening"), _("Questions"), _("Answered"), _("Open")]]
    for event, total, answered, _waiting in reversed(rows):  # in the order they took place
        table.append([event.title_in(language), total, answered, total - answered])
    total, answered = sum(row[1] for row in rows), sum(row[2] for row in rows)
    table.append([_("Total"), total, answered, total - answered])
    return [Section(title=_("Themed evenings"), table=table)]


def recommendation_sources(event) -> list[RecommendationSource]:
    """Visible questions, open ones first: what residents still wait for is
    the likeliest recommendation."""
    themes = {theme.id: theme.name for theme in services.themes_of(event)}
    questions = db.session.scalars(
        db.select(Question).filter_by(event_id=event.id, hidden=False)
        .order_by(Question.answered_at.is_not(None), Question.created_at, Question.id)
    ).all()
    return [
        RecommendationSource(
            ref=f"question:{question.id}", text=question.text, topic=themes.get(question.theme_id, ""),
            kind=_("Answered question") if question.is_answered else _("Open question"),
        )
        for question in questions
    ]
