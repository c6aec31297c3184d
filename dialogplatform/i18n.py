"""Choosing the interface language and formatting for it."""
from functools import cache

from babel import support
from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .languages import own_name

LANGUAGE_COOKIE = "lang"


# Language names in the reader's language, for forms and event facts.
LANGUAGE_LABELS = {
    "de": _l("German"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "fa": _l("Farsi"),
    "uk": _l("Ukrainian"),
    "tr": _l("Turkish"),
    "ru": _l("Russian"),
    "ku": _l("Kurdish"),
    "ti": _l("Tigrinya"),
    "ps": _l("Pashto"),
    "fr": _l("French"),
    "so": _l("Somali"),
    "sq": _l("Albanian"),
    "dgs": _l("German Sign Language"),
}


@cache
def _wtforms_catalog(locale: str) -> support.Translations:
    from wtforms.i18n import messages_path

    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class WTFormsCatalog:
    """Request mixin: Flask-WTF reads WTForms' own messages ("Not a valid
    e-mail address.") from ``request.wtforms_translations`` and, when it is
    missing, parses the catalog from disk on every request that builds a
    form. Here it is parsed once per language and process."""

    @property
    def wtforms_translations(self) -> support.Translations:
        return _wtforms_catalog(str(get_locale()))


def supported() -> list[str]:
    return current_app.config["LANGUAGES"]


def language_names() -> dict[str, str]:
    """The instance's interface languages, each by its name in itself (the switcher)."""
    return {code: own_name(code) for code in supported()}


def select_locale() -> str:
    """?lang= (remembered by the after-request hook in the cookie), then
    the cookie (only ever set by such an explicit choice), then the language
    of the record the page is about (a sign-up's personal and confirmation
    pages: ``use_record_language``), then the account, then Accept-Language,
    then the municipality's default."""
    languages = supported()
    if not has_request_context():  # CLI and jobs: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    record_language = g.get("record_language")
    if record_language in languages:
        return cookie if cookie in languages else record_language
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if cookie in languages:
        return cookie
    best = request.accept_languages.best_match(languages)
    if best:
        return best
    municipality = g.get("municipality")
    if municipality is not None and municipality.default_language in languages:
        return municipality.default_language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def use_record_language(language: str | None) -> None:
    """Show this request's page in ``language`` (a sign-up's language),
    whatever the browser or the account asks for; a language the person
    chose explicitly (?lang=, or earlier in this browser) still wins."""
    from flask_babel import refresh

    g.record_language = language
    refresh()


def remember_language(response):
    """Keep an explicitly chosen language in a cookie and in the account."""
    asked = request.args.get("lang")
    if asked in supported():
        response.set_cookie(LANGUAGE_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        if current_user.is_authenticated and current_user.language != asked:
            from .extensions import db

            current_user.language = asked
            db.session.commit()
    return response


def text_direction(language: str) -> str:
    """``"rtl"`` for a right-to-left language (``RTL_LANGUAGES``), else ``"ltr"``."""
    return "rtl" if language in current_app.config["RTL_LANGUAGES"] else "ltr"
