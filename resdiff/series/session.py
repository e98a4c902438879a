"""``resdiff session``: what changed in every resolution of one session, for a newsletter.

Each resolution of the session that has a predecessor in its series (the stored member before
it) is compared with that predecessor, and the comparison is reduced to its digest
(:mod:`resdiff.diff.digest`): the counts by kind, the paragraphs new and dropped, the lead phrases
strengthened or weakened. Resolutions with no stored predecessor are listed as new. The work per
pair is :func:`~resdiff.diff.digest.pair_digest`, a pure function of two versions, mapped over the
pairs by any executor (see :mod:`resdiff.system.pool`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from resdiff.core.errors import VersionNotFound
from resdiff.core.model import Committee, Resolution
from resdiff.core.symbol import Symbol
from resdiff.diff.digest import SessionEntry, SessionReport, pair_digest, sessions_apart
from resdiff.series.discovery import committee_of, is_adopted
from resdiff.store.folder import ManifestEntry, Store


def session_entries(store: Store, members: dict[str, list[Resolution]] | None = None) -> dict[int, list[SessionEntry]]:
    """Every adopted resolution stored, by session, each with its series and its predecessor: the
    adopted member before it in its series, when that is of an earlier session (a series' drafts
    are stages of their resolution, never a predecessor). Versions no series lists come last, with
    no predecessor. Each session's entries are in the order of their numbers. ``members``: the
    stored versions of each series, when they are loaded already."""
    if members is None:
        members = {name: [res for _, res in store.stored_versions(name)] for name in store.series_names()}
    seen: set[str] = set()
    by_session: dict[int, list[SessionEntry]] = {}
    for name in store.series_names():
        manifest = store.manifest(name)
        adopted = [res for res in members[name] if is_adopted(res)]
        stored = {r.symbol for r in members[name]}
        for k, res in enumerate(adopted):
            if res.session is None or res.symbol in seen:
                continue
            seen.add(res.symbol)
            before = adopted[k - 1] if k and adopted[k - 1].session != res.session else None
            entry = SessionEntry(name, res.title or manifest.title, res, before)
            by_session.setdefault(res.session, []).append(with_gap(entry, manifest.entries, stored))
    for res in store.unlisted_versions():
        if res.session is not None and res.symbol not in seen and is_adopted(res):
            by_session.setdefault(res.session, []).append(SessionEntry(None, res.title or res.short, res))
    return {
        session: sorted(entries, key=lambda e: (e.version.number or 0, e.version.symbol))
        for session, entries in by_session.items()
    }


def _pace(sessions: list[int]) -> int:
    """The most sessions apart a series' members may stand and still be taken as consecutive: two (an
    annual or biennial series), or the smallest gap between the sessions of its members, stored or
    not, when that is more (a quadrennial review that was never annual).

    >>> _pace([62, 67, 71, 75, 79]), _pace([58, 61, 62, 63, 64, 65, 66, 71, 75, 79]), _pace([64, 79])
    (4, 2, 2)
    """
    gaps = [b - a for a, b in zip(sessions, sessions[1:])]
    return max(2, min(gaps)) if len(gaps) > 1 else 2


def _is_resolution(symbol: str) -> bool:
    sym = Symbol.find(symbol)
    return sym is not None and sym.is_resolution


def with_gap(entry: SessionEntry, entries: tuple[ManifestEntry, ...], stored: set[str]) -> SessionEntry:
    """``entry`` saying what stands between its predecessor (or the series' start) and its version:
    the resolutions the manifest (``entries``) lists between them whose texts are not ``stored``, and
    whether, with none listed, they stand further apart than the series' pace (see :func:`_pace`)."""
    symbols = [e.symbol for e in entries]
    before, res = entry.predecessor, entry.version
    start = symbols.index(before.symbol) + 1 if before is not None and before.symbol in symbols else 0
    end = symbols.index(res.symbol) if res.symbol in symbols else 0
    between = tuple(
        e.name for e in entries[start:end] if e.symbol and e.symbol not in stored and _is_resolution(e.symbol)
    )
    unknown = not between and before is not None and beyond_pace(entries, before, res)
    return replace(entry, not_stored_between=between, gap_unknown=unknown)


def beyond_pace(entries: tuple[ManifestEntry, ...], before: Resolution, res: Resolution) -> bool:
    """Whether ``before`` and ``res``, two members of the series whose manifest is ``entries``, stand
    further apart than its pace (see :func:`_pace`): texts between them may exist that nobody named."""
    pace = _pace(sorted({e.session for e in entries if e.symbol and _is_resolution(e.symbol)}))
    return sessions_apart(before, res) > pace


def session_pairs(store: Store, session: int, committee: Committee | None = None) -> list[SessionEntry]:
    """Every stored resolution of ``session`` (of ``committee``), with its series and predecessor. A
    session the store holds no resolution of is refused: its digest would say nothing, as if the
    session had adopted none."""
    by_session = session_entries(store)
    if session not in by_session:
        held = sorted(by_session)
        between = f"it holds sessions {held[0]} to {held[-1]}" if held else "it holds no adopted resolution"
        if held and held[0] < session < held[-1]:  # within the range: "70 to 79" alone reads as if it held 74
            before, after = max(n for n in held if n < session), min(n for n in held if n > session)
            between += f", with none between {before} and {after}"
        raise VersionNotFound(f"the store holds no resolution of session {session}: {between}")
    return [e for e in by_session[session] if committee is None or committee_of(e.version) == committee]


def build_session(
    store: Store,
    session: int,
    committee: Committee | None = None,
    mapper: Callable[[Callable, Iterable], Iterable] = map,
) -> SessionReport:
    """The session's report; ``mapper`` runs :func:`pair_digest` over the pairs (``map``, or an
    executor's ``map`` to use several processes or machines)."""
    entries = session_pairs(store, session, committee)
    pairs = [(e.predecessor, e.version) for e in entries if e.predecessor is not None]
    digests = iter(list(mapper(pair_digest, pairs)))
    done = [replace(e, digest=next(digests)) if e.predecessor else e for e in entries]
    return SessionReport(session, committee, tuple(done))
