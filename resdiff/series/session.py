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

from resdiff.core.model import Committee, Resolution
from resdiff.diff.digest import SessionEntry, SessionReport, pair_digest
from resdiff.series.discovery import committee_of, is_adopted
from resdiff.store.folder import Store


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
        title = store.manifest(name).title
        adopted = [res for res in members[name] if is_adopted(res)]
        for k, res in enumerate(adopted):
            if res.session is None or res.symbol in seen:
                continue
            seen.add(res.symbol)
            before = adopted[k - 1] if k and adopted[k - 1].session != res.session else None
            by_session.setdefault(res.session, []).append(SessionEntry(name, res.title or title, res, before))
    for res in store.unlisted_versions():
        if res.session is not None and res.symbol not in seen and is_adopted(res):
            by_session.setdefault(res.session, []).append(SessionEntry(None, res.title or res.short, res))
    return {
        session: sorted(entries, key=lambda e: (e.version.number or 0, e.version.symbol))
        for session, entries in by_session.items()
    }


def session_pairs(store: Store, session: int, committee: Committee | None = None) -> list[SessionEntry]:
    """Every stored resolution of ``session`` (of ``committee``), with its series and predecessor."""
    entries = session_entries(store).get(session, [])
    return [e for e in entries if committee is None or committee_of(e.version) == committee]


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
    done = [
        SessionEntry(e.series, e.title, e.version, e.predecessor, next(digests) if e.predecessor else None)
        for e in entries
    ]
    return SessionReport(session, committee, tuple(done))
