"""People: accounts, their roles per municipality, invitations."""
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Role(StrEnum):
    """Roles within one municipality; each includes the rights of the next."""

    ADMIN = "admin"
    ORGANISER = "organiser"
    MODERATOR = "moderator"
    # Signs people up on their behalf (e.g. a social worker at an accommodation).
    HELPER = "helper"

    @property
    def rank(self) -> int:
        return {"admin": 4, "organiser": 3, "moderator": 2, "helper": 1}[self.value]


class User(UserMixin, db.Model):
    """An account; its roles per municipality are its ``memberships``."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so the unique index is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    language: Mapped[str | None] = mapped_column(String(8))
    confirmed_at = mapped_column(UTCDateTime, nullable=True)
    is_instance_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # The Land role (a ministry desk, the LpB, the Beirat's office): held on
    # the instance, not in a municipality; sees recommendations addressed to
    # the Land and funding, never participant data.
    is_land_staff: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # The body a Land account answers for (e.g. "Ministerium für Soziales"):
    # published with the Land's answers instead of the person's name.
    land_body: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)
    # Part of the log-in id in every session and remember-me cookie: raising
    # it (log-out, new password) ends all sessions of the account at once.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Two-factor sign-in (TOTP, services/two_factor.py): the shared key (in
    # use from totp_enabled_at on, once a code confirmed it on set-up), and
    # the last time step accepted, so that no code is accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at = mapped_column(UTCDateTime, nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(cascade="all, delete-orphan")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version or 0}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    def role_in(self, municipality) -> Role | None:
        for membership in self.memberships:
            if membership.municipality_id == municipality.id:
                return Role(membership.role)
        return None

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    def has_role(self, municipality, minimum: Role) -> bool:
        """True when the user holds ``minimum`` or a higher role there. A role
        for which two-factor sign-in is required counts only once it is set
        up (see ``services.two_factor``)."""
        from ..services import two_factor

        if self.is_instance_admin and not two_factor.missing_for_instance_admin(self):
            return True
        role = self.role_in(municipality)
        return (role is not None and role.rank >= minimum.rank
                and not two_factor.missing_for_role(self, municipality, role))

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class RecoveryCode(db.Model):
    """A single-use code that stands in for the authenticator app; only its
    hash is stored, the code itself is shown once."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at = mapped_column(UTCDateTime, nullable=True)


class Membership(db.Model):
    """A user's role (``Role`` value) in one municipality."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))

    user: Mapped[User] = relationship(back_populates="memberships")
    municipality = relationship("Municipality")

    @property
    def for_land(self) -> bool:
        return self.role == LAND_ROLE


#: ``Invitation.role`` of an invitation to the Land role (no municipality).
LAND_ROLE = "land"


class Invitation(db.Model):
    """An e-mail invitation to a role; the link in the mail works once.
    An invitation to the Land role (``role == LAND_ROLE``) has no
    municipality and names the body the person will answer for."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    land_body: Mapped[str] = mapped_column(String(200), default="", server_default="")
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at = mapped_column(UTCDateTime, default=utcnow)
    accepted_at = mapped_column(UTCDateTime, nullable=True)

    municipality = relationship("Municipality")

    @property
    def for_land(self) -> bool:
        return self.role == LAND_ROLE
