"""Which groups of an identity provider give which municipality roles: the
mapping's format, read by the settings check at start and at each sign-in."""
from dataclasses import dataclass

from ..models.people import Role


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


def parse_municipality_group_roles(text: str, slug: str) -> list[GroupRole]:
    """A municipality's mapping, ``group=role`` per line or comma-separated."""
    entries = [entry.strip() for line in (text or "").splitlines() for entry in line.split(",")]
    return parse_group_roles(",".join(f"{group}={slug}:{role}" for group, _, role in
                                      (entry.partition("=") for entry in entries if entry)))
