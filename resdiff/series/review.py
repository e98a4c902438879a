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
from resdiff.core.model import Part, Resolution, Revisions
from resdiff.core.symbol import Amendment, Symbol
from resdiff.core.titles import normalise_title, renamed_title
from resdiff.diff.compare import compare
from resdiff.diff.mismatch import mismatch
from resdiff.series.discovery import recall_lists
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
    """The series a draft belongs to: as given, as listed, or the one its title or its base names."""
    if series:
        store.manifest(series)  # an unknown series is one clear error
        return series
    found = store.series_of(draft.symbol) or draft_home(store, draft)
    if found:
        return found
    raise SeriesNotFound(
        f"{draft.name}: no series lists it{' or bears its title' if draft.title else ''}; say which with --series S"
    )


def draft_home(store: Store, draft: Resolution) -> str | None:
    """The one series a draft belongs to by its text: the series whose title it bears (its
    manifest's, or one renamed from it by a known pattern), else the series
    that lists the resolutions its preamble recalls ("Recalling its resolution 77/64 …"); None when
    neither names exactly one, or the two name different series."""
    sym = draft.parsed_symbol
    if sym is None or not sym.is_draft:
        return None
    title = normalise_title(draft.title)
    by_title, by_base = set(), set()
    recalled = {x for p in draft.paragraphs if p.part is Part.PREAMBLE for r in recall_lists(p.text) for x in r.symbols}
    for name in store.series_names():
        manifest = store.manifest(name)
        known = normalise_title(manifest.title)
        if title and known and (known == title or renamed_title(known, title)):
            by_title.add(name)
        if recalled & {e.symbol for e in manifest.entries}:
            by_base.add(name)
    if len(by_title) == 1:
        return next(iter(by_title)) if not by_base or by_base == by_title else None
    return next(iter(by_base)) if not by_title and len(by_base) == 1 else None


def series_base(store: Store, res: Resolution, series: str) -> Resolution | None:
    """The stored member of ``series`` a version continues: the last resolution adopted before its
    session, else (none before it) the series' last stored member; None when nothing else is stored."""
    versions = [r for _entry, r in store.stored_versions(series) if r.symbol != res.symbol]
    earlier = [r for r in versions if _adopted_before(r, res.session)]
    return earlier[-1] if earlier else (versions[-1] if versions else None)


def _adopted_before(r: Resolution, session: int | None) -> bool:
    s = r.parsed_symbol
    return (
        s is not None
        and s.is_resolution
        and s.ga_session is not None
        and session is not None
        and s.ga_session < session
    )


def wrong_series(store: Store, res: Resolution, series: str) -> str | None:
    """One line when ``res`` is not a version of ``series``: its title differs from the series' and
    almost nothing aligns with the member it would continue (see :mod:`resdiff.diff.mismatch`)."""
    base = series_base(store, res, series)
    if base is None:
        return None
    line = mismatch(compare(base, res))
    return f"not a version of series {series!r}: {line}" if line else None


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
    adopted = [r for r in versions if _adopted_before(r, sym.ga_session)]
    if not adopted:
        raise VersionNotFound(
            f"series {series!r} holds no resolution adopted before session {sym.session}, the base {sym} builds on"
        )
    return adopted[-1]
