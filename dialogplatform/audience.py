"""Texts worded for the people an event is for: women on a women-only event.

Gendered languages address a woman differently from a man ("أنتِ مسجّلة",
"vous êtes inscrite"). On the pages and in the mails of an event marked
"women only", the core looks each text of ``WOMEN_TEXTS`` up under the
msgctxt ``women`` first; every catalog carries these entries (the same text
where a language does not mark the reader's gender), so a language can word
them for women without touching any other page.
"""
from contextlib import contextmanager
from functools import cached_property

from flask import g, has_app_context
from flask_babel import Babel, Domain, get_translations

WOMEN = "women"


def pgettext_noop(context: str, text: str) -> str:
    """Marks ``text`` for extraction under ``context`` (babel keyword
    ``pgettext_noop:1c,2``); the lookup happens when the text is shown."""
    return text


WOMEN_TEXTS = frozenset({
    pgettext_noop("women", "What do you need to take part?"),
    pgettext_noop("women", "We send you a link to confirm your sign-up."),
    pgettext_noop("women", "Sign up now"),
    pgettext_noop("women", "Hello %(name)s, you are signed up for this dialogue."),
    pgettext_noop("women", "You are already signed up: %(title)s"),
    pgettext_noop("women", "The event is full: you are on the waiting list. "
                           "We will write to you as soon as a seat becomes free."),
    pgettext_noop("women", "The event is full. If you sign up, you join the waiting list "
                           "and we tell you when a seat becomes free."),
    pgettext_noop("women", "Keep this page's address: with it you can see or cancel your sign-up without an account."),
    pgettext_noop("women", "Do you really want to cancel your sign-up? "
                           "Your seat goes to the next person on the waiting list."),
    pgettext_noop("women", "The e-mail also holds your personal link to see or cancel your sign-up. "
                           "No e-mail? Check your spam folder."),
    pgettext_noop("women", "Thank you! Your e-mail address is confirmed. You are on the waiting list."),
    pgettext_noop("women", "Thank you! Your sign-up is confirmed."),
    pgettext_noop("women", "good news: a seat has become free and you have moved up from the waiting list. "
                           "Your sign-up is confirmed."),
    pgettext_noop("women", "your sign-up is confirmed. We look forward to seeing you. The calendar file is attached."),
    pgettext_noop("women", "this is a reminder of the dialogue you signed up for. If you cannot come, "
                           "please cancel so that someone else can take your seat."),
    pgettext_noop("women", "an event you signed up for has changed."),
})
AUDIENCE_TEXTS = {WOMEN: WOMEN_TEXTS}


def context_for(event) -> str | None:
    return WOMEN if event is not None and getattr(event, "women_only", False) else None


def use_event(event) -> None:
    """Word this request's texts for the people ``event`` is for."""
    g.message_context = context_for(event)


@contextmanager
def for_event(event):
    """The same for a block (a mail rendered outside the event's pages)."""
    before = g.get("message_context")
    g.message_context = context_for(event)
    try:
        yield
    finally:
        g.message_context = before


class _AudienceTranslations:
    """The locale's translations; a text of the audience is looked up under
    its msgctxt first (``upgettext`` returns the text itself when a catalog
    lacks the entry, and then the plain translation applies)."""

    def __init__(self, translations, context: str):
        self._translations, self._context = translations, context

    def __getattr__(self, name):
        return getattr(self._translations, name)

    def ugettext(self, message):
        if message in AUDIENCE_TEXTS[self._context]:
            found = self._translations.upgettext(self._context, message)
            if found != message:
                return found
        return self._translations.ugettext(message)

    gettext = ugettext


class AudienceDomain(Domain):
    def get_translations(self):
        """The translations for the request's language and audience, kept on
        ``g`` for as long as both stay the same. A staff page shows some 60
        texts, and Flask-Babel's look-up walks the app context and formats
        the locale's name anew for each of them. The locale is compared by
        identity, like Flask-Babel's own: ``force_locale`` and ``refresh``
        put in a new one (or none), which is then looked up again."""
        if not has_app_context():
            return super().get_translations()
        state = g._get_current_object()
        locale = getattr(getattr(state, "_flask_babel", None), "babel_locale", None)
        context = getattr(state, "message_context", None)
        kept = getattr(state, "_kept_translations", None)
        if kept is not None and locale is not None and kept[0] is self and kept[1] is locale and kept[2] == context:
            return kept[3]
        translations = super().get_translations()
        if context in AUDIENCE_TEXTS:
            translations = _AudienceTranslations(translations, context)
        state._kept_translations = (self, state._flask_babel.babel_locale, context, translations)
        return translations


def _translations():
    """Flask-Babel's ``get_translations`` without its detour through the
    request's domain when the instance's own is in use (the templates'
    ``_`` asks for it once per text)."""
    if has_app_context():
        domain = getattr(getattr(g._get_current_object(), "_flask_babel", None), "babel_domain", None)
        if domain is not None:
            return domain.get_translations()
    return get_translations()


class AudienceBabel(Babel):
    """Flask-Babel with the audience-aware domain (templates and lazy texts alike)."""

    @cached_property
    def domain_instance(self):
        return AudienceDomain(domain=self.domain)

    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        app.jinja_env.install_gettext_callables(
            gettext=lambda s: _translations().ugettext(s),
            ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
            newstyle=True,
            pgettext=lambda c, s: _translations().upgettext(c, s),
            npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        )
