"""Password strength: zxcvbn's estimate, with our own translated advice.

zxcvbn knows the common passwords, names, keyboard rows, sequences and
dates, and how fast each is guessed; its feedback is English only, so the
kinds of weakness it found are mapped to messages in our catalogs.
"""
import re

from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

# 3: "safely unguessable" against an online attack and a slow hash.
MIN_SCORE = 3
# zxcvbn takes longer with length; anything this long is strong anyway.
CHECKED_LENGTH = 100

GENERAL = _l(
    "This password is too easy to guess. Use a longer one, for example several words that do not belong together.")
COMMON = _l("This password is one of the most common passwords.")
PERSONAL = _l("The password must not contain your name or your e-mail address.")
PATTERN = _l("Rows of keys, sequences and repeated characters such as 12345 or aaaa are easy to guess.")
DATE = _l("Years and dates are easy to guess.")
WORD = _l("Single words and names are easy to guess.")


def _kind(match: dict):
    pattern = match["pattern"]
    if pattern == "dictionary":
        return {"passwords": COMMON, "user_inputs": PERSONAL}.get(match.get("dictionary_name"), WORD)
    if pattern in ("spatial", "repeat", "sequence"):
        return PATTERN
    if pattern == "date" or match.get("regex_name") == "recent_year":
        return DATE
    return None


def problems(password: str, personal: tuple[str, ...] = ()) -> list:
    """Empty when the password is strong enough; otherwise what is wrong
    with it (lazy translated strings), the general advice last."""
    inputs = [part for value in personal if value for part in re.split(r"[@.\s]+", value.lower()) + [value.lower()]
              if len(part) >= 3]
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return []
    found = []
    for match in result["sequence"]:
        kind = _kind(match)
        if kind is not None and not any(kind is known for known in found):
            found.append(kind)
    return [*found, GENERAL]
