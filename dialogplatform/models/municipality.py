"""A municipality (Kommune): the tenant that owns events and staff."""
from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class Municipality(db.Model):
    """The tenant: a municipality that owns events, staff and processes."""

    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    default_language: Mapped[str] = mapped_column(String(8), default="de")
    languages: Mapped[list] = mapped_column(JSON, default=lambda: ["de"])
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(64), default="")
    contact_address: Mapped[str] = mapped_column(Text, default="")
    # {language code: sanitised HTML}; the default language is the fallback.
    imprint: Mapped[dict] = mapped_column(JSON, default=dict)
    privacy_text: Mapped[dict] = mapped_column(JSON, default=dict)
    privacy_version: Mapped[int] = mapped_column(Integer, default=1)
    colour: Mapped[str] = mapped_column(String(7), default="#1d4f91")
    # Personal data of past events is anonymised this many days after them.
    retention_days: Mapped[int] = mapped_column(Integer, default=180)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    # Accessibility statement and the explanations of BITV 2.0 § 4.
    # The federal state decides which enforcement body the statement names.
    federal_state: Mapped[str] = mapped_column(String(2), default="BW", server_default="BW")
    # The municipality's own known limitations, one per line.
    accessibility_limitations: Mapped[str] = mapped_column(Text, default="", server_default="")
    # When these settings last changed (the statement's date, with the package's list).
    accessibility_changed_at = mapped_column(UTCDateTime, nullable=True)
    # The explanation in Leichte Sprache; empty: the package's default text.
    easy_language_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A DGS video elsewhere (https); an uploaded one lives in the instance folder.
    sign_language_video_url: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # The lowest staff role (``Role`` value) that must sign in with a second
    # factor here; None: nobody has to.
    two_factor_role: Mapped[str | None] = mapped_column(String(16))

    @property
    def content_languages(self) -> list[str]:
        """The default language first, then the others offered."""
        rest = [code for code in (self.languages or []) if code != self.default_language]
        return [self.default_language, *rest]

    def __repr__(self) -> str:
        return f"<Municipality {self.slug}>"
