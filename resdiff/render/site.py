"""The index page of the whole-store site: every series, with a filter box, and every session
(each session's page is :mod:`resdiff.render.session`).

Like :mod:`resdiff.render.html`, templates receive these documented dataclasses, never HTML.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeriesRow:
    """One series in the site index: its slug, title, versions (short symbols) and page."""

    slug: str
    title: str
    versions: list[str]
    href: str


@dataclass(frozen=True)
class SessionLink:
    session: int
    href: str
    changed: int  # resolutions with a predecessor
    new: int


@dataclass(frozen=True)
class SitePage:
    """``site.html``: every series (filterable) and every session."""

    series: list[SeriesRow]
    sessions: list[SessionLink]


def site_page(series: list[SeriesRow], sessions: list[SessionLink]) -> SitePage:
    return SitePage(sorted(series, key=lambda r: r.title.casefold()), sessions)
