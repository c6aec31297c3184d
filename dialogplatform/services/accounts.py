"""Accounts: registration, confirmation, passwords, invitations to roles."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, session
from flask_login import login_user
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..links import external_url
from ..models import LAND_ROLE, Invitation, Membership, Role, User
from ..models.types import utcnow
from . import outbox, tokens

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so that timing does not tell.
_DUMMY_HASH = _hasher.hash("not a real password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account with this e-mail address (any case), or None."""
    return db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))


def set_password(user: User, password: str) -> None:
    user.password_hash = _hasher.hash(password)


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie of ``user`` stops working (the
    log-in id in them names the old version, see User.get_id)."""
    user.session_version = (user.session_version or 0) + 1


def log_in(user: User) -> None:
    session.clear()  # a new session on log-in: no fixation
    login_user(user)


def change_password(user: User, password: str) -> None:
    """A new password ends every session made with the old one."""
    set_password(user, password)
    end_sessions(user)


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    try:
        _hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        set_password(user, password)
        db.session.commit()
    return user


def register(email: str, password: str, display_name: str, language: str) -> None:
    """Create an unconfirmed account and queue the confirmation mail.

    For an address that has an account already nothing changes; its owner
    gets a mail saying so (with a link to set a new password), so that the
    page, like the mail's arrival, is the same in both cases and nobody
    learns from it whether an address has an account."""
    password_hash = _hasher.hash(password)  # in both cases: same timing
    existing = find_user(email)
    if existing is not None:
        outbox.queue(existing.email, "account_exists", existing.language or language,
                     user=existing, link=_reset_link(existing))
        db.session.commit()
        return
    user = User(email=normalise_email(email), display_name=display_name.strip(), language=language,
                password_hash=password_hash)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # the same address registered at the same moment
        db.session.rollback()
        return
    send_confirmation(user)
    db.session.commit()


def send_confirmation(user: User) -> None:
    token = tokens.make("confirm", {"uid": user.id, "email": user.email})
    outbox.queue(
        user.email, "confirm_account", user.language or "de",
        user=user, link=external_url("auth.confirm", token=token),
    )


def confirm(token: str) -> User:
    data = tokens.read("confirm", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data["uid"])
    if user is None or user.email != data["email"]:
        raise tokens.InvalidToken()
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
        db.session.commit()
    return user


def _reset_fingerprint(user: User) -> str:
    # Changes with the password, so a reset link works only once.
    return (user.password_hash or "")[-16:]


def _reset_link(user: User) -> str:
    token = tokens.make("reset", {"uid": user.id, "fp": _reset_fingerprint(user)})
    return external_url("auth.reset_password", token=token)


def request_password_reset(email: str, language: str) -> None:
    """Queue a reset mail; for an address without an account, a mail that
    says so. The page answers the same either way."""
    user = find_user(email)
    if user is None:
        outbox.queue(normalise_email(email), "no_account", language, link=external_url("auth.register"))
    else:
        outbox.queue(user.email, "reset_password", user.language or language, user=user, link=_reset_link(user))
    db.session.commit()


def user_for_reset(token: str) -> User:
    data = tokens.read("reset", token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data["uid"])
    if user is None or data["fp"] != _reset_fingerprint(user):
        raise tokens.InvalidToken()
    return user


def reset_password(token: str, password: str) -> User:
    user = user_for_reset(token)
    change_password(user, password)
    if user.confirmed_at is None:  # the mail reached them
        user.confirmed_at = utcnow()
    db.session.commit()
    return user


def invite(municipality, email: str, role: Role, invited_by: User | None, language: str) -> Invitation:
    return _send_invitation(Invitation(municipality_id=municipality.id, email=normalise_email(email),
                                       role=role.value, invited_by_id=invited_by.id if invited_by else None),
                            language, municipality=municipality, role=role)


def invite_to_land(email: str, body: str, invited_by: User | None, language: str) -> Invitation:
    """Invite someone to the Land role, answering for ``body`` (the same
    link and acceptance as an invitation to a municipality)."""
    return _send_invitation(Invitation(municipality_id=None, email=normalise_email(email), role=LAND_ROLE,
                                       land_body=body.strip(), invited_by_id=invited_by.id if invited_by else None),
                            language, municipality=None, role=None)


def _send_invitation(invitation: Invitation, language: str, **context) -> Invitation:
    db.session.add(invitation)
    db.session.flush()
    token = tokens.make("invite", invitation.id)
    outbox.queue(invitation.email, "invitation", language, invitation=invitation,
                 link=external_url("auth.accept_invitation", token=token), **context)
    db.session.commit()
    return invitation


def invitation_for(token: str) -> Invitation:
    invitation_id = tokens.read("invite", token, current_app.config["INVITE_TOKEN_MAX_AGE"])
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.accepted_at is not None:
        raise tokens.InvalidToken()
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> None:
    """Give ``user`` the invited role (keeping a higher one they hold)."""
    if invitation.for_land:
        user.is_land_staff = True
        user.land_body = invitation.land_body
    else:
        grant_role(user, invitation.municipality, Role(invitation.role))
    invitation.accepted_at = utcnow()
    if user.confirmed_at is None and user.email == invitation.email:
        user.confirmed_at = utcnow()
    db.session.commit()


def land_accounts() -> list[User]:
    return db.session.scalars(db.select(User).where(User.is_land_staff).order_by(User.email)).all()


def pending_land_invitations() -> list[Invitation]:
    return db.session.scalars(db.select(Invitation).where(
        Invitation.role == LAND_ROLE, Invitation.accepted_at.is_(None)).order_by(Invitation.id)).all()


def withdraw_invitation(invitation: Invitation) -> None:
    """The link in the mail stops working."""
    db.session.delete(invitation)
    db.session.commit()


def revoke_land_role(user: User) -> None:
    """Take the Land role away; the person's open sessions end with it."""
    user.is_land_staff = False
    end_sessions(user)
    db.session.commit()


def grant_role(user: User, municipality, role: Role) -> Membership:
    """Give ``user`` at least ``role`` in ``municipality`` (a higher role is
    kept); the caller commits."""
    membership = db.session.scalar(
        db.select(Membership).filter_by(user_id=user.id, municipality_id=municipality.id)
    )
    if membership is None:
        membership = Membership(user=user, municipality_id=municipality.id, role=role.value)
        db.session.add(membership)
    elif Role(membership.role).rank < role.rank:
        membership.role = role.value
    return membership


def create_invited_user(invitation: Invitation, display_name: str, password: str, language: str) -> User:
    """The invited address is proven by the link: the account is confirmed."""
    user = User(email=invitation.email, display_name=display_name.strip(), language=language,
                confirmed_at=utcnow())
    set_password(user, password)
    db.session.add(user)
    db.session.flush()
    accept_invitation(invitation, user)
    return user
