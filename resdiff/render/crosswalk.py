"""The crosswalk as text, Markdown, JSON or a self-contained HTML page."""

from __future__ import annotations

import html
import json

from resdiff.diff.compare import Comparison
from resdiff.diff.crosswalk import crosswalk, paragraph_name
from resdiff.formats.markdown import md_escape


def _ids(ids: tuple[str, ...]) -> str:
    return "+".join(ids) or "—"


def render_crosswalk(comp: Comparison, format: str) -> str:
    rows = crosswalk(comp)
    old, new = comp.old.short, comp.new.short
    if format == "json":
        data = {
            "old": {"symbol": comp.old.symbol or None, "label": comp.old.label},
            "new": {"symbol": comp.new.symbol or None, "label": comp.new.label},
            "rows": [
                {
                    "old": list(r.old),
                    "new": list(r.new),
                    "kind": r.kind.value,
                    "flags": list(r.flags),
                    "old_names": [paragraph_name(i) for i in r.old],
                    "new_names": [paragraph_name(i) for i in r.new],
                }
                for r in rows
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if format == "md":
        lines = [
            f"# Paragraph numbers: {md_escape(old)} → {md_escape(new)}",
            "",
            f"| {md_escape(old)} | {md_escape(new)} | what happened |",
            "|---|---|---|",
        ]
        lines += [f"| {_ids(r.old)} | {_ids(r.new)} | {r.what} |" for r in rows]
        return "\n".join(lines) + "\n"
    if format == "html":
        body = "".join(
            f"<tr><td>{html.escape(_ids(r.old))}</td><td>{html.escape(_ids(r.new))}</td>"
            f"<td>{html.escape(r.what)}</td></tr>\n"
            for r in rows
        )
        title = html.escape(f"Paragraph numbers: {old} → {new}")
        return (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}"
            "td,th{border:1px solid #999;padding:.2rem .6rem;text-align:left}</style></head>\n"
            f'<body><h1>{title}</h1>\n<table><thead><tr><th scope="col">{html.escape(old)}</th>'
            f'<th scope="col">{html.escape(new)}</th><th scope="col">what happened</th></tr></thead>\n'
            f"<tbody>\n{body}</tbody></table></body></html>\n"
        )
    if format == "term":
        width = max([len(old), len(new), 8] + [len(_ids(r.old)) for r in rows] + [len(_ids(r.new)) for r in rows]) + 2
        lines = [f"{old:<{width}}{new:<{width}}what happened"]
        lines += [f"{_ids(r.old):<{width}}{_ids(r.new):<{width}}{r.what}" for r in rows]
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown crosswalk format {format!r}")
