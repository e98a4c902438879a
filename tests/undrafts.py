"""Drafts as the UN's own Word files lay them out, in the variety the six Main Committees and the
plenary show, with the truth of what each says.

Where the symbol stands: in the body's masthead, only in the page header (every page), in a first
page header holding the masthead as a table (the symbol's running head on the other pages), or in a
masthead table in the body. How sponsors are named: a list ("Chile, France and Japan: draft
resolution"), one State on behalf of a group with a custom-mark footnote ("Iraq:* draft resolution",
"* On behalf of the States Members of the United Nations that are members of the Group of 77 and
China", the Second Committee's form), or the Chair ("Draft resolution submitted by the Chair on the
basis of informal consultations", the Fifth Committee's). How operative paragraphs are numbered: by
hand, by list numbering on the paragraph, or by the paragraph's style (as the UN's templates do), in
"1." or "1)" forms. :data:`VARIANTS` crosses them into 28 distinct files; :func:`undraft_docx` writes one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from resdiff.core.model import Resolution

from .drafts import COUNTRIES, Draft, list_levels, make_draft, package, sponsors_line, text_body
from .official import R_NS, W, _props, _run, _xml, a

PLACES = ("body", "header", "first-header", "table")
COMMITTEES = (1, 2, 3, 4, 5, 6, None)  # None: a plenary draft (A/80/L.12)
LISTS = ("hand", "list", "style")
G77 = "On behalf of the States Members of the United Nations that are members of the Group of 77 and China."
EU = "On behalf of the States Members of the United Nations that are members of the European Union."
COMMITTEE_LINES = {
    1: "First Committee",
    2: "Second Committee",
    3: "Third Committee",
    4: "Special Political and Decolonization Committee (Fourth Committee)",
    5: "Fifth Committee",
    6: "Sixth Committee",
}
AGENDA = {
    1: "General and complete disarmament",
    2: "Macroeconomic policy questions",
    3: "Promotion and protection of human rights",
    4: "Questions relating to information",
    5: "Proposed programme budget",
    6: "Measures to eliminate international terrorism",
    None: "Strengthening of the United Nations system",
}


@dataclass(frozen=True)
class Style:
    place: str  # PLACES
    committee: int | None  # COMMITTEES
    numbering: str  # LISTS
    list_form: str = "%1."  # the operative number's form in a list: "%1." or "%1)"

    @property
    def name(self) -> str:
        return f"{self.place}-{self.committee or 'plenary'}-{self.numbering}-{self.list_form.strip('%1') or '.'}"


# 28 distinct variants: every place, committee and list style, crossed without repeating a combination.
VARIANTS = tuple(
    Style(PLACES[k % 4], COMMITTEES[k % 7], LISTS[k % 3], "%1)" if k % 5 == 4 else "%1.") for k in range(28)
)


@dataclass(frozen=True)
class UNDraft:
    """A draft as a UN Word file holds it; ``res`` is what a reader must find in it."""

    draft: Draft
    style: Style
    masthead_table: bool

    @property
    def res(self) -> Resolution:
        return self.draft.res


def make_undraft(base: Resolution, seed: int, style: Style) -> UNDraft:
    """The draft of ``base`` a committee would issue, with the masthead and sponsors of ``style``."""
    d = make_draft(base, seed)
    session = (base.session or 75) + 2
    number = 10 + seed % 50
    c = style.committee
    symbol = f"A/C.{c}/{session}/L.{number}" if c else f"A/{session}/L.{number}"
    note = None
    if c == 2:
        sponsors: tuple[str, ...] = ("Iraq",)
        note = G77
    elif c is None:
        sponsors, note = ("Spain",), EU
    elif c == 5:
        sponsors = ("the Chair",)
    elif c == 4:
        sponsors = ("the Vice-Chair of the Committee, Alicia Ramírez (Chile)",)
    else:
        sponsors = d.res.sponsors or (COUNTRIES[seed % len(COUNTRIES)],)
    res = replace(
        d.res,
        symbol=symbol,
        sponsors=sponsors,
        sponsors_note=note,
        committee=f"{('First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth')[c - 1]} Committee" if c else None,
        issued="2022-10-28",
        agenda_item=f"{60 + seed % 40} ({'abc'[seed % 3]})",
        agenda_title=AGENDA[c],
    )
    return UNDraft(replace(d, res=res), style, style.place in ("first-header", "table"))


def _sponsors_runs(u: UNDraft) -> list:
    res = u.res
    if res.sponsors_note:  # "Iraq:* draft resolution": the mark is a custom-mark footnote reference
        return [
            _run(f"{res.sponsors[0]}:"),
            W.r(
                W.rPr(W.vertAlign(**{a("val"): "superscript"})),
                W.footnoteReference(**{a("customMarkFollows"): "1", a("id"): "1"}),
                W.t("*"),
            ),
            _run(" draft resolution"),
        ]
    if res.sponsors[0].startswith("the "):
        basis = " on the basis of informal consultations" if u.style.committee == 5 else ""
        return [_run(f"Draft resolution submitted by {res.sponsors[0]}{basis}")]
    return [_run(sponsors_line(res.sponsors))]


def _table(rows: list[tuple[str, str]]):
    def cell(text: str):
        return W.tc(
            W.tcPr(W.tcW(**{a("w"): "4680", a("type"): "dxa"})), *[W.p(_run(line)) for line in text.split("\n")]
        )

    return W.tbl(
        W.tblPr(W.tblW(**{a("w"): "0", a("type"): "auto"})),
        W.tblGrid(W.gridCol(**{a("w"): "4680"}), W.gridCol(**{a("w"): "4680"})),
        *[W.tr(cell(left), cell(right)) for left, right in rows],
    )


def _header(*content) -> bytes:
    return _xml(W.hdr(*content))


def undraft_docx(u: UNDraft) -> bytes:
    """The Word file of ``u``: masthead where its style puts it, sponsors line, title, the text."""
    res, style = u.res, u.style
    symbol = res.symbol
    date = "28 October 2022"
    top = [("United Nations", symbol), ("General Assembly", f"Distr.: Limited\n{date}\nOriginal: English")]
    rest = [f"{res.session and _ordinal(res.session)} session"]
    if style.committee:
        rest.append(COMMITTEE_LINES[style.committee])
    rest += [f"Agenda item {res.agenda_item}", res.agenda_title or ""]
    body: list = []
    extra: dict[str, tuple[str, str, bytes]] = {}
    section: list = []
    if style.place == "body":
        body += [W.p(_run(line, *_props(10))) for line in (symbol, "Distr.: Limited", date, "Original: English")]
    elif style.place == "header":  # the symbol only in the header of every page
        extra["header1.xml"] = ("rIdH1", "header", _header(W.p(_run(symbol))))
        section.append(W.headerReference(**{a("type"): "default", f"{{{R_NS}}}id": "rIdH1"}))
        body += [W.p(_run(line, *_props(10))) for line in ("Distr.: Limited", date, "Original: English")]
    elif style.place == "first-header":  # the masthead table in the first page's header
        extra["header1.xml"] = ("rIdH1", "header", _header(W.p(_run(symbol))))
        extra["header2.xml"] = ("rIdH2", "header", _header(_table(top), W.p()))
        section += [
            W.headerReference(**{a("type"): "default", f"{{{R_NS}}}id": "rIdH1"}),
            W.headerReference(**{a("type"): "first", f"{{{R_NS}}}id": "rIdH2"}),
        ]
    else:  # the masthead as a table in the body
        body.append(_table(top))
    body += [W.p(_run(line, *_props(10))) for line in rest]
    body.append(W.p(*_sponsors_runs(u)))
    body.append(W.p(_run(res.title or "", *_props(13, bold=True))))
    paragraphs, notes = text_body(res, style.numbering, "UNList")
    if res.sponsors_note:
        notes.insert(0, W.footnote(W.p(_run("*"), _run(" " + res.sponsors_note)), **{a("id"): "1"}))
    if style.numbering == "style":
        extra["styles.xml"] = ("rIdS", "styles", _styles())
    if style.place == "first-header":
        section.append(W.titlePg())
    levels = list_levels(style.list_form, "(%2)" if style.list_form == "%1." else "%2)")
    return package(body + paragraphs, notes, levels, extra, section)


def _styles() -> bytes:
    """Paragraph styles that carry the list, as the UN's templates number operative paragraphs."""

    def style(sid: str, level: int):
        return W.style(
            W.name(**{a("val"): sid}),
            W.basedOn(**{a("val"): "Normal"}),
            W.pPr(W.numPr(W.ilvl(**{a("val"): str(level)}), W.numId(**{a("val"): "1"}))),
            **{a("type"): "paragraph", a("styleId"): sid},
        )

    normal = W.style(W.name(**{a("val"): "Normal"}), **{a("type"): "paragraph", a("styleId"): "Normal"})
    return _xml(W.styles(normal, style("UNList1", 0), style("UNList2", 1)))


_ORDINALS = {77: "Seventy-seventh", 78: "Seventy-eighth", 79: "Seventy-ninth", 80: "Eightieth", 81: "Eighty-first"}


def _ordinal(session: int) -> str:
    return _ORDINALS.get(session, str(session))
