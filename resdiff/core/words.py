"""Counts as messages write them: "1 footnote", "18 footnotes", "1 series"."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun, singular for one.

    >>> plural(1, "footnote"), plural(18, "footnote"), plural(2, "series", "series")
    ('1 footnote', '18 footnotes', '2 series')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"
