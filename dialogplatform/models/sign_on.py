"""Single sign-on: a municipality's own OpenID Connect provider, and the
provider identities that accounts are linked to."""
from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class MunicipalitySignOn(db.Model):
    """A municipality's staff directory, connected by its admin. Its groups
    give roles in that municipality only."""

    __tablename__ = "municipality_sign_on"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    issuer: Mapped[str] = mapped_column(String(500), default="")
    client_id: Mapped[str] = mapped_column(String(255), default="")
    client_secret: Mapped[str] = mapped_column(String(500), default="")
    groups_claim: Mapped[str] = mapped_column(String(100), default="groups")
    # "group=role" per line; roles of this municipality only.
    group_roles: Mapped[str] = mapped_column(Text, default="")
    provider_name: Mapped[str] = mapped_column(String(100), default="")

    municipality = relationship("Municipality")


class SignOnIdentity(db.Model):
    """An account's identity at a provider (issuer + subject). A
    municipality's provider signs in only accounts linked to it this way."""

    __tablename__ = "sign_on_identity"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    created_at = mapped_column(UTCDateTime, default=utcnow)
