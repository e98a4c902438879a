"""What changed in a session: Markdown to paste into a newsletter, JSON for tools, and the HTML
page of the site (``session.html``), whose entries link to the pair pages of `resdiff report`.

Like :mod:`resdiff.render.html`, templates receive documented dataclasses, never HTML.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from resdiff.core.model import Committee, Resolution
from resdiff.diff.digest import SessionEntry, SessionReport
from resdiff.render.html import make_environment, pair_filename, render_template


def _ordinal(n: int) -> str:
    """The ordinal of a session number.

    >>> _ordinal(79), _ordinal(71), _ordinal(72), _ordinal(73), _ordinal(11)
    ('79th', '71st', '72nd', '73rd', '11th')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def heading(report: SessionReport) -> str:
    committee = (
        ""
        if report.committee is None
        else (" (adopted in plenary)" if report.committee is Committee.PLENARY else f" ({report.committee} Committee)")
    )
    return f"What changed in the {_ordinal(report.session)} session{committee}"


def _dated(res: Resolution) -> str:
    return f"{res.short} ({res.adopted})" if res.adopted else res.short


def _earlier_not_stored(e: SessionEntry) -> str:
    """For a resolution with no stored predecessor: the earlier members its series names, not stored."""
    return f" (earlier members not stored: {', '.join(e.not_stored_between)})" if e.not_stored_between else ""


def render_session_md(report: SessionReport) -> str:
    lines = [f"# {heading(report)}", ""]
    continued = report.continued
    lines.append(f"Resolutions continuing a series: {len(continued)}; new to the store: {len(report.new)}.")
    lines.append("")
    for e in continued:
        before, d = e.continuation()
        lines += [
            f"## {e.title}",
            "",
            f"**{_dated(e.version)}**, following {_dated(before)}{e.gap_words()}. {d.sentence()}",
        ]
        items = [f"- New {m.id}: “{m.text}”" for m in d.new]
        items += [f"- Dropped {m.id} (of {before.short}): “{m.text}”" for m in d.dropped]
        items += [f"- Stronger {s.id}: *{s.old}* → *{s.new}*" for s in d.strengthened]
        items += [f"- Weaker {s.id}: *{s.old}* → *{s.new}*" for s in d.weakened]
        if items:
            lines += [""] + items
        lines.append("")
    if report.new:
        lines += ["## New (no earlier version in the store)", ""]
        lines += [f"- {_dated(e.version)} {e.title}{_earlier_not_stored(e)}" for e in report.new]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_session_json(report: SessionReport, flat: bool = False) -> str:
    """The session as JSON; each entry with a predecessor names its pair page, found as
    :func:`pair_href` says from the top of the site (``flat``: a store of one series)."""

    def entry(e: SessionEntry) -> dict:
        out: dict = {"series": e.series, "title": e.title, "symbol": e.version.symbol, "adopted": e.version.adopted}
        out["not_stored_between"] = list(e.not_stored_between)
        if e.predecessor is not None:
            out["consecutive"] = e.consecutive
            _, d = e.continuation()
            out |= {
                "predecessor": e.predecessor.symbol,
                "summary": d.counts,
                "sentence": d.sentence(),
                "technical_only": d.technical_only,
                "new": [asdict(m) for m in d.new],
                "dropped": [asdict(m) for m in d.dropped],
                "strengthened": [asdict(s) for s in d.strengthened],
                "weakened": [asdict(s) for s in d.weakened],
            }
            out["pair_page"] = pair_href("", None if flat else e.series, e.predecessor, e.version)
        return out

    data = {
        "session": report.session,
        "committee": report.committee,
        "changed": [entry(e) for e in report.continued],
        "new": [entry(e) for e in report.new],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- the page of the site ------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionItem:
    """One resolution of the session: its summary and, with a predecessor, the link to the pair page."""

    title: str
    symbol: str
    adopted: str | None
    predecessor: str | None
    gap: str  # "; 22 texts between are not stored (56/9 … 78/7)", "" when the two are consecutive
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
                e.gap_words(),
                d.sentence(),
                details,
                pair_href(base, None if flat else e.series, before, e.version),
            )
        )
    new = [
        SessionItem(e.title, e.version.short, e.version.adopted, None, _earlier_not_stored(e), "", [], None)
        for e in report.new
    ]
    return SessionPage(heading(report), changed, new)


def render_session_page(
    report: SessionReport, base: str = "", flat: bool = False, templates: Path | None = None
) -> str:
    """``session.html`` for ``report`` (see :func:`session_page`), from the default templates or ``templates``."""
    return render_template(make_environment(templates), "session.html", session_page(report, base, flat))
