"""Dot voting between the phases.

Each participant (an anonymous id from the join cookie) has the event's
number of dots per voting round; in the fantasy phase the critique cards are
voted on, in the realisation phase the fantasy cards. The budget check and
the new dot happen in one transaction holding the event's lock
(``lock_event``), so two fast clicks, two tabs or two servers cannot spend
more dots than there are.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from dialogplatform.plugin_api import EventStatus, db, lock_event

from .models import VOTED_PHASE, Card, Vote, Workshop
from .services import settings_of


class VoteRejected(Exception):
    """No dot was stored; ``reason`` is a lazy message for the reader."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def dots_used(event_id: int, round_: str, participant_id: str) -> int:
    return db.session.scalar(db.select(func.count(Vote.id)).where(
        Vote.event_id == event_id, Vote.round == round_, Vote.participant_id == participant_id))


def my_dots(event_id: int, round_: str, participant_id: str | None) -> dict[int, int]:
    """``{card id: dots}`` this participant has put in this round."""
    if not participant_id:
        return {}
    return dict(db.session.execute(
        db.select(Vote.card_id, func.count(Vote.id))
        .where(Vote.event_id == event_id, Vote.round == round_, Vote.participant_id == participant_id)
        .group_by(Vote.card_id)).all())


def _votable_card(event, card_id: int) -> tuple[Card, str]:
    if event.status != EventStatus.PUBLISHED:
        raise VoteRejected(_l("Voting is not open."))
    workshop = db.session.get(Workshop, event.id)
    round_ = VOTED_PHASE.get(workshop.phase) if workshop else None
    if round_ is None:
        raise VoteRejected(_l("Voting is not open in this phase."))
    card = db.session.scalar(db.select(Card).filter_by(id=card_id, event_id=event.id, hidden=False))
    if card is None or card.phase != round_:
        raise VoteRejected(_l("You can only vote on the cards of the previous phase."))
    return card, round_


def cast_vote(event_id: int, card_id: int, participant_id: str) -> int:
    """Put one dot on a card; returns the dots left. Raises ``VoteRejected``
    (and stores nothing) when the card is not votable or no dot is left."""
    event = lock_event(event_id)
    try:
        card, round_ = _votable_card(event, card_id)
        budget = settings_of(event)["dots_per_participant"]
        used = dots_used(event_id, round_, participant_id)
        if used >= budget:
            raise VoteRejected(_l("You have used all your %(num)d dots.", num=budget))
        db.session.add(Vote(event_id=event_id, card_id=card.id, round=round_, participant_id=participant_id))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return budget - used - 1


def withdraw_vote(event_id: int, card_id: int, participant_id: str) -> int:
    """Take one of this participant's dots back from a card; returns the dots left."""
    event = lock_event(event_id)
    try:
        card, round_ = _votable_card(event, card_id)
        vote = db.session.scalar(db.select(Vote).filter_by(
            event_id=event_id, card_id=card.id, participant_id=participant_id).order_by(Vote.id.desc()).limit(1))
        if vote is None:
            raise VoteRejected(_l("You have no dot on this card."))
        db.session.delete(vote)
        db.session.flush()
        left = settings_of(event)["dots_per_participant"] - dots_used(event_id, round_, participant_id)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return left
