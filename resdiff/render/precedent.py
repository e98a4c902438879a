"""A version's precedents as text, Markdown, JSON or a self-contained HTML page.

Every source of a paragraph is listed with its share and adoption date; the word diff from the
source to the paragraph is shown under it, once for a run of sources with the same words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from resdiff.core.words import plural
from resdiff.diff.precedent import ParagraphPrecedent, PrecedentReport, Source, percent
from resdiff.diff.worddiff import Op
from resdiff.formats.markdown import md_escape
from resdiff.render.changes import _term_ops, wrap_segments
from resdiff.render.markdown import _redline
from resdiff.render.spans import Span, View, build_spans

if TYPE_CHECKING:
    import jinja2


def _first(p: ParagraphPrecedent) -> str:
    first = p.first_adopted
    return f"first adopted in {first.short} ({first.adopted})" if first else ""


def _source_line(s: Source, sep: str = "  ") -> str:
    return sep.join(x for x in (s.short, percent(s.share), f"adopted {s.adopted}", s.series) if x)


def _summary(report: PrecedentReport) -> str:
    held = len(report.paragraphs) - report.new_language
    when = f"adopted before {report.before}" if report.before else "adopted at any date"
    where = f" in series {report.series}" if report.series else ""
    return (
        f"{report.name}: {plural(len(report.paragraphs), 'paragraph')}; {held} with an earlier source{where} "
        f"({when}, holding at least {percent(report.min_share)} of its 5-word runs), "
        f"{report.new_language} new language"
    )


def _diffs(sources: tuple[Source, ...]) -> list[tuple[Source, tuple[Op, ...] | None]]:
    """Each source with its diff, None where it is the same as the source's before it."""
    out: list[tuple[Source, tuple[Op, ...] | None]] = []
    for k, s in enumerate(sources):
        out.append((s, None if k and s.ops == sources[k - 1].ops else s.ops))
    return out


def precedent_to_dict(report: PrecedentReport) -> dict[str, object]:
    """The public JSON shape (README, "Precedent")."""

    def source(s: Source) -> dict[str, object]:
        return {
            "symbol": s.symbol,
            "paragraph": s.paragraph,
            "share": round(s.share, 4),
            "adopted": s.adopted,
            "series": s.series,
            "ops": [list(op) for op in s.ops],
        }

    paragraphs = []
    for p in report.paragraphs:
        first = p.first_adopted
        paragraphs.append(
            {
                "id": p.id,
                "new_language": p.new_language,
                "first_adopted": {"symbol": first.symbol, "paragraph": first.paragraph, "adopted": first.adopted}
                if first
                else None,
                "sources": [source(s) for s in p.sources],
            }
        )
    return {
        "symbol": report.symbol,
        "paragraphs": paragraphs,
        "label": report.name,
        "before": report.before,
        "min_share": report.min_share,
        "series": report.series,
    }


def render_precedent_json(report: PrecedentReport) -> str:
    return json.dumps(precedent_to_dict(report), ensure_ascii=False, indent=1) + "\n"


def render_precedent_term(report: PrecedentReport, colour: bool = False, width: int | None = None) -> str:
    lines = wrap_segments([(None, _summary(report))], width, "", "    ") + [""]
    for p in report.paragraphs:
        head = f"{p.id}  {p.label}" + (f" · {_first(p)}" if p.sources else "")
        lines += wrap_segments([("label", head)], width, "", "    ", colour)
        if p.new_language:
            lines += wrap_segments([(None, p.text)], width, "    ", "    ", colour)
        for s, ops in _diffs(p.sources):
            lines += wrap_segments([("dim", _source_line(s))], width, "  ", "      ", colour)
            if ops is not None:
                lines += wrap_segments(_term_ops(ops, colour), width, "      ", "      ", colour)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_precedent_md(report: PrecedentReport) -> str:
    blocks = [f"# Precedents of {md_escape(report.name)}", md_escape(_summary(report)) + "."]
    for p in report.paragraphs:
        blocks.append(f"**{p.id}**: {md_escape(p.label)}" + (f"; {md_escape(_first(p))}" if p.sources else ""))
        if p.new_language:
            blocks.append(f"> {md_escape(p.text)}")
        for s, ops in _diffs(p.sources):
            blocks.append(f"- {md_escape(_source_line(s))}" + (f"\n\n  > {_redline(ops)}" if ops is not None else ""))
    return "\n\n".join(blocks) + "\n"


@dataclass(frozen=True)
class SourceRow:
    """One source of a paragraph on the page; ``spans`` is None where its diff is the one above."""

    line: str
    spans: tuple[Span, ...] | None


@dataclass(frozen=True)
class ParagraphRow:
    id: str
    label: str
    new_language: bool
    first: str
    text: str
    sources: tuple[SourceRow, ...]


@dataclass(frozen=True)
class PrecedentPage:
    """What templates/precedent.html shows of a version's precedents."""

    title: str
    summary: str
    paragraphs: tuple[ParagraphRow, ...]
    index_href: str | None = None


@dataclass(frozen=True)
class PhrasePage:
    """What templates/phrase.html shows of a phrase's history."""

    title: str
    lines: tuple[str, ...]


def precedent_page(report: PrecedentReport, index_href: str | None = None) -> PrecedentPage:
    rows = []
    for p in report.paragraphs:
        sources = tuple(
            SourceRow(
                _source_line(s, " · "),
                None if ops is None else tuple(build_spans(list(ops), View.REDLINE, (), ())),
            )
            for s, ops in _diffs(p.sources)
        )
        rows.append(ParagraphRow(p.id, p.label, p.new_language, _first(p) if p.sources else "", p.text, sources))
    return PrecedentPage(f"Precedents of {report.name}", _summary(report), tuple(rows), index_href)


def render_precedent_html(
    report: PrecedentReport, index_href: str | None = None, env: jinja2.Environment | None = None
) -> str:
    """The page of a version's precedents (``index_href``: the series page it belongs to, in a
    report; ``env``: the report's templates, which may override precedent.html)."""
    from resdiff.render.html import make_environment, render_template

    return render_template(env or make_environment(), "precedent.html", precedent_page(report, index_href))


def render_phrase(phrase: str, found: list[Source], format: str) -> str:
    """The adopted paragraphs holding a phrase, earliest first."""
    if format == "json":
        rows = [{"symbol": s.symbol, "paragraph": s.paragraph, "adopted": s.adopted, "series": s.series} for s in found]
        return json.dumps({"text": phrase, "paragraphs": rows}, ensure_ascii=False, indent=1) + "\n"
    lines = [f"{s.short}  adopted {s.adopted}" + (f"  {s.series}" if s.series else "") for s in found]
    head = f"“{phrase}”: {plural(len(found), 'adopted paragraph')}, earliest first"
    if format == "md":
        return "\n".join([f"# {md_escape(head)}", ""] + [f"- {md_escape(line)}" for line in lines]) + "\n"
    if format == "html":
        from resdiff.render.html import make_environment, render_template

        return render_template(make_environment(), "phrase.html", PhrasePage(head, tuple(lines)))
    return "\n".join([head, ""] + lines) + "\n"
