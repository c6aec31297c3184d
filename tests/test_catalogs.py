"""Every catalog (core and plugins) is complete and matches the code."""
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from dialogplatform.languages import SHIPPED, own_name

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = list(SHIPPED)  # every language with a core catalog
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None,
            "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3), "pgettext_noop": ((1, "c"), 2),
            "_lp": ((1, "c"), 2)}
# Scripts without Latin letters: there a msgstr equal to its English msgid is a forgotten entry.
NON_LATIN = {code for code in SHIPPED if not re.search("[a-z]", own_name(code), re.I)}


def catalog_sources():
    """(name, source folder, babel.cfg, translations folder) for core and each plugin."""
    yield "core", ROOT / "dialogplatform", ROOT / "babel.cfg", ROOT / "dialogplatform" / "translations"
    for cfg in sorted((ROOT / "plugins").glob("*/babel.cfg")):
        yield cfg.parent.name, cfg.parent, cfg, cfg.parent / "translations"


SOURCES = list(catalog_sources())


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _key(message) -> tuple[str | None, str]:
    """(msgctxt, msgid): a context makes another message of the same text."""
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def _extracted(source: Path, cfg: Path) -> set[tuple[str | None, str]]:
    with open(cfg) as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(source), method_map, options_map, keywords=KEYWORDS
    ):
        found.add((context, message[0] if isinstance(message, (tuple, list)) else message))
    return found


@pytest.mark.parametrize("name,source,cfg,translations", SOURCES, ids=[s[0] for s in SOURCES])
def test_every_string_in_the_code_is_in_every_catalog(name, source, cfg, translations):
    strings = _extracted(source, cfg)
    assert strings, f"no strings found for {name}"
    for language in LANGUAGES:
        catalog = _read(translations / language / "LC_MESSAGES" / "messages.po")
        ids = {_key(message) for message in catalog if message.id}
        missing = sorted(strings - ids, key=str)
        assert not missing, f"{name}/{language}: not in the catalog: {missing[:10]}"


@pytest.mark.parametrize("name,source,cfg,translations", SOURCES, ids=[s[0] for s in SOURCES])
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_real(name, source, cfg, translations, language):
    catalog = _read(translations / language / "LC_MESSAGES" / "messages.po")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"empty: {message.id!r}")
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if language in NON_LATIN and strings[0] == msgid and any(c.isalpha() for c in msgid):
            problems.append(f"copied from English: {msgid!r}")
        errors = list(message.check(catalog))
        if errors:
            problems.append(f"{msgid!r}: {errors}")
    assert not problems, f"{name}/{language}: " + "; ".join(problems[:10])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_do_not_contradict_each_other(language):
    """All catalogs are merged into one: the same English text must have the
    same translation everywhere, or one format's wording would silently
    replace another's."""
    seen, conflicts = {}, []
    for name, _source, _cfg, translations in SOURCES:
        for message in _read(translations / language / "LC_MESSAGES" / "messages.po"):
            if not message.id or not isinstance(message.id, str):
                continue
            key = _key(message)
            if key in seen and seen[key][1] != message.string:
                conflicts.append(f"{key!r}: {seen[key][0]} vs {name}")
            seen.setdefault(key, (name, message.string))
    assert not conflicts, "; ".join(conflicts[:10])


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_rules_are_cldrs(language):
    """Each catalog counts with CLDR's plural rule for its language, so that
    form 4 of an Arabic message is the one CLDR means (11–99), not another."""
    expected = get_plural(language)
    for name, _source, _cfg, translations in SOURCES:
        catalog = _read(translations / language / "LC_MESSAGES" / "messages.po")
        header = catalog.mime_headers and dict(catalog.mime_headers).get("Plural-Forms", "")
        assert header.replace(" ", "") == expected.plural_forms.replace(" ", ""), f"{name}/{language}: {header}"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if "few" in Locale.parse(code).plural_form.tags])
def test_plurals_really_differ(language):
    """Where nouns change with the count ("few" in CLDR: Arabic, Ukrainian,
    Russian), a message that gives the same text for every count has not been
    translated as a plural ("تمت إضافة 3 طاولة")."""
    same = []
    for name, _source, _cfg, translations in SOURCES:
        for message in _read(translations / language / "LC_MESSAGES" / "messages.po"):
            if message.pluralizable and len(set(message.string)) < 2:
                same.append(f"{name}: {message.id[0]!r}")
    assert not same, f"{language}: one text for every count: " + "; ".join(same)


# English words that stand for different words elsewhere: a person's name and
# a thing's, a date filter's "from" and a source's, and status words that
# agree with the thing they describe (ملغاة for an event, ملغى for a sign-up).
NEEDS_CONTEXT = {"From", "Name", "Please enter a name.", "Cancelled", "Published", "Draft", "Confirmed",
                 "Expired", "Done", "In progress", "Forwarded", "Declined", "Planned", "Submitted", "Granted",
                 "Approved"}


@pytest.mark.parametrize("name,source,cfg,translations", SOURCES, ids=[s[0] for s in SOURCES])
def test_ambiguous_words_carry_a_context(name, source, cfg, translations):
    bare = sorted(msgid for context, msgid in _extracted(source, cfg) if context is None and msgid in NEEDS_CONTEXT)
    assert not bare, f"{name}: use pgettext/_lp with a context for {bare}"
