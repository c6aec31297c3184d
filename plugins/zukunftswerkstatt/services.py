"""The rules of a future workshop, in one place for views, demo and tests.

Voting has its own module (``voting.py``) because it runs under the event
lock; everything here is ordinary single-row writing.
"""
import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from dialogplatform.plugin_api import LANGUAGE_LABELS, EventStatus, audit, db, events, utcnow

from .models import CARD_MAX, PHASES, VOTED_PHASE, Card, Measure, Theme, Vote, Workshop

DEFAULT_THEMES = ("Bauen & Wohnen", "Sprache & Bildung", "Sorgen & Bedenken")
DEFAULT_DOTS = 5
# No 0/O, 1/I/L: the code is read off a projector and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

PHASE_LABELS = {
    "critique": _l("Critique"),
    "fantasy": _l("Fantasy"),
    "realisation": _l("Realisation"),
}
PHASE_QUESTIONS = {
    "critique": _l("What bothers us?"),
    "fantasy": _l("What do we wish for?"),
    "realisation": _l("What will we do?"),
}
ADDRESSEE_LABELS = {
    "municipality": _l("Municipality"),
    "land": _l("Land (state)"),
    "other": _l("Others"),
}


class CardRejected(Exception):
    """A card was not stored; ``str(reason)`` says why, in the reader's language."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def settings_of(event) -> dict:
    """The format's settings with defaults (events saved before a setting existed)."""
    dots = (event.settings or {}).get("dots_per_participant")
    return {"dots_per_participant": dots if isinstance(dots, int) and dots > 0 else DEFAULT_DOTS}


# -- the workshop's live state --------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def workshop_of(event) -> Workshop:
    """The workshop row, created on first use (a concurrent first use wins)."""
    workshop = db.session.get(Workshop, event.id)
    if workshop is None:
        try:
            with db.session.begin_nested():
                workshop = Workshop(event_id=event.id, phase=PHASES[0], join_code=new_code())
                db.session.add(workshop)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            workshop = db.session.get(Workshop, event.id)
    return workshop


def set_phase(event, phase: str) -> None:
    if phase not in PHASES:
        raise ValueError(phase)
    workshop = workshop_of(event)
    if workshop.phase != phase:
        workshop.phase = phase
        workshop.phase_changed_at = utcnow()
    db.session.commit()


def neighbour_phases(phase: str) -> tuple[str | None, str | None]:
    index = PHASES.index(phase)
    return (PHASES[index - 1] if index > 0 else None, PHASES[index + 1] if index + 1 < len(PHASES) else None)


def renew_join_code(event) -> str:
    """A new code: people who joined stay in, nobody joins with the old one."""
    workshop = workshop_of(event)
    workshop.join_code = new_code()
    db.session.commit()
    return workshop.join_code


def join_code_matches(event, code: str) -> bool:
    given = "".join((code or "").split()).upper()
    return bool(given) and secrets.compare_digest(given.encode(), workshop_of(event).join_code.encode())


def accepts_cards(event, staff: bool):
    """None while cards can be written, else the reason why not."""
    if event.status == EventStatus.CANCELLED:
        return _l("The workshop has been cancelled.")
    if event.status != EventStatus.PUBLISHED and not staff:
        return _l("The workshop is not open yet.")
    return None


# -- themes ---------------------------------------------------------------------
def themes_of(event) -> list[Theme]:
    return list(db.session.scalars(
        db.select(Theme).filter_by(event_id=event.id).order_by(Theme.position, Theme.id)))


def add_theme(event, name: str) -> Theme | None:
    """Add a theme; None when the event has one of that name already."""
    name = name.strip()
    if db.session.scalar(db.select(Theme.id).filter_by(event_id=event.id, name=name)) is not None:
        return None
    position = db.session.scalar(db.select(func.count(Theme.id)).filter_by(event_id=event.id))
    theme = Theme(event_id=event.id, name=name, position=position)
    db.session.add(theme)
    db.session.commit()
    return theme


def rename_theme(event, theme: Theme, name: str) -> bool:
    """Rename a theme; False when the event has another of that name."""
    name = name.strip()
    clash = db.session.scalar(db.select(Theme.id).where(Theme.event_id == event.id, Theme.name == name,
                                                         Theme.id != theme.id))
    if clash is not None:
        return False
    theme.name = name
    audit.record("zukunftswerkstatt.theme_changed", event.municipality, theme)
    db.session.commit()
    return True


def add_default_themes(event) -> int:
    """The three themes of the Ostfildern workshop; returns how many were new."""
    return sum(add_theme(event, name) is not None for name in DEFAULT_THEMES)


def delete_theme(theme) -> bool:
    """Only a theme without cards can go (cards are never lost this way)."""
    if db.session.scalar(db.select(func.count(Card.id)).filter_by(theme_id=theme.id)):
        return False
    db.session.delete(theme)
    db.session.commit()
    return True


# -- cards ----------------------------------------------------------------------
def write_card(event, *, theme_id: int, phase: str, text: str, language: str,
               participant_id: str | None = None, staff_user=None) -> Card:
    """Store a card in the current phase, or raise ``CardRejected`` and store nothing.

    ``phase`` is the phase the writer saw: a card typed during "critique"
    must not silently land in "fantasy" after the organiser moved on.
    """
    reason = accepts_cards(event, staff_user is not None)
    if reason is not None:
        raise CardRejected(reason)
    if participant_id is None and staff_user is None:
        raise CardRejected(_l("Please join the workshop with its code first."))
    current = workshop_of(event).phase
    if phase != current:
        raise CardRejected(_l("The workshop has moved on to the phase “%(phase)s”. Please check your card "
                              "and send it again.", phase=PHASE_LABELS[current]))
    theme = db.session.scalar(db.select(Theme).filter_by(id=theme_id, event_id=event.id))
    if theme is None:
        raise CardRejected(_l("Please choose a theme."))
    text = (text or "").strip()
    if not text:
        raise CardRejected(_l("Please write your card."))
    if len(text) > CARD_MAX:
        raise CardRejected(_l("Please write at most %(max)d characters.", max=CARD_MAX))
    if language not in LANGUAGE_LABELS:
        raise CardRejected(_l("Please choose a language."))
    card = Card(event_id=event.id, theme_id=theme.id, phase=current, text=text, language=language,
                participant_id=participant_id if staff_user is None else None,
                created_by_id=staff_user.id if staff_user is not None else None)
    db.session.add(card)
    db.session.commit()
    return card


def card_of(event, card_id: int) -> Card | None:
    return db.session.scalar(db.select(Card).filter_by(id=card_id, event_id=event.id))


def translate_card(card: Card, translation: str, language: str) -> None:
    """A moderator's translation; an empty text removes it."""
    card.translation = (translation or "").strip()
    card.translation_language = language if card.translation else ""
    db.session.commit()


def set_hidden(card: Card, hidden: bool) -> None:
    """Hide an abusive card from wall and evaluation; kept for the record."""
    card.hidden = hidden
    db.session.commit()


def vote_counts(event, phase: str) -> dict[int, int]:
    """Dots per card of ``phase`` (one aggregate query)."""
    return dict(db.session.execute(
        db.select(Vote.card_id, func.count(Vote.id))
        .join(Card, Card.id == Vote.card_id)
        .where(Vote.event_id == event.id, Card.phase == phase)
        .group_by(Vote.card_id)).all())


def cards_by_theme(event, phase: str, include_hidden=False, themes=None):
    """``[(theme, [(card, dots)])]`` for ``phase``: every theme, cards oldest first."""
    themes = themes if themes is not None else themes_of(event)
    query = db.select(Card).filter_by(event_id=event.id, phase=phase).order_by(Card.created_at, Card.id)
    if not include_hidden:
        query = query.filter_by(hidden=False)
    counts = vote_counts(event, phase)
    grouped = {theme.id: [] for theme in themes}
    for card in db.session.scalars(query):
        grouped.setdefault(card.theme_id, []).append((card, counts.get(card.id, 0)))
    return [(theme, grouped[theme.id]) for theme in themes]


def ranking(event, phase: str, themes=None):
    """Like ``cards_by_theme`` without hidden cards, each theme's cards by
    dots (most first; equal dots: older first)."""
    return _ranked(cards_by_theme(event, phase, themes=themes))


def _ranked(groups):
    return [(theme, sorted(cards, key=lambda item: (-item[1], item[0].created_at, item[0].id)))
            for theme, cards in groups]


@dataclass
class Results:
    """What an evaluation needs of one workshop: its themes, the rankings of
    the voted phases, the visible cards per phase and the action plan."""

    themes: list = field(default_factory=list)
    rankings: dict = field(default_factory=dict)  # phase -> ranking(event, phase)
    counts: dict = field(default_factory=lambda: dict.fromkeys(PHASES, 0))
    measures: list = field(default_factory=list)


def results_of(events) -> dict[int, Results]:
    """``Results`` of many workshops in five queries (themes, visible cards,
    dots, measures and their themes), whatever their number."""
    ids = [event.id for event in events]
    results = {event_id: Results() for event_id in ids}
    if not ids:
        return results
    for theme in db.session.scalars(db.select(Theme).where(Theme.event_id.in_(ids))
                                    .order_by(Theme.event_id, Theme.position, Theme.id)):
        results[theme.event_id].themes.append(theme)
    dots = dict(db.session.execute(db.select(Vote.card_id, func.count(Vote.id)).where(Vote.event_id.in_(ids))
                                   .group_by(Vote.card_id)).all())
    grouped = {}
    for card in db.session.scalars(db.select(Card).where(Card.event_id.in_(ids), Card.hidden.is_(False))
                                   .order_by(Card.created_at, Card.id)):
        results[card.event_id].counts[card.phase] += 1
        grouped.setdefault((card.event_id, card.phase, card.theme_id), []).append((card, dots.get(card.id, 0)))
    for event_id, result in results.items():
        result.rankings = {phase: _ranked([(theme, grouped.get((event_id, phase, theme.id), []))
                                           for theme in result.themes]) for phase in PHASES}
    for measure in db.session.scalars(db.select(Measure).where(Measure.event_id.in_(ids))
                                      .options(selectinload(Measure.theme))
                                      .order_by(Measure.due_on.is_(None), Measure.due_on, Measure.id)):
        results[measure.event_id].measures.append(measure)
    return results


def overall_ranking(event, phase: str, limit: int | None = None):
    """``[(card, theme, dots)]`` across themes, most dots first (the wall's list)."""
    items = [(card, theme, dots) for theme, cards in ranking(event, phase) for card, dots in cards]
    items.sort(key=lambda item: (-item[2], item[0].created_at, item[0].id))
    return items[:limit] if limit else items


def voted_phase(phase: str) -> str | None:
    return VOTED_PHASE.get(phase)


# -- action plan ---------------------------------------------------------------
def measures_of(event) -> list[Measure]:
    return list(db.session.scalars(
        db.select(Measure).filter_by(event_id=event.id)
        .options(selectinload(Measure.theme)).order_by(Measure.due_on.is_(None), Measure.due_on, Measure.id)))


def add_measure(event, *, what: str, who: str, due_on, addressee: str, theme_id=None, card=None) -> Measure:
    if addressee not in ADDRESSEE_LABELS:
        raise ValueError(addressee)
    theme = db.session.scalar(db.select(Theme).filter_by(id=theme_id, event_id=event.id)) if theme_id else None
    measure = Measure(event_id=event.id, what=what.strip(), who=(who or "").strip(), due_on=due_on,
                      addressee=addressee, theme_id=theme.id if theme else None,
                      card_id=card.id if card is not None and card.event_id == event.id else None)
    db.session.add(measure)
    db.session.commit()
    return measure


def measure_values(measure: Measure) -> dict:
    return {"what": measure.what, "who": measure.who, "due_on": measure.due_on, "addressee": measure.addressee,
            "theme": measure.theme_id or 0, "card_id": str(measure.card_id or "")}


def update_measure(event, measure: Measure, *, what: str, who: str, due_on, addressee: str, theme_id=None) -> None:
    """Change a measure of the action plan (the card it came from stays)."""
    if addressee not in ADDRESSEE_LABELS:
        raise ValueError(addressee)
    theme = db.session.scalar(db.select(Theme).filter_by(id=theme_id, event_id=event.id)) if theme_id else None
    measure.what, measure.who, measure.due_on = what.strip(), (who or "").strip(), due_on
    measure.addressee, measure.theme_id = addressee, theme.id if theme else None
    audit.record("zukunftswerkstatt.measure_changed", event.municipality, measure)
    db.session.commit()


def delete_measure(measure: Measure) -> None:
    db.session.delete(measure)
    db.session.commit()


def card_counts(event) -> dict[str, int]:
    """Visible cards per phase."""
    rows = db.session.execute(
        db.select(Card.phase, func.count(Card.id)).where(Card.event_id == event.id, Card.hidden.is_(False))
        .group_by(Card.phase)).all()
    counts = dict.fromkeys(PHASES, 0)
    counts.update(dict(rows))
    return counts


# -- duplicating ---------------------------------------------------------------
def copy_set_up(origin, copy) -> None:
    """The themes of ``origin`` for its duplicate (``duplicate_event``).
    Cards, dots and the action plan stay with ``origin``; the copy gets its
    own phase and join code when it is first run (``workshop_of``)."""
    events.copy_rows(Theme, origin, copy, ("name", "position"))
