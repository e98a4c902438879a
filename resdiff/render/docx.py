"""A Word redline: the comparison as real Word revisions a delegate can accept or reject.

The document opens as NEW (the draft) opens: its masthead (symbol, distribution, date, committee,
agenda item, sponsors, "draft resolution", title), untracked, then "The General Assembly," and the
text. Every difference is a revision by author "resdiff" (``w:ins`` / ``w:del``, paragraph marks
included), so accepting all gives NEW's text and rejecting all gives OLD's. Operative numbers are
Word list numbering wherever both texts number their paragraphs in sequence (1., 2. … with (a),
(b) … and (i), (ii) … below; a section that numbers from 1 again is a list of its own), so a
renumbered paragraph is no change; a paragraph whose level changed carries its old one as a tracked
paragraph-property change. Where a text numbers otherwise (a gap, a number out of sequence), the
numbers are text and tracked as such.
A moved paragraph is a Word move (``w:moveFrom`` where it stood, ``w:moveTo`` where it stands, its
edits tracked inside), with a comment naming the other place. Paragraphs that could not be
compared (the other version has a gap there) are not revisions: they are plain text shaded grey,
with a comment saying so, so that nobody reads them as insertions. Lead phrases are in italics;
footnotes are real Word footnotes. The summary and the change list follow the text, in a section
of their own. Built with lxml; the package is written deterministically, with the revision date
from ``SOURCE_DATE_EPOCH`` when set.

Paragraph styles say what each paragraph is, so that a reader (:mod:`resdiff.render.verify`, behind
``review --verify``) can take the text apart from the masthead and the change list: :data:`FRAME_STYLES`.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import replace

from lxml import etree
from lxml.builder import ElementMaker

from resdiff.core.dates import printed_date
from resdiff.core.model import Gap, Heading, Paragraph, Part, Resolution
from resdiff.core.sponsors import sponsors_line
from resdiff.core.symbol import to_roman
from resdiff.diff.compare import Change, ChangeKind, Comparison, Flag, classify_edit
from resdiff.diff.worddiff import DELETE, EQUAL, INSERT, word_diff
from resdiff.formats.ooxml import CHANGE_LIST_STYLES, W_NS, w
from resdiff.render.changes import change_label, note_comment, render_term
from resdiff.render.layout import PlaceKind, layout
from resdiff.render.spans import Side, Span, SpanKind, View, build_spans

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W = ElementMaker(namespace=W_NS, nsmap={"w": W_NS, "r": R_NS})
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "resdiff"
OLD_NOTE_BASE = 1000  # Word ids of OLD's footnotes (deleted references); NEW's keep their numbers
# Revisions and comments share one id space, kept clear of the footnotes' ids: LibreOffice mixes up
# a comment and a footnote of the same id (their texts come out blank or swapped).
ANNOTATION_BASE = 100_000
UNKNOWN_SHADE = "E7E6E6"
# The custom-mark ("*") footnote of the sponsors line is Word's footnote 1, NEW's footnotes then taking
# their number + 1: LibreOffice gives a custom-mark reference the body of the first numbered footnote, so
# with another id every footnote after it printed its neighbour's text.
SPONSORS_NOTE_ID = 1
# The paragraphs that are not the text: the masthead, the enacting formula, the section headings (NEW's,
# untracked), paragraphs not compared, and the summary and change list at the end.
FRAME_STYLES = ("Masthead", "MastheadTitle", "Formula", "SectionHeading", "NotCompared", *CHANGE_LIST_STYLES)
_DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def revision_date() -> str:
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def contiguous(comp: Comparison) -> Comparison:
    """The comparison with every split and merge whose pieces do not stand together cut into pieces
    that do: the run of pieces with the first one stays the split or merge (or a pair, when it is one
    paragraph), the others are new paragraphs (a split) or dropped ones (a merge) where they stand. A
    Word paragraph mark joins neighbours only, so a split into OP3 and OP12 cannot be one revision."""
    new_at = {p.id: k for k, p in enumerate(comp.new.all_paragraphs)}
    old_at = {p.id: k for k, p in enumerate(comp.old.all_paragraphs)}
    keyed: list[tuple[tuple[int, int, int], Change]] = []
    gone: list[Change] = []  # changes without a new paragraph: placed after the others are
    for c in comp.changes:
        parts, at = (c.new, new_at) if c.kind is ChangeKind.SPLIT else (c.old, old_at)
        if c.kind not in (ChangeKind.SPLIT, ChangeKind.MERGED) or _runs(parts, at) == 1:
            if c.new:
                keyed.append(((new_at[c.new[0].id], 0, 0), c))
            else:
                gone.append(c)
            continue
        first = [parts[0]]
        for p in parts[1:]:
            if at[p.id] != at[first[-1].id] + 1:
                break
            first.append(p)
        rest = [p for p in parts if p not in first]
        old, new = (c.old, tuple(first)) if c.kind is ChangeKind.SPLIT else (tuple(first), c.new)
        ops = tuple(word_diff(" ".join(p.text for p in old), " ".join(p.text for p in new)))
        kind = c.kind if len(first) > 1 else classify_edit(list(ops))
        keyed.append(((new_at[new[0].id], 0, 0), replace(c, kind=kind, old=old, new=new, ops=ops, notes=())))
        for p in rest:
            if c.kind is ChangeKind.SPLIT:
                keyed.append(((new_at[p.id], 0, 0), Change(ChangeKind.NEW, (), (p,), ops=((INSERT, p.text),))))
            else:
                gone.append(Change(ChangeKind.DROPPED, (p,), (), ops=((DELETE, p.text),)))
    # A paragraph that is gone stands after the new place of the old paragraph before it (as compare has it).
    placed: dict[int, int] = {}
    for _, c in keyed:
        if Flag.MOVED not in c.flags:
            for p in c.old:
                placed[old_at[p.id]] = max(new_at[q.id] for q in c.new)
    for c in gone:
        i = old_at[c.old[0].id]
        before = max((k for k in placed if k < i), default=None)
        keyed.append(((placed[before] if before is not None else -1, 1, i), c))
    keyed.sort(key=lambda kc: kc[0])
    return replace(comp, changes=tuple(c for _, c in keyed))


def _runs(parts: tuple[Paragraph, ...], at: dict[str, int]) -> int:
    """How many runs of neighbouring paragraphs ``parts`` make."""
    return 1 + sum(at[b.id] != at[a.id] + 1 for a, b in zip(parts, parts[1:]))


class _Writer:
    def __init__(self, comp: Comparison, list_numbers: bool = True):
        self.told = comp  # as every other format tells it (the change list)
        comp = contiguous(comp)
        self.comp = comp
        self.date = revision_date()
        self.next_id = ANNOTATION_BASE
        self.comments: list = []
        self.footnotes: dict[int, str] = {}
        self.marked_note: str | None = None  # the sponsors' note, a custom-mark footnote
        self.shift = 1 if comp.new.sponsors and comp.new.sponsors_note else 0  # NEW's ids after it
        # Each side's operative paragraphs by their list (one per run of numbers from 1), if Word can number them.
        self.lists = (list_instances(comp.old), list_instances(comp.new))
        self.listed = list_numbers and self.lists[0] is not None and self.lists[1] is not None
        # Each side's footnote references, where footnotes are compared (else NEW's, as every format shows).
        self.notes = self.same_note if comp.footnotes_compared else None

    def rev(self, kind: str, *children, **extra: str):
        self.next_id += 1
        attrs = {w("id"): str(self.next_id), w("author"): AUTHOR, w("date"): self.date}
        return W(kind, *children, **attrs, **{w(k): v for k, v in extra.items()})

    def same_note(self, old: int, new: int) -> bool:
        """Whether OLD's footnote ``old`` and NEW's ``new`` say the same (one reference kept for both)."""
        a, b = self.comp.old.footnote(old), self.comp.new.footnote(new)
        return a is not None and b is not None and a.text is not None and a.text == b.text

    # -- runs ----------------------------------------------------------------------
    def run(self, span: Span):
        deleted = span.op is SpanKind.DEL
        if span.note is not None:
            res = self.comp.old if span.note_side is Side.OLD else self.comp.new
            word_id = span.note + (OLD_NOTE_BASE if span.note_side is Side.OLD else self.shift)
            note = res.footnote(span.note)
            self.footnotes[word_id] = (
                note.text if note is not None and note.text is not None else "[text not available]"
            )
            return W.r(
                W.rPr(W.rStyle(**{w("val"): "FootnoteReference"})), W.footnoteReference(**{w("id"): str(word_id)})
            )
        props = [W.i()] if span.italic else []
        text = W.delText(span.text) if deleted else W.t(span.text)
        text.set(XML_SPACE, "preserve")
        return W.r(W.rPr(*props), text) if props else W.r(text)

    def runs(self, spans: list[Span], moved: str | None = None) -> list:
        """Runs for spans, wrapping deletions and insertions in revisions. ``moved`` ("moveFrom" or
        "moveTo") puts everything inside a move, insertions and deletions nested in it."""
        out: list = []
        for span in spans:
            r = self.run(span)
            if span.op is not SpanKind.EQ:
                r = self.rev(SpanKind.DEL if span.op is SpanKind.DEL else SpanKind.INS, r)
            if moved is not None:
                r = self.rev(moved, r)
            last = out[-1] if out else None
            if last is None or last.tag != r.tag or r.tag == w("r"):
                out.append(r)
            elif moved is None:
                last.extend(r)  # one revision for neighbouring runs of one kind
            elif last[-1].tag == r[0].tag:  # in a move: the runs join the same run or revision
                if r[0].tag == w("r"):
                    last.append(r[0])
                else:
                    last[-1].extend(r[0])
            else:
                out.append(r)
        return out

    def comment(self, text: str, children: list) -> list:
        self.next_id += 1
        cid = str(self.next_id)
        self.comments.append(
            W.comment(
                W.p(W.r(W.t(text))), **{w("id"): cid, w("author"): AUTHOR, w("date"): self.date, w("initials"): "rd"}
            )
        )
        return [
            W.commentRangeStart(**{w("id"): cid}),
            *children,
            W.commentRangeEnd(**{w("id"): cid}),
            W.r(W.commentReference(**{w("id"): cid})),
        ]

    def annotate(self, children: list, remarks: list[str]) -> list:
        """A paragraph's children with its comments, one per remark (the place for paragraph-level notes)."""
        for remark in remarks:
            children = self.comment(remark, children)
        return children

    def paragraph(
        self,
        children: list,
        mark: str | None = None,
        style: str | None = None,
        level: tuple[Paragraph | None, Paragraph | None] | None = None,
    ):
        """A paragraph; ``mark`` (an insertion, a deletion or a move) makes its paragraph mark a revision
        too. ``level``: the paragraph (OLD's, NEW's) whose list level it shows when operative numbers are
        list numbering; where OLD's level differs, it is kept as a tracked paragraph-property change."""
        ppr = []
        if style:
            ppr.append(W.pStyle(**{w("val"): style}))
        old_level = new_level = None
        if level is not None and self.listed:
            old_level, new_level = self.level(level[0], 0), self.level(level[1], 1)
            if level[1] is None:  # a paragraph OLD alone has: it shows OLD's number
                new_level = old_level
            if level[0] is None:
                old_level = new_level
        ppr += _numbering(new_level)
        if mark:
            ppr.append(W.rPr(self.rev(mark)))
        if old_level != new_level:
            ppr.append(self.rev("pPrChange", W.pPr(*_numbering(old_level))))
        return W.p(W.pPr(*ppr), *children) if ppr else W.p(*children)

    def level(self, p: Paragraph | None, side: int) -> tuple[int, int] | None:
        """The list (of OLD's, ``side`` 0, or NEW's, 1) and level a paragraph's number is in: level 0 for
        an operative number, 1 for (a), 2 for (i); None for a preambular paragraph."""
        lists = self.lists[side]
        if p is None or p.part is not Part.OPERATIVE or lists is None:
            return None
        return lists[p.id], len(p.sub)

    def number(self, old: Paragraph | None, new: Paragraph | None, whole: SpanKind | None) -> list[Span]:
        """The printed number as text, where operative numbers are not list numbering."""
        return [] if self.listed else _numbered(old, new, whole)

    def unknown(self, paragraphs: tuple[Paragraph, ...], side: Side, note: str) -> list:
        """Paragraphs held by one side (``side``) where the other has a gap: not compared, so not a
        revision (accepting or rejecting changes nothing about them), shaded grey, with a comment."""
        out = []
        for k, p in enumerate(paragraphs):
            held = (p,)
            spans = _numbered(p, p, None) + build_spans(
                [(EQUAL, p.text)], View.REDLINE, held if side is Side.OLD else (), held if side is Side.NEW else ()
            )
            children = [_shaded(r) for r in self.runs(spans)]
            out.append(self.paragraph(self.comment(note, children) if k == 0 else children, style="NotCompared"))
        return out

    # -- changes -------------------------------------------------------------------
    def whole(self, paragraphs: tuple[Paragraph, ...], op: SpanKind, note: str | None) -> list:
        """Paragraphs inserted or deleted (``op``) whole, with an optional comment."""
        out = []
        for k, p in enumerate(paragraphs):
            spans = self.number(p, None, op) + self.plain(p, op)
            children = self.runs(spans)
            if note and k == 0:
                children = self.comment(note, children)
            out.append(self.paragraph(children, mark=op, level=(p, None) if op is SpanKind.DEL else (None, p)))
        return out

    @staticmethod
    def plain(p: Paragraph, op: SpanKind) -> list[Span]:
        """A paragraph's text as spans of one kind, with its lead and footnote references."""
        side = op is SpanKind.DEL
        return build_spans(
            [(DELETE if side else INSERT if op is SpanKind.INS else EQUAL, p.text)],
            View.REDLINE,
            (p,) if side else (),
            () if side else (p,),
        )

    def moved(
        self, c: Change, paragraphs: tuple[Paragraph, ...], pieces: list[list[Span]], move: str, note: str
    ) -> list:
        """A move's paragraphs where they stood (``moveFrom``) or stand (``moveTo``), inside one range
        named for the change, so that Word pairs the two places."""
        name = f"resdiff{next(k for k, x in enumerate(self.comp.changes) if x is c)}"
        start = self.rev(f"{move}RangeStart", name=name)
        end = W(f"{move}RangeEnd", **{w("id"): start.get(w("id"))})
        out = []
        for k, (p, spans) in enumerate(zip(paragraphs, pieces)):
            children = self.runs(spans, moved=move)
            if k == 0:
                children = self.comment(note, [start, *children])
            if k == len(paragraphs) - 1:
                children.append(end)
            side = (p, None) if move == "moveFrom" else (None, p)
            out.append(self.paragraph(children, mark=move, level=side))
        return out

    def change(self, c: Change) -> list:
        comp = self.comp
        if c.kind is ChangeKind.NEW:
            return self.whole(c.new, SpanKind.INS, self.precedent(c))
        if c.kind is ChangeKind.DROPPED:
            return self.whole(c.old, SpanKind.DEL, None)
        if c.kind is ChangeKind.UNKNOWN and not (c.old and c.new):
            if c.new:
                return self.unknown(
                    c.new,
                    Side.NEW,
                    f"Not compared: {comp.old.short} has a gap here. This is the "
                    f"text of {comp.new.short}, shown for reading, not as a change.",
                )
            return self.unknown(
                c.old,
                Side.OLD,
                f"Not compared: {comp.new.short} has a gap here. This is the text "
                f"of {comp.old.short}, shown for reading, not as a change.",
            )
        if Flag.MOVED in c.flags:
            note = ". ".join(
                filter(
                    None, [f"Moved from {'+'.join(c.old_ids)} of {comp.old.short}", change_label(c), self.precedent(c)]
                )
            )
            if len(c.old) == 1 and len(c.new) == 1 and not c.partial:  # its edits tracked inside the move
                spans = self.number(c.old[0], c.new[0], None) + build_spans(
                    list(c.ops), View.REDLINE, c.old, c.new, self.notes
                )
                return self.moved(c, c.new, [spans], "moveTo", note)
            pieces = [self.number(p, None, SpanKind.INS) + self.plain(p, SpanKind.EQ) for p in c.new]
            return self.moved(c, c.new, pieces, "moveTo", note)
        spans = build_spans(list(c.ops), View.REDLINE, c.old, c.new, self.notes)
        number = self.number(c.old[0], c.new[0], None)
        if c.new_tail:
            spans.append(Span(SpanKind.INS, c.new_tail))
        if c.old_tail:
            spans.append(Span(SpanKind.DEL, c.old_tail))
        if c.kind in (ChangeKind.SPLIT, ChangeKind.MERGED):
            # The pieces after the first carry their own number: inserted in a split, deleted in a merge.
            # Joined, the pieces take the last one's paragraph properties: the one paragraph of the other side.
            split = c.kind is ChangeKind.SPLIT
            parts = c.new if split else c.old
            pieces = _cut(spans, parts, side=Side.NEW if split else Side.OLD)
            pieces[0][:0] = number
            for k in range(1, len(pieces)):
                pieces[k][:0] = [
                    Span(SpanKind.INS if split else SpanKind.DEL, label)
                    for label in [_label(parts[k])]
                    if label and not self.listed
                ]
            last = len(pieces) - 1
            return [
                self.paragraph(
                    self.runs(piece),
                    mark=(SpanKind.INS if split else SpanKind.DEL) if k < last else None,
                    level=(c.old[0], parts[k])
                    if split and k == last
                    else (c.old[k], c.new[0])
                    if not split and k == last
                    else (None, parts[k])
                    if split
                    else (parts[k], None),
                )
                for k, piece in enumerate(pieces)
            ]
        children = self.runs(number + spans)
        remarks = [mark for mark in [self.precedent(c)] if mark]
        notes = note_comment(comp, c)
        if notes:
            remarks.append(notes[0].upper() + notes[1:])
        if c.partial:
            remarks.append(
                f"Only the beginning is held in "
                f"{comp.old.short if c.old[0].partial else comp.new.short}; the rest is "
                "marked as a revision but was not compared."
            )
        return [self.paragraph(self.annotate(children, remarks), level=(c.old[0], c.new[0]))]

    def precedent(self, c: Change) -> str | None:
        """The comment on a new or reworded paragraph marked with its precedent: "Agreed language:
        72/36 OP27, 86%" or "New language" (review, compare --precedent)."""
        found = self.comp.precedent(c)
        return found.label[0].upper() + found.label[1:] if found else None

    def stub(self, c: Change) -> list:
        """Where a moved paragraph stood in OLD: its old text, moved away."""
        pieces = [self.number(p, None, SpanKind.DEL) + self.plain(p, SpanKind.DEL) for p in c.old]
        pieces = [[Span(SpanKind.EQ, s.text, s.italic, s.note, s.note_side) for s in piece] for piece in pieces]
        return self.moved(c, c.old, pieces, "moveFrom", f"Moved to {'+'.join(c.new_ids)} of {self.comp.new.short}.")

    def body(self) -> list:
        comp = self.comp
        out = self.masthead(comp.new)
        out.append(self.paragraph([W.r(W.rPr(W.i()), W.t("The General Assembly")), W.r(W.t(","))], style="Formula"))
        for place in layout(comp):
            if place.what is PlaceKind.CHANGE:
                out += self.change(comp.changes[place.change])
            elif place.what is PlaceKind.MOVED_STUB:
                out += self.stub(comp.changes[place.change])
            elif place.what is PlaceKind.HEADING:
                # NEW's section headings, as printed (their changes are listed by every other format).
                assert place.heading is not None  # set on every HEADING place (layout)
                out.append(self.paragraph([W.r(W.t(place.heading.label))], style="SectionHeading"))
        return out + self.change_list()

    # -- the frame: masthead and change list ---------------------------------------------
    def masthead(self, res: Resolution) -> list:
        """NEW's masthead in the UN's layout, from what its version holds (nothing is made up: a line
        whose fact is unknown is left out)."""
        sym = res.parsed_symbol
        draft = sym is not None and sym.is_draft
        right = [res.symbol or res.name]
        left = ["United Nations"]
        if draft:
            left.append("General Assembly")
            right.append("Distr.: Limited")  # what an L document is
        if res.issued:
            right.append(printed_date(res.issued))
        top = W.tbl(
            W.tblPr(W.tblW(**{w("w"): "5000", w("type"): "pct"}), W.tblLook(**{w("val"): "0000"})),
            W.tblGrid(W.gridCol(**{w("w"): "4513"}), W.gridCol(**{w("w"): "4513"})),
            W.tr(
                W.tc(W.tcPr(W.tcW(**{w("w"): "2500", w("type"): "pct"})), *self.lines(left, "Masthead", bold=True)),
                W.tc(
                    W.tcPr(W.tcW(**{w("w"): "2500", w("type"): "pct"})),
                    *self.lines(right, "Masthead", align="right"),
                ),
            ),
        )
        lines = []
        if res.session:
            lines.append(f"{session_ordinal(res.session)} session")
        if res.committee and res.committee != "plenary":
            lines.append(res.committee if "Committee" in res.committee else f"{res.committee} Committee")
        if res.agenda_item:
            lines.append(f"Agenda item {res.agenda_item}")
        out = [top, *self.lines(lines, "Masthead")]
        if res.agenda_title:
            out += self.lines([res.agenda_title], "Masthead", bold=True)
        if res.sponsors:
            out.append(self.sponsors_line(res))
        title = res.title or ""
        if not draft and sym is not None and sym.is_resolution:
            title = f"{sym.short}. {title}"
        if title:
            out += self.lines([title], "MastheadTitle", bold=True)
        return out

    def lines(self, texts: list[str], style: str, bold: bool = False, align: str | None = None) -> list:
        props = [W.b()] if bold else []
        return [
            W.p(
                W.pPr(W.pStyle(**{w("val"): style}), *([W.jc(**{w("val"): align})] if align else [])),
                W.r(W.rPr(*props), W.t(text)) if props else W.r(W.t(text)),
            )
            for text in texts
        ]

    def sponsors_line(self, res: Resolution) -> object:
        """ "Afghanistan, Australia and France: draft resolution", or "Draft resolution submitted by the
        Chair"; the note on a sponsor ("* On behalf of …") as a custom-mark footnote after the names."""
        before, after = sponsors_line(res.sponsors)
        runs = [W.r(W.t(before))]
        if res.sponsors_note:
            self.marked_note = res.sponsors_note
            runs.append(
                W.r(
                    W.rPr(W.rStyle(**{w("val"): "FootnoteReference"})),
                    W.footnoteReference(**{w("customMarkFollows"): "1", w("id"): str(SPONSORS_NOTE_ID)}),
                    W.t("*"),
                )
            )
        if after:
            text = W.t(after)
            text.set(XML_SPACE, "preserve")
            runs.append(W.r(text))
        return W.p(W.pPr(W.pStyle(**{w("val"): "Masthead"}), W.ind(**{w("left"): "1247"})), *runs)

    def change_list(self) -> list:
        """The summary and the change list, after the text, on a page of their own."""
        comp = self.comp
        heading = f"Changes: {comp.new.short} against {comp.old.short}"
        out = [
            W.p(
                W.pPr(W.pStyle(**{w("val"): "ChangesHeading"}), W.pageBreakBefore()),
                W.r(W.t(heading)),
            ),
            *self.lines(
                [
                    "Accept all revisions to get the text of "
                    f"{comp.new.name}, reject all to get {comp.old.name}. Deleted words are shown [-so-], "
                    "inserted words {+so+} below."
                ],
                "Changes",
            ),
        ]
        for line in render_term(self.told, changed_only=True, colour=False).splitlines():
            if line.strip():
                text = W.t(line.strip())
                text.set(XML_SPACE, "preserve")
                indent = [W.ind(**{w("left"): "567"})] if line.startswith(" ") else []
                out.append(W.p(W.pPr(W.pStyle(**{w("val"): "Changes"}), *indent), W.r(text)))
        return out


def _numbering(level: tuple[int, int] | None) -> list:
    """The numbering properties of a paragraph at ``level`` (its list, its level in the list)."""
    if level is None:
        return []
    return [W.numPr(W.ilvl(**{w("val"): str(level[1])}), W.numId(**{w("val"): str(level[0])}))]


_LEVEL_FORMATS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)"))


def _printed(level: int, n: int) -> str:
    if level == 0:
        return str(n)
    if level == 1:
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return to_roman(n).lower()


def list_instances(res: Resolution) -> dict[str, int] | None:
    """Each operative paragraph's list, if Word lists print every operative number of ``res`` as it is
    printed: 1, 2, 3 … with (a), (b) … and (i), (ii) … below, a new list (2, 3 …) where a section
    numbers its paragraphs from 1 again; None where they cannot (a gap, a number out of sequence, a
    preambular paragraph with a number or a sub-paragraph label)."""
    counters: list[int] = []
    lists: dict[str, int] = {}
    instance, heading = 1, False
    # An annex numbers its paragraphs from 1: a list of its own, as a section numbering anew.
    for item in res.items + tuple(i for a in res.annexes for i in (Heading(1, None, a.label), *a.items)):
        if isinstance(item, Gap):
            return None
        if isinstance(item, Heading):
            heading = True
        if not isinstance(item, Paragraph):
            continue
        if item.part is not Part.OPERATIVE:
            if item.sub or item.number is not None:
                return None
            continue
        depth = len(item.sub)
        if heading and counters and depth == 0 and item.number == 1:  # a section numbering from 1 again
            instance, counters = instance + 1, []
        heading = False
        if depth >= len(_LEVEL_FORMATS) or depth > len(counters):
            return None
        counters = counters[: depth + 1] + [0] * (depth + 1 - len(counters))
        counters[depth] += 1
        shown = item.sub[-1] if item.sub else item.number
        if shown != (_printed(depth, counters[depth]) if depth else counters[0]):
            return None
        lists[item.id] = instance
    return lists


def list_numbered(comp: Comparison) -> bool:
    """Whether the redline numbers operative paragraphs by Word lists (see the module's docstring)."""
    return list_instances(comp.old) is not None and list_instances(comp.new) is not None


def session_ordinal(n: int) -> str:
    """A session as a masthead names it.

    >>> session_ordinal(77), session_ordinal(80), session_ordinal(1), session_ordinal(112)
    ('Seventy-seventh', 'Eightieth', 'First', '112th')
    """
    units = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
    teens = (
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    )
    tens = ("", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")
    if not 0 < n < 100:
        return f"{n}th"
    if n < 10:
        word = units[n]
    elif n < 20:
        word = teens[n - 10]
    elif n % 10 == 0:
        word = tens[n // 10] + "ieth"
    else:
        word = f"{tens[n // 10]}y-{units[n % 10]}"
    return word[0].upper() + word[1:]


def _shaded(run):
    props = run.find(w("rPr"))
    if props is None:
        props = W.rPr()
        run.insert(0, props)
    props.append(W.shd(**{w("val"): "clear", w("color"): "auto", w("fill"): UNKNOWN_SHADE}))
    return run


def _numbered(old: Paragraph | None, new: Paragraph | None, whole: SpanKind | None) -> list[Span]:
    """The printed number of an operative paragraph ("7.\\t"), as a revision where it changed."""
    if whole is not None:
        text = _label(new or old)
        return [Span(whole, text)] if text else []
    a, b = _label(old), _label(new)
    if a == b:
        return [Span(SpanKind.EQ, a)] if a else []
    return ([Span(SpanKind.DEL, a)] if a else []) + ([Span(SpanKind.INS, b)] if b else [])


def _label(p: Paragraph | None) -> str:
    if p is None or (p.number is None and not p.sub):
        return ""
    return (f"({p.sub[-1]})" if p.sub else f"{p.number}.") + "\t"


def _cut(spans: list[Span], parts: tuple[Paragraph, ...], side: Side) -> list[list[Span]]:
    """Cut a split's (side NEW) or merge's (side OLD) spans where the joined paragraphs met.

    The joined text has one space at each meeting point. In a split that space becomes a new
    paragraph mark: kept text there is deleted (the old paragraph had a space), inserted text
    dropped. In a merge it replaces an old paragraph mark: kept text is inserted, deleted dropped.
    """
    ends, total = [], 0
    for p in parts[:-1]:
        total += len(p.text)
        ends.append(total)
        total += 1
    pieces: list[list[Span]] = [[]]
    pos = 0
    for span in spans:
        counts = span.note is None and (
            span.op is SpanKind.EQ or span.op is (SpanKind.INS if side is Side.NEW else SpanKind.DEL)
        )
        if not counts or not span.text:
            pieces[-1].append(span)
            continue
        text = span.text
        while text:
            nxt = ends[len(pieces) - 1] if len(pieces) - 1 < len(ends) else None
            if nxt is None or nxt >= pos + len(text):
                pieces[-1].append(Span(span.op, text, span.italic))
                pos += len(text)
                break
            head, sep, text = text[: nxt - pos], text[nxt - pos], text[nxt - pos + 1 :]
            if head:
                pieces[-1].append(Span(span.op, head, span.italic))
            if span.op is SpanKind.EQ:
                pieces[-1].append(Span(SpanKind.DEL if side is Side.NEW else SpanKind.INS, sep))
            pos = nxt + 1
            pieces.append([])
    return pieces


def _styles():
    def style(sid: str, name: str, kind: str = "paragraph", *props):
        based = [W.basedOn(**{w("val"): "Normal"})] if kind == "paragraph" and sid != "Normal" else []
        return W.style(W.name(**{w("val"): name}), *based, *props, **{w("type"): kind, w("styleId"): sid})

    def size(half_points: int):
        return W.sz(**{w("val"): str(half_points)})

    def spacing(after: int):
        return W.spacing(**{w("after"): str(after)})

    return W.styles(
        style(
            "Normal",
            "Normal",
            "paragraph",
            W.pPr(W.spacing(**{w("after"): "120"}), W.jc(**{w("val"): "both"})),
            W.rPr(W.rFonts(**{w("ascii"): "Times New Roman", w("hAnsi"): "Times New Roman"}), size(20)),
        ),
        style("Masthead", "Masthead", "paragraph", W.pPr(spacing(0), W.jc(**{w("val"): "left"}))),
        style(
            "MastheadTitle",
            "Masthead title",
            "paragraph",
            W.pPr(W.spacing(**{w("before"): "240", w("after"): "240"}), W.ind(**{w("left"): "1247"})),
            W.rPr(W.b(), size(24)),
        ),
        style("Formula", "Enacting formula", "paragraph", W.pPr(W.ind(**{w("firstLine"): "567"}))),
        style("SectionHeading", "Section heading", "paragraph", W.pPr(W.keepNext()), W.rPr(W.b())),
        style("NotCompared", "Not compared", "paragraph"),
        style("ChangesHeading", "Changes heading", "paragraph", W.pPr(W.keepNext()), W.rPr(W.b(), size(24))),
        style("Changes", "Change list", "paragraph", W.pPr(spacing(60), W.jc(**{w("val"): "left"})), W.rPr(size(18))),
        style("FootnoteText", "footnote text", "paragraph", W.rPr(size(17))),
        style("FootnoteReference", "footnote reference", "character", W.rPr(W.vertAlign(**{w("val"): "superscript"}))),
    )


def _numbering_part(count: int):
    """The operative paragraphs' lists (``count`` of them, each from 1: a section may number its
    paragraphs again): "1." at level 0, "(a)" at level 1, "(i)" at level 2, the number set in the
    first-line indent as the UN prints it."""
    levels = [
        W.lvl(
            W.start(**{w("val"): "1"}),
            W.numFmt(**{w("val"): fmt}),
            W.lvlText(**{w("val"): text}),
            W.lvlJc(**{w("val"): "left"}),
            W.pPr(
                W.tabs(W.tab(**{w("val"): "num", w("pos"): str(567 * (k + 2))})),
                W.ind(**{w("left"): str(567 * k), w("firstLine"): "567"}),
            ),
            **{w("ilvl"): str(k)},
        )
        for k, (fmt, text) in enumerate(_LEVEL_FORMATS)
    ]
    return W.numbering(
        W.abstractNum(W.multiLevelType(**{w("val"): "multilevel"}), *levels, **{w("abstractNumId"): "0"}),
        *[
            W.num(
                W.abstractNumId(**{w("val"): "0"}),
                W.lvlOverride(W.startOverride(**{w("val"): "1"}), **{w("ilvl"): "0"}),
                **{w("numId"): str(k)},
            )
            for k in range(1, count + 1)
        ],
    )


def _footnotes(notes: dict[int, str], marked: str | None = None):
    def sep(wid: str, kind: str, mark):
        return W.footnote(W.p(W.r(mark)), **{w("id"): wid, w("type"): kind})

    def text(value: str):
        t = W.t(value)
        t.set(XML_SPACE, "preserve")
        return t

    out = [sep("-1", "separator", W.separator()), sep("0", "continuationSeparator", W.continuationSeparator())]
    if marked is not None:  # a custom mark: the footnote prints it instead of a number
        out.append(
            W.footnote(
                W.p(W.pPr(W.pStyle(**{w("val"): "FootnoteText"})), W.r(W.t("*")), W.r(text(" " + marked))),
                **{w("id"): str(SPONSORS_NOTE_ID)},
            )
        )
    for wid in sorted(notes):
        out.append(
            W.footnote(
                W.p(
                    W.pPr(W.pStyle(**{w("val"): "FootnoteText"})),
                    W.r(W.rPr(W.rStyle(**{w("val"): "FootnoteReference"})), W.footnoteRef()),
                    W.r(text(" " + notes[wid])),
                ),
                **{w("id"): str(wid)},
            )
        )
    return W.footnotes(*out)


def _font_table():
    return W.fonts(
        W.font(W.family(**{w("val"): "roman"}), W.pitch(**{w("val"): "variable"}), **{w("name"): "Times New Roman"})
    )


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _theme():
    """The least theme the schema asks of a package (Word's validators require the part): colours,
    Times New Roman for headings and body, and three plain styles of each kind."""
    A = ElementMaker(namespace=A_NS, nsmap={"a": A_NS})
    colours = [
        A.dk1(A.sysClr(val="windowText", lastClr="000000")),
        A.lt1(A.sysClr(val="window", lastClr="FFFFFF")),
        *[
            A(name, A.srgbClr(val=value))
            for name, value in (
                ("dk2", "44546A"),
                ("lt2", "E7E6E6"),
                ("accent1", "4472C4"),
                ("accent2", "ED7D31"),
                ("accent3", "A5A5A5"),
                ("accent4", "FFC000"),
                ("accent5", "5B9BD5"),
                ("accent6", "70AD47"),
                ("hlink", "0563C1"),
                ("folHlink", "954F72"),
            )
        ],
    ]

    def fonts(kind: str):
        return A(kind, A.latin(typeface="Times New Roman"), A.ea(typeface=""), A.cs(typeface=""))

    def solid():
        return A.solidFill(A.schemeClr(val="phClr"))

    return A.theme(
        A.themeElements(
            A.clrScheme(*colours, name="resdiff"),
            A.fontScheme(fonts("majorFont"), fonts("minorFont"), name="resdiff"),
            A.fmtScheme(
                A.fillStyleLst(solid(), solid(), solid()),
                A.lnStyleLst(*[A.ln(solid(), w="6350") for _ in range(3)]),
                A.effectStyleLst(*[A.effectStyle(A.effectLst()) for _ in range(3)]),
                A.bgFillStyleLst(solid(), solid(), solid()),
                name="resdiff",
            ),
        ),
        name="resdiff",
    )


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _package_parts(document, footnotes, comments, lists: int) -> dict[str, bytes]:
    P = ElementMaker(namespace=PKG_NS, nsmap={None: PKG_NS})
    C = ElementMaker(namespace=CT_NS, nsmap={None: CT_NS})
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    return {
        "[Content_Types].xml": _xml(
            C.Types(
                C.Default(Extension="rels", ContentType="application/vnd.openxmlformats-package.relationships+xml"),
                C.Default(Extension="xml", ContentType="application/xml"),
                C.Override(PartName="/word/document.xml", ContentType=f"{_DOC_TYPE}.document.main+xml"),
                C.Override(PartName="/word/styles.xml", ContentType=f"{_DOC_TYPE}.styles+xml"),
                C.Override(PartName="/word/settings.xml", ContentType=f"{_DOC_TYPE}.settings+xml"),
                C.Override(PartName="/word/footnotes.xml", ContentType=f"{_DOC_TYPE}.footnotes+xml"),
                C.Override(PartName="/word/comments.xml", ContentType=f"{_DOC_TYPE}.comments+xml"),
                C.Override(PartName="/word/numbering.xml", ContentType=f"{_DOC_TYPE}.numbering+xml"),
                C.Override(PartName="/word/fontTable.xml", ContentType=f"{_DOC_TYPE}.fontTable+xml"),
                C.Override(
                    PartName="/word/theme/theme1.xml",
                    ContentType="application/vnd.openxmlformats-officedocument.theme+xml",
                ),
            )
        ),
        "_rels/.rels": _xml(
            P.Relationships(P.Relationship(Id="rId1", Type=rel + "officeDocument", Target="word/document.xml"))
        ),
        "word/_rels/document.xml.rels": _xml(
            P.Relationships(
                P.Relationship(Id="rId1", Type=rel + "styles", Target="styles.xml"),
                P.Relationship(Id="rId2", Type=rel + "settings", Target="settings.xml"),
                P.Relationship(Id="rId3", Type=rel + "footnotes", Target="footnotes.xml"),
                P.Relationship(Id="rId4", Type=rel + "comments", Target="comments.xml"),
                P.Relationship(Id="rId5", Type=rel + "numbering", Target="numbering.xml"),
                P.Relationship(Id="rId6", Type=rel + "fontTable", Target="fontTable.xml"),
                P.Relationship(Id="rId7", Type=rel + "theme", Target="theme/theme1.xml"),
            )
        ),
        "word/document.xml": _xml(document),
        "word/styles.xml": _xml(_styles()),
        "word/settings.xml": _xml(W.settings(W.trackRevisions())),
        "word/footnotes.xml": _xml(footnotes),
        "word/comments.xml": _xml(comments),
        "word/numbering.xml": _xml(_numbering_part(lists)),
        "word/fontTable.xml": _xml(_font_table()),
        "word/theme/theme1.xml": _xml(_theme()),
    }


def render_docx(comp: Comparison, list_numbers: bool = True) -> bytes:
    """The redline as the bytes of a .docx file. ``list_numbers=False`` prints every operative number
    as text (a changed number as a deletion and an insertion) instead of Word list numbering."""
    writer = _Writer(comp, list_numbers)
    body = writer.body()
    page = W.sectPr(
        W.pgSz(**{w("w"): "11906", w("h"): "16838"}),
        W.pgMar(
            **{w(k): "1440" for k in ("top", "right", "bottom", "left")},
            **{w("header"): "720", w("footer"): "720", w("gutter"): "0"},
        ),
    )
    document = W.document(W.body(*body, page))
    lists = max((n for side in writer.lists if side for n in side.values()), default=1)
    parts = _package_parts(
        document, _footnotes(writer.footnotes, writer.marked_note), W.comments(*writer.comments), lists
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()
