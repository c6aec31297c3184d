"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and
single-use recovery codes, and who must use it.

Every account may turn it on. A municipality may require it from its staff
from a given role up (``Municipality.two_factor_role``), the instance admin
from the instance admins (``InstanceSetting`` REQUIRE_FOR_INSTANCE_ADMINS).
A role that requires it counts only once it is set up (``User.has_role``).

Codes are checked against the platform's clock, never the wall clock, and
a code's time step is stored when it is accepted: the same code (or an
older one) does not work a second time. Secrets and codes never reach a
log or the audit log.
"""
import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

import pyotp
from flask import current_app, has_request_context, request, session
from sqlalchemy import or_

from .. import clock
from ..extensions import db
from ..models import InstanceSetting, RecoveryCode, Role, User
from ..models.types import utcnow
from . import accounts, audit

#: How long the code page after the password stays open.
PENDING_MAX_AGE = timedelta(minutes=5)
RECOVERY_CODE_COUNT = 10
# Without 0/o, 1/l/i: easy to read off paper. 12 characters, 60 bits.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 12
REQUIRE_FOR_INSTANCE_ADMINS = "two_factor_for_instance_admins"
_PENDING_KEY = "two_factor_pending"
_CACHE_KEY = "dialogplatform.two_factor_for_instance_admins"


# -- policy ------------------------------------------------------------------
def required_for_instance_admins() -> bool:
    """The instance admin's setting, read once per request (kept in the
    request's environ: ``g`` may outlive a request, e.g. in tests)."""
    cache = request.environ if has_request_context() else {}
    if _CACHE_KEY not in cache:
        setting = db.session.get(InstanceSetting, REQUIRE_FOR_INSTANCE_ADMINS)
        cache[_CACHE_KEY] = bool(setting and setting.value)
    return cache[_CACHE_KEY]


def set_required_for_instance_admins(required: bool) -> None:
    setting = db.session.get(InstanceSetting, REQUIRE_FOR_INSTANCE_ADMINS)
    if setting is None:
        setting = InstanceSetting(key=REQUIRE_FOR_INSTANCE_ADMINS)
        db.session.add(setting)
    setting.value = required
    if has_request_context():
        request.environ[_CACHE_KEY] = required
    audit.record("instance.two_factor_policy", required=required)


def set_required_role(municipality, role: Role | None) -> None:
    municipality.two_factor_role = role.value if role else None
    audit.record("municipality.two_factor_policy", municipality, municipality, role=municipality.two_factor_role)


def _role_requires(municipality, role: Role) -> bool:
    required = municipality.two_factor_role
    return bool(required) and role.rank >= Role(required).rank


def missing_for_role(user: User, municipality, role: Role) -> bool:
    """Whether ``role`` in ``municipality`` needs a second factor ``user`` lacks."""
    return not user.has_two_factor and _role_requires(municipality, role)


def missing_for_instance_admin(user: User) -> bool:
    return user.is_instance_admin and not user.has_two_factor and required_for_instance_admins()


def required_for(user: User) -> bool:
    """Whether a role of ``user`` requires two-factor sign-in (set up or not)."""
    return (user.is_instance_admin and required_for_instance_admins()) or any(
        _role_requires(membership.municipality, Role(membership.role)) for membership in user.memberships)


def setup_required(user: User) -> bool:
    """Whether a role of ``user`` waits for two-factor sign-in to be set up."""
    return not user.has_two_factor and required_for(user)


# -- codes -------------------------------------------------------------------
def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret)


def _step(totp: pyotp.TOTP, code: str) -> int | None:
    """The time step ``code`` belongs to (this one or a neighbour, for a
    phone whose clock is a little off), or None."""
    now = clock.now()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=offset * totp.interval)
        if secrets.compare_digest(totp.at(moment), code):
            return totp.timecode(moment)
    return None


def _digits(code: str) -> str:
    return "".join(code.split())


def setup_secret(user: User) -> str:
    """The key for the set-up page: kept with the account (not yet in use)
    until a code confirms it, so that a reload shows the same one and it
    never travels in the session cookie."""
    if not user.totp_secret:
        user.totp_secret = pyotp.random_base32()
        db.session.commit()
    return user.totp_secret


def provisioning_uri(user: User, secret: str) -> str:
    host = urlsplit(current_app.config["BASE_URL"] or "").hostname
    issuer = f"Dialogplattform ({host})" if host else "Dialogplattform"
    return _totp(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def enable(user: User, code: str) -> list[str] | None:
    """Turn two-factor sign-in on when ``code`` fits the set-up key;
    returns the new recovery codes (to be shown once), or None."""
    step = _step(_totp(user.totp_secret), _digits(code)) if user.totp_secret else None
    if step is None:
        return None
    user.totp_enabled_at, user.totp_last_step = utcnow(), step
    codes = _new_recovery_codes(user)
    accounts.end_sessions(user)
    _record("account.two_factor_enabled", user)
    db.session.commit()
    return codes


def disable(user: User) -> None:
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    user.recovery_codes.clear()
    accounts.end_sessions(user)
    _record("account.two_factor_disabled", user)
    db.session.commit()


def renew_recovery_codes(user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    _record("account.recovery_codes_renewed", user)
    db.session.commit()
    return codes


def unused_recovery_codes(user: User) -> int:
    return sum(1 for code in user.recovery_codes if code.used_at is None)


def _hash(user: User, code: str) -> str:
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(f"{user.id}:{normalised}".encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the recovery codes of ``user``; only their hashes are kept."""
    codes = ["".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
             for _ in range(RECOVERY_CODE_COUNT)]
    user.recovery_codes[:] = [RecoveryCode(code_hash=_hash(user, code)) for code in codes]
    return ["-".join(code[i:i + 4] for i in range(0, _RECOVERY_LENGTH, 4)) for code in codes]


def check(user: User, code: str) -> str | None:
    """Whether ``code`` proves the second factor: "app" for a code from the
    app, "recovery" for a recovery code, None for neither. Each is accepted
    once; commits what it used up."""
    code = _digits(code)
    if not user.has_two_factor or not code:
        return None
    if code.isdigit():
        return "app" if _use_step(user, _step(_totp(user.totp_secret), code)) else None
    return "recovery" if _use_recovery_code(user, code) else None


def _use_step(user: User, step: int | None) -> bool:
    """Store ``step`` as the last one used, unless it (or a later one) was
    used already; one UPDATE, so that two requests cannot both succeed."""
    if step is None:
        return False
    result = db.session.execute(
        db.update(User).where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount != 1:
        return False
    user.totp_last_step = step
    return True


def _use_recovery_code(user: User, code: str) -> bool:
    result = db.session.execute(
        db.update(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(user, code),
                                      RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow()).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    _record("account.recovery_code_used", user)
    db.session.commit()
    db.session.expire(user, ["recovery_codes"])
    return True


def _record(action: str, user: User) -> None:
    """Audit an account's change once for each municipality where it holds
    a role, so that the admins there see it in their audit log."""
    for municipality in [membership.municipality for membership in user.memberships] or [None]:
        audit.record(action, municipality, user)


# -- the step between password and code ---------------------------------------
def begin_pending(user: User, next_url: str | None) -> None:
    """Remember, in a fresh session without any log-in, that ``user`` gave
    the right password and is to be asked for a code."""
    session.clear()
    session[_PENDING_KEY] = {"uid": user.id, "version": user.session_version or 0,
                             "at": clock.now().timestamp(), "next": next_url}


def pending() -> tuple[User, str | None] | None:
    """The user (and where they wanted to go) waiting for the code page,
    or None when there is none or it has expired or been overtaken (a new
    password, two-factor turned off meanwhile)."""
    state = session.get(_PENDING_KEY)
    if not isinstance(state, dict):
        return None
    age = clock.now().timestamp() - float(state.get("at", 0))
    if not 0 <= age <= PENDING_MAX_AGE.total_seconds():
        return None
    user = db.session.get(User, state.get("uid"))
    if user is None or (user.session_version or 0) != state.get("version") or not user.has_two_factor:
        return None
    return user, state.get("next")


def pending_user_id() -> str:
    """For the rate limits of the code page: whose codes are being tried."""
    state = session.get(_PENDING_KEY)
    return str(state.get("uid")) if isinstance(state, dict) else "-"


def end_pending() -> None:
    session.pop(_PENDING_KEY, None)
