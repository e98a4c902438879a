"""HTML pages: a pair page per comparison, and the series index with its lineage.

Templates receive the documented dataclasses below, never HTML: word diffs
reach them as :class:`Span` lists and the templates decide the markup, with
autoescape on. :func:`make_environment` is the one place that builds the
Jinja2 environment: a user folder first (``--templates DIR``), then the
defaults, which an override can extend as ``default:NAME``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff import __version__
from resdiff.core.errors import TemplateFailed
from resdiff.core.model import Gap, Part, Resolution
from resdiff.core.sponsors import listed
from resdiff.diff.compare import Change, ChangeKind, Comparison, Flag, FootnoteFate
from resdiff.diff.worddiff import EQUAL, Op
from resdiff.render.changes import KIND_DESCRIPTIONS, Run, change_label, grouped, run_line, where
from resdiff.render.layout import PlaceKind, layout
from resdiff.render.spans import Span, SpanKind, View, build_spans

if TYPE_CHECKING:
    import jinja2

    from resdiff.diff.lineage import Lineage


def default_templates_dir() -> Path:
    """The default templates: inside the installed package, or the repository's top-level templates/."""
    package = Path(__file__).resolve().parents[1]  # resdiff/
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise TemplateFailed("resdiff's default templates are missing from the installation")


@lru_cache(maxsize=4)  # one environment per templates folder: its templates are compiled once
def make_environment(templates: Path | None = None) -> jinja2.Environment:
    import jinja2

    default = jinja2.FileSystemLoader(str(default_templates_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise TemplateFailed(f"--templates {templates}: no such folder")
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders += [jinja2.PrefixLoader({"default": default}, delimiter=":"), default]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["version"] = __version__
    return env


def render_template(env: jinja2.Environment, name: str, page: object) -> str:
    """Render one page; a template that cannot be read or run is one error naming the file and line."""
    import jinja2

    try:
        return env.get_template(name).render(page=page)
    except jinja2.TemplateSyntaxError as e:
        where = e.filename or e.name or name
        raise TemplateFailed(f"template {where}, line {e.lineno}: {e.message}") from None
    except jinja2.TemplateError as e:
        raise TemplateFailed(f"template {name}: {e.message or e}") from None


# -- the context the templates receive ------------------------------------------------


@dataclass(frozen=True)
class VersionView:
    symbol: str
    short: str
    title: str | None
    adopted: str | None
    dated: str | None  # "adopted 2024-12-02", or a draft's "issued 2026-10-10" (Resolution.dated)
    complete: bool
    preamble: int
    operative: int
    gaps: int  # runs of missing paragraphs, and numbered paragraphs whose text is missing
    partial: int  # paragraphs of which only the beginning is held
    footnotes: int
    footnote_status: str  # held, partly held, not held
    sponsors: str | None = None  # a draft's sponsors as its masthead lists them ("Chile, France and Japan")
    sponsors_note: str | None = None  # "On behalf of … the Group of 77 and China"


@dataclass(frozen=True)
class ChangeView:
    anchor: str
    kind: str
    label: str
    where: str
    old_ids: list[str]
    new_ids: list[str]
    similarity: float | None
    flags: list[str]
    redline: list[Span]
    old_spans: list[Span]
    new_spans: list[Span]
    old_tail: str
    new_tail: str
    moved_stub: str | None  # anchor of the "moved from here" marker at the old place
    # Its best precedent outside OLD ("agreed language: 78/152 OP12, 100%", "new language"), when
    # the comparison was marked with precedents (an added field of the page object).
    precedent: str | None = None


@dataclass(frozen=True)
class PageRow:
    """One row of the page, in NEW's order: a change, a gap of NEW, or where a moved paragraph stood."""

    type: PlaceKind  # the templates test it as a string: "change", "gap", "heading" (of NEW), "moved-stub"
    change: ChangeView | None = None
    text: str = ""
    anchor: str = ""
    level: int = 0  # a heading's level: 1 for the outermost sections


@dataclass(frozen=True)
class FootnoteView:
    number: int | None
    old_number: int | None
    status: str  # unchanged, renumbered, changed, new, dropped, not held, not compared
    spans: list[Span]


@dataclass(frozen=True)
class SummaryItem:
    kind: str
    count: int
    description: str


@dataclass(frozen=True)
class ListItem:
    """One entry of the change list: a change, or a run of paragraphs unknown in a gap."""

    href: str
    where: str
    kind: str
    label: str


@dataclass(frozen=True)
class MapMark:
    """A mark of the change map along the scrollbar: where a change stands, as a share of the page."""

    anchor: str  # the change's id (the side-by-side row is "sbs-" + anchor)
    kind: str
    label: str
    top: float  # percent from the top, by the change's place among the rows (the script refines it)


@dataclass(frozen=True)
class PairPage:
    """Context of pair.html."""

    old: VersionView
    new: VersionView
    summary: list[SummaryItem]
    rows: list[PageRow]
    changes: list[ChangeView]
    change_list: list[ListItem]
    footnotes: list[FootnoteView]
    legend: list[SummaryItem]
    index_href: str | None
    changed_only: bool
    change_map: list[MapMark]
    moved: int  # how many changes are moves (each is also counted under its kind)
    footnote_remark: str | None  # why footnotes were not compared, if they were not
    annex_remark: str | None = None  # the annexes only one version has
    sponsor_change: str | None = None  # "A/C.1/77/L.37/Rev.1 adds Chile and Japan as sponsors" (drafts)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, float, str]]  # x, y, text


@dataclass(frozen=True)
class LineageCell:
    status: str
    ids: str


@dataclass(frozen=True)
class LineageRow:
    label: str
    cells: list[LineageCell]


@dataclass(frozen=True)
class IndexVersion:
    name: str
    adopted: str | None
    status: str
    view: VersionView | None
    note: str | None
    precedent_href: str | None = None  # its page of precedents (report --precedent)


@dataclass(frozen=True)
class PairLink:
    old: str
    new: str
    href: str
    summary: list[SummaryItem]
    between: str = ""  # "22 texts between are not stored (56/9 … 78/7)": the pair is not consecutive


@dataclass(frozen=True)
class IndexPage:
    """Context of index.html."""

    series: str
    title: str
    versions: list[IndexVersion]
    pairs: list[PairLink]
    lineage_versions: list[str]
    lineage: list[LineageRow]
    chart: Chart
    legend: list[SummaryItem]


# -- building the context -------------------------------------------------------------


def version_view(res: Resolution) -> VersionView:
    paras = res.paragraphs
    return VersionView(
        symbol=res.symbol,
        short=res.short,
        title=res.title,
        adopted=res.adopted,
        dated=res.dated,
        complete=res.complete,
        preamble=sum(p.part is Part.PREAMBLE for p in paras),
        operative=sum(p.part is Part.OPERATIVE for p in paras),
        gaps=sum(isinstance(i, Gap) for i in res.items),
        partial=sum(p.partial for p in paras),
        footnotes=len(res.footnotes),
        footnote_status=res.footnote_status.value,
        sponsors=listed(res.sponsors) if res.sponsors else None,
        sponsors_note=res.sponsors_note,
    )


def _display_ops(change: Change) -> list[Op]:
    if change.ops:
        return list(change.ops)
    # One-sided unknown: the text as it is, compared with nothing.
    return [(EQUAL, " ".join(p.text for p in (change.new or change.old)))]


def change_view(change: Change, stub: str | None = None, precedent: str | None = None) -> ChangeView:
    ops = _display_ops(change)
    return ChangeView(
        anchor=change.anchor,
        kind=change.kind.value,
        label=change_label(change),
        where=where(change),
        old_ids=change.old_ids,
        new_ids=change.new_ids,
        similarity=change.similarity,
        flags=[f.value for f in change.flags],
        redline=build_spans(ops, View.REDLINE, change.old, change.new),
        old_spans=build_spans(ops, View.OLD, change.old, change.new) if change.old else [],
        new_spans=build_spans(ops, View.NEW, change.old, change.new) if change.new else [],
        old_tail=change.old_tail,
        new_tail=change.new_tail,
        moved_stub=stub,
        precedent=precedent,
    )


def _precedent_label(comp: Comparison, change: Change) -> str | None:
    found = comp.precedent(change)
    return found.label if found else None


def _rows(comp: Comparison, views: dict[int, ChangeView]) -> list[PageRow]:
    rows = []
    for place in layout(comp):
        if place.what is PlaceKind.GAP:
            assert place.gap is not None  # set on every GAP place (layout)
            rows.append(PageRow(PlaceKind.GAP, text=_gap_text(place.gap, comp.new)))
        elif place.what is PlaceKind.HEADING:
            assert place.heading is not None  # set on every HEADING place (layout)
            rows.append(PageRow(PlaceKind.HEADING, text=place.heading.label, level=place.heading.level))
        elif place.what is PlaceKind.MOVED_STUB:
            rows.append(
                PageRow(PlaceKind.MOVED_STUB, views[place.change], anchor=f"from-{comp.changes[place.change].anchor}")
            )
        else:
            rows.append(PageRow(PlaceKind.CHANGE, views[place.change]))
    return rows


def _gap_text(gap: Gap, res: Resolution) -> str:
    what = f"operative paragraph {gap.number}" if gap.number is not None else "one or more paragraphs"
    return f"Gap: the text of {what} of {res.short} is not available"


def _footnotes(comp: Comparison) -> list[FootnoteView]:
    """Every footnote with what became of it; where the footnotes were not compared (one version holds
    only some), each is shown as it is, never as new or dropped."""
    out = []
    for m in comp.footnotes:
        if m.fate is FootnoteFate.NOT_HELD or (not comp.footnotes_compared and m.fate is not FootnoteFate.UNCHANGED):
            status = m.fate.value if m.fate is FootnoteFate.NOT_HELD else "not compared"
            note = m.new or m.old
            assert note is not None  # a match has a footnote on one side at least
            spans = [Span(SpanKind.EQ, note.text or "[GAP] text not available")]
        else:
            status, spans = m.fate.value, build_spans(list(m.ops), View.REDLINE, (), ())
        out.append(FootnoteView(m.new.number if m.new else None, m.old.number if m.old else None, status, spans))
    return out


def _change_list(comp: Comparison) -> list[ListItem]:
    """Changed paragraphs, with each run of paragraphs that could not be compared (a gap) as one entry."""
    out: list[ListItem] = []
    for item in grouped(comp, changed_only=True):
        c = item.changes[0] if isinstance(item, Run) else item
        text = run_line(comp, item) if isinstance(item, Run) and len(item.changes) > 1 else where(c)
        out.append(ListItem(f"#{c.anchor}", text, c.kind.value, change_label(c)))
    return out


def change_map(rows: list[PageRow]) -> list[MapMark]:
    """A mark per change of the rows (not unchanged paragraphs, nor those that could not be compared)."""
    out = []
    for k, row in enumerate(rows):
        c = row.change
        if (
            row.type is PlaceKind.CHANGE
            and c is not None
            and (c.kind not in (ChangeKind.UNCHANGED.value, ChangeKind.UNKNOWN.value) or Flag.MOVED.value in c.flags)
        ):
            out.append(MapMark(c.anchor, c.kind, f"{c.where}: {c.label}", round(100 * k / max(len(rows), 1), 2)))
    return out


def summary_items(comp: Comparison) -> list[SummaryItem]:
    """Counts by kind, in the vocabulary's order, with what each kind means."""
    return [SummaryItem(k, n, KIND_DESCRIPTIONS[k]) for k, n in comp.summary().items()]


def legend() -> list[SummaryItem]:
    return [SummaryItem(k.value, 0, d) for k, d in KIND_DESCRIPTIONS.items()]


def pair_page(comp: Comparison, index_href: str | None = None, changed_only: bool = False) -> PairPage:
    stubs = {k: f"from-{c.anchor}" if Flag.MOVED in c.flags else None for k, c in enumerate(comp.changes)}
    views = {k: change_view(c, stubs[k], _precedent_label(comp, c)) for k, c in enumerate(comp.changes)}
    rows = _rows(comp, views)
    shown = (
        set(range(len(comp.changes))) if not changed_only else {k for k, c in enumerate(comp.changes) if c.is_change}
    )
    if changed_only:
        shown_views = {id(views[k]) for k in shown}
        rows = [r for r in rows if not (r.type is PlaceKind.CHANGE and id(r.change) not in shown_views)]
    return PairPage(
        old=version_view(comp.old),
        new=version_view(comp.new),
        summary=summary_items(comp),
        rows=rows,
        changes=[views[k] for k in sorted(shown)],
        change_list=_change_list(comp),
        footnotes=_footnotes(comp),
        legend=legend(),
        index_href=index_href,
        changed_only=changed_only,
        change_map=change_map(rows),
        moved=comp.moved,
        footnote_remark=comp.footnote_remark,
        annex_remark=comp.annex_remark,
        sponsor_change=comp.sponsors.sentence(comp.new.short) if comp.sponsors else None,
    )


def render_pair_page(
    comp: Comparison,
    templates: Path | None = None,
    index_href: str | None = None,
    changed_only: bool = False,
    env: jinja2.Environment | None = None,
) -> str:
    env = env or make_environment(templates)
    return render_template(env, "pair.html", pair_page(comp, index_href, changed_only))


# -- the series index ---------------------------------------------------------------------

CHART_KINDS = (
    ChangeKind.EDITORIAL,
    ChangeKind.TECHNICAL,
    ChangeKind.REWORDED,
    ChangeKind.SPLIT,
    ChangeKind.MERGED,
    ChangeKind.NEW,
    ChangeKind.DROPPED,
)


def series_chart(lineage: Lineage) -> Chart:
    """Paragraphs per version by part, and changes per transition by kind, as SVG rectangles."""
    versions = lineage.versions
    width, height, top, base = 640, 240, 20, 200
    slot = (width - 40) / max(len(versions), 1)
    biggest = max((len(v.paragraphs) for v in versions), default=1) or 1
    scale = (base - top) / biggest
    bars: list[Bar] = []
    labels: list[tuple[float, float, str]] = []
    for k, v in enumerate(versions):
        x = 30 + k * slot
        view = version_view(v)
        y: float = base
        for part, count in (("preamble", view.preamble), ("operative", view.operative)):
            h = count * scale
            y -= h
            bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(slot * 0.35, 1),
                    round(h, 1),
                    f"part-{part}",
                    f"{v.short}: {count} {part} paragraphs held",
                )
            )
        labels.append((round(x, 1), base + 14, v.short))
        labels.append((round(x, 1), round(y - 4, 1), str(view.preamble + view.operative)))
    for k, comp in enumerate(lineage.comparisons):
        x = 30 + k * slot + slot * 0.5
        y = base
        summary = comp.summary()
        for kind in CHART_KINDS:
            h = summary[kind] * scale
            if h:
                y -= h
                bars.append(
                    Bar(
                        round(x, 1),
                        round(y, 1),
                        round(slot * 0.2, 1),
                        round(h, 1),
                        f"k-{kind}",
                        f"{comp.old.short} → {comp.new.short}: {summary[kind]} {kind}",
                    )
                )
    return Chart(width, height + 10, bars, labels)


def index_page(
    series: str, title: str, versions: list[IndexVersion], pairs: list[PairLink], lineage: Lineage
) -> IndexPage:
    names = [v.short for v in lineage.versions]
    rows = [
        LineageRow(t.label(names), [LineageCell(c.status, "+".join(c.ids)) for c in t.cells]) for t in lineage.threads
    ]
    return IndexPage(
        series=series,
        title=title,
        versions=versions,
        pairs=pairs,
        lineage_versions=names,
        lineage=rows,
        chart=series_chart(lineage),
        legend=legend(),
    )


def pair_filename(old: Resolution, new: Resolution) -> str:
    return f"{old.short.replace('/', '-')}_{new.short.replace('/', '-')}.html"
