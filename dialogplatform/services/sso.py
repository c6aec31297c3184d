"""Single sign-on for staff through OpenID Connect: who the provider says
someone is, and which municipality roles their groups give them.

The provider is the authority for the municipalities its group mapping
names: at each sign-in the person's role there becomes the highest role
their groups grant, or none. Roles in other municipalities (granted by
invitation) are left alone.

Two kinds of provider: the instance's (configured by its operator, trusted
to vouch for any address: an existing account with the address is linked)
and a municipality's own (configured by that municipality's admin: it may
only sign in accounts it created or that are linked to it, and grant roles
in that municipality, so it can never take over anyone else's account).
"""
from ..extensions import db
from ..models import Membership, Municipality, MunicipalitySignOn, SignOnIdentity, User
from ..models.types import utcnow
from . import accounts, audit
from .sso_mapping import GroupRole


def enabled(config) -> bool:
    """Single sign-on is on when an issuer and a client are configured."""
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


class SignInRefused(Exception):
    """The provider's answer does not identify a person we may sign in."""


class AccountNotLinked(SignInRefused):
    """A municipality's provider named the address of an existing account
    that was never linked to it."""


def municipality_sign_on(municipality) -> MunicipalitySignOn | None:
    """The municipality's provider when it is switched on and complete."""
    sign_on = db.session.scalar(db.select(MunicipalitySignOn).filter_by(municipality_id=municipality.id))
    if sign_on and sign_on.enabled and sign_on.issuer and sign_on.client_id:
        return sign_on
    return None


def municipality_sign_on_for(path: str | None) -> tuple[str, str] | None:
    """(slug, provider name) when ``path`` (a log-in's "next") lies in a
    municipality whose own provider is on: its staff get its button."""
    slug = (path or "").lstrip("/").split("/", 1)[0]
    if not slug or not (path or "").startswith("/"):
        return None
    municipality = db.session.scalar(db.select(Municipality).filter_by(slug=slug))
    sign_on = municipality_sign_on(municipality) if municipality else None
    return (slug, sign_on.provider_name or municipality.name) if sign_on else None


def _verified_email(claims: dict) -> str:
    email = (claims.get("email") or "").strip()
    if not email or "@" not in email:
        raise SignInRefused("no e-mail address")
    if claims.get("email_verified") is False:
        raise SignInRefused("e-mail address not verified")
    return accounts.normalise_email(email)


def sign_in(claims: dict, groups_claim: str, group_roles: list[GroupRole], *, issuer: str,
            trusted: bool) -> User:
    """The account for the provider's ``claims``, created when new, with its
    roles set from the groups; the caller logs it in. Commits. ``trusted``:
    the instance's provider, which may vouch for an existing account."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefused("no subject")
    linked = db.session.scalar(db.select(SignOnIdentity).filter_by(issuer=issuer, subject=subject))
    user = db.session.get(User, linked.user_id) if linked else None
    if user is None:
        user = _unlinked_account(claims, trusted)
        db.session.add(SignOnIdentity(user_id=user.id, issuer=issuer, subject=subject))
    groups = claims.get(groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    _set_roles(user, set(groups), group_roles)
    db.session.commit()
    return user


def _unlinked_account(claims: dict, trusted: bool) -> User:
    email = _verified_email(claims)
    user = accounts.find_user(email)
    if user is not None and not trusted:
        raise AccountNotLinked("existing account")
    if user is None:
        # The provider vouches for the address: the account is confirmed; it
        # has no password (one can be set through "forgot password").
        user = User(email=email, display_name=(claims.get("name") or email.split("@")[0])[:120],
                    confirmed_at=utcnow())
        db.session.add(user)
        db.session.flush()
        audit.record("sso.account_created", target=user)
    elif user.confirmed_at is None:
        user.confirmed_at = utcnow()
    return user


def _set_roles(user: User, groups: set[str], group_roles: list[GroupRole]) -> None:
    slugs = {mapping.municipality_slug for mapping in group_roles}
    named = db.select(Municipality).where(Municipality.slug.in_(slugs))
    municipalities = {municipality.slug: municipality for municipality in db.session.scalars(named)}
    for slug, municipality in municipalities.items():
        granted = [m.role for m in group_roles if m.municipality_slug == slug and m.group in groups]
        membership = db.session.scalar(
            db.select(Membership).filter_by(user_id=user.id, municipality_id=municipality.id))
        best = max(granted, key=lambda role: role.rank) if granted else None
        current = membership.role if membership else None
        if best is None and membership is not None:
            db.session.delete(membership)
        elif best is not None and membership is None:
            db.session.add(Membership(user=user, municipality_id=municipality.id, role=best.value))
        elif best is not None:
            membership.role = best.value
        if (best.value if best else None) != current:
            audit.record("sso.role_changed", municipality=municipality, target=user,
                         before=current or "", after=best.value if best else "")
