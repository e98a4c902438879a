"""Review a draft against the right base.

The UN's guidance for submitting drafts asks that a draft building on an earlier resolution mark
every change against the issued A/RES text, and that a revision be marked against the issued L
document it revises. :func:`review_base` finds that base in the draft's series: for
``A/C.1/77/L.37`` the last resolution of the series adopted before the 77th session, for
``A/C.1/77/L.37/Rev.2`` the stored ``…/Rev.1``, for ``…/Rev.1`` the original ``L.37``.
"""

from __future__ import annotations

from dataclasses import replace

from resdiff.core.errors import NotADraft, SeriesNotFound, VersionNotFound
from resdiff.core.model import Resolution
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
