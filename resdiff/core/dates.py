"""Dates as UN documents print them ("7 December 2020") and as resdiff stores them (ISO).

Always in English, whatever the machine's locale: resolutions are read and written in English.
"""

from __future__ import annotations

import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMBER_OF = {name.lower(): k for k, name in enumerate(MONTHS, 1)}
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")


def iso_date(text: str | None) -> str | None:
    """A printed date in ISO form; None for anything else.

    >>> iso_date("7 December 2020"), iso_date("31 June 2020"), iso_date("Monday")
    ('2020-12-07', None, None)
    """
    m = _DAY_MONTH_YEAR_RE.fullmatch(text.strip()) if text is not None else None
    if m is None:
        return None
    month = _NUMBER_OF.get(m.group(2).lower())
    if month is None:
        return None
    from datetime import date  # here: `resdiff compare` reads MONTHS from this module, not dates

    try:
        return date(int(m.group(3)), month, int(m.group(1))).isoformat()
    except ValueError:
        return None


def printed_date(iso: str) -> str:
    """An ISO date as documents print it.

    >>> printed_date("2020-12-07")
    '7 December 2020'
    """
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"
