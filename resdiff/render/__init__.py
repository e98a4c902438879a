"""Render: comparisons and resolutions to terminal text, Markdown, JSON and HTML.

:data:`COMPARISON_FORMATS` is the one table from a format name to its renderer.
"""

from __future__ import annotations

from pathlib import Path

from ..compare import Comparison
from ..model import Resolution

COMPARISON_FORMATS = ("term", "md", "json", "html", "docx")
RESOLUTION_FORMATS = ("akn", "json", "md")


def render_comparison(comp: Comparison, format: str, changed_only: bool = False,
                      templates: Path | None = None, colour: bool | None = None) -> str | bytes:
    """Render ``comp`` in ``format`` (one of :data:`COMPARISON_FORMATS`)."""
    from . import changes

    if format == "term":
        return changes.render_term(comp, changed_only, colour)
    if format == "md":
        from .markdown import render_comparison_md

        return render_comparison_md(comp, changed_only)
    if format == "json":
        return changes.render_json(comp, changed_only)
    if format == "html":
        from .html import render_pair_page

        return render_pair_page(comp, templates=templates, changed_only=changed_only)
    if format == "docx":
        from .docx import render_docx

        return render_docx(comp)  # a redline is the whole text: --changed-only does not apply
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(COMPARISON_FORMATS)}")


def render_resolution(res: Resolution, format: str) -> str | bytes:
    """Render one version in ``format`` (one of :data:`RESOLUTION_FORMATS`)."""
    if format == "akn":
        from ..akn import to_akn

        return to_akn(res)
    if format == "json":
        from .resolution import render_resolution_json

        return render_resolution_json(res)
    if format == "md":
        from .markdown import render_resolution_md

        return render_resolution_md(res)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(RESOLUTION_FORMATS)}")
