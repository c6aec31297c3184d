"""Municipality profile and legal texts."""
import nh3

from ..accessibility import easy_language_default
from ..extensions import db
from ..language_forms import texts_from
from ..localtext import as_texts
from ..models.types import utcnow

# Rich text of the imprint and privacy page: a safe subset of HTML.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "address"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto", "tel"})


def privacy_changed(old: dict, new: dict) -> bool:
    """Whether the privacy text changed in what people agreed to: a text of
    a language that had one before is changed or removed. A translation into
    a language that had none adds no new content (the texts say the same),
    so it does not ask everyone to look at the privacy text again."""
    return any(new.get(code, "") != text for code, text in old.items())


def update_profile(municipality, data: dict) -> None:
    """Save the profile; a changed privacy text gets a new version, so that
    every stored consent keeps the version it was given to. The legal texts
    come per language (``privacy_text_<code>``, ``imprint_<code>``)."""
    languages = municipality.content_languages
    old = as_texts(municipality.privacy_text, municipality.default_language)
    privacy = {code: sanitise(text) for code, text in texts_from(data, "privacy_text", languages).items()}
    privacy = {code: text for code, text in privacy.items() if text.strip()}
    if privacy != old:
        if privacy_changed(old, privacy):
            municipality.privacy_version = (municipality.privacy_version or 0) + 1
        municipality.privacy_text = privacy
    imprint = {code: sanitise(text) for code, text in texts_from(data, "imprint", languages).items()}
    municipality.imprint = {code: text for code, text in imprint.items() if text.strip()}
    for field in ("name", "default_language", "contact_email", "contact_phone", "contact_address", "colour"):
        value = data[field]
        setattr(municipality, field, value.strip() if isinstance(value, str) else (value or ""))
    municipality.retention_days = data["retention_days"]
    municipality.languages = list(dict.fromkeys([data["default_language"], *data["languages"]]))
    db.session.commit()


def update_accessibility(municipality, data: dict) -> None:
    """Save the accessibility settings; the statement is dated by this change."""
    municipality.federal_state = data["federal_state"]
    lines = (data["accessibility_limitations"] or "").replace("\r\n", "\n").splitlines()
    municipality.accessibility_limitations = "\n".join(line.strip() for line in lines if line.strip())
    easy = (data["easy_language_text"] or "").replace("\r\n", "\n").strip()
    # The package's text unchanged is not a copy of it: later improvements reach the municipality too.
    municipality.easy_language_text = "" if easy == easy_language_default(municipality).strip() else easy
    municipality.sign_language_video_url = (data["sign_language_video_url"] or "").strip()
    municipality.accessibility_changed_at = utcnow()
    db.session.commit()
