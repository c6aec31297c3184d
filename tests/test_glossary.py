"""Every catalog follows the glossary: no known wrong variant of a key term.

The glossary (dialogplatform/translations/glossary.toml) names, per term, the
msgids that use it (a regular expression on the English source) and, per
language, the variants that reviewers found drifting from the chosen
rendering. A translation that brings one back fails here, naming the file,
the msgid and the variant.
"""
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dialogplatform.languages import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "dialogplatform" / "translations" / "glossary.toml"
LANGUAGES = list(SHIPPED)


def _terms():
    with open(GLOSSARY, "rb") as handle:
        return tomllib.load(handle)["term"]


def _catalogs(language):
    yield ROOT / "dialogplatform" / "translations" / language / "LC_MESSAGES" / "messages.po"
    yield from sorted((ROOT / "plugins").glob(f"*/translations/{language}/LC_MESSAGES/messages.po"))


def _messages(path):
    """(msgid, every msgstr joined) of one catalog; plural forms count together."""
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        yield " ".join(ids), " ".join(string or "" for string in strings)


def drift(language, terms):
    """Every (file, msgid, variant) where a catalog of the language uses a flagged variant."""
    found = []
    checks = [
        (re.compile(term["source"], re.I), re.compile(term["unless"], re.I) if "unless" in term else None,
         [variant.casefold() for variant in term.get("flag", {}).get(language, [])])
        for term in terms
    ]
    checks = [check for check in checks if check[2]]
    for path in _catalogs(language):
        for msgid, msgstr in _messages(path):
            translated = msgstr.casefold()
            for source, unless, variants in checks:
                if not source.search(msgid) or (unless and unless.search(msgid)):
                    continue
                found += [(str(path.relative_to(ROOT)), msgid, variant)
                          for variant in variants if variant in translated]
    return found


def test_the_glossary_is_complete():
    terms = _terms()
    assert len(terms) >= 40
    assert len({term["key"] for term in terms}) == len(terms), "a term key appears twice"
    for term in terms:
        re.compile(term["source"])
        missing = [language for language in LANGUAGES if not term.get(language)]
        assert not missing, f"{term['key']}: no chosen rendering for {missing}"
        for language, variants in term.get("flag", {}).items():
            assert language in LANGUAGES, f"{term['key']}: unknown language {language}"
            assert term[language].casefold() not in [v.casefold() for v in variants], (
                f"{term['key']}/{language}: the chosen rendering is flagged")


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_follow_the_glossary(language):
    found = drift(language, _terms())
    assert not found, f"{language}: {len(found)} glossary drifts:\n" + "\n".join(
        f"  {path}: msgid {msgid!r} uses {variant!r}" for path, msgid, variant in found)


def test_the_check_catches_a_flagged_variant():
    """The check itself: flagging the chosen Turkish "yayımla" finds the publish messages, and
    only those whose msgid matches the term's source."""
    term = {"key": "publish", "source": r"\bpublish", "flag": {"tr": ["yayımla"]}}
    found = drift("tr", [term])
    assert ("dialogplatform/translations/tr/LC_MESSAGES/messages.po", "Publish", "yayımla") in found
    assert all("publish" in msgid.lower() for _path, msgid, _variant in found)
    assert drift("tr", [{**term, "unless": r"publish"}]) == []
