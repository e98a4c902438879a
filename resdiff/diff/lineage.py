"""Follow each clause through a series by chaining the pairwise comparisons.

A *thread* is one clause's life: its paragraph ids in each stored version and
what happened to it on the way in. Threads start in the first version, or
where a paragraph appears with no predecessor (new, or unknown because the
earlier text is a gap); they end where a paragraph is dropped, merged into
another, or falls into a gap of the next version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from resdiff.core.model import Resolution
from resdiff.diff.compare import ChangeKind, Comparison, Flag, compare


class CellStatus(StrEnum):
    """What a cell of the lineage says (one per thread and version)."""

    FIRST = "first"  # present in the first version of the series we hold
    NEW = "new"
    UNCHANGED = "unchanged"
    EDITORIAL = "editorial"
    TECHNICAL = "technical"
    REWORDED = "reworded"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    UNKNOWN = "unknown"  # present, but the earlier version has a gap where it would be
    GONE = "gone"  # dropped in this version
    ABSENT = "absent"  # not in this version (before it appears, or after it is gone)
    NOT_HELD = "not held"  # this version's text is a gap where the clause would be
    NOT_FOUND = "not found"  # lost in a gap earlier, and not matched in this complete version


@dataclass
class Cell:
    status: CellStatus
    ids: list[str] = field(default_factory=list)


@dataclass
class Thread:
    cells: list[Cell]

    def label(self, names: list[str]) -> str:
        """The clause's latest id, for people; named with its version (``names``, one per cell) when that
        is not the last, as ids alone repeat: 71/72's PP4, lost in a gap, is not 79/53's PP4.

        >>> Thread([Cell(CellStatus.NEW, ["PP4"]), Cell(CellStatus.NOT_FOUND)]).label(["71/72", "79/53"])
        '71/72 PP4'
        """
        for k in range(len(self.cells) - 1, -1, -1):
            if self.cells[k].ids:
                ids = "+".join(self.cells[k].ids)
                return ids if k == len(self.cells) - 1 else f"{names[k]} {ids}"
        return "?"


@dataclass
class Lineage:
    versions: list[Resolution]
    comparisons: list[Comparison]
    threads: list[Thread]


_KIND_STATUS = {
    ChangeKind.UNCHANGED: CellStatus.UNCHANGED,
    ChangeKind.EDITORIAL: CellStatus.EDITORIAL,
    ChangeKind.TECHNICAL: CellStatus.TECHNICAL,
    ChangeKind.REWORDED: CellStatus.REWORDED,
    ChangeKind.SPLIT: CellStatus.SPLIT,
    ChangeKind.MERGED: CellStatus.MERGED,
    ChangeKind.NEW: CellStatus.NEW,
    ChangeKind.UNKNOWN: CellStatus.UNKNOWN,
}


def build_lineage(versions: list[Resolution], comparisons: list[Comparison] | None = None) -> Lineage:
    """Chain the comparisons of consecutive versions into threads (one row per clause)."""
    if comparisons is None:
        comparisons = [compare(a, b) for a, b in zip(versions, versions[1:])]
    n = len(versions)
    cache: dict[tuple[int, int], Comparison] = {(k, k + 1): c for k, c in enumerate(comparisons)}
    threads: list[Thread] = []
    where: dict[tuple[int, str], Thread] = {}  # (version index, paragraph id) -> thread
    if versions:
        for p in versions[0].all_paragraphs:
            t = Thread([Cell(CellStatus.FIRST, [p.id])] + [Cell(CellStatus.ABSENT) for _ in range(n - 1)])
            threads.append(t)
            where[(0, p.id)] = t
    for v, comp in enumerate(comparisons):
        for change in comp.changes:
            if change.new:
                status = _KIND_STATUS[change.kind]
                if Flag.MOVED in change.flags and status in (
                    CellStatus.UNCHANGED,
                    CellStatus.EDITORIAL,
                    CellStatus.TECHNICAL,
                ):
                    status = CellStatus.MOVED
                thread = where.get((v, change.old_ids[0])) if change.old else None
                if thread is None and change.kind is ChangeKind.UNKNOWN:
                    thread, status = _across_gap(versions, v + 1, change.new_ids[0], where, cache)
                    if thread is not None and thread not in threads:
                        threads.append(thread)
                if thread is None:
                    thread = Thread([Cell(CellStatus.ABSENT) for _ in range(n)])
                    threads.append(thread)
                    # Where the earlier text is a gap, say so in the earlier cells.
                    if change.kind is ChangeKind.UNKNOWN:
                        for k in range(v + 1):
                            thread.cells[k] = Cell(CellStatus.NOT_HELD)
                elif thread.cells[v + 1].ids:
                    # The clause was split and its pieces go on as paragraphs of their own: each
                    # piece is a thread, sharing the clause's past (one row per paragraph, always).
                    thread = _branch(thread, v + 1)
                    threads.append(thread)
                thread.cells[v + 1] = Cell(status, change.new_ids)
                for pid in change.new_ids:
                    where[(v + 1, pid)] = thread
            else:
                thread = where.get((v, change.old_ids[0]))
                if thread is not None and not thread.cells[v + 1].ids:  # not where another piece goes on
                    gone = CellStatus.GONE if change.kind is ChangeKind.DROPPED else CellStatus.NOT_HELD
                    thread.cells[v + 1] = Cell(gone)
        # A clause lost in a gap stays unknown until a later version finds it again.
        for thread in threads:
            if (
                thread.cells[v].status == CellStatus.NOT_HELD
                and thread.cells[v + 1].status == CellStatus.ABSENT
                and any(c.ids for c in thread.cells[:v])
            ):
                thread.cells[v + 1] = Cell(CellStatus.NOT_HELD)
    for thread in threads:
        for k, version in enumerate(versions):
            if version.complete and thread.cells[k].status == CellStatus.NOT_HELD:
                thread.cells[k] = Cell(CellStatus.NOT_FOUND)
    return Lineage(versions, comparisons, _ordered(threads, versions, where))


def _branch(thread: Thread, v: int) -> Thread:
    """A thread with ``thread``'s cells before version ``v`` and nothing from ``v`` on."""
    past = [Cell(c.status, list(c.ids)) for c in thread.cells[:v]]
    return Thread(past + [Cell(CellStatus.ABSENT) for _ in thread.cells[v:]])


def _across_gap(
    versions: list[Resolution],
    w: int,
    pid: str,
    where: dict[tuple[int, str], Thread],
    cache: dict[tuple[int, int], Comparison],
) -> tuple[Thread | None, CellStatus]:
    """A paragraph of version w with no known predecessor in w-1 (a gap there): look further back.

    If an earlier version u pairs it with a paragraph whose thread the versions between do not
    hold, that thread continues here; if u holds the stretch and it is new there, a thread starts
    that is absent in u and not held between.
    """
    n = len(versions)
    for u in range(w - 2, -1, -1):
        if (u, w) not in cache:
            cache[(u, w)] = compare(versions[u], versions[w])
        change = next(c for c in cache[(u, w)].changes if pid in c.new_ids)
        if change.kind is ChangeKind.UNKNOWN and not change.old:
            continue
        if change.kind is ChangeKind.NEW:
            cells = [Cell(CellStatus.ABSENT) for _ in range(n)]
            for k in range(u + 1, w):
                cells[k] = Cell(CellStatus.NOT_HELD)
            return Thread(cells), CellStatus.NEW
        thread = where.get((u, change.old_ids[0]))
        if thread is not None and all(c.status == CellStatus.NOT_HELD for c in thread.cells[u + 1 : w]):
            return thread, _KIND_STATUS[change.kind]
        break
    return None, CellStatus.UNKNOWN


def _ordered(threads: list[Thread], versions: list[Resolution], where: dict[tuple[int, str], Thread]) -> list[Thread]:
    """Rows in the order of the latest version; older clauses after their last neighbour."""
    rows: list[Thread] = []
    seen: set[int] = set()
    for v in range(len(versions) - 1, -1, -1):
        previous: Thread | None = None
        for p in versions[v].all_paragraphs:
            t = where.get((v, p.id))
            if t is None:
                continue
            if id(t) not in seen:
                seen.add(id(t))
                at = rows.index(previous) + 1 if previous is not None else _first_later(rows, versions, v, where, p.id)
                rows.insert(at, t)
            previous = t
    rows += [t for t in threads if id(t) not in seen]
    return rows


def _first_later(
    rows: list[Thread], versions: list[Resolution], v: int, where: dict[tuple[int, str], Thread], pid: str
) -> int:
    ids = [p.id for p in versions[v].all_paragraphs]
    for later in ids[ids.index(pid) + 1 :]:
        t = where.get((v, later))
        if t is not None and t in rows:
            return rows.index(t)
    return 0


@dataclass(frozen=True)
class Blame:
    """For one paragraph of a version: where it first appears and where it last changed."""

    id: str
    first: str  # "70/46", or "71/72 or earlier" when the text before it is not held
    last_changed: str | None  # None: unchanged since it first appears
    status: CellStatus  # what happened in the last transition


def _since_held(cells: list[Cell], k: int, names: list[str]) -> str:
    """The first version after the last one before k that holds the clause's text."""
    j = k - 1
    while j >= 0 and cells[j].status == CellStatus.NOT_HELD:
        j -= 1
    return names[j + 1]


def _dated_at(names: list[str], k: int, after_gap: frozenset[int]) -> str:
    """Version ``k``'s name, or "after J, by K" where a text nobody named may stand before it.

    >>> _dated_at(["75/18", "79/8"], 1, frozenset({1})), _dated_at(["75/18", "77/27"], 1, frozenset())
    ('after 75/18, by 79/8', '77/27')
    """
    return f"after {names[k - 1]}, by {names[k]}" if k in after_gap and k > 0 else names[k]


def history(lineage: Lineage, version: int, after_gap: frozenset[int] = frozenset()) -> list[Blame]:
    """``resdiff history``: blame for every paragraph of ``lineage.versions[version]``. ``after_gap``
    holds the versions that stand further from the one before them than their series' pace, with no
    text named between: what is new or changed there is dated "after 75/18, by 79/8", since a text
    nobody named may stand between them."""
    names = [r.short for r in lineage.versions]
    out = []
    done: set[str] = set()
    for thread in lineage.threads:
        cell = thread.cells[version]
        if not cell.ids:
            continue
        cells = thread.cells[: version + 1]
        start = next(k for k, c in enumerate(cells) if c.ids)
        # Where the version before holds a gap, the clause may be older than we can see.
        first = names[start] + (" or earlier" if cells[start].status == CellStatus.UNKNOWN else "")
        if cells[start].status == CellStatus.NEW and start > 0 and cells[start - 1].status == CellStatus.NOT_HELD:
            first = f"{_since_held(cells, start, names)} to {names[start]}"
        elif cells[start].status == CellStatus.NEW:
            first = _dated_at(names, start, after_gap)
        changed = None
        for k in range(version, start, -1):
            if cells[k].status in (CellStatus.UNCHANGED, CellStatus.MOVED, CellStatus.NOT_HELD):
                continue
            if cells[k].status == CellStatus.UNKNOWN:
                changed = f"unknown (text before {names[k]} not held)"
            elif cells[k - 1].status == CellStatus.NOT_HELD:
                changed = f"{_since_held(cells, k, names)} to {names[k]}"
            else:
                changed = _dated_at(names, k, after_gap)
            break
        if changed is None and cells[start].status == CellStatus.UNKNOWN:
            changed = f"unknown (text before {names[start]} not held)"
        for pid in cell.ids:
            if pid not in done:  # a split clause's pieces share its past: each paragraph once
                done.add(pid)
                out.append(Blame(pid, first, changed, cell.status))
    order = {p.id: k for k, p in enumerate(lineage.versions[version].all_paragraphs)}
    return sorted(out, key=lambda b: order[b.id])
