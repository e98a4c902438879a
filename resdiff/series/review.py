"""Review a draft against the right base.

The UN's guidance for submitting drafts asks that a draft building on an earlier resolution mark
every change against the issued A/RES text, and that a revision be marked against the issued L
document it revises. :func:`review_base` finds that base in the draft's series: for
``A/C.1/77/L.37`` the last resolution of the series adopted before the 77th session, for
``A/C.1/77/L.37/Rev.2`` the stored ``…/Rev.1``, for ``…/Rev.1`` the original ``L.37``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from resdiff.core.errors import NotADraft, SeriesNotFound, TrackedChangesHeld, VersionNotFound
from resdiff.core.model import Resolution, Revisions
from resdiff.core.symbol import Amendment, Symbol
from resdiff.store.folder import Store


def stage_before(sym: Symbol) -> Symbol | None:
    """The L document a revision revises (None for an original draft).

    >>> str(stage_before(Symbol.parse("A/C.1/77/L.37/Rev.2"))), str(stage_before(Symbol.parse("A/C.1/77/L.37/Rev.1")))
    ('A/C.1/77/L.37/Rev.1', 'A/C.1/77/L.37')
    >>> stage_before(Symbol.parse("A/C.1/77/L.37")) is None
    True
    """
    if not sym.revision:
        return None
    earlier = ((Amendment.REV, sym.revision - 1),) if sym.revision > 1 else ()
    return replace(sym, amendments=earlier)


def load_draft(
    ref: str,
    store: Path | None,
    warn: Callable[[str], None],
    symbol: str | None = None,
    revisions: Revisions | None = None,
) -> Resolution:
    """The draft to review, as :func:`resdiff.store.refs.load_ref` reads it. A Word file that carries
    tracked changes of its own is read as ``revisions`` says; without it, it is refused: the redline
    marks one text against the base and cannot keep the draft's own revisions beside its own."""
    from resdiff.store.refs import load_ref

    path = Path(ref)
    if revisions is None and path.is_file():
        from resdiff.ingest.word import tracked_changes
        from resdiff.system.bounded import read_input

        held = tracked_changes(read_input(path))
        if held:
            raise TrackedChangesHeld(
                f"{ref} carries {held} tracked change(s) of its own, which a redline against the base cannot "
                "keep beside its own: give --revisions current (review the draft with them accepted) or "
                "--revisions original (as it was before them)"
            )
    return load_ref(ref, store, warn, symbol=symbol, revisions=revisions or Revisions.CURRENT)


def draft_series(store: Store, draft: Resolution, series: str | None) -> str:
    """The series a draft belongs to: as given, as listed, or the one whose title it bears."""
    if series:
        store.manifest(series)  # an unknown series is one clear error
        return series
    listed = store.series_of(draft.symbol)
    if listed:
        return listed
    title = (draft.title or "").casefold()
    named = [s for s in store.series_names() if title and store.manifest(s).title.casefold() == title]
    if len(named) == 1:
        return named[0]
    raise SeriesNotFound(
        f"{draft.name}: no series lists it{' or bears its title' if title else ''}; say which with --series S"
    )


def review_base(store: Store, draft: Resolution, series: str | None = None) -> Resolution:
    """The version ``draft`` is to be marked against (see the module's docstring)."""
    sym = draft.parsed_symbol
    if sym is None or not sym.is_draft:
        raise NotADraft(
            f"{draft.name} is not a draft (its masthead names no L document such as A/C.1/77/L.37); "
            "compare it with `resdiff compare OLD NEW`"
        )
    series = draft_series(store, draft, series)
    versions = [res for _entry, res in store.stored_versions(series)]
    before = stage_before(sym)
    if before is not None:
        found = next((r for r in versions if r.symbol == str(before)), None)
        if found is None:
            raise VersionNotFound(
                f"{before}, the stage {sym} revises, is not stored in series {series!r}; "
                f"import it (`resdiff import FILE --series {series}`) or fetch it"
            )
        return found
    adopted = [
        r
        for r in versions
        if (s := r.parsed_symbol) is not None
        and s.is_resolution
        and s.ga_session is not None
        and sym.ga_session is not None
        and s.ga_session < sym.ga_session
    ]
    if not adopted:
        raise VersionNotFound(
            f"series {series!r} holds no resolution adopted before session {sym.session}, the base {sym} builds on"
        )
    return adopted[-1]
