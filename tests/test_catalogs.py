"""Every catalog (core and plugins) is complete and matches the code."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["de", "en", "ar", "fa", "uk", "tr"]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None,
            "lazy_ngettext": (1, 2)}
NON_LATIN = {"ar", "fa", "uk"}


def catalog_sources():
    """(name, source folder, babel.cfg, translations folder) for core and each plugin."""
    yield "core", ROOT / "dialogplatform", ROOT / "babel.cfg", ROOT / "dialogplatform" / "translations"
    for cfg in sorted((ROOT / "plugins").glob("*/babel.cfg")):
        yield cfg.parent.name, cfg.parent, cfg, cfg.parent / "translations"


SOURCES = list(catalog_sources())


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _extracted(source: Path, cfg: Path) -> set[str]:
    with open(cfg) as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(source), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, (tuple, list)) else message)
    return found


@pytest.mark.parametrize("name,source,cfg,translations", SOURCES, ids=[s[0] for s in SOURCES])
def test_every_string_in_the_code_is_in_every_catalog(name, source, cfg, translations):
    strings = _extracted(source, cfg)
    assert strings, f"no strings found for {name}"
    for language in LANGUAGES:
        catalog = _read(translations / language / "LC_MESSAGES" / "messages.po")
        ids = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}
        missing = sorted(strings - ids)
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
            if message.id in seen and seen[message.id][1] != message.string:
                conflicts.append(f"{message.id!r}: {seen[message.id][0]} vs {name}")
            seen.setdefault(message.id, (name, message.string))
    assert not conflicts, "; ".join(conflicts[:10])
