"""The command line: parses options, calls one library function, prints the result.

Library modules are imported inside each command so that ``resdiff --help``
and quick commands start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from resdiff.core.errors import quoted
from resdiff.core.model import Revisions
from resdiff.render import (
    COMPARISON_FORMATS,
    CROSSWALK_FORMATS,
    PRECEDENT_FORMATS,
    RESOLUTION_FORMATS,
    SESSION_FORMATS,
    OutputFormat,
    find_format,
    format_for,
    format_help,
)
from resdiff.system.files import write_output

if TYPE_CHECKING:
    from resdiff.core.model import Resolution
    from resdiff.diff.compare import Comparison
    from resdiff.store.folder import Store
    from resdiff.store.precedent import PrecedentIndex

app = typer.Typer(
    name="resdiff",
    help="Track how a recurring UN General Assembly resolution changes from one session to the next.\n\n"
    "Versions live in a store (the project's versions/ folder by default; --store DIR or "
    "$RESDIFF_STORE for another). A REF is a stored symbol (75/59 or A/RES/75/59) or a file; a file "
    "read before is not parsed again (cached in $RESDIFF_CACHE, else $XDG_CACHE_HOME/resdiff or ~/.cache/resdiff; RESDIFF_CACHE= for none).",
    no_args_is_help=True,
    # Completion for bash, zsh, fish and PowerShell: `resdiff --install-completion` (see README).
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    suggest_commands=False,  # click already says "Did you mean 'compare'?"; typer would say it again
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from resdiff import __version__

        typer.echo(f"resdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    pass


StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Store folder (default: $RESDIFF_STORE, else the project's versions/).", show_default=False
    ),
]


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


@contextmanager
def errors() -> Iterator[None]:
    """Turn a library error into one line on stderr and exit status 1."""
    from resdiff.core.errors import ResdiffError, error_line

    try:
        yield
    except BrokenPipeError:
        raise
    except (ResdiffError, OSError) as e:
        typer.echo(error_line(e), err=True)
        raise typer.Exit(1) from None


def open_store(store: Path | None, must_exist: bool = True) -> Store:
    """The store; one that must be read must exist (``import`` and ``fetch`` may start a new one)."""
    from resdiff.store.folder import Store

    return Store(store).require() if must_exist else Store(store)


NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Write to the terminal as it is, not through $PAGER (less) when the output is longer than the screen.",
    ),
]


def emit(text: str | bytes, output: Path | None, no_pager: bool = False) -> None:
    """Write to the file ``output``, or to stdout (through the pager when it is a long text on a terminal)."""
    if isinstance(text, str) and (output is None or str(output) == "-") and not no_pager:
        from resdiff.system.terminal import page

        page(text)
    else:
        write_output(text, output)


def load_ref(ref: str, store: Path | None) -> Resolution:
    from resdiff.store.refs import load_ref as load

    return load(ref, store, warn)


def load_pair(
    old: str,
    new: str,
    store: Path | None,
    old_label: str | None = None,
    new_label: str | None = None,
    new_symbol: str | None = None,
) -> tuple[Resolution, Resolution]:
    from resdiff.store.refs import load_pair as load

    return load(old, new, store, warn, old_label, new_label, new_symbol)


def warn(message: str) -> None:
    typer.echo(message, err=True)


def draft_place(st: Store) -> Callable[[Resolution], str | None]:
    """Where import puts a draft no series lists: the series its title or base names (series.review)."""
    from resdiff.series.review import draft_home

    return lambda res: draft_home(st, res) if st.root.is_dir() else None


def series_vet(st: Store) -> Callable[[Resolution, str], str | None]:
    """Why a document is not a version of the series it is to join (series.review.wrong_series)."""
    from resdiff.series.review import wrong_series

    return lambda res, series: wrong_series(st, res, series) if series in st.series_names() else None


def warn_mismatch(comp: Comparison) -> None:
    """Warn, in one line, when a comparison is of two different resolutions (see diff.mismatch)."""
    from resdiff.diff.mismatch import mismatch

    line = mismatch(comp)
    if line:
        warn(f"warning: {line}")


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders (every file under a folder) in any format resdiff reads.", show_default=False
        ),
    ],
    series: Annotated[
        str | None,
        typer.Option(
            "--series",
            "-s",
            help="Series to add the versions to "
            "(default: the series that lists each symbol, else the "
            "pool, for `resdiff series` to sort).",
        ),
    ] = None,
    symbol: Annotated[
        str | None,
        typer.Option("--symbol", help="Symbol to store it under, e.g. 75/59 (default: read from the file)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a version that is already stored.")] = False,
    revisions: Annotated[
        Revisions,
        typer.Option(
            "--revisions",
            help="For a Word draft with tracked changes: current (changes accepted) or original (as before them).",
        ),
    ] = Revisions.CURRENT,
    store: StoreOption = None,
) -> None:
    """Import resolution texts into the store: files, or whole folders at once.

    FILES are official PDFs, Word files (.docx, with real footnotes and
    tracked changes; older .doc and RTF through LibreOffice), HTML pages,
    Akoma Ntoso XML, the corpus JSON of the UN EOSG (A_RES_*.json), the text
    of a published resolution (as extracted from its PDF by pdftotext, a PDF
    viewer or OCR: page furniture, page feet, footnote marks in any form and
    paragraphs without blank lines are repaired) or files in the resdiff text
    format (see README); the format is
    recognised from the content. Each file is stored whole or not at all; one
    that cannot be read is reported with its reason and the others go on. A
    version already stored is skipped (--force replaces it). A version that no
    series lists goes to the store's pool until `resdiff series` finds its
    series. Many files show a progress bar on a terminal and end with one line:
    imported, skipped as already stored (the same text), failed; then every file refused, one line each,
    grouped by reason. Exit status 1 if any failed.

    \b
    Examples:
      resdiff import A-RES-75-59.ocr.txt --store my-store/
      resdiff import my-draft.txt --symbol 77/64 --series ied --store my-store/
      resdiff import ../shared/ga-corpus/eosg/ --store corpus/ && resdiff series --store corpus/
    """
    from resdiff.store.bulk import Outcome, expand, import_files
    from resdiff.system.progress import Progress

    with errors():
        paths = expand(files)
        if symbol is not None and len(paths) > 1:
            raise typer.BadParameter("--symbol applies to one file at a time")
        st = open_store(store, must_exist=False)
        few = len(paths) <= 10

        def report(kind: Outcome, message: str) -> None:
            if kind is Outcome.STORED:
                if few:
                    typer.echo(message)
            else:
                typer.echo(
                    f"{kind}: {message}" if kind is not Outcome.FAILED or not few else f"Error: {message}", err=True
                )

        with Progress("importing", len(paths), enabled=None if not few else False) as bar:
            summary = import_files(
                st, paths, series, symbol, force, revisions, report, bar.advance, draft_place(st), series_vet(st)
            )
        if len(paths) > 1 or summary.skipped:
            typer.echo(summary.line())
        if len(paths) > 1:
            for line in summary.refusals():
                typer.echo(line)
        if summary.failed:
            raise typer.Exit(1)


@app.command("list")
def list_(
    series: Annotated[str | None, typer.Option("--series", "-s", help="Only this series.")] = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    store: StoreOption = None,
) -> None:
    """List the versions of each series with their status: complete, partial or not stored, and
    whether their footnotes are held, partly held or not held."""
    from resdiff.series.listing import version_rows, version_rows_json, version_rows_text

    with errors():
        rows = version_rows(open_store(store), series)
        typer.echo(version_rows_json(rows) if format is ShowFormat.json else version_rows_text(rows), nl=False)


@app.command("series")
def series_(
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show what would be found; write nothing.")] = False,
    store: StoreOption = None,
) -> None:
    """Find the series of every stored version, write their manifests and list them.

    Versions are grouped from their own text: the resolutions the preamble
    recalls ("Recalling its resolutions 70/46 of …"), the title (which may
    change along a series), the similarity of the opening paragraphs and the
    committee; a series holds two versions of one session only when the later
    follows the earlier up on a later date ("Second follow-up to …"), so parts
    A and B stay apart. Each series gets a stable id (a slug) and a
    manifest, versions/SLUG/manifest.json, with the evidence for each member.
    Correct a result in the manifest: "pinned": true on a version keeps it in
    that series, "excluded": [symbols] keeps versions out (a split); pinning
    versions of two series to one slug merges them. Rediscovery keeps these
    corrections, and a series written by hand (like ied) keeps its members.

    \b
    Examples:
      resdiff import ../shared/ga-corpus/eosg/ --store corpus/ && resdiff series --store corpus/
      resdiff series --format json --dry-run
    """
    from resdiff.series.discovery import listed_series, rediscover, save_series
    from resdiff.series.listing import series_json, series_text

    with errors():
        st = open_store(store)
        discovered = rediscover(st)
        found = listed_series(st, discovered)
        if not dry_run:
            save_series(st, discovered)
        typer.echo(series_json(found) if format is ShowFormat.json else series_text(found), nl=False)
        if format is not ShowFormat.json:
            typer.echo(f"{len(found)} series" + ("" if dry_run else f" written under {quoted(st.root)}"), err=True)


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="A stored symbol (75/59) or a file.", show_default=False)],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    no_pager: NoPagerOption = False,
    store: StoreOption = None,
) -> None:
    """Show one version: its paragraphs with ids, lead phrases, footnotes and gaps.

    REF is a stored symbol (75/59 or A/RES/75/59) or a file in any format
    `resdiff import` reads. The JSON shape is documented in the README.

    \b
    Examples:
      resdiff show 75/59
      resdiff show 75/59 --format json
    """
    from resdiff.render.resolution import render_resolution_json, render_resolution_text

    with errors():
        res = load_ref(ref, store)
        out = render_resolution_json(res) if format is ShowFormat.json else render_resolution_text(res)
        emit(out, None, no_pager)


# The --format choices of each command that writes an output, from the one table of output formats.
CompareFormat = StrEnum("CompareFormat", [(f.name, f.name) for f in COMPARISON_FORMATS])  # type: ignore[misc]
ExportFormat = StrEnum("ExportFormat", [(f.name, f.name) for f in RESOLUTION_FORMATS])  # type: ignore[misc]
CrosswalkFormat = StrEnum("CrosswalkFormat", [(f.name, f.name) for f in CROSSWALK_FORMATS])  # type: ignore[misc]
SessionFormat = StrEnum("SessionFormat", [(f.name, f.name) for f in SESSION_FORMATS])  # type: ignore[misc]
PrecedentFormat = StrEnum("PrecedentFormat", [(f.name, f.name) for f in PRECEDENT_FORMATS])  # type: ignore[misc]


def chosen_format(
    formats: tuple[OutputFormat, ...], output: Path | None, given: StrEnum | None, default: str
) -> OutputFormat:
    """The format --format names, else the one the extension of -o names, else ``default``; a
    --format that contradicts the extension is a usage error."""
    try:
        return find_format(formats, format_for(formats, output, given.value if given else None, default))
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--format / -o") from None


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file ('-' for stdout, the default). The file is written whole or not at all.",
        show_default=False,
    ),
]

PrecedentOption = Annotated[
    bool,
    typer.Option(
        "--precedent",
        help="Mark each new or reworded paragraph of NEW with its best precedent in the store outside "
        "OLD ('agreed language: 78/152 OP12, 100%') or 'new language' (see `resdiff precedent`).",
    ),
]


def precedent_index(st: Store, workers: int | None = None, scheduler: str | None = None) -> PrecedentIndex:
    from resdiff.store.precedent import PrecedentIndex

    return PrecedentIndex.open(st, workers, scheduler)


def marked(comp: Comparison, st: Store) -> Comparison:
    """``comp`` marked with the precedents of NEW's new and reworded paragraphs (outside OLD)."""
    from resdiff.series.precedent import mark_precedents

    return mark_precedents(precedent_index(st), comp)


@app.command()
def compare(
    old: Annotated[
        str,
        typer.Argument(
            help="The earlier version: a stored symbol (73/67), a file, or - for standard input.", show_default=False
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="The later version: a stored symbol (75/59), a file (a draft, in "
            "any format), or - for standard input.",
            show_default=False,
        ),
    ],
    format: Annotated[
        CompareFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=format_help(COMPARISON_FORMATS, "term"),
            show_default=False,
        ),
    ] = None,
    changed_only: Annotated[bool, typer.Option("--changed-only", help="Hide unchanged paragraphs.")] = False,
    output: OutputOption = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit with status 1 when a paragraph changed "
            "(as `git diff --exit-code`), 0 when none did; paragraphs that cannot be compared "
            "(unknown) are not changes.",
        ),
    ] = False,
    no_pager: NoPagerOption = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Folder of templates that override the default HTML templates.", show_default=False
        ),
    ] = None,
    old_label: Annotated[
        str | None,
        typer.Option(
            "--old-label", help="Name OLD in the output (default: its symbol, else its file name).", show_default=False
        ),
    ] = None,
    new_label: Annotated[
        str | None, typer.Option("--new-label", help="Name NEW in the output.", show_default=False)
    ] = None,
    symbol: Annotated[
        str | None,
        typer.Option(
            "--symbol", help="NEW's symbol, when NEW is a file that names none (A/C.3/80/L.41).", show_default=False
        ),
    ] = None,
    precedent: PrecedentOption = False,
    store: StoreOption = None,
) -> None:
    """Compare two versions paragraph by paragraph, with the changed words.

    Every paragraph of OLD and of NEW ends in exactly one change: unchanged,
    editorial, technical, reworded, split, merged, new, dropped, or unknown
    (the other version has a gap where it would stand). Flags add moved,
    renumbered, part_changed and the direction of a changed lead phrase.
    OLD and NEW are stored symbols (73/67) or files in any format `import`
    reads (Word, PDF, HTML, text), with or without a symbol: a draft is
    compared as it is, named by its masthead or file name. Put the earlier
    text first: a warning says when OLD is from a later session than NEW.

    \b
    Examples:
      resdiff compare 73/67 75/59
      resdiff compare 75/59 L37.docx --changed-only
      pbpaste | resdiff compare 75/59 - --new-label "draft of 3 October"
      resdiff compare 73/67 75/59 --format md --changed-only
      resdiff compare 73/67 75/59 -o changes.json
      resdiff compare 73/67 75/59 -o 73-67_75-59.html
      resdiff compare 73/67 75/59 -o redline.docx
      resdiff compare 73/67 75/59 --exit-code > /dev/null || echo changed
    """
    from resdiff.diff.compare import compare as compare_versions

    with errors():
        chosen = chosen_format(COMPARISON_FORMATS, output, format, "term")
        to_file = output is not None and str(output) != "-"
        if chosen.binary and not to_file and sys.stdout.isatty():
            raise typer.BadParameter(f"a .{chosen.name} file is binary: write it with -o FILE", param_hint="--format")
        a, b = load_pair(old, new, store, old_label, new_label, symbol)
        comp = compare_versions(a, b)
        warn_mismatch(comp)
        if precedent:
            comp = marked(comp, open_store(store))
        width = None
        if chosen.name == "term" and not to_file and sys.stdout.isatty():
            import shutil

            width = shutil.get_terminal_size().columns
        emit(
            chosen.render(comp, chosen.changed_only and changed_only, templates, None if not to_file else False, width),
            output,
            no_pager,
        )
        if exit_code and comp.differs():
            raise typer.Exit(1)


@app.command()
def crosswalk(
    old: Annotated[
        str,
        typer.Argument(
            help="The earlier version: a stored symbol or a file (e.g. the draft L.15/Rev.1 voted on).",
            show_default=False,
        ),
    ],
    new: Annotated[
        str, typer.Argument(help="The later version: a stored symbol (77/64) or a file.", show_default=False)
    ],
    format: Annotated[
        CrosswalkFormat | None,
        typer.Option("--format", "-f", help=format_help(CROSSWALK_FORMATS, "term"), show_default=False),
    ] = None,
    output: OutputOption = None,
    old_label: Annotated[
        str | None, typer.Option("--old-label", help="Name OLD in the output.", show_default=False)
    ] = None,
    new_label: Annotated[
        str | None, typer.Option("--new-label", help="Name NEW in the output.", show_default=False)
    ] = None,
    no_pager: NoPagerOption = False,
    store: StoreOption = None,
) -> None:
    """Each paragraph's number in OLD and in NEW, and what happened to it.

    Votes, objections and silence breaks cite paragraphs by their number in
    the draft ("operative paragraph 23" of L.15/Rev.1); the crosswalk says
    where each one stands in the other text. One row per paragraph (or per
    split or merge), in NEW's order, dropped paragraphs where they stood.

    \b
    Examples:
      resdiff crosswalk L15-Rev1.docx 77/64
      resdiff crosswalk 73/67 75/59 --format md
    """
    from resdiff.diff.compare import compare as compare_versions

    with errors():
        chosen = chosen_format(CROSSWALK_FORMATS, output, format, "term")
        a, b = load_pair(old, new, store, old_label, new_label)
        emit(chosen.render(compare_versions(a, b)), output, no_pager)


@app.command()
def review(
    draft: Annotated[
        str, typer.Argument(help="The draft: a stored symbol (A/C.1/77/L.37/Rev.1) or a file.", show_default=False)
    ],
    series: Annotated[
        str | None,
        typer.Option(
            "--series",
            "-s",
            help="The draft's series (default: the series that lists it, else the one with its title).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the Word redline (default: SYMBOL-review.docx, e.g. A-C.1-77-L.37-review.docx).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    symbol: Annotated[
        str | None,
        typer.Option(
            "--symbol", help="The draft's symbol, for a file that names none (A/C.1/77/L.37).", show_default=False
        ),
    ] = None,
    revisions: Annotated[
        Revisions | None,
        typer.Option(
            "--revisions",
            help="For a Word draft that carries tracked changes: read it as current (its changes accepted) or "
            "original (as before them); such a draft is refused without it.",
            show_default=False,
        ),
    ] = None,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Read the written redline back and prove that accepting every change gives the draft and "
            "rejecting every change the base (paragraphs, numbers, footnotes); exit 1 with the first difference.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Review a draft against the right base: write the Word redline, print the change list.

    As the UN's guidance for drafts asks, a draft is marked against the
    last resolution of its series adopted before its session, and a
    revision (…/Rev.1) against the stage it revises (the L document, or the
    previous revision), which must be stored (import or fetch it). The
    redline's revisions turn the base into the draft. A warning says when the
    draft's title differs from the base's and almost nothing aligns (a draft
    of another resolution). An existing output file is replaced only with
    --force.

    The redline opens with the draft's masthead, then its text with the
    changes tracked (operative numbers as Word numbering, moves as Word
    moves); the summary and change list follow on a page of their own.

    \b
    Examples:
      resdiff review L37.docx --series ied --verify
      resdiff review A/C.1/77/L.37/Rev.1 -o rev1.docx
      resdiff review pasted.txt --symbol A/C.3/80/L.41
    """
    from resdiff.core.errors import OutputRefused
    from resdiff.diff.compare import compare as compare_versions
    from resdiff.render import render_comparison
    from resdiff.series.review import load_draft, review_base

    with errors():
        redline = find_format(COMPARISON_FORMATS, "docx")
        chosen_format((redline,), output, None, redline.name)  # -o names a .docx, or a file of no known kind
        st = open_store(store)
        d = load_draft(draft, store, warn, symbol, revisions)
        base = review_base(st, d, series)
        sym = d.parsed_symbol
        assert sym is not None  # review_base refuses a text without a draft's symbol (NotADraft)
        path = output or Path(f"{sym.stem}-review.docx")
        if path.exists() and not force:
            raise OutputRefused(f"{path} exists: give another -o FILE, or --force to replace it")
        comp = compare_versions(base, d)
        warn_mismatch(comp)
        comp = marked(comp, st)
        write_output(redline.render(comp, False, None, None, None), path)
        typer.echo(render_comparison(comp, "term", changed_only=True, colour=None), nl=False)
        typer.echo(f"wrote {quoted(path)}: the Word redline of {d.short} against {base.short}", err=True)
        if verify:
            from resdiff.render.verify import verify_redline

            verify_redline(path.read_bytes(), comp, str(path))
            typer.echo(
                f"verified {quoted(path)}: accepting every change gives {d.short}, rejecting every change {base.short}",
                err=True,
            )


@app.command()
def fetch(
    symbols: Annotated[
        list[str] | None, typer.Argument(help="Symbols to fetch, e.g. 77/64.", show_default=False)
    ] = None,
    series: Annotated[
        str | None,
        typer.Option(
            "--series", "-s", help="Fetch every listed version of this series whose text is missing or partial."
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where documents are found by symbol "
            "(default: $RESDIFF_BASE_URL, else the Official Document System's symbol endpoint "
            "https://documents.un.org/api/symbol/access, asked for Word, then PDF; any other URL is a "
            "mirror serving URL/SYMBOL).",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds one request may take in all (connecting, headers and body)."),
    ] = 60.0,
    attempts: Annotated[
        int,
        typer.Option(
            "--attempts",
            min=1,
            max=10,
            help="Tries per document; transient failures (no answer, HTTP 429/5xx) are retried after 2, 4, 8… seconds.",
        ),
    ] = 3,
    force: Annotated[bool, typer.Option("--force", help="Replace a whole stored text too.")] = False,
    store: StoreOption = None,
) -> None:
    """Download official documents from the UN Official Document System, import and store them.

    Any symbol: resolutions (77/64) and drafts (A/C.1/77/L.37/Rev.1). The
    Word file is asked for first, then the PDF. A document whose own masthead
    names another symbol is refused and never stored, and so is one whose title differs
    from its series' and of which almost nothing aligns with the series (--force stores it).
    A fetched whole text replaces a partial one (the partial one's sources stay
    in the provenance); a whole stored text is never replaced by a partial one.
    Each version records its source URL, retrieval date and SHA-256. One line
    per symbol; exit 1 if any failed, and the store is unchanged for those.

    \b
    Examples:
      resdiff fetch 77/64 --series ied
      resdiff fetch --series ied
    """
    from resdiff.store.fetch import Policy, fetch_all, series_targets
    from resdiff.store.fetch import base_url as default_base

    with errors():
        st = open_store(store, must_exist=False)
        targets = list(symbols or [])
        if series and not targets:
            targets, notes = series_targets(st, series)
            for note in notes:
                typer.echo(f"skipped {note}", err=True)
        if not targets:
            raise typer.BadParameter("name symbols to fetch, or --series S for every missing or partial version")

        def progress(k: int, n: int, symbol: str, outcome: str) -> None:
            failed = outcome.startswith("Error: ")
            if n == 1 and failed:  # one symbol: the command's one error line, "Error: " first as every error
                typer.echo(f"Error: {symbol}: {outcome.removeprefix('Error: ')}", err=True)
                return
            prefix = f"[{k}/{n}] " if n > 1 else ""
            typer.echo(f"{prefix}{symbol}: {outcome}", err=failed)

        policy = Policy(timeout=timeout, attempts=attempts)
        failures = fetch_all(st, targets, series, base_url or default_base(), policy, force, progress, series_vet(st))
        if failures:
            raise typer.Exit(1)


@app.command()
def export(
    ref: Annotated[str, typer.Argument(help="A stored symbol (75/59) or a file.", show_default=False)],
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=format_help(RESOLUTION_FORMATS, "akn"),
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    store: StoreOption = None,
) -> None:
    """Export one version for other tools: Akoma Ntoso XML, JSON or Markdown.

    The Akoma Ntoso document is a statement named "resolution" following the
    UN's AKN4UN guidelines (FRBR identification, preface, preamble, mainBody
    with numbered paragraphs, footnotes as authorialNote, conclusions); gaps
    are marked with omissis. Every export is validated against the official
    Akoma Ntoso 3.0 schema, and `resdiff import` reads it back unchanged.

    \b
    Examples:
      resdiff export 75/59 -o A-RES-75-59.akn.xml
      resdiff export 75/59 --format md
      resdiff export 75/59 -o A-RES-75-59.md
    """
    with errors():
        chosen = chosen_format(RESOLUTION_FORMATS, output, format, "akn")
        write_output(chosen.render(load_ref(ref, store)), output)


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Processes comparing pairs (default: one per CPU; 1 runs in this process).",
        show_default=False,
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Compare the pairs on a Dask cluster (tcp://host:8786); needs resdiff[dask].",
        show_default=False,
    ),
]


@app.command()
def report(
    series: Annotated[
        str | None,
        typer.Option(
            "--series",
            "-s",
            help="Only this series (default: every series; a store of one series gets that series' report).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the pages to.")] = Path("reports"),
    pair: Annotated[
        list[str] | None,
        typer.Option(
            "--pair",
            metavar="'OLD NEW'",
            help="Also compare OLD with NEW (stored symbols or files), given as one argument: "
            "--pair '71/72 75/59' or --pair 71/72,75/59; repeatable (one series only).",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder of templates that override the defaults (e.g. a pair.html that extends default:pair.html).",
            show_default=False,
        ),
    ] = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    precedent: PrecedentOption = False,
    store: StoreOption = None,
) -> None:
    """Write the HTML report: every series, or one, with a page per comparison.

    For one series: index.html lists every version with its date and status,
    the lineage of every clause through the series and a chart; each pair
    page shows the summary, the change list, a redline and a side-by-side
    view. For a store of several series (after `resdiff series`), the site:
    index.html lists every series with a filter box and every session,
    SERIES/index.html is each series' page with its pair pages beside it,
    and sessions/N.html says what changed in session N. Pages are
    self-contained (no external requests), work from file://, and are
    byte-identical for the same inputs, so reports/ can be kept under
    version control. The pairs are compared in a process pool (--workers),
    or on a Dask cluster (--scheduler).

    \b
    Examples:
      resdiff report
      resdiff report --series ied --out ied-report/ --pair '71/72 75/59'
      resdiff report --store corpus/ --out site/ --workers 2
    """
    from resdiff.series.report import build_report, build_site, report_series, site_pair_count
    from resdiff.system.pool import executor
    from resdiff.system.progress import Progress

    with errors():
        st = open_store(store)
        extra = []
        for spec in pair or []:
            refs = spec.replace(",", " ").split()
            if len(refs) != 2:
                raise typer.BadParameter(
                    f"give two versions, e.g. --pair '71/72 75/59'; got {spec!r}", param_hint="--pair"
                )
            extra.append((load_ref(refs[0], store), load_ref(refs[1], store)))
        one = report_series(st, series)
        if extra and one is None:
            raise typer.BadParameter("--pair goes with one series: add --series S", param_hint="--pair")
        with executor(workers if one is None else 1, scheduler) as mapper:
            index = precedent_index(st, workers, scheduler) if precedent else None
            if one is not None:
                written = build_report(st, one, out, extra, templates, mapper, index)
            else:
                with Progress("comparing", site_pair_count(st)) as bar:
                    written = build_site(st, out, templates, mapper, bar.advance, index)
        pages = f"{len(written)} page{'s' if len(written) != 1 else ''}"
        typer.echo(f"wrote {pages} to {quoted(out)}/ (open {quoted(out / 'index.html')})")


@app.command()
def session(
    number: Annotated[int, typer.Argument(help="The session, e.g. 79.", show_default=False, min=1)],
    committee: Annotated[
        str | None,
        typer.Option(
            "--committee",
            "-c",
            help="Only resolutions adopted on the report of this committee: First … Sixth, or plenary.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        SessionFormat | None,
        typer.Option("--format", "-f", help=format_help(SESSION_FORMATS, "md"), show_default=False),
    ] = None,
    output: OutputOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    store: StoreOption = None,
) -> None:
    """What changed in every resolution of a session, for a newsletter.

    Each stored resolution of session NUMBER that has a predecessor in its
    series is compared with it, in a few lines: the counts by kind, the
    paragraphs new and dropped, the lead phrases strengthened or weakened, and
    "unchanged but for technical updates" when that is all. Resolutions with
    no earlier version in the store are listed as new. Run `resdiff series`
    first so that versions are in their series. The HTML page links each
    entry to its pair page: save it in the folder `resdiff report` writes.

    \b
    Examples:
      resdiff session 79 --committee First
      resdiff session 79 --format html -o site/session-79.html
      resdiff session 79 --format json
    """
    from resdiff.core.errors import UnknownCommittee
    from resdiff.core.model import Committee
    from resdiff.series.session import build_session
    from resdiff.system.pool import executor

    with errors():
        chosen = chosen_format(SESSION_FORMATS, output, format, "md")
        st = open_store(store)
        try:
            committee_chosen = Committee.parse(committee) if committee else None
        except UnknownCommittee as e:
            raise typer.BadParameter(str(e), param_hint="--committee") from None
        with executor(workers, scheduler) as mapper:
            report = build_session(st, number, committee_chosen, mapper)
        write_output(chosen.render(report, len(st.series_names()) == 1), output)


def _iso_day(value: str | None) -> str | None:
    """--before: a day as YYYY-MM-DD."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2023-12-31") from None


@app.command()
def precedent(
    ref: Annotated[
        str | None,
        typer.Argument(
            help="A stored symbol (79/144), a draft or any file, or - for pasted text (standard input).",
            show_default=False,
        ),
    ] = None,
    min_share: Annotated[
        float,
        typer.Option(
            "--min",
            min=0.0,
            max=1.0,
            help="The share of a paragraph's 5-word runs an earlier paragraph must hold to be a source.",
        ),
    ] = 0.5,
    before: Annotated[
        str | None,
        typer.Option(
            "--before",
            metavar="YYYY-MM-DD",
            help="Sources adopted before this day (default: the version's adoption date; a draft "
            "without one: any date).",
            show_default=False,
        ),
    ] = None,
    series: Annotated[
        str | None,
        typer.Option("--series", "-s", help="Sources from this series only.", show_default=False),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="PHRASE",
            help="Instead of REF: every adopted paragraph holding these words in a row, earliest first.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        PrecedentFormat | None,
        typer.Option("--format", "-f", help=format_help(PRECEDENT_FORMATS, "term"), show_default=False),
    ] = None,
    output: OutputOption = None,
    no_pager: NoPagerOption = False,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    store: StoreOption = None,
) -> None:
    """Where each paragraph's wording was adopted before: agreed language or new.

    For each paragraph of REF, every earlier adopted paragraph in the store
    holding at least --min of its 5-word runs (sequences of five words; case
    and punctuation ignored), best first (highest share, then the most
    recent), each with its series, adoption date and the word diff from it to
    the paragraph; the earliest adoption of the wording is named ("first
    adopted in 61/222 OP5"), and a paragraph with no source is new language.
    "Earlier" is adopted before REF's own date (--before to choose another).

    The index behind it is kept in the store's .precedent/ folder: built on
    first use (in a process pool, --workers, or on a Dask cluster,
    --scheduler), and brought up to date by the next use after the store
    changes.

    \b
    Examples:
      resdiff precedent 79/144 --format json
      resdiff precedent my-draft.docx --min 0.8
      pbpaste | resdiff precedent - --series oceans-and-the-law-of-the-sea
      resdiff precedent --text "strongly urges States"
    """
    from resdiff.render.precedent import render_phrase
    from resdiff.series.precedent import find_precedents, phrase_history

    with errors():
        chosen = chosen_format(PRECEDENT_FORMATS, output, format, "term")
        if (ref is None) == (text is None):
            raise typer.BadParameter("give a REF, or --text PHRASE (not both)", param_hint="REF / --text")
        day = _iso_day(before)
        st = open_store(store)
        res = load_ref(ref, store) if ref is not None else None
        index = precedent_index(st, workers, scheduler)
        out: str | bytes
        if res is None:
            out = render_phrase(text or "", phrase_history(index, text or "", day, series), chosen.name)
        else:
            report = find_precedents(index, res, min_share, day, series)
            if chosen.name == "term":
                from resdiff.render.changes import use_colour

                out = chosen.render(report, output is None and use_colour())
            else:
                out = chosen.render(report)
        emit(out, output, no_pager)


@app.command()
def history(
    ref: Annotated[str, typer.Argument(help="A stored symbol, e.g. 75/59.", show_default=False)],
    series: Annotated[
        str | None, typer.Option("--series", "-s", help="Series (default: the one that lists REF).")
    ] = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    no_pager: NoPagerOption = False,
    store: StoreOption = None,
) -> None:
    """For each paragraph of REF: the version it first appears in and the last that changed it.

    One row per paragraph of REF, the pieces of a split clause included.
    Honest about gaps: "71/72 or earlier" when the text before it is not held
    (a gap, or a member the series lists whose text is not stored),
    "73/67 to 75/59" when a version in between is not held.

    \b
    Examples:
      resdiff history 75/59
      resdiff history 79/53 --format json
    """
    from resdiff.series.listing import history_json, history_text, version_history

    with errors():
        h = version_history(open_store(store), ref, series)
        emit(history_json(h) if format is ShowFormat.json else history_text(h), None, no_pager)


@app.command()
def check(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Remove the temporary files of writes that were "
            "interrupted (a killed import or fetch); nothing else is changed.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Validate every stored file and manifest, and the pool; exit 1 on any problem."""
    from resdiff.core.model import symbol_filename

    with errors():
        st = open_store(store)
        if fix:
            for path in st.remove_leftovers():
                typer.echo(f"removed {quoted(path)}", err=True)
        problems = st.check()
        for p in problems:
            typer.echo(p, err=True)
        if problems:
            raise typer.Exit(1)
        listed = {symbol_filename(e.symbol) for s in st.series_names() for e in st.stored_entries(s) if e.symbol}
        pool_only = [p for p in st.pooled() if p.name not in listed]
        pool = f" and {len(pool_only)} in the pool (no series yet)" if pool_only else ""
        typer.echo(
            f"ok: {len(listed) + len(pool_only)} stored versions: {len(listed)} in "
            f"{len(st.series_names())} series{pool} under {quoted(st.root)}"
        )


def main() -> None:
    from resdiff.system.terminal import stdout_utf8

    stdout_utf8()
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`resdiff show 75/59 | head`, `resdiff list | grep -q 75/59`): it chose
        # to stop reading, which is not a failure of resdiff. Python would complain again when it
        # flushes stdout at exit, so stdout is pointed at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
    except Exception as e:  # noqa: BLE001 - the last guard: a bug still ends in one line, not a stack
        from resdiff.core.errors import internal_error_line

        sys.stderr.write(internal_error_line(e) + "\n")
        raise SystemExit(1) from None
