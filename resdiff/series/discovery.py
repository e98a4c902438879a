"""Series discovery: group stored versions into recurring series from their own text.

A recurring resolution says what it continues. Its preamble recalls the earlier members
("Recalling its resolutions 70/46 of …, 71/72 of …", "Reaffirming its annual resolutions on
the law of the sea …, including resolution 78/69"), its title is usually kept (but can change
along a chain), and its opening paragraphs are carried over with small updates. Discovery
scores every plausible earlier/later pair on these signals (:func:`link_evidence`), then joins
pairs greedily, strongest first, into chains that never hold two versions of one session
(:func:`discover`): parts A and B adopted under one title on one day stay apart, and a one-off
that merely recalls a related resolution shares neither title nor opening and is not joined.

The result is one :class:`Series` per chain, with a stable slug, its members in session order
and, for each member, the evidence that put it there. A user corrects the result in the
series manifests: a pinned member stays where it is pinned, an excluded symbol never joins
that series again, and rediscovery starts from those corrections (:class:`Corrections`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from resdiff.core.model import Committee, Part, Resolution, normalise_symbol
from resdiff.store.folder import FoundSeries, ManifestEntry, Store

# A General Assembly resolution cited in running text: "70/46", "61/267 A", "2006 (XIX)".
# Not preceded by a letter or slash, so report symbols (A/77/385) and drafts (A/C.1/77/L.5) are not read.
_CITED_RE = re.compile(r"(?<![\w/.])(\d{1,3})/(\d{1,4})(?: ([A-H])\b)?(?![\w/])")
_OLD_CITED_RE = re.compile(r"(?<![\w/.])(\d{1,4}) ?([A-H] )?\(([IVXL]{1,8})\)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_WORD_RE = re.compile(r"[^\W_]+")
# Words that say nothing about what a title is about.
_STOPWORDS = frozenset(
    """a an and as at by for from in into its of on or the to with
united nations general assembly""".split()
)
# The opening of a resolution: this many paragraphs from the start are compared.
OPENING_PARAGRAPHS = 8
SHINGLE = 3

# What a link needs (see link_score). Measured against the hand-checked series in
# tests/fixtures/series_truth.json with bench/series_discovery.py.
MIN_SCORE = 1.0
MIN_OPENING_ALONE = 0.45  # opening similarity that links two versions without a recall or a shared title
MIN_OPENING_UNRELATED = 0.8  # … and two whose titles share no word


def _roman(text: str) -> int:
    total = 0
    for k, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if k + 1 < len(text) and _ROMAN[text[k + 1]] > value else value
    return total


def cited_symbols(text: str) -> list[str]:
    """The General Assembly resolutions a paragraph cites, as full symbols, in order.

    >>> cited_symbols("Recalling its resolutions 70/46 of 7 December 2015, 61/267 A of 16 May 2007 "
    ...               "and 2006 (XIX), and the report A/77/385,")
    ['A/RES/70/46', 'A/RES/61/267 A', 'A/RES/2006 (XIX)']
    """
    found: list[tuple[int, str]] = []
    for m in _CITED_RE.finditer(text):
        part = f" {m[3]}" if m[3] else ""
        found.append((m.start(), f"A/RES/{int(m[1])}/{int(m[2])}{part}"))
    for m in _OLD_CITED_RE.finditer(text):
        if int(m[1]) >= 1 and _roman(m[3]) <= 60:
            part = f" {m[2].strip()}" if m[2] else ""
            found.append((m.start(), f"A/RES/{int(m[1])}{part} ({m[3]})"))
    return [s for _, s in sorted(found)]


def normalise_title(title: str | None) -> str:
    """A title reduced to what identifies it: case, quotes, spacing and stray footnote digits ignored.

    >>> normalise_title("Statute of the Joint Inspection Unit69")
    'statute of the joint inspection unit'
    >>> normalise_title("International cooperation in the peaceful uses\\nof outer space")
    'international cooperation in the peaceful uses of outer space'
    """
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"(?<=[a-z])\d{1,3}$", "", text.strip())  # a footnote mark glued to the last word
    return " ".join(_WORD_RE.findall(text))


def _content_words(title: str) -> frozenset[str]:
    return frozenset(w for w in title.split() if w not in _STOPWORDS)


def _shingles(paragraphs: list[str]) -> frozenset[tuple[str, ...]]:
    """Word triples of the opening, digits folded (so "70/46 of 7 December 2015" matches its update)."""
    out: set[tuple[str, ...]] = set()
    for text in paragraphs:
        words = ["#" if w.isdigit() else w for w in _WORD_RE.findall(text.casefold())]
        out.update(tuple(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1))
    return frozenset(out)


@dataclass(frozen=True)
class Profile:
    """What discovery reads from one version."""

    symbol: str
    session: int | None
    adopted: str | None
    title: str  # normalised
    printed_title: str
    words: frozenset[str]  # content words of the title
    committee: Committee | None
    cites: tuple[str, ...]  # resolutions the preamble cites, in order
    opening: frozenset[tuple[str, ...]]

    @property
    def short(self) -> str:
        return self.symbol.removeprefix("A/RES/")


def committee_of(res: Resolution) -> Committee | None:
    """The Main Committee a resolution was adopted on the report of, the plenary for one adopted
    without reference to a Main Committee, None when not known.

    >>> committee_of(Resolution("A/RES/1/1", committee="plenary"))
    <Committee.PLENARY: 'plenary'>
    >>> committee_of(Resolution("A/RES/1/1", committee="First Committee"))
    <Committee.FIRST: 'First'>
    """
    for text in (res.committee, res.committee_report):
        found = Committee.named_in(text) if text else None
        if found is not None:
            return found
    return None


def profile(res: Resolution) -> Profile:
    paragraphs = res.paragraphs
    preamble = [p.text for p in paragraphs if p.part is Part.PREAMBLE]
    cites: list[str] = []
    for text in preamble:
        cites += [s for s in cited_symbols(text) if s != res.symbol and s not in cites]
    title = normalise_title(res.title)
    opening = [p.text for p in paragraphs[:OPENING_PARAGRAPHS]]
    return Profile(
        res.symbol,
        res.session,
        res.adopted,
        title,
        res.title or "",
        _content_words(title),
        committee_of(res),
        tuple(cites),
        _shingles(opening),
    )


def is_adopted(res: Resolution) -> bool:
    """A resolution with a session: what discovery groups (drafts are stages, kept where the user put them)."""
    sym = res.parsed_symbol
    return sym is not None and sym.is_resolution and res.session is not None


@dataclass(frozen=True)
class Evidence:
    """Why ``later`` continues ``earlier``: the signals of one link and its score."""

    earlier: str
    later: str
    recalls: bool  # the later version's preamble cites the earlier one
    same_title: bool
    title_similarity: float
    opening_similarity: float
    same_committee: bool | None  # None when either committee is not known
    score: float
    one_off: bool = False  # either title is that of a one-off act (a year, a day, a declaration)

    def reason(self) -> str:
        """One line for people: "recalls 78/69; same title; opening 0.82 alike"."""
        parts = []
        earlier = self.earlier.removeprefix("A/RES/")
        if self.recalls:
            parts.append(f"recalls {earlier}")
        if self.same_title:
            parts.append("same title" if self.recalls else f"same title as {earlier}")
        elif self.title_similarity >= 0.5:
            parts.append(f"title {self.title_similarity:.2f} alike")
        elif self.recalls:
            parts.append("title changed")
        opening = f"opening {self.opening_similarity:.2f} alike"
        parts.append(opening if self.recalls or self.same_title else f"{opening} to {earlier}'s")
        if self.same_committee:
            parts.append("same committee")
        return "; ".join(parts)


def _containment(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def link_evidence(earlier: Profile, later: Profile) -> Evidence:
    """The signals for ``later`` continuing ``earlier``, and their score.

    The score adds the recall (0.5, up to 1.0 with a similar title), the title (up to 1.0; 1.0
    when equal) and the opening (up to 1.5), and takes 0.5 off when both committees are known and differ. A link needs
    :data:`MIN_SCORE`, and more than a title alone: a recall, or an opening that carries over.
    """
    recalls = earlier.symbol in later.cites
    same_title = bool(earlier.title) and earlier.title == later.title
    union = earlier.words | later.words
    title_sim = 1.0 if same_title else (len(earlier.words & later.words) / len(union) if union else 0.0)
    opening = _containment(earlier.opening, later.opening)
    committee = None if earlier.committee is None or later.committee is None else earlier.committee == later.committee
    # A recall counts in full with a kept title, half with an unrelated one (a related resolution).
    recall = (0.5 + min(0.5, title_sim)) if recalls else 0.0
    score = recall + title_sim + 1.5 * opening - (0.5 if committee is False else 0.0)
    return Evidence(
        earlier.symbol,
        later.symbol,
        recalls,
        same_title,
        round(title_sim, 2),
        round(opening, 2),
        committee,
        round(score, 3),
        looks_one_off(earlier.title) or looks_one_off(later.title),
    )


# Titles of one-off acts that later resolutions recall without continuing them: proclaiming a
# year or a day, adopting a declaration or an outcome document, acting on one report.
_ONE_OFF_TITLE_RE = re.compile(
    r"^(?:international (?:year|day)\b|world [\w ]+ day\b|declaration on\b|outcome document\b|"
    r"political declaration\b|report of the secretary general\b|sendai framework\b)"
)


def looks_one_off(title: str) -> bool:
    """Is a (normalised) title that of a one-off act?

    >>> looks_one_off("international year of sustainable energy for all"), looks_one_off("disaster risk reduction")
    (True, False)
    """
    return bool(_ONE_OFF_TITLE_RE.match(title))


def is_link(e: Evidence) -> bool:
    """Does the evidence make one series? A shared title alone does not (parts A and B, and
    unrelated resolutions with a generic title like "Cross-cutting issues"); a recall alone does
    not (a one-off recalling a related resolution); a one-off act (a year, a day, a declaration,
    an outcome document) continues nothing under another title."""
    if e.score < MIN_SCORE or (e.one_off and not e.same_title):
        return False
    if e.recalls and e.same_title:
        return True
    if e.title_similarity == 0:
        # Titles without a word in common: another subject that a preamble recalls or echoes
        # (a one-off International Day, the staff rules after human resources management).
        return e.opening_similarity >= MIN_OPENING_UNRELATED
    if e.recalls:
        # A renamed member must carry its opening over; a one-off recalling a related one does not.
        # Renamed and moved to another committee too (a plenary resolution on a country, recalled
        # by the Third Committee's human rights series on it) is another resolution unless the
        # opening carries over as fully as an unrelated title would need.
        renamed_elsewhere = e.title_similarity < 0.5 or e.same_committee is False
        return e.opening_similarity >= (0.45 if renamed_elsewhere else 0.2)
    return e.opening_similarity >= (0.1 if e.same_title else MIN_OPENING_ALONE)


def candidate_pairs(profiles: list[Profile]) -> set[tuple[int, int]]:
    """Pairs worth scoring (earlier index, later index): a recall, or a shared uncommon title word."""
    index = {p.symbol: k for k, p in enumerate(profiles)}
    pairs: set[tuple[int, int]] = set()
    for k, p in enumerate(profiles):
        for s in p.cites:
            j = index.get(s)
            if j is not None:
                pairs.add((j, k))
    by_word: dict[str, list[int]] = defaultdict(list)
    for k, p in enumerate(profiles):
        for w in p.words:
            by_word[w].append(k)
    common = max(20, len(profiles) // 20)  # words in more titles than this say little
    for members in by_word.values():
        if len(members) > common:
            continue
        for a in members:
            for b in members:
                pairs.add((a, b))
    return {(a, b) for a, b in pairs if _ordered(profiles[a], profiles[b])}


def _ordered(a: Profile, b: Profile) -> bool:
    return a.session is not None and b.session is not None and a.session < b.session


@dataclass(frozen=True)
class Member:
    symbol: str
    session: int
    adopted: str | None
    evidence: str  # why it is in the series (for people)
    pinned: bool = False


@dataclass(frozen=True)
class Series:
    slug: str
    title: str
    members: tuple[Member, ...]

    @property
    def symbols(self) -> list[str]:
        return [m.symbol for m in self.members]


@dataclass(frozen=True)
class Corrections:
    """What the user fixed in the manifests: kept by every rediscovery.

    ``pinned`` maps a symbol to the series it must stay in (a merge is pinning members of two
    series to one slug); ``excluded`` maps a slug to symbols that must never join it (a split).
    ``slugs`` maps symbols to the slug their series had, so ids stay stable.
    """

    pinned: dict[str, str] = field(default_factory=dict)
    excluded: dict[str, frozenset[str]] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)


def _session(p: Profile) -> int:
    """The session of a version that discovery groups (an adopted resolution: it has one)."""
    if p.session is None:
        raise ValueError(f"{p.symbol} has no session: discovery groups adopted resolutions only")
    return p.session


def _alternations(a: set[int], b: set[int]) -> int:
    """How often the sessions of two chains alternate: 1 when one follows the other, 2 when one
    fills a gap of the other, more when they take turns (two biennial series).

    >>> _alternations({70, 72}, {74, 76}), _alternations({70, 76}, {72, 74}), _alternations({70, 72, 74}, {71, 73})
    (1, 2, 4)
    """
    labels = [k for _, k in sorted([(s, 0) for s in a] + [(s, 1) for s in b])]
    return sum(1 for x, y in zip(labels, labels[1:]) if x != y)


class _Chains:
    """Union-find over versions, each set knowing its sessions, its pinned slug and its exclusions."""

    def __init__(self, profiles: list[Profile], corrections: Corrections):
        self.parent = list(range(len(profiles)))
        self.sessions = [{_session(p)} for p in profiles]
        self.slug = [corrections.pinned.get(p.symbol) for p in profiles]
        self.symbols = [{p.symbol} for p in profiles]
        self.excluded = corrections.excluded
        # The series each set belongs to, for exclusions: pinned, or where its members were last time.
        self.owners = [
            {
                s
                for s in (corrections.pinned.get(p.symbol), corrections.slugs.get(p.symbol))
                if s and p.symbol not in corrections.excluded.get(s, ())
            }
            for p in profiles
        ]

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def can_join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.sessions[ra] & self.sessions[rb]:
            return False  # one version per session: parts A and B of one day stay apart
        if _alternations(self.sessions[ra], self.sessions[rb]) > 2:
            return False  # two chains that alternate are two biennial series, not one
        sa, sb = self.slug[ra], self.slug[rb]
        if sa and sb and sa != sb:
            return False
        for mine, other in ((ra, rb), (rb, ra)):
            if any(self.excluded.get(slug, frozenset()) & self.symbols[other] for slug in self.owners[mine]):
                return False
        return True

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        self.parent[rb] = ra
        self.sessions[ra] |= self.sessions[rb]
        self.symbols[ra] |= self.symbols[rb]
        self.owners[ra] |= self.owners[rb]
        self.slug[ra] = self.slug[ra] or self.slug[rb]


def discover(versions: list[Resolution], corrections: Corrections | None = None) -> list[Series]:
    """Group ``versions`` into series (each in session order), sorted by slug.

    Versions without a session (no symbol) and drafts are left out; a version linked to nothing
    is a series of one.
    """
    corrections = corrections or Corrections()
    profiles = sorted(
        (profile(r) for r in versions if is_adopted(r)), key=lambda p: (p.session, p.adopted or "", p.symbol)
    )
    chains = _Chains(profiles, corrections)
    # Pinned members start joined to their series, whatever the evidence.
    first_of: dict[str, int] = {}
    for k, p in enumerate(profiles):  # a version pinned to a series joins a member it had last time
        slug = corrections.slugs.get(p.symbol)
        if slug and slug not in first_of and p.symbol not in corrections.excluded.get(slug, ()):
            first_of[slug] = k
    for k, p in enumerate(profiles):
        slug = corrections.pinned.get(p.symbol)
        if slug is None:
            continue
        first_of.setdefault(slug, k)
        if chains.find(first_of[slug]) != chains.find(k):
            chains.join(first_of[slug], k)
        chains.slug[chains.find(k)] = slug
    links = []
    for a, b in candidate_pairs(profiles):
        e = link_evidence(profiles[a], profiles[b])
        if is_link(e):
            # Strongest first; between equals, the nearest session (the immediate predecessor).
            links.append((-e.score, _session(profiles[b]) - _session(profiles[a]), a, b, e))
    links.sort(key=lambda t: t[:4])
    accepted: dict[int, list[Evidence]] = defaultdict(list)
    for _, _, a, b, e in links:
        if chains.can_join(a, b):
            chains.join(a, b)
            accepted[b].append(e)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(profiles)):
        groups[chains.find(k)].append(k)
    return _name([_series(profiles, members, accepted, corrections) for members in groups.values()], corrections)


def _series(
    profiles: list[Profile], members: list[int], accepted: dict[int, list[Evidence]], corrections: Corrections
) -> tuple[list[Member], Profile]:
    """The members in session order, each with the evidence linking it to the one before."""
    symbols = {profiles[k].symbol for k in members}
    session = {profiles[k].symbol: profiles[k].session or 0 for k in members}
    out = []
    evidence_all = [e for k in members for e in accepted.get(k, [])]
    for n, k in enumerate(members):
        p = profiles[k]
        pinned = p.symbol in corrections.pinned
        if n == 0:
            later = [e for e in evidence_all if e.earlier == p.symbol]
            reason = "first in the series" + (f"; {_by(later[0])}" if later else "")
        else:
            # The evidence against the member before it, when that is a link by itself; else the
            # link that joined it (to an earlier member), else the evidence against the one before.
            e = link_evidence(profiles[members[n - 1]], p)
            mine = [x for x in accepted.get(k, []) if x.earlier in symbols]
            if not is_link(e) and mine:
                e = max(mine, key=lambda x: session[x.earlier])
            reason = e.reason()
        if pinned:
            reason = f"kept here by the manifest ({reason})"
        out.append(Member(p.symbol, p.session or 0, p.adopted, reason, pinned))
    return out, profiles[members[-1]]


def _by(e: Evidence) -> str:
    return f"{e.later.removeprefix('A/RES/')} continues it ({e.reason()})"


def slugify(title: str, limit: int = 40) -> str:
    """A series id from a title: lower-case words joined by '-', cut at a word within ``limit``.

    >>> slugify("Countering the threat posed by improvised explosive devices")
    'countering-the-threat-posed-by'
    >>> slugify("")
    'untitled'
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    words = normalise_title(plain).split()
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > limit:
            break
        out = candidate
    out = re.sub(r"[^a-z0-9-]", "", out.encode("ascii", "ignore").decode()).strip("-")
    return out[:limit] or "untitled"


def _name(found: list[tuple[list[Member], Profile]], corrections: Corrections) -> list[Series]:
    """Give each series its slug: the slug its members had (pinned, or from the last discovery,
    by most members), else one made from the title of its latest member; clashes get -2, -3…"""
    taken: set[str] = set()
    named: list[Series] = []

    # Series that keep a slug first, then the rest in a fixed order.
    def previous(members: list[Member]) -> str | None:
        for m in members:
            if m.symbol in corrections.pinned:
                return corrections.pinned[m.symbol]
        votes: dict[str, int] = defaultdict(int)
        for m in members:
            slug = corrections.slugs.get(m.symbol)
            if slug and m.symbol not in corrections.excluded.get(slug, ()):
                votes[slug] += 1
        return min(votes, key=lambda s: (-votes[s], s)) if votes else None

    order = sorted(found, key=lambda f: (previous(f[0]) is None, f[0][0].session, f[0][0].symbol))
    for members, latest in order:
        slug = previous(members)
        if slug is None or slug in taken:
            base = slugify(latest.printed_title or latest.short.replace("/", "-"))
            slug, n = base, 2
            while slug in taken:
                slug = f"{base[: 40 - len(str(n)) - 1]}-{n}"
                n += 1
        taken.add(slug)
        named.append(Series(slug, latest.printed_title, tuple(members)))
    return sorted(named, key=lambda s: s.slug)


# -- the store: read the corrections from the manifests, write the discovered series -------------


def stored_versions(store: Store) -> list[Resolution]:
    """Every version the store holds, once, in symbol order."""
    return sorted((res for _series, res in store.every_version()), key=lambda res: res.symbol)


def corrections_of(store: Store) -> Corrections:
    """The user's corrections in the manifests: members pinned, symbols excluded, and the slug
    each symbol had. Every member of a series written by hand (not by discovery) is pinned."""
    pinned: dict[str, str] = {}
    excluded: dict[str, frozenset[str]] = {}
    slugs: dict[str, str] = {}
    for name in store.series_names():
        manifest = store.manifest(name)
        for e in manifest.entries:
            if e.symbol is None:
                continue
            slugs[e.symbol] = name
            if e.pinned or not manifest.discovered:
                pinned.setdefault(e.symbol, name)
        if manifest.excluded:
            excluded[name] = frozenset(filter(None, map(normalise_symbol, manifest.excluded)))
    return Corrections(pinned, excluded, slugs)


def rediscover(store: Store, versions: list[Resolution] | None = None) -> list[Series]:
    """Discover the series of everything stored, keeping the corrections in the manifests."""
    return discover(stored_versions(store) if versions is None else versions, corrections_of(store))


def save_series(store: Store, found: list[Series]) -> list[str]:
    """Record what discovery found in the store's manifests (see :meth:`Store.record_series`, which
    writes them under the store's lock); ``found`` is every series discovered, one-offs included.
    Returns the slugs written."""
    return store.record_series(
        [
            FoundSeries(
                s.slug,
                s.title,
                tuple(ManifestEntry(m.session, m.symbol, m.adopted, evidence=m.evidence) for m in s.members),
            )
            for s in found
        ]
    )
