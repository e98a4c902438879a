"""The pages of the whole-store site: the index of series and a page per session.

Like :mod:`resdiff.render.html`, templates receive these documented dataclasses, never HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from resdiff.core.model import Resolution
from resdiff.diff.digest import SessionReport
from resdiff.render.html import make_environment, pair_filename, render_template
from resdiff.render.session import heading


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


@dataclass(frozen=True)
class SessionItem:
    """One resolution of the session: its summary and, with a predecessor, the link to the pair page."""

    title: str
    symbol: str
    adopted: str | None
    predecessor: str | None
    sentence: str
    details: list[str]  # "New OP12: “…”", "Stronger OP4: Encourages → Urges"
    href: str | None


@dataclass(frozen=True)
class SessionPage:
    """``session.html``: what changed in a session."""

    heading: str
    changed: list[SessionItem]
    new: list[SessionItem]


def pair_href(base: str, series: str | None, old: Resolution, new: Resolution) -> str:
    """Where `resdiff report` puts a pair page, from a page at ``base``: ``SERIES/OLD_NEW.html``
    in a site of several series, ``OLD_NEW.html`` when ``series`` is None (one series, at the top)."""
    return f"{base}{series}/{pair_filename(old, new)}" if series else f"{base}{pair_filename(old, new)}"


def session_page(report: SessionReport, base: str = "", flat: bool = False) -> SessionPage:
    """The page of a session; pair pages are found at ``base`` + ``SERIES/OLD_NEW.html``, or
    ``base`` + ``OLD_NEW.html`` when ``flat`` (a store of one series)."""
    changed = []
    for e in report.continued:
        before, d = e.continuation()
        details = [f"New {m.id}: “{m.text}”" for m in d.new]
        details += [f"Dropped {m.id} (of {before.short}): “{m.text}”" for m in d.dropped]
        details += [f"Stronger {s.id}: {s.old} → {s.new}" for s in d.strengthened]
        details += [f"Weaker {s.id}: {s.old} → {s.new}" for s in d.weakened]
        changed.append(
            SessionItem(
                e.title,
                e.version.short,
                e.version.adopted,
                before.short,
                d.sentence(),
                details,
                pair_href(base, None if flat else e.series, before, e.version),
            )
        )
    new = [SessionItem(e.title, e.version.short, e.version.adopted, None, "", [], None) for e in report.new]
    return SessionPage(heading(report), changed, new)


def render_session_page(
    report: SessionReport, base: str = "", flat: bool = False, templates: Path | None = None
) -> str:
    """``session.html`` for ``report`` (see :func:`session_page`), from the default templates or ``templates``."""
    return render_template(make_environment(templates), "session.html", session_page(report, base, flat))
