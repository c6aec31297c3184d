"""Single sign-on for staff through OpenID Connect: who the provider says
someone is, and which municipality roles their groups give them.

The provider is the authority for the municipalities its group mapping
names: at each sign-in the person's role there becomes the highest role
their groups grant, or none. Roles in other municipalities (granted by
invitation) are left alone.
"""
from dataclasses import dataclass

from ..extensions import db
from ..models import Membership, Municipality, Role, User
from ..models.types import utcnow
from . import accounts, audit


def enabled(config) -> bool:
    """Single sign-on is on when an issuer and a client are configured."""
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


class SignInRefused(Exception):
    """The provider's answer does not identify a person we may sign in."""


@dataclass(frozen=True)
class GroupRole:
    group: str
    municipality_slug: str
    role: Role


def parse_group_roles(setting: str) -> list[GroupRole]:
    """``"group=slug:role, …"`` as GroupRoles; a malformed entry is an error
    naming it (the setting is read at start and at each sign-in)."""
    mapped = []
    for entry in filter(None, (part.strip() for part in (setting or "").split(","))):
        group, equals, target = entry.partition("=")
        slug, colon, role = target.partition(":")
        if not (equals and colon and group.strip() and slug.strip()) or role.strip() not in Role.__members__.values():
            raise ValueError(f"OIDC_GROUP_ROLES: {entry!r} is not group=municipality-slug:role "
                             f"(role one of {', '.join(r.value for r in Role)})")
        mapped.append(GroupRole(group.strip(), slug.strip(), Role(role.strip())))
    return mapped


def _verified_email(claims: dict) -> str:
    email = (claims.get("email") or "").strip()
    if not email or "@" not in email:
        raise SignInRefused("no e-mail address")
    if claims.get("email_verified") is False:
        raise SignInRefused("e-mail address not verified")
    return accounts.normalise_email(email)


def sign_in(claims: dict, groups_claim: str, group_roles: list[GroupRole]) -> User:
    """The account for the provider's ``claims``, created when new, with its
    roles set from the groups; the caller logs it in. Commits."""
    email = _verified_email(claims)
    user = accounts.find_user(email)
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
    groups = claims.get(groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    _set_roles(user, set(groups), group_roles)
    db.session.commit()
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
