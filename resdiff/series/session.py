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

from resdiff.core.model import Committee
from resdiff.diff.digest import SessionEntry, SessionReport, pair_digest
from resdiff.series.discovery import committee_of, is_adopted
from resdiff.store.folder import Store


def session_pairs(store: Store, session: int, committee: Committee | None = None) -> list[SessionEntry]:
    """Every stored version of ``session`` (of ``committee``), with its series and predecessor."""
    seen: set[str] = set()
    entries: list[SessionEntry] = []
    for name in store.series_names():
        manifest = store.manifest(name)
        members = [res for _, res in store.stored_versions(name) if is_adopted(res)]  # drafts are stages
        for k, res in enumerate(members):
            if res.session != session or res.symbol in seen:
                continue
            seen.add(res.symbol)
            if committee and committee_of(res) != committee:
                continue
            before = members[k - 1] if k and members[k - 1].session != session else None
            entries.append(SessionEntry(name, res.title or manifest.title, res, before))
    for res in store.unlisted_versions():
        if (
            res.session == session
            and res.symbol not in seen
            and is_adopted(res)
            and (not committee or committee_of(res) == committee)
        ):
            entries.append(SessionEntry(None, res.title or res.short, res))
    return sorted(entries, key=lambda e: (e.version.number or 0, e.version.symbol))


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
