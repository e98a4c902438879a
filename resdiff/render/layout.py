"""Where each change stands on a page: in NEW's order, with NEW's gaps and the old place of moved paragraphs.

Shared by the HTML and Word renderers, so both show the same document in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from resdiff.core.model import Gap, Heading, Item
from resdiff.diff.compare import Comparison, Flag


class PlaceKind(StrEnum):
    CHANGE = "change"
    GAP = "gap"  # of NEW
    HEADING = "heading"  # of NEW
    MOVED_STUB = "moved-stub"  # where a moved paragraph stood in OLD


@dataclass(frozen=True)
class Place:
    what: PlaceKind
    change: int = -1  # index into comp.changes
    gap: Gap | None = None
    heading: Heading | None = None


def _items_with_annexes(comp: Comparison) -> list[Item]:
    """NEW's items, then each annex's, after a heading with the annex's label and one with its title
    (the changes of an annex's paragraphs follow the resolution's own)."""
    items = list(comp.new.items)
    for annex in comp.new.annexes:
        items += [Heading(1, None, annex.label)] + [Heading(2, None, t) for t in (annex.title, annex.subtitle) if t]
        items += annex.items
    return items


def layout(comp: Comparison) -> list[Place]:
    """The changes in NEW's order, each gap and section heading of NEW before the next paragraph,
    and a stub per move."""
    places = [Place(PlaceKind.CHANGE, k) for k in range(len(comp.changes))]
    first_of: dict[str, int] = {}
    for k, c in enumerate(comp.changes):
        for pid in c.new_ids:
            first_of.setdefault(pid, k)
    inserts: list[tuple[int, int, int, Place]] = []
    pending: list[Place] = []
    for item in _items_with_annexes(comp):
        if isinstance(item, Gap):
            pending.append(Place(PlaceKind.GAP, gap=item))
        elif isinstance(item, Heading):
            pending.append(Place(PlaceKind.HEADING, heading=item))
        else:
            at = first_of.get(item.id, len(places))
            inserts += [(at, 0, 0, place) for place in pending]
            pending = []
    inserts += [(len(places), 0, 0, place) for place in pending]
    # A moved paragraph's old place: after the change of the old paragraph before it.
    old_at: dict[str, int] = {}
    for k, c in enumerate(comp.changes):
        if Flag.MOVED not in c.flags:
            for pid in c.old_ids:
                old_at[pid] = k
    old_ids = [p.id for p in comp.old.all_paragraphs]
    for k, c in enumerate(comp.changes):
        if Flag.MOVED in c.flags:
            i = old_ids.index(c.old_ids[0])
            before = next((old_at[old_ids[j]] for j in range(i - 1, -1, -1) if old_ids[j] in old_at), -1)
            inserts.append((before + 1, 1, i, Place(PlaceKind.MOVED_STUB, k)))  # stubs in OLD's order
    by_position: dict[int, list[Place]] = {}
    for at, _order, _old, place in sorted(inserts, key=lambda t: t[:3]):
        by_position.setdefault(at, []).append(place)
    out: list[Place] = []
    for k, place in enumerate(places):
        out += by_position.pop(k, [])
        out.append(place)
    for k in sorted(by_position):
        out += by_position[k]
    return out
