"""A version's precedents as text, Markdown, JSON or a self-contained HTML page.

Every source of a paragraph is listed with its share and adoption date; the word diff from the
source to the paragraph is shown under it, once for a run of sources with the same words.
"""

from __future__ import annotations

import html
import json

from resdiff.diff.precedent import ParagraphPrecedent, PrecedentReport, Source, percent
from resdiff.diff.worddiff import DELETE, EQUAL, Op
from resdiff.formats.markdown import md_escape
from resdiff.render.changes import _term_ops, plural, wrap_segments
from resdiff.render.markdown import _redline


def _first(p: ParagraphPrecedent) -> str:
    first = p.first_adopted
    return f"first adopted in {first.short} ({first.adopted})" if first else ""


def _source_line(s: Source) -> str:
    return f"{s.short}  {percent(s.share)}  adopted {s.adopted}" + (f"  {s.series}" if s.series else "")


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


def _html_ops(ops: tuple[Op, ...]) -> str:
    out = []
    for op, text in ops:
        t = html.escape(text)
        out.append(t if op == EQUAL else f"<del>{t}</del>" if op == DELETE else f"<ins>{t}</ins>")
    return "".join(out)


def render_precedent_html(report: PrecedentReport) -> str:
    title = html.escape(f"Precedents of {report.name}")
    body = []
    for p in report.paragraphs:
        first = f"; {html.escape(_first(p))}" if p.sources else ""
        body.append(
            f'<section id="{html.escape(p.id)}"><h2>{html.escape(p.id)}: '
            f'<span class="{"new" if p.new_language else "agreed"}">{html.escape(p.label)}</span>{first}</h2>'
        )
        if p.new_language:
            body.append(f"<p>{html.escape(p.text)}</p>")
        else:
            body.append("<ul>")
            for s, ops in _diffs(p.sources):
                diff = f'<p class="diff">{_html_ops(ops)}</p>' if ops is not None else ""
                body.append(f"<li>{html.escape(_source_line(s))}{diff}</li>")
            body.append("</ul>")
        body.append("</section>")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font-family:sans-serif;margin:1rem;max-width:60rem}h2{font-size:1rem}"
        ".new{color:#8a1c00}ins{text-decoration:underline;background:#dfd}del{background:#fdd}"
        'ins::before{content:"[+"}ins::after{content:"+]"}del::before{content:"[-"}del::after{content:"-]"}'
        "ins::before,ins::after,del::before,del::after{position:absolute;clip-path:inset(50%)}</style></head>\n"
        f"<body><h1>{title}</h1>\n<p>{html.escape(_summary(report))}.</p>\n" + "\n".join(body) + "\n</body></html>\n"
    )


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
        items = "".join(f"<li>{html.escape(line)}</li>\n" for line in lines)
        title = html.escape(head)
        return (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
            f"<body><h1>{title}</h1>\n<ol>\n{items}</ol></body></html>\n"
        )
    return "\n".join([head, ""] + lines) + "\n"
