"""Texts that municipalities and organisers write, in the residents' languages.

A text is stored as ``{language code: text}``; older rows may still hold a
plain string, which counts as the municipality's default language.
``pick`` chooses the reader's language, else the default, and returns a
``LocalText``: a ``str`` that also knows its language, so that a page can mark
a fallback with ``lang`` (and every user-written text with ``dir="auto"``,
so that German punctuation does not flip on an Arabic page).
"""
from flask_babel import get_locale
from markupsafe import Markup, escape


class LocalText(str):
    """A text and the language it is written in; ``is_fallback`` when the
    reader asked for another language that the text does not have."""

    lang: str | None
    is_fallback: bool

    def __new__(cls, text: str = "", lang: str | None = None, is_fallback: bool = False):
        value = super().__new__(cls, text or "")
        value.lang = lang
        value.is_fallback = is_fallback
        return value

    @property
    def text(self) -> str:
        return str.__str__(self)

    def __reduce__(self):
        return (LocalText, (self.text, self.lang, self.is_fallback))


def as_texts(value, default_language: str) -> dict:
    """``{code: text}`` from a stored value (a dict, an old plain string, None)."""
    if isinstance(value, dict):
        return {code: text for code, text in value.items() if isinstance(text, str) and text.strip()}
    if isinstance(value, str) and value.strip():
        return {default_language: value}
    return {}


def with_translations(text: str, translations: dict | None, default_language: str) -> dict:
    """``{code: text}`` of a text kept in its own column (the default
    language) with its translations beside it."""
    return {**as_texts(translations, default_language), default_language: text or ""}


def pick(texts, language: str, default_language: str) -> LocalText:
    """The text in ``language``, else in the default language, else in any
    language that has one; empty when there is none."""
    texts = as_texts(texts, default_language)
    for code in (language, default_language):
        if texts.get(code):
            return LocalText(texts[code], code, code != language)
    for code, text in texts.items():
        return LocalText(text, code, code != language)
    return LocalText("", None, False)


def line_choices(texts, language: str, default_language: str, split) -> list[tuple[str, LocalText]]:
    """Choices written as one line each, per language (e.g. topics): pairs of
    (stored value, label in ``language``). The stored value is the default
    language's line at the same position, so that answers given in any
    language count together; a language with fewer lines shows the default
    language's line for the rest (marked as such). ``split(text)`` gives the
    lines of one language's text."""
    lists = {code: split(text) for code, text in as_texts(texts, default_language).items()}
    values = lists.get(default_language) or next((items for items in lists.values() if items), [])
    values_lang = default_language if lists.get(default_language) else next(
        (code for code, items in lists.items() if items), default_language)
    own = lists.get(language) or []
    return [(value, LocalText(own[index], language) if index < len(own)
             else LocalText(value, values_lang, language != values_lang)) for index, value in enumerate(values)]


def missing(texts, languages, default_language: str) -> list[str]:
    """The offered languages (codes, in order) that have no text yet."""
    present = as_texts(texts, default_language)
    return [code for code in languages if not present.get(code)]


def page_language() -> str:
    return str(get_locale())


def text_attrs(value, page: str | None = None) -> Markup:
    """`` dir="auto"`` and, when the text is in another language than the
    page, `` lang="xx"``: for the element that holds a user-written text."""
    lang = getattr(value, "lang", None)
    attrs = Markup(' dir="auto"')
    if lang and lang != (page or page_language()):
        attrs += Markup(' lang="{}"').format(lang)
    return attrs


def user_text(value, block: bool = False, html: bool = False, tag: str | None = None,
              class_: str | None = None) -> Markup:
    """A user-written text in its own element with ``dir="auto"`` and its
    ``lang``: plain text escaped, line breaks kept; ``html=True`` for the
    legal texts (sanitised again: only the safe subset survives)."""
    text = str(value or "")
    if not text.strip():
        return Markup("")
    if html:
        from .services.municipalities import sanitise

        body = Markup(sanitise(text))
    else:
        body = Markup("<br>").join(escape(line) for line in text.splitlines())
    name = tag or ("div" if block or html else "span")
    css = Markup(' class="{}"').format(class_) if class_ else Markup("")
    return Markup("<{0}{1}{2}>{3}</{0}>").format(Markup(name), css, text_attrs(value), body)
