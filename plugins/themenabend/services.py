"""The rules of a Themenabend, in one place for views, demo data and tests."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from dialogplatform.plugin_api import Event, EventStatus, audit, db, events, utcnow

from .models import Question, Theme


class SubmissionClosed(Exception):
    """Raised when a question arrives for an event that takes none."""


def settings_of(event) -> dict:
    """The event's format settings with defaults for events saved earlier."""
    settings = event.settings or {}
    return {
        "answering_bodies": settings.get("answering_bodies") or "",
        "allow_anonymous": settings.get("allow_anonymous", True) is not False,
        "review": settings.get("review_questions") is True,
    }


def answering_bodies(event) -> list[str]:
    return [part.strip() for part in settings_of(event)["answering_bodies"].split(",") if part.strip()]


def closed_reason(event, now=None):
    """None while questions are taken, else a message saying why not.

    Questions are taken for published events until the evening starts.
    """
    if event.status == EventStatus.CANCELLED:
        return _l("The evening has been cancelled; no more questions can be sent.")
    if event.status != EventStatus.PUBLISHED:
        return _l("Questions can be sent once the evening is published.")
    if (now or utcnow()) >= event.starts_at:
        return _l("The evening has started; no more questions can be sent.")
    return None


def submit_question(event, text: str, author_name: str = "", language: str = "") -> Question:
    """Store a question, or raise ``SubmissionClosed`` and store nothing."""
    if closed_reason(event) is not None:
        raise SubmissionClosed(event.id)
    review = settings_of(event)["review"]
    question = Question(event_id=event.id, text=text.strip(), author_name=(author_name or "").strip(),
                        language=language, hidden=review, awaiting_review=review)
    db.session.add(question)
    db.session.commit()
    return question


def themes_of(event) -> list[Theme]:
    return themes_of_events([event.id])


def themes_of_events(event_ids) -> list[Theme]:
    """The themes of several evenings in one query, each evening's in order."""
    return list(db.session.scalars(
        db.select(Theme).where(Theme.event_id.in_(event_ids)).order_by(Theme.event_id, Theme.position, Theme.id)
    ))


class ThemeExists(Exception):
    """An evening has each theme name once."""


def create_theme(event, name: str) -> Theme:
    """Add a theme at the end, or raise ``ThemeExists`` (also when another
    organiser added the same name a moment ago: the unique constraint decides)."""
    name = name.strip()
    if db.session.scalar(db.select(Theme.id).filter_by(event_id=event.id, name=name)) is not None:
        raise ThemeExists(name)
    position = db.session.scalar(db.select(func.count(Theme.id)).filter_by(event_id=event.id))
    theme = Theme(event_id=event.id, name=name, position=position)
    db.session.add(theme)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ThemeExists(name) from None
    return theme


def rename_theme(event, theme: Theme, name: str) -> None:
    """Rename a theme, or raise ``ThemeExists`` when the evening has another of that name."""
    name = name.strip()
    clash = db.session.scalar(db.select(Theme.id).where(Theme.event_id == event.id, Theme.name == name,
                                                         Theme.id != theme.id))
    if clash is not None:
        raise ThemeExists(name)
    theme.name = name
    audit.record("themenabend.theme_changed", event.municipality, theme)
    db.session.commit()


def assign_theme(question: Question, theme: Theme | None) -> None:
    question.theme_id = theme.id if theme is not None else None
    db.session.commit()


def answer_question(question: Question, answer: str, answered_by: str) -> None:
    """Record the answer given on the evening; a new answer replaces the old.
    From the phone on the evening the answer text may wait (empty)."""
    question.answer = answer.strip()
    question.answered_by = answered_by.strip()
    question.answered_at = utcnow()
    db.session.commit()


def change_answer(event, question: Question, answer: str, answered_by: str) -> None:
    """Correct an answer given earlier (its time stays: it was given then)."""
    question.answer = answer.strip()
    question.answered_by = answered_by.strip()
    question.answered_at = question.answered_at or utcnow()
    audit.record("themenabend.answer_changed", event.municipality, question)
    db.session.commit()


def set_hidden(question: Question, hidden: bool) -> None:
    """Hide an abusive question from the public (it is kept for the record),
    or show it; either way a moderator has decided on it."""
    question.hidden = hidden
    question.awaiting_review = False
    db.session.commit()


def approve(question: Question) -> None:
    """A moderator lets a question that awaited review go public."""
    set_hidden(question, False)


def presenter_order(event) -> list[tuple[Theme | None, Question]]:
    """The public questions one after another, as the projector shows them:
    theme by theme, in the order they were sent."""
    return [(theme, question) for theme, questions in public_questions(event) for question in questions]


def anonymise(event) -> None:
    """Forget the names residents gave once the retention period is over;
    texts, themes and answers stay, so the evaluation does not change."""
    db.session.execute(
        db.update(Question).where(Question.event_id == event.id, Question.author_name != "").values(author_name="")
    )


def evenings_with_counts(*conditions):
    """``(event, questions, answered, awaiting review)`` for the themed
    evenings matching ``conditions``, newest first, in one query (hidden
    questions left out of the first two)."""
    shown = Question.hidden.is_(False)
    counts = (
        db.select(
            Question.event_id,
            func.count(Question.id).filter(shown).label("total"),
            func.count(Question.answered_at).filter(shown).label("answered"),
            func.count(Question.id).filter(Question.awaiting_review.is_(True)).label("waiting"),
        )
        .group_by(Question.event_id)
        .subquery()
    )
    return db.session.execute(
        db.select(Event, func.coalesce(counts.c.total, 0), func.coalesce(counts.c.answered, 0),
                  func.coalesce(counts.c.waiting, 0))
        .outerjoin(counts, counts.c.event_id == Event.id)
        .where(Event.format_key == "themenabend", *conditions)
        .order_by(Event.starts_at.desc(), Event.id)
    ).all()


def public_questions(event) -> list[tuple[Theme | None, list[Question]]]:
    """Visible questions grouped by theme (in theme order, ungrouped last)."""
    themes = themes_of(event)
    questions = db.session.scalars(
        db.select(Question).filter_by(event_id=event.id, hidden=False).order_by(Question.created_at, Question.id)
    ).all()
    return group_by_theme(themes, questions)


def group_by_theme(themes, items, theme_id_of=lambda question: question.theme_id):
    """``items`` grouped as ``[(theme, items)]``; themes without items are left out."""
    by_theme = {theme.id: [] for theme in themes}
    loose = []
    for item in items:
        by_theme.get(theme_id_of(item), loose).append(item)
    groups = [(theme, by_theme[theme.id]) for theme in themes if by_theme[theme.id]]
    if loose:
        groups.append((None, loose))
    return groups


def open_questions_by_event(municipality) -> list[tuple[int, str, int]]:
    """``(event id, title, visible questions not answered yet)`` per evening
    of the municipality still to come, in one query (the staff dashboard)."""
    from flask_babel import get_locale

    rows = db.session.execute(
        db.select(Event, func.count(Question.id)).join(Question, Question.event_id == Event.id)
        .where(Event.municipality_id == municipality.id, Event.ends_at >= utcnow(),
               Event.status == EventStatus.PUBLISHED, Question.hidden.is_(False), Question.answered_at.is_(None))
        .group_by(Event.id).order_by(Event.starts_at, Event.id)).all()
    return [(event.id, event.title_in(str(get_locale())), count) for event, count in rows]


# -- duplicating ---------------------------------------------------------------
def copy_set_up(origin, copy) -> None:
    """The themes of ``origin`` for its duplicate (``duplicate_event``); the
    questions residents sent in stay with ``origin``."""
    events.copy_rows(Theme, origin, copy, ("name", "position"))
