"""``resdiff session``: what changed in every resolution of one session, for a newsletter.

Each resolution of the session that has a predecessor in its series (the stored member before
it) is compared with that predecessor, and the comparison is reduced to a few lines: the
counts by kind, the paragraphs new and dropped, the lead phrases strengthened or weakened, and
"unchanged but for technical updates" when that is all there is. Resolutions with no stored
predecessor are listed as new. The comparisons are the public :class:`~resdiff.compare.Comparison`;
the work per pair is :func:`pair_digest`, a pure function of two versions, mapped over the
pairs by any executor (see :mod:`resdiff.pairs`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from .compare import ChangeKind, Comparison, Flag, compare
from .model import Resolution
from .series import committee_of, is_adopted
from .store import Store

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

    counts: dict[str, int]
    new: tuple[Mention, ...] = ()
    dropped: tuple[Mention, ...] = ()  # ids in the predecessor
    strengthened: tuple[LeadShift, ...] = ()
    weakened: tuple[LeadShift, ...] = ()
    technical_only: bool = False  # nothing but technical (and editorial) updates, and nothing unknown
    unchanged: bool = False  # the text we hold is the same

    def sentence(self) -> str:
        """The summary in words: "Unchanged but for technical updates (3 technical)." or the counts."""
        shown = ", ".join(f"{n} {kind}" + (" (the other text not held)" if kind == "unknown" else "")
                          for kind, n in self.counts.items() if n and kind != "unchanged")
        if self.unchanged:
            return "Unchanged."
        if self.technical_only:
            return f"Unchanged but for technical updates ({shown})."
        kept = self.counts.get("unchanged", 0)
        return f"{kept} paragraph{'s' if kept != 1 else ''} unchanged; {shown}."


def digest(comp: Comparison) -> Digest:
    """Reduce a comparison to its :class:`Digest`."""
    counts = {k: v for k, v in comp.summary().items()}
    new = tuple(Mention(c.new_ids[0], excerpt(c.new[0].text)) for c in comp.changes if c.kind is ChangeKind.NEW)
    dropped = tuple(Mention(c.old_ids[0], excerpt(c.old[0].text)) for c in comp.changes
                    if c.kind is ChangeKind.DROPPED)
    shifts: dict[Flag, list[LeadShift]] = {Flag.LEAD_STRENGTHENED: [], Flag.LEAD_WEAKENED: []}
    for c in comp.changes:
        for flag in shifts:
            if flag in c.flags:
                shifts[flag].append(LeadShift(c.new_ids[0], c.old[0].lead, c.new[0].lead))
    kinds = {c.kind for c in comp.changes}
    return Digest(counts, new, dropped, tuple(shifts[Flag.LEAD_STRENGTHENED]), tuple(shifts[Flag.LEAD_WEAKENED]),
                  technical_only=bool(kinds) and kinds <= _ROUTINE and ChangeKind.TECHNICAL in kinds,
                  unchanged=bool(kinds) and kinds == {ChangeKind.UNCHANGED})


def pair_digest(pair: tuple[Resolution, Resolution]) -> Digest:
    """The per-pair work of a session: compare two stored versions and digest the result."""
    return digest(compare(*pair))


@dataclass(frozen=True)
class Entry:
    series: str | None
    title: str
    version: Resolution
    predecessor: Resolution | None = None
    digest: Digest | None = None


@dataclass(frozen=True)
class SessionReport:
    session: int
    committee: str | None
    entries: tuple[Entry, ...] = field(default_factory=tuple)  # with a predecessor

    @property
    def continued(self) -> list[Entry]:
        return [e for e in self.entries if e.predecessor is not None]

    @property
    def new(self) -> list[Entry]:
        return [e for e in self.entries if e.predecessor is None]


_COMMITTEE_WORD_RE = re.compile(r"^(first|second|third|fourth|fifth|sixth|plenary)\b", re.IGNORECASE)


def committee_key(name: str) -> str:
    """"First", "first committee", "First Committee" → "First"; "plenary" → "plenary".

    >>> committee_key("second committee"), committee_key("Plenary")
    ('Second', 'plenary')
    """
    m = _COMMITTEE_WORD_RE.match(name.strip())
    if m is None:
        raise ValueError(f"unknown committee {name!r}: give First … Sixth, or plenary")
    word = m[1].lower()
    return word if word == "plenary" else word.capitalize()


def session_pairs(store: Store, session: int, committee: str | None = None) -> list[Entry]:
    """Every stored version of ``session`` (of ``committee``), with its series and predecessor."""
    seen: set[str] = set()
    entries: list[Entry] = []
    want = committee_key(committee) if committee else None
    for name in store.series_names():
        manifest = store.manifest(name)
        members = [res for _, res in store.stored_versions(name) if is_adopted(res)]  # drafts are stages
        for k, res in enumerate(members):
            if res.session != session or res.symbol in seen:
                continue
            seen.add(res.symbol)
            if want and committee_of(res) != want:
                continue
            before = members[k - 1] if k and members[k - 1].session != session else None
            entries.append(Entry(name, res.title or manifest.title, res, before))
    for path in store.pooled():
        res = store.load_file(path)
        if res.session == session and res.symbol not in seen and is_adopted(res) \
                and (not want or committee_of(res) == want):
            entries.append(Entry(None, res.title or res.short, res))
    return sorted(entries, key=lambda e: (e.version.number or 0, e.version.symbol))


def build_session(store: Store, session: int, committee: str | None = None,
                  mapper: Callable[[Callable, Iterable], Iterable] = map) -> SessionReport:
    """The session's report; ``mapper`` runs :func:`pair_digest` over the pairs (``map``, or an
    executor's ``map`` to use several processes or machines)."""
    entries = session_pairs(store, session, committee)
    pairs = [(e.predecessor, e.version) for e in entries if e.predecessor is not None]
    digests = iter(list(mapper(pair_digest, pairs)))
    done = [Entry(e.series, e.title, e.version, e.predecessor, next(digests) if e.predecessor else None)
            for e in entries]
    return SessionReport(session, committee_key(committee) if committee else None, tuple(done))


# -- rendering ---------------------------------------------------------------------------------


def _ordinal(n: int) -> str:
    """The ordinal of a session number.

    >>> _ordinal(79), _ordinal(71), _ordinal(72), _ordinal(73), _ordinal(11)
    ('79th', '71st', '72nd', '73rd', '11th')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def heading(report: SessionReport) -> str:
    committee = "" if report.committee is None else (
        " (adopted in plenary)" if report.committee == "plenary" else f" ({report.committee} Committee)")
    return f"What changed in the {_ordinal(report.session)} session{committee}"


def _dated(res: Resolution) -> str:
    return f"{res.short} ({res.adopted})" if res.adopted else res.short


def render_markdown(report: SessionReport) -> str:
    lines = [f"# {heading(report)}", ""]
    continued = report.continued
    lines.append(f"Resolutions continuing a series: {len(continued)}; new to the store: {len(report.new)}.")
    lines.append("")
    for e in continued:
        d = e.digest
        lines += [f"## {e.title}", "", f"**{_dated(e.version)}**, following {_dated(e.predecessor)}. {d.sentence()}"]
        items = [f"- New {m.id}: “{m.text}”" for m in d.new]
        items += [f"- Dropped {m.id} (of {e.predecessor.short}): “{m.text}”" for m in d.dropped]
        items += [f"- Stronger {s.id}: *{s.old}* → *{s.new}*" for s in d.strengthened]
        items += [f"- Weaker {s.id}: *{s.old}* → *{s.new}*" for s in d.weakened]
        if items:
            lines += [""] + items
        lines.append("")
    if report.new:
        lines += ["## New (no earlier version in the store)", ""]
        lines += [f"- {_dated(e.version)} {e.title}" for e in report.new]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_json(report: SessionReport, pair_href: Callable[[Resolution, Resolution], str] | None = None) -> str:
    def entry(e: Entry) -> dict:
        out: dict = {"series": e.series, "title": e.title, "symbol": e.version.symbol, "adopted": e.version.adopted}
        if e.predecessor is not None:
            d = e.digest
            out |= {"predecessor": e.predecessor.symbol, "summary": d.counts, "sentence": d.sentence(),
                    "technical_only": d.technical_only,
                    "new": [asdict(m) for m in d.new], "dropped": [asdict(m) for m in d.dropped],
                    "strengthened": [asdict(s) for s in d.strengthened], "weakened": [asdict(s) for s in d.weakened]}
            if pair_href:
                out["pair_page"] = pair_href(e.predecessor, e.version)
        return out

    data = {"session": report.session, "committee": report.committee,
            "changed": [entry(e) for e in report.continued], "new": [entry(e) for e in report.new]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
