"""REF arguments: ``-`` for standard input, a file if such a file exists, otherwise a stored symbol."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from resdiff.core.model import Resolution, Revisions

STDIN = "-"


def load_ref(
    ref: str,
    store: Path | None,
    warn: Callable[[str], None],
    label: str | None = None,
    symbol: str | None = None,
    revisions: Revisions = Revisions.CURRENT,
) -> Resolution:
    """Load a version named on the command line; ``warn`` receives what an importer noticed.

    A file whose text names no symbol (a draft without its masthead, pasted text) is named by its
    file name; ``label`` names the version whatever it holds. ``symbol`` is a file's symbol (it
    stands over any its text names) and ``revisions`` how its tracked changes are read; a stored
    version has its own symbol and no tracked changes, so ``symbol`` is refused for it.
    """
    return begin_ref(ref, store, warn, label, symbol, revisions)()


def begin_ref(
    ref: str,
    store: Path | None,
    warn: Callable[[str], None],
    label: str | None = None,
    symbol: str | None = None,
    revisions: Revisions = Revisions.CURRENT,
) -> Callable[[], Resolution]:
    """:func:`load_ref` begun: a file in a structured format starts parsing (see
    :func:`resdiff.ingest.begin_read`), and calling the result waits for it."""
    from resdiff.core.errors import NotAReference
    from resdiff.core.symbol import Symbol

    path = Path(ref)
    if ref == STDIN or path.is_file():
        from resdiff.ingest import begin_file, begin_read

        name = "stdin" if ref == STDIN else path.name
        from resdiff.core.errors import quoted
        from resdiff.system.bounded import read_stdin

        reading = (
            begin_read(read_stdin(), name, symbol, revisions) if ref == STDIN else begin_file(path, symbol, revisions)
        )

        def loaded() -> Resolution:
            res, report = reading()
            for w in report.warnings:
                warn(f"warning: {quoted(name)}: {w}")
            named = label or (None if res.symbol else name)
            return replace(res, label=named) if named else res

        return loaded
    if Symbol.find(ref) is None:
        raise NotAReference(
            f"{ref!r} is neither a file nor a UN document symbol (like 75/59, A/RES/75/59 or A/C.1/77/L.37)"
        )
    if symbol is not None:
        raise NotAReference(f"--symbol names the symbol of a file; {ref} is a stored version, which has its own")
    from resdiff.store.folder import Store

    res = Store(store).load(ref)
    res = replace(res, label=label) if label else res
    return lambda: res


def load_pair(
    old: str,
    new: str,
    store: Path | None,
    warn: Callable[[str], None],
    old_label: str | None = None,
    new_label: str | None = None,
    new_symbol: str | None = None,
) -> tuple[Resolution, Resolution]:
    """The two versions of a comparison, read at the same time, with a warning when they seem to
    be given the wrong way round. ``new_symbol``: NEW's symbol, when NEW is a file (see :func:`load_ref`)."""
    return begin_pair(old, new, store, warn, old_label, new_label, new_symbol)()


def begin_pair(
    old: str,
    new: str,
    store: Path | None,
    warn: Callable[[str], None],
    old_label: str | None = None,
    new_label: str | None = None,
    new_symbol: str | None = None,
) -> Callable[[], tuple[Resolution, Resolution]]:
    """:func:`load_pair` begun: both files start parsing, and calling the result waits for them
    (a caller can load the comparison's own modules meanwhile)."""
    from resdiff.core.errors import NotAReference
    from resdiff.system.bounded import wait_all

    if old == new == STDIN:
        raise NotAReference("only one of OLD and NEW can be read from standard input ('-')")
    begun = []
    try:
        for ref, label, symbol in ((old, old_label, None), (new, new_label, new_symbol)):
            begun.append(begin_ref(ref, store, warn, label, symbol))
    except BaseException:
        with contextlib.suppress(BaseException):  # the error that stopped the second is the one told,
            wait_all(begun)  # once the first child is reaped
        raise

    def loaded() -> tuple[Resolution, Resolution]:
        a, b = wait_all(begun)
        if (message := order_warning(a, b)) is not None:
            warn(message)
        return a, b

    return loaded


def order_warning(old: Resolution, new: Resolution) -> str | None:
    """A warning when OLD is from a later General Assembly session than NEW: its additions would read as dropped.

    >>> from resdiff.core.model import Resolution
    >>> order_warning(Resolution("A/C.1/77/L.37"), Resolution("A/RES/75/59"))
    'warning: OLD A/C.1/77/L.37 (session 77) is from a later session than NEW 75/59 (session 75): what the \
later text adds will read as dropped; put the earlier text first'
    >>> order_warning(Resolution("A/RES/75/59"), Resolution("A/C.1/77/L.37")) is None
    True
    """
    a, b = old.parsed_symbol, new.parsed_symbol
    if a is None or b is None or a.ga_session is None or b.ga_session is None or a.ga_session <= b.ga_session:
        return None
    return (
        f"warning: OLD {old.short} (session {a.ga_session}) is from a later session than NEW {new.short} "
        f"(session {b.ga_session}): what the later text adds will read as dropped; put the earlier text first"
    )
