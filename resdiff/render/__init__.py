"""Render: comparisons and resolutions to terminal text, Markdown, JSON, HTML, Word and Akoma Ntoso.

The output formats are one table, in four parts by what is written: :data:`COMPARISON_FORMATS`,
:data:`RESOLUTION_FORMATS`, :data:`CROSSWALK_FORMATS`, :data:`SESSION_FORMATS` and
:data:`PRECEDENT_FORMATS`. A row gives a
format's name, what it is, the extensions of an output file that ask for it (``-o r.docx`` writes
Word), its renderer, whether it is binary and whether ``--changed-only`` applies. The command line builds
its ``--format`` choices, their help and the format ``-o`` implies from these tables. Renderers
are imported when used: this module is read on every ``resdiff`` call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from resdiff.core.model import Resolution
    from resdiff.diff.compare import Comparison
    from resdiff.diff.digest import SessionReport
    from resdiff.diff.precedent import PrecedentReport


# The renderers, each importing its module when first used. A comparison's take (comparison,
# changed_only, templates, colour, width); a resolution's the resolution; a crosswalk's the
# comparison; a session's the report and whether the site is of one series (flat).


def _term(comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None) -> str:
    from resdiff.render.changes import render_term

    return render_term(comp, changed_only, colour, width)


def _md(comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None) -> str:
    from resdiff.render.markdown import render_comparison_md

    return render_comparison_md(comp, changed_only)


def _md_plain(
    comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None
) -> str:
    from resdiff.render.markdown import render_comparison_md

    return render_comparison_md(comp, changed_only, plain=True)


def _json(comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None) -> str:
    from resdiff.render.changes import render_json

    return render_json(comp, changed_only)


def _html(comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None) -> str:
    from resdiff.render.html import render_pair_page

    return render_pair_page(comp, templates=templates, changed_only=changed_only)


def _docx(
    comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None
) -> bytes:
    from resdiff.render.docx import render_docx

    return render_docx(comp)


def _pdf(comp: Comparison, changed_only: bool, templates: Path | None, colour: bool | None, width: int | None) -> bytes:
    """The Word redline printed to PDF by LibreOffice (its tracked changes shown as marked)."""
    from resdiff.core.errors import OutputRefused
    from resdiff.ingest.convert import convert
    from resdiff.render.docx import render_docx

    # Printed with its numbers as text: LibreOffice (7.4, Debian's) numbers a list item that holds a
    # tracked deletion as if the item were deleted ("[2.] Strongly encourages", "1.[5.] Underlines"),
    # so Word list numbering, right in Word, would print wrong numbers.
    return convert(
        render_docx(comp, list_numbers=False),
        "docx",
        "pdf",
        "a PDF",
        OutputRefused,
        "or write the Word redline (-o FILE.docx) or the HTML page (-o FILE.html) and print it",
    )


def _akn(res: Resolution) -> bytes:
    from resdiff.formats.akn import to_akn

    return to_akn(res)


def _resolution_json(res: Resolution) -> str:
    from resdiff.render.resolution import render_resolution_json

    return render_resolution_json(res)


def _resolution_md(res: Resolution) -> str:
    from resdiff.formats.markdown import to_markdown

    return to_markdown(res)


def _crosswalk_as(name: str) -> Callable[[Comparison], str]:
    def render(comp: Comparison) -> str:
        from resdiff.render.crosswalk import render_crosswalk

        return render_crosswalk(comp, name)

    return render


def _session_md(report: SessionReport, flat: bool) -> str:
    from resdiff.render.session import render_session_md

    return render_session_md(report)


def _session_json(report: SessionReport, flat: bool) -> str:
    from resdiff.render.session import render_session_json

    return render_session_json(report, flat)


def _session_html(report: SessionReport, flat: bool) -> str:
    from resdiff.render.session import render_session_page

    return render_session_page(report, "", flat)


def _precedent_as(name: str) -> Callable[[PrecedentReport, bool], str]:
    def render(report: PrecedentReport, colour: bool = False) -> str:
        from resdiff.render import precedent

        if name == "term":
            return precedent.render_precedent_term(report, colour)
        return {"md": precedent.render_precedent_md, "json": precedent.render_precedent_json}.get(
            name, precedent.render_precedent_html
        )(report)

    return render


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str  # for --help: "a change list to paste"
    extensions: tuple[str, ...]  # of an output file that asks for this format
    render: Callable[..., str | bytes]  # one of the renderers above
    binary: bool = False  # bytes, never written to a terminal
    changed_only: bool = True  # --changed-only applies (a redline is always the whole text)


COMPARISON_FORMATS = (
    OutputFormat("term", "coloured text, summary first", (".txt",), _term),
    OutputFormat("md", "a change list to paste", (".md", ".markdown"), _md),
    OutputFormat("md-plain", "Markdown without HTML: ~~deleted~~ and **inserted**, for mail and chat", (), _md_plain),
    OutputFormat("json", "for tools", (".json",), _json),
    OutputFormat("html", "a report page", (".html", ".htm"), _html),
    OutputFormat(
        "docx", "a Word redline with tracked changes; needs -o", (".docx",), _docx, binary=True, changed_only=False
    ),
    OutputFormat(
        "pdf", "the Word redline printed by LibreOffice; needs -o", (".pdf",), _pdf, binary=True, changed_only=False
    ),
)
RESOLUTION_FORMATS = (
    OutputFormat("akn", "Akoma Ntoso 3.0 XML, AKN4UN", (".xml", ".akn"), _akn),
    OutputFormat("json", "the shape of `show --format json`", (".json",), _resolution_json),
    OutputFormat("md", "a readable text that `resdiff import` reads back", (".md", ".markdown"), _resolution_md),
)

CROSSWALK_FORMATS = (
    OutputFormat("term", "aligned columns", (".txt",), _crosswalk_as("term")),
    OutputFormat("md", "a table to paste", (".md", ".markdown"), _crosswalk_as("md")),
    OutputFormat("json", "for tools, with each paragraph's name", (".json",), _crosswalk_as("json")),
    OutputFormat("html", "a page of its own", (".html", ".htm"), _crosswalk_as("html")),
)
SESSION_FORMATS = (
    OutputFormat("md", "to paste into a newsletter", (".md", ".markdown"), _session_md),
    OutputFormat(
        "html", "links each entry to its pair page in the site of `resdiff report`", (".html", ".htm"), _session_html
    ),
    OutputFormat("json", "for tools", (".json",), _session_json),
)
PRECEDENT_FORMATS = (
    OutputFormat("term", "each paragraph with its sources and their word diffs", (".txt",), _precedent_as("term")),
    OutputFormat("md", "to paste", (".md", ".markdown"), _precedent_as("md")),
    OutputFormat("json", "for tools", (".json",), _precedent_as("json")),
    OutputFormat("html", "a page of its own", (".html", ".htm"), _precedent_as("html")),
)

# Every extension some output format claims: one a command does not write is refused, not filled
# with that command's default format.
_EXTENSIONS = frozenset(
    e for table in (COMPARISON_FORMATS, RESOLUTION_FORMATS, CROSSWALK_FORMATS, SESSION_FORMATS, PRECEDENT_FORMATS)
    for f in table
    for e in f.extensions
)  # fmt: skip


def find_format(formats: tuple[OutputFormat, ...], name: str) -> OutputFormat:
    for f in formats:
        if f.name == name:
            return f
    raise ValueError(f"unknown format {name!r}; expected one of {', '.join(f.name for f in formats)}")


def implied_format(formats: tuple[OutputFormat, ...], output: Path | None) -> str | None:
    """The format the extension of ``output`` asks for, if any ('-' is standard output)."""
    if output is None or str(output) == "-":
        return None
    suffix = output.suffix.lower()
    return next((f.name for f in formats if suffix in f.extensions), None)


def format_help(formats: tuple[OutputFormat, ...], default: str) -> str:
    """The help of a ``--format`` option: each format with what it is, and the default.

    >>> format_help(RESOLUTION_FORMATS[:2], "akn")
    'akn (Akoma Ntoso 3.0 XML, AKN4UN), json (the shape of `show --format json`). Default: from the extension of -o (.xml, .akn, .json), else akn.'
    """
    shown = ", ".join(f"{f.name} ({f.description})" for f in formats)
    extensions = ", ".join(e for f in formats for e in f.extensions)
    return f"{shown}. Default: from the extension of -o ({extensions}), else {default}."


def format_for(formats: tuple[OutputFormat, ...], output: Path | None, given: str | None, default: str) -> str:
    """The format to write: the one given, else the one the output file's extension names, else ``default``.

    Refused (ValueError), as it would write one kind of file under the name of another: a format
    given that contradicts a known extension, and, with no format given, an extension that names a
    format this command does not write (a crosswalk into ``x.docx``).

    >>> format_for(COMPARISON_FORMATS, Path("r.docx"), None, "term")
    'docx'
    >>> format_for(RESOLUTION_FORMATS, Path("notes.txt"), "json", "akn")
    'json'
    >>> format_for(RESOLUTION_FORMATS, Path("notes.txt"), None, "akn")
    Traceback (most recent call last):
    ValueError: notes.txt: .txt is none of the formats written here: akn (.xml, .akn), json (.json), md (.md, .markdown); give one of these extensions, or --format
    """
    implied = implied_format(formats, output)
    if given is not None and implied is not None and given != implied:
        raise ValueError(
            f"--format {given} does not match the extension of {output} (a {implied} file); "
            f"drop --format or change the extension"
        )
    if given is None and implied is None and output is not None and output.suffix.lower() in _EXTENSIONS:
        written = ", ".join(f"{f.name} ({', '.join(f.extensions)})" for f in formats)
        raise ValueError(
            f"{output}: {output.suffix.lower()} is none of the formats written here: {written}; "
            "give one of these extensions, or --format"
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
    chosen = find_format(COMPARISON_FORMATS, format)
    return chosen.render(comp, chosen.changed_only and changed_only, templates, colour, width)


def render_resolution(res: Resolution, format: str) -> str | bytes:
    """Render one version in ``format`` (one of :data:`RESOLUTION_FORMATS`)."""
    return find_format(RESOLUTION_FORMATS, format).render(res)
