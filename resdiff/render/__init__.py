"""Render: comparisons and resolutions to terminal text, Markdown, JSON and HTML.

:data:`COMPARISON_FORMATS` is the one table from a format name to its renderer.
"""

from __future__ import annotations

from pathlib import Path

from resdiff.core.model import Resolution
from resdiff.diff.compare import Comparison

COMPARISON_FORMATS = ("term", "md", "json", "html", "docx")
RESOLUTION_FORMATS = ("akn", "json", "md")
# The format an output file's extension asks for (``-o r.docx`` writes Word).
COMPARISON_EXTENSIONS = {
    ".txt": "term",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
RESOLUTION_EXTENSIONS = {".xml": "akn", ".akn": "akn", ".json": "json", ".md": "md", ".markdown": "md"}


def format_for(output: Path | None, extensions: dict[str, str], given: str | None, default: str) -> str:
    """The format to write: the one given, else the one the output file's extension names, else ``default``.

    A format given that contradicts a known extension is refused (ValueError) (it would write, say, text into a .docx).

    >>> format_for(Path("r.docx"), COMPARISON_EXTENSIONS, None, "term")
    'docx'
    >>> format_for(Path("notes.txt"), RESOLUTION_EXTENSIONS, "json", "akn")
    'json'
    """
    implied = extensions.get(output.suffix.lower()) if output is not None and str(output) != "-" else None
    if given is not None and implied is not None and given != implied:
        raise ValueError(
            f"--format {given} does not match the extension of {output} (a {implied} file); "
            f"drop --format or change the extension"
        )
    return given or implied or default


def render_comparison(
    comp: Comparison,
    format: str,
    changed_only: bool = False,
    templates: Path | None = None,
    colour: bool | None = None,
    width: int | None = None,
) -> str | bytes:
    """Render ``comp`` in ``format`` (one of :data:`COMPARISON_FORMATS`); ``colour`` and ``width`` (to wrap
    lines at) apply to the terminal format."""
    from resdiff.render import changes

    if format == "term":
        return changes.render_term(comp, changed_only, colour, width)
    if format == "md":
        from resdiff.render.markdown import render_comparison_md

        return render_comparison_md(comp, changed_only)
    if format == "json":
        return changes.render_json(comp, changed_only)
    if format == "html":
        from resdiff.render.html import render_pair_page

        return render_pair_page(comp, templates=templates, changed_only=changed_only)
    if format == "docx":
        from resdiff.render.docx import render_docx

        return render_docx(comp)  # a redline is the whole text: --changed-only does not apply
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(COMPARISON_FORMATS)}")


def differs(comp: Comparison) -> bool:
    """Did any paragraph change (``--exit-code``)? A moved paragraph did; one that cannot be compared
    (unknown) is not known to have changed."""
    from resdiff.diff.compare import ChangeKind

    return any(
        c.kind is not ChangeKind.UNKNOWN and (c.kind is not ChangeKind.UNCHANGED or c.flags) for c in comp.changes
    )


def render_resolution(res: Resolution, format: str) -> str | bytes:
    """Render one version in ``format`` (one of :data:`RESOLUTION_FORMATS`)."""
    if format == "akn":
        from resdiff.formats.akn import to_akn

        return to_akn(res)
    if format == "json":
        from resdiff.render.resolution import render_resolution_json

        return render_resolution_json(res)
    if format == "md":
        from resdiff.formats.markdown import to_markdown

        return to_markdown(res)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(RESOLUTION_FORMATS)}")
