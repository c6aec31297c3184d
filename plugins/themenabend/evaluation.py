"""Results of themed evenings: an evening's evaluation, the section in a
process's documentation report, and questions as recommendation candidates.

Aggregates only (the candidates are question texts, never names); hidden
questions are left out and counted once, separately.
"""
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import func

from dialogplatform.plugin_api import Event, EventStatus, db
from dialogplatform.plugin_system import RecommendationSource, Section

from . import services
from .models import Question


def sections(event) -> list[Section]:
    per_theme = {
        theme_id: (total, answered)
        for theme_id, total, answered in db.session.execute(
            db.select(Question.theme_id, func.count(Question.id), func.count(Question.answered_at))
            .where(Question.event_id == event.id, Question.hidden.is_(False))
            .group_by(Question.theme_id)
        )
    }
    hidden = db.session.scalar(
        db.select(func.count(Question.id)).where(Question.event_id == event.id, Question.hidden.is_(True),
                                                 Question.awaiting_review.is_(False))
    )  # questions still awaiting review are nobody's decision yet
    if not per_theme:
        return [Section(title=_("Questions by theme"), text=_("No questions were sent in."))]

    table = [[_("Theme"), _("Questions"), _("Answered"), _("Open")]]
    for theme in services.themes_of(event):
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

    bodies = db.session.execute(
        db.select(Question.answered_by, func.count(Question.id))
        .where(Question.event_id == event.id, Question.hidden.is_(False), Question.answered_at.is_not(None))
        .group_by(Question.answered_by)
        .order_by(func.count(Question.id).desc(), Question.answered_by)
    ).all()
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
