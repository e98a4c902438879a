"""The ``resdiff`` console script.

Tools call ``resdiff compare OLD NEW --format json`` in loops, so that one call
is answered without loading the command-line framework (typer and click take
several times Python's own start-up): :func:`fast_compare` accepts only that
plain form and calls the same library functions as the ``compare`` command.
Anything else — another format, ``--help``, an unknown or misspelt option —
goes to the full command line in :mod:`resdiff.cli.app`, which owns every
message and the documentation.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path


def _plain_compare_args(argv: list[str]) -> dict | None:
    """The options of a plain ``compare OLD NEW --format json`` call, or None for anything else."""
    if len(argv) < 3 or argv[0] != "compare" or argv[1].startswith("-") or argv[2].startswith("-"):
        return None
    opts: dict = {
        "old": argv[1],
        "new": argv[2],
        "format": None,
        "changed_only": False,
        "store": None,
        "output": None,
        "exit_code": False,
        "no_pager": False,
    }
    rest = argv[3:]
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if arg in ("--changed-only", "--exit-code", "--no-pager"):
            opts[arg[2:].replace("-", "_")] = True
            continue
        key = {"--format": "format", "-f": "format", "--store": "store", "--output": "output", "-o": "output"}.get(
            name if eq else arg
        )
        if key is None or (not eq and not rest) or (eq and name.startswith("-") and len(name) == 2):
            return None
        opts[key] = value if eq else rest.pop(0)
    if opts["format"] != "json":
        return None
    if opts["output"] not in (None, "-"):
        from resdiff.render import COMPARISON_FORMATS, implied_format

        if implied_format(COMPARISON_FORMATS, Path(opts["output"])) not in (None, "json"):
            return None  # "-f json -o r.docx": the full command line says what is wrong
    return opts


def fast_compare(argv: list[str]) -> int | None:
    """Run a plain JSON comparison; None if ``argv`` is not one (the full CLI takes over)."""
    opts = _plain_compare_args(argv)
    if opts is None:
        return None
    # A short run that ends with its result: what it loads stays, and the comparison's own objects
    # hold no reference cycles (diffs, links and changes are plain tuples and frozen dataclasses;
    # peak memory is the same without the collector), so the collector need not run, not even
    # while the modules are imported (classes and functions made at import set it off several times).
    # A parsing child turns it on again for itself (resdiff.system.bounded).
    gc.disable()
    from resdiff.core.errors import ResdiffError, error_line
    from resdiff.store.refs import begin_pair

    try:
        store = Path(opts["store"]) if opts["store"] else None
        loading = begin_pair(opts["old"], opts["new"], store, _warn)
        # Imported while the two files are parsed, in their own processes.
        from resdiff.diff.compare import compare
        from resdiff.render.changes import render_json
        from resdiff.system.files import write_output

        # Frozen, what is loaded is left out of the one collection Python still makes at exit.
        gc.freeze()

        old, new = loading()
        comp = compare(old, new)
        from resdiff.diff.mismatch import mismatch

        if line := mismatch(comp):
            _warn(f"warning: {line}")
        text = render_json(comp, opts["changed_only"])
        if opts["output"] in (None, "-") and not opts["no_pager"] and sys.stdout.isatty():
            from resdiff.system.terminal import page

            page(text)
        else:
            write_output(text, opts["output"])
    except (ResdiffError, OSError) as e:
        sys.stderr.write(error_line(e) + "\n")
        return 1
    return 1 if opts["exit_code"] and comp.differs() else 0


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def main() -> None:
    from resdiff.system.terminal import stdout_utf8

    stdout_utf8()
    try:
        code = fast_compare(sys.argv[1:])
    except Exception as e:  # noqa: BLE001 - as in resdiff.cli.app.main: one line, never a stack
        from resdiff.core.errors import internal_error_line

        sys.stderr.write(internal_error_line(e) + "\n")
        raise SystemExit(1) from None
    if code is not None:
        sys.stdout.flush()
        raise SystemExit(code)
    from resdiff.cli.app import main as full

    full()
