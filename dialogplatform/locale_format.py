"""Lists, numbers and date-time ranges in the reader's locale, from CLDR
through Babel, never glued by hand: Arabic joins a list with "و" and "،",
German writes 12.000 and English 12,000, and each language puts a date and
its times together with its own pattern. The locale is Flask-Babel's (the
page's, or the report's inside ``force_locale``); times are shown in the
platform's time zone like every other date."""
from decimal import Decimal

from babel import lists, numbers
from babel.dates import format_interval
from flask_babel import format_date, format_time, get_locale, get_timezone, to_user_timezone


def locale_list(items) -> str:
    """``["Deutsch", "Arabisch"]`` as "Deutsch und Arabisch" (CLDR's standard
    list; Babel lacks the other styles for several of our locales)."""
    words = [str(item) for item in items if item not in (None, "")]
    return lists.format_list(words, locale=get_locale()) if words else ""


def number(value) -> str:
    """A count or an amount with the locale's separators ("" for none);
    anything else (a protected format's banded count) as its own text."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return numbers.format_decimal(value, locale=get_locale())
    return str(value)


def percent(value) -> str:
    """A share (0.25) as the locale writes a percentage."""
    return numbers.format_percent(value, locale=get_locale()) if value is not None else ""


def date_and_time(date_text: str, time_text: str, width: str = "full") -> str:
    """A date and a time (or time range) joined by the locale's own pattern
    ("{1}, {0}" in German, "{1}، ساعت {0}" in Farsi)."""
    pattern = str(get_locale().datetime_formats[width])
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def when(value, width: str = "full") -> str:
    """A date (``width``: full, long, medium or short) and its time without
    seconds, joined by the locale's pattern; the templates' ``datetime``."""
    if not value:
        return ""
    return date_and_time(format_date(value, width), format_time(value, "short"), width)


def date_range(start, end, width: str = "full") -> str:
    """An event's time: "Donnerstag, 17. Dezember 2026, 19:00–21:30 Uhr" with
    the locale's time interval on one day; both full dates and times joined
    by the locale's interval pattern when it ends on another day."""
    if not start:
        return ""
    if not end or end == start:
        return when(start, width)
    locale = get_locale()
    if to_user_timezone(start).date() == to_user_timezone(end).date():
        skeleton = "hm" if "h" in locale.time_formats["short"].pattern else "Hm"
        times = format_interval(start, end, skeleton, tzinfo=get_timezone(), locale=locale)
        return date_and_time(format_date(start, width), times, width)
    return locale.interval_formats[None].format(when(start, width), when(end, width))


def day_range(first, last, width: str = "long") -> str:
    """A period of days ("1. März 2030 – 30. November 2030"), both days in
    full joined by the locale's interval pattern ("… تا …" in Farsi)."""
    if not first:
        return ""
    if not last or last == first:
        return format_date(first, width)
    return get_locale().interval_formats[None].format(format_date(first, width), format_date(last, width))
