"""The digest of a comparison: the few facts a newsletter needs, and a session's digests together.

A :class:`Digest` reduces a :class:`~resdiff.diff.compare.Comparison` to the counts by kind, the
paragraphs new and dropped (with their first words), the lead phrases strengthened or weakened, and
whether nothing but technical updates changed. :class:`SessionReport` holds one session's
resolutions, each with its predecessor and digest (built over a store by
:func:`resdiff.series.session.build_session`, rendered by :mod:`resdiff.render.session`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resdiff.core.model import Committee, Resolution
from resdiff.diff.compare import ChangeKind, Comparison, Flag, compare

# Kinds that leave the substance as it was.
_ROUTINE = {ChangeKind.UNCHANGED, ChangeKind.EDITORIAL, ChangeKind.TECHNICAL}
EXCERPT_WORDS = 14


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first words of a paragraph, for a one-line mention.

    >>> excerpt("Encourages all States to take part in the review conference in 2026", 5)
    'Encourages all States to take …'
    """
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


@dataclass(frozen=True)
class Mention:
    """One paragraph named in a summary: its id (in the version it belongs to) and first words."""

    id: str
    text: str


@dataclass(frozen=True)
class LeadShift:
    """A lead phrase that got stronger or weaker: ``OP4``: *Encourages* → *Urges*."""

    id: str
    old: str
    new: str


@dataclass(frozen=True)
class Digest:
    """What a comparison says, in the few facts a newsletter needs."""

    counts: dict[ChangeKind, int]
    new: tuple[Mention, ...] = ()
    dropped: tuple[Mention, ...] = ()  # ids in the predecessor
    strengthened: tuple[LeadShift, ...] = ()
    weakened: tuple[LeadShift, ...] = ()
    technical_only: bool = False  # nothing but technical (and editorial) updates, and nothing unknown
    unchanged: bool = False  # the text we hold is the same

    def sentence(self) -> str:
        """The summary in words: "Unchanged but for technical updates (3 technical)." or the counts."""
        shown = ", ".join(
            f"{n} {kind}" + (" (the other text not held)" if kind is ChangeKind.UNKNOWN else "")
            for kind, n in self.counts.items()
            if n and kind is not ChangeKind.UNCHANGED
        )
        if self.unchanged:
            return "Unchanged."
        if self.technical_only:
            return f"Unchanged but for technical updates ({shown})."
        kept = self.counts.get(ChangeKind.UNCHANGED, 0)
        return f"{kept} paragraph{'s' if kept != 1 else ''} unchanged; {shown}."


def digest(comp: Comparison) -> Digest:
    """Reduce a comparison to its :class:`Digest`."""
    counts = comp.summary()
    new = tuple(Mention(c.new_ids[0], excerpt(c.new[0].text)) for c in comp.changes if c.kind is ChangeKind.NEW)
    # Dropped paragraphs in the predecessor's order (the change list seats each where the new text would
    # have it, which can put a dropped OP11 before a dropped OP9).
    at = {p.id: k for k, p in enumerate(comp.old.all_paragraphs)}
    gone = sorted((c for c in comp.changes if c.kind is ChangeKind.DROPPED), key=lambda c: at.get(c.old_ids[0], 0))
    dropped = tuple(Mention(c.old_ids[0], excerpt(c.old[0].text)) for c in gone)
    shifts: dict[Flag, list[LeadShift]] = {Flag.LEAD_STRENGTHENED: [], Flag.LEAD_WEAKENED: []}
    for c in comp.changes:
        for flag in shifts:
            if flag in c.flags:
                shifts[flag].append(LeadShift(c.new_ids[0], c.old[0].lead, c.new[0].lead))
    kinds = {c.kind for c in comp.changes}
    return Digest(
        counts,
        new,
        dropped,
        tuple(shifts[Flag.LEAD_STRENGTHENED]),
        tuple(shifts[Flag.LEAD_WEAKENED]),
        technical_only=bool(kinds) and kinds <= _ROUTINE and ChangeKind.TECHNICAL in kinds,
        unchanged=bool(kinds) and kinds == {ChangeKind.UNCHANGED},
    )


def pair_digest(pair: tuple[Resolution, Resolution]) -> Digest:
    """The per-pair work of a session: compare two stored versions and digest the result."""
    return digest(compare(*pair))


def sessions_apart(before: Resolution, res: Resolution) -> int:
    """How many sessions ``res`` stands after ``before`` (a session not known counts as 0)."""
    return (res.session or 0) - (before.session or 0)


@dataclass(frozen=True)
class SessionEntry:
    series: str | None
    title: str
    version: Resolution
    predecessor: Resolution | None = None
    digest: Digest | None = None
    # Members the series lists between the predecessor (or its start) and this version whose texts
    # are not stored: the predecessor is then not the previous member, and the pair is not consecutive.
    not_stored_between: tuple[str, ...] = ()
    # The predecessor is more sessions back than the series' pace and nothing names a member between:
    # whether texts stand between is not known, so the pair is not presented as consecutive either.
    gap_unknown: bool = False

    @property
    def consecutive(self) -> bool | None:
        """Is the predecessor the previous member: True, False (members between are not stored), None (not known)."""
        return False if self.not_stored_between else None if self.gap_unknown else True

    def gap_words(self) -> str:
        """What stands between the predecessor and this version, for the sentence "following 55/20…":
        "; 22 texts between are not stored (56/9 … 78/7)", or "" when the pair is consecutive.

        >>> SessionEntry(None, "t", Resolution("A/RES/79/7"), not_stored_between=("56/9", "57/11", "78/7")).gap_words()
        '; 3 texts between are not stored (56/9 … 78/7)'
        >>> SessionEntry(None, "t", Resolution("A/RES/79/7"), Resolution("A/RES/66/1"), gap_unknown=True).gap_words()
        '; 13 sessions earlier: texts between, if any, are not stored'
        """
        names = self.not_stored_between
        if self.gap_unknown and self.predecessor is not None:
            return f"; {sessions_apart(self.predecessor, self.version)} sessions earlier: texts between, if any, are not stored"
        if not names:
            return ""
        shown = names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}" if len(names) > 2 else " and ".join(names)
        return f"; {len(names)} text{'s' if len(names) > 1 else ''} between {'are' if len(names) > 1 else 'is'} not stored ({shown})"

    def continuation(self) -> tuple[Resolution, Digest]:
        """The predecessor and the digest of an entry that continues a series (one of
        :attr:`SessionReport.continued` in a report made by ``build_session``, which digests every pair)."""
        if self.predecessor is None or self.digest is None:
            raise ValueError(f"{self.version.symbol}: no predecessor, or not digested")
        return self.predecessor, self.digest


@dataclass(frozen=True)
class SessionReport:
    session: int
    committee: Committee | None
    entries: tuple[SessionEntry, ...] = field(default_factory=tuple)  # with a predecessor

    @property
    def continued(self) -> list[SessionEntry]:
        return [e for e in self.entries if e.predecessor is not None]

    @property
    def new(self) -> list[SessionEntry]:
        return [e for e in self.entries if e.predecessor is None]
