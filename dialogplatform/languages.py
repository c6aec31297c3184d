"""The interface languages the package ships, found, not listed.

A language is shipped when the core has a catalog for it
(``dialogplatform/translations/<code>/LC_MESSAGES/messages.po``, written by
``pybabel init``). Everything else about it comes from CLDR through Babel:
its name in itself for the switcher, its direction, plurals, numbers and
dates. Adding a language is therefore one step (CONTRIBUTING.md, "Add an
interface language"); the ``LANGUAGES`` setting then chooses among them.
"""
from functools import cache
from pathlib import Path

from babel import Locale

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
REFERENCE = "de"  # the source of meaning and the default interface language
FIRST = (REFERENCE, "en")  # then the others by code


def _shipped() -> tuple[str, ...]:
    found = {path.parent.parent.name for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")}
    found.add(REFERENCE)
    first = [code for code in FIRST if code in found]
    return (*first, *sorted(found - set(first)))


SHIPPED: tuple[str, ...] = _shipped()


@cache
def own_name(code: str) -> str:
    """The language's name in itself ("Русский", "ትግርኛ", "Kurdî (Kurmancî)"),
    with a capital where the script has one, as a menu item starts."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@cache
def right_to_left(code: str) -> bool:
    return Locale.parse(code).character_order == "right-to-left"
