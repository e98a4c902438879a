"""A Word redline: the comparison as real Word revisions a delegate can accept or reject.

Every difference is a revision by author "resdiff" (``w:ins`` / ``w:del``, paragraph marks
included), so accepting all gives NEW's text and rejecting all gives OLD's. A moved paragraph is
deleted where it stood and inserted where it stands, each with a comment naming the other place
(Word's move markup is not reliable in LibreOffice). Paragraphs that could not be compared (the
other version has a gap there) are not revisions: they are plain text shaded grey, with a comment
saying so, so that nobody reads them as insertions. Lead phrases are in italics; footnotes are
real Word footnotes. Built with lxml; the package is written deterministically, with the
revision date from ``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import io
import os
import time
import zipfile

from lxml import etree
from lxml.builder import ElementMaker

from resdiff.core.model import Paragraph
from resdiff.diff.compare import Change, ChangeKind, Comparison, Flag
from resdiff.diff.worddiff import DELETE, EQUAL, INSERT
from resdiff.formats.ooxml import W_NS, w
from resdiff.render.changes import change_label, note_comment, summary_line
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
_DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def revision_date() -> str:
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


class _Writer:
    def __init__(self, comp: Comparison):
        self.comp = comp
        self.date = revision_date()
        self.next_id = ANNOTATION_BASE
        self.comments: list = []
        self.footnotes: dict[int, str] = {}

    def rev(self, kind: SpanKind, *children):
        self.next_id += 1
        return W(kind, *children, **{w("id"): str(self.next_id), w("author"): AUTHOR, w("date"): self.date})

    # -- runs ----------------------------------------------------------------------
    def run(self, span: Span):
        deleted = span.op is SpanKind.DEL
        if span.note is not None:
            res = self.comp.old if span.note_side is Side.OLD else self.comp.new
            word_id = span.note + (OLD_NOTE_BASE if span.note_side is Side.OLD else 0)
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

    def runs(self, spans: list[Span]) -> list:
        """Runs for spans, wrapping deletions and insertions in revisions."""
        out: list = []
        for span in spans:
            r = self.run(span)
            if span.op is SpanKind.EQ:
                out.append(r)
            else:
                kind = SpanKind.DEL if span.op is SpanKind.DEL else SpanKind.INS
                if out and out[-1].tag == w(kind):
                    out[-1].append(r)
                else:
                    out.append(self.rev(kind, r))
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

    def paragraph(self, children: list, mark: SpanKind | None = None, style: str | None = None):
        """A paragraph; ``mark`` (an insertion or a deletion) makes its paragraph mark a revision too."""
        ppr = []
        if style:
            ppr.append(W.pStyle(**{w("val"): style}))
        if mark:
            ppr.append(W.rPr(self.rev(mark)))
        return W.p(W.pPr(*ppr), *children) if ppr else W.p(*children)

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
            out.append(self.paragraph(self.comment(note, children) if k == 0 else children))
        return out

    # -- changes -------------------------------------------------------------------
    def whole(self, paragraphs: tuple[Paragraph, ...], op: SpanKind, note: str | None) -> list:
        """Paragraphs inserted or deleted (``op``) whole, with an optional comment."""
        out = []
        for k, p in enumerate(paragraphs):
            spans = build_spans(
                [(INSERT if op is SpanKind.INS else DELETE, p.text)],
                View.REDLINE,
                () if op is SpanKind.INS else (p,),
                (p,) if op is SpanKind.INS else (),
            )
            spans = _numbered(p, None, op) + spans
            children = self.runs(spans)
            if note and k == 0:
                children = self.comment(note, children)
            out.append(self.paragraph(children, mark=op))
        return out

    def change(self, c: Change) -> list:
        comp = self.comp
        if c.kind is ChangeKind.NEW:
            return self.whole(c.new, SpanKind.INS, None)
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
            return self.whole(
                c.new,
                SpanKind.INS,
                f"Moved from {'+'.join(c.old_ids)} of {comp.old.short}; deleted there. {change_label(c)}",
            )
        spans = build_spans(list(c.ops), View.REDLINE, c.old, c.new)
        number = _numbered(c.old[0], c.new[0], None)
        if c.new_tail:
            spans.append(Span(SpanKind.INS, c.new_tail))
        if c.old_tail:
            spans.append(Span(SpanKind.DEL, c.old_tail))
        if c.kind in (ChangeKind.SPLIT, ChangeKind.MERGED):
            # The pieces after the first carry their own number: inserted in a split, deleted in a merge.
            split = c.kind is ChangeKind.SPLIT
            parts = c.new if split else c.old
            pieces = _cut(spans, parts, side=Side.NEW if split else Side.OLD)
            pieces[0][:0] = number
            for k in range(1, len(pieces)):
                pieces[k][:0] = [
                    Span(SpanKind.INS if split else SpanKind.DEL, label) for label in [_label(parts[k])] if label
                ]
            return [
                self.paragraph(
                    self.runs(piece), mark=(SpanKind.INS if split else SpanKind.DEL) if k < len(pieces) - 1 else None
                )
                for k, piece in enumerate(pieces)
            ]
        children = self.runs(number + spans)
        notes = note_comment(comp, c)
        if notes:
            children = self.comment(notes[0].upper() + notes[1:], children)
        if c.partial:
            children = self.comment(
                f"Only the beginning is held in "
                f"{comp.old.short if c.old[0].partial else comp.new.short}; the rest is "
                "marked as a revision but was not compared.",
                children,
            )
        return [self.paragraph(children)]

    def stub(self, c: Change) -> list:
        return self.whole(c.old, SpanKind.DEL, f"Moved to {'+'.join(c.new_ids)} of {self.comp.new.short}.")

    def body(self) -> list:
        comp = self.comp
        summary = summary_line(comp).rstrip(".")
        out = [
            self.paragraph([W.r(W.t(f"{comp.old.short} → {comp.new.short}: what changed"))], style="Title"),
            self.paragraph(
                [
                    W.r(
                        W.t(
                            f"{comp.old.name} ({comp.old.completeness}) "
                            f"compared with {comp.new.name} "
                            f"({comp.new.completeness}). {summary}. "
                            "Accept all revisions to get the new text, reject all to get the old."
                        )
                    )
                ],
                style="Subtitle",
            ),
        ]
        for place in layout(comp):
            if place.what is PlaceKind.CHANGE:
                out += self.change(comp.changes[place.change])
            elif place.what is PlaceKind.MOVED_STUB:
                out += self.stub(comp.changes[place.change])
            elif place.what is PlaceKind.HEADING:
                # NEW's section headings, as printed (their changes are listed by every other format).
                assert place.heading is not None  # set on every HEADING place (layout)
                out.append(self.paragraph([W.r(W.t(place.heading.label))], style="SectionHeading"))
        return out


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
        return W.style(W.name(**{w("val"): name}), *props, **{w("type"): kind, w("styleId"): sid})

    return W.styles(
        style(
            "Normal",
            "Normal",
            "paragraph",
            W.pPr(W.spacing(**{w("after"): "160"})),
            W.rPr(W.rFonts(**{w("ascii"): "Times New Roman", w("hAnsi"): "Times New Roman"}), W.sz(**{w("val"): "24"})),
        ),
        style("Title", "Title", "paragraph", W.rPr(W.b(), W.sz(**{w("val"): "32"}))),
        style("Subtitle", "Subtitle", "paragraph", W.rPr(W.sz(**{w("val"): "20"}))),
        style("SectionHeading", "Section heading", "paragraph", W.pPr(W.keepNext()), W.rPr(W.b())),
        style("FootnoteText", "footnote text", "paragraph", W.rPr(W.sz(**{w("val"): "18"}))),
        style("FootnoteReference", "footnote reference", "character", W.rPr(W.vertAlign(**{w("val"): "superscript"}))),
    )


def _footnotes(notes: dict[int, str]):
    def sep(wid: str, kind: str, mark):
        return W.footnote(W.p(W.r(mark)), **{w("id"): wid, w("type"): kind})

    out = [sep("-1", "separator", W.separator()), sep("0", "continuationSeparator", W.continuationSeparator())]
    for wid in sorted(notes):
        text = W.t(" " + notes[wid])
        text.set(XML_SPACE, "preserve")
        out.append(
            W.footnote(
                W.p(
                    W.pPr(W.pStyle(**{w("val"): "FootnoteText"})),
                    W.r(W.rPr(W.rStyle(**{w("val"): "FootnoteReference"})), W.footnoteRef()),
                    W.r(text),
                ),
                **{w("id"): str(wid)},
            )
        )
    return W.footnotes(*out)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _package_parts(document, footnotes, comments) -> dict[str, bytes]:
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
            )
        ),
        "word/document.xml": _xml(document),
        "word/styles.xml": _xml(_styles()),
        "word/settings.xml": _xml(W.settings(W.trackRevisions())),
        "word/footnotes.xml": _xml(footnotes),
        "word/comments.xml": _xml(comments),
    }


def render_docx(comp: Comparison) -> bytes:
    """The redline as the bytes of a .docx file."""
    writer = _Writer(comp)
    body = writer.body()
    page = W.sectPr(
        W.pgSz(**{w("w"): "11906", w("h"): "16838"}),
        W.pgMar(**{w(k): "1440" for k in ("top", "right", "bottom", "left")}),
    )
    document = W.document(W.body(*body, page))
    parts = _package_parts(document, _footnotes(writer.footnotes), W.comments(*writer.comments))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()
