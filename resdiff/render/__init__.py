"""Render: comparisons and resolutions to terminal text, Markdown, JSON and HTML.

:data:`COMPARISON_FORMATS` is the one table from a format name to its renderer.
"""

from __future__ import annotations

from pathlib import Path

from ..compare import Comparison

COMPARISON_FORMATS = ("term", "md", "json", "html")


def render_comparison(comp: Comparison, format: str, changed_only: bool = False,
                      templates: Path | None = None, colour: bool | None = None) -> str:
    """Render ``comp`` in ``format`` (one of :data:`COMPARISON_FORMATS`)."""
    from . import changes

    if format == "term":
        return changes.render_term(comp, changed_only, colour)
    if format == "md":
        return changes.render_md(comp, changed_only)
    if format == "json":
        return changes.render_json(comp, changed_only)
    if format == "html":
        from .html import render_pair_page

        return render_pair_page(comp, templates=templates, changed_only=changed_only)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(COMPARISON_FORMATS)}")
