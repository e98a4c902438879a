"""What changed in a session, as Markdown to paste into a newsletter and as JSON for tools
(the HTML page is :func:`resdiff.render.site.session_page`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from resdiff.core.model import Resolution
from resdiff.diff.digest import SessionEntry, SessionReport


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
        else (" (adopted in plenary)" if report.committee == "plenary" else f" ({report.committee} Committee)")
    )
    return f"What changed in the {_ordinal(report.session)} session{committee}"


def _dated(res: Resolution) -> str:
    return f"{res.short} ({res.adopted})" if res.adopted else res.short


def render_session_md(report: SessionReport) -> str:
    lines = [f"# {heading(report)}", ""]
    continued = report.continued
    lines.append(f"Resolutions continuing a series: {len(continued)}; new to the store: {len(report.new)}.")
    lines.append("")
    for e in continued:
        before, d = e.continuation()
        lines += [f"## {e.title}", "", f"**{_dated(e.version)}**, following {_dated(before)}. {d.sentence()}"]
        items = [f"- New {m.id}: “{m.text}”" for m in d.new]
        items += [f"- Dropped {m.id} (of {before.short}): “{m.text}”" for m in d.dropped]
        items += [f"- Stronger {s.id}: *{s.old}* → *{s.new}*" for s in d.strengthened]
        items += [f"- Weaker {s.id}: *{s.old}* → *{s.new}*" for s in d.weakened]
        if items:
            lines += [""] + items
        lines.append("")
    if report.new:
        lines += ["## New (no earlier version in the store)", ""]
        lines += [f"- {_dated(e.version)} {e.title}" for e in report.new]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_session_json(report: SessionReport, pair_href: Callable[[Resolution, Resolution], str] | None = None) -> str:
    def entry(e: SessionEntry) -> dict:
        out: dict = {"series": e.series, "title": e.title, "symbol": e.version.symbol, "adopted": e.version.adopted}
        if e.predecessor is not None:
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
            if pair_href:
                out["pair_page"] = pair_href(e.predecessor, e.version)
        return out

    data = {
        "session": report.session,
        "committee": report.committee,
        "changed": [entry(e) for e in report.continued],
        "new": [entry(e) for e in report.new],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
