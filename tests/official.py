"""Official-looking files made from a stored version: a Word file with real footnotes, and (through
LibreOffice) a PDF laid out like a UN resolution — masthead, two-line title, running heads, footnotes
at the page foot, page numbers "2/8", job number. We have no official file of the series here, so the
importers are tested on these: importing them must give back the stored version.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml.builder import ElementMaker

from resdiff.core.model import Gap, Resolution
from resdiff.ingest.convert import soffice  # noqa: F401 - the tests ask here whether LibreOffice is installed

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = ElementMaker(namespace=W_NS, nsmap={"w": W_NS, "r": R_NS})
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def a(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _run(text: str, *props):
    t = W.t(text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return W.r(W.rPr(*props), t) if props else W.r(t)


def _para(*runs, size: int | None = None, bold: bool = False, center: bool = False, indent: bool = False):
    ppr = []
    if center:
        ppr.append(W.jc(**{a("val"): "center"}))
    if indent:
        ppr.append(W.ind(**{a("firstLine"): "567"}))
    return W.p(W.pPr(*ppr), *runs)


def _props(size: int | None = None, bold: bool = False, italic: bool = False) -> list:
    out = []
    if bold:
        out.append(W.b())
    if italic:
        out.append(W.i())
    if size:
        out.append(W.sz(**{a("val"): str(size * 2)}))
    return out


@dataclass(frozen=True)
class PdfStyle:
    """How footnotes and page furniture are set: the variety UN PDFs and word processors show."""

    number: str = "spaced"  # the footnote body's number: "glued" ("1See …"), "spaced", "tabbed" (hanging indent)
    raised: bool = True  # the footnote body's number set as a superscript
    body_pt: float = 10
    note_pt: float = 8.5
    furniture: str = "page/job"  # "page/job" ("2/6" … "20-16437 (E)"), "job page" ("20-16437 2/6" on one line),
    # "two lines" (page number above the job number), "none"
    head: bool = True  # a running head (symbol and title)
    page_height: int = 15840  # twips; a short page makes long footnotes run on to the next page

    @property
    def name(self) -> str:
        return (
            f"number {self.number}{' raised' if self.raised else ''}, notes {self.note_pt} pt on "
            f"{self.body_pt} pt, furniture {self.furniture}{', running head' if self.head else ''}"
            f"{', short pages' if self.page_height < 15840 else ''}"
        )


PDF_STYLES = (
    PdfStyle(),
    PdfStyle(number="glued"),  # LibreOffice's default footnote layout
    PdfStyle(number="glued", raised=False, furniture="job page"),
    PdfStyle(number="tabbed", note_pt=9, body_pt=11, furniture="two lines"),
    PdfStyle(number="tabbed", raised=False, note_pt=10, body_pt=12, head=False),
    PdfStyle(number="spaced", note_pt=12, body_pt=12, furniture="two lines", head=False),  # notes at body size
    PdfStyle(number="spaced", note_pt=9.5, body_pt=10, furniture="job page"),  # footnotes at 95% of the body
    PdfStyle(number="glued", note_pt=10, body_pt=10.5, furniture="two lines", head=False),  # 95%
    PdfStyle(number="glued", note_pt=8, body_pt=10, furniture="job page", page_height=9500),  # running on
    PdfStyle(number="tabbed", note_pt=10, body_pt=11, furniture="job page", page_height=9500),  # running on
    PdfStyle(number="glued", raised=False, note_pt=8, body_pt=11, furniture="none", head=False),
    PdfStyle(number="spaced", note_pt=10, body_pt=10.5, furniture="job page", page_height=9500),  # 95%, running on
    PdfStyle(number="spaced", raised=False, note_pt=8, body_pt=10, furniture="job page"),  # the last footnote runs on
)


def make_docx(
    res: Resolution,
    title_break: int | None = 40,
    revisions: list[tuple[str, str, str]] = (),
    style: PdfStyle = PdfStyle(),
) -> bytes:
    """A Word file of ``res``. ``revisions`` are (paragraph id, old words, new words) made tracked changes;
    ``style`` sets the footnotes and the page furniture."""
    short = res.short
    day, month, year = _date(res.adopted)
    body = [
        _para(_run("United Nations", *_props(10))),
        _para(_run(f"A/RES/{short}", *_props(14, bold=True))),
        _para(_run("General Assembly", *_props(16, bold=True))),
        _para(_run(f"Distr.: General {day} {month} {year}", *_props(9))),
        _para(_run("Seventy-fifth session", *_props(10))),
        _para(_run("Agenda item 103 (ee)", *_props(10))),
        _para(_run(f"Resolution adopted by the General Assembly on {day} {month} {year}", *_props(12, bold=True))),
        _para(_run("[on the report of the First Committee (A/75/399)]", *_props(10))),
    ]
    title = f"{short}. {res.title}"
    if title_break and len(title) > title_break:  # a title printed on two lines, as wide titles are
        cut = title.rfind(" ", 0, title_break)
        body.append(
            _para(
                _run(title[:cut], *_props(13, bold=True)), W.r(W.br()), _run(title[cut + 1 :], *_props(13, bold=True))
            )
        )
    else:
        body.append(_para(_run(title, *_props(13, bold=True))))
    body.append(_para(_run("The General Assembly", *_props(italic=True)), _run(","), indent=True))
    notes: list = []
    for item in res.items:
        if isinstance(item, Gap):
            raise ValueError("make_docx needs a complete text")
        runs = []
        if item.number is not None:
            runs.append(_run(f"{item.number}.\t"))
        pos = 0
        cuts = sorted({len(item.lead)} | {n.offset for n in item.notes} | {len(item.text)})
        change = next((r for r in revisions if r[0] == item.id), None)
        for end in cuts:
            piece = item.text[pos:end]
            if piece:
                runs += _tracked(piece, change, italic=end <= len(item.lead))
            for n in (n for n in item.notes if n.offset == end):
                note = res.footnote(n.number)
                ref_props = [W.rStyle(**{a("val"): "FootnoteReference"})]
                if not style.raised:
                    ref_props.append(W.vertAlign(**{a("val"): "baseline"}))
                gap = {"glued": "", "spaced": " ", "tabbed": "\t"}[style.number]
                notes.append(
                    W.footnote(
                        W.p(
                            W.pPr(W.pStyle(**{a("val"): "FootnoteText"})),
                            W.r(W.rPr(*ref_props), W.footnoteRef()),
                            _run(gap + (note.text or "")),
                        ),
                        **{a("id"): str(len(notes) + 1)},
                    )
                )
                runs.append(
                    W.r(
                        W.rPr(W.rStyle(**{a("val"): "FootnoteReference"}), W.vertAlign(**{a("val"): "superscript"})),
                        W.footnoteReference(**{a("id"): str(len(notes))}),
                    )
                )
            pos = end
        body.append(_para(*runs, indent=True))
    body += [_para(_run(res.meeting or "")), _para(_run(f"{day} {month} {year}"))]
    header = W.hdr(
        _para(_run(f"A/RES/{short}", *_props(9, bold=True)), _run("\t" + (res.title or ""), *_props(9)))
        if style.head
        else _para()
    )
    page = [
        W.r(W.fldChar(**{a("fldCharType"): "begin"})),
        W.r(W.instrText(" PAGE ")),
        W.r(W.fldChar(**{a("fldCharType"): "end"})),
        _run("/"),
        W.r(W.fldChar(**{a("fldCharType"): "begin"})),
        W.r(W.instrText(" NUMPAGES ")),
        W.r(W.fldChar(**{a("fldCharType"): "end"})),
    ]
    footer = W.ftr(
        *{
            "page/job": [_para(*page, _run("\t20-16437 (E)", *_props(8)))],
            "job page": [_para(_run("20-16437 ", *_props(8)), *page)],
            "two lines": [_para(*page), _para(_run("20-16437 (E) 141220", *_props(8)))],
            "none": [_para()],
        }[style.furniture]
    )
    section = W.sectPr(
        W.headerReference(**{a("type"): "default", f"{{{R_NS}}}id": "rHdr"}),
        W.footerReference(**{a("type"): "default", f"{{{R_NS}}}id": "rFtr"}),
        W.pgSz(**{a("w"): "12240", a("h"): str(style.page_height)}),
        W.pgMar(
            **{
                a("top"): "1440",
                a("right"): "1440",
                a("bottom"): "1440",
                a("left"): "1440",
                a("header"): "720",
                a("footer"): "720",
                a("gutter"): "0",
            }
        ),
    )
    document = W.document(W.body(*body, section))
    separators = [
        W.footnote(W.p(W.r(W.separator())), **{a("id"): "-1", a("type"): "separator"}),
        W.footnote(W.p(W.r(W.continuationSeparator())), **{a("id"): "0", a("type"): "continuationSeparator"}),
    ]
    styles = W.styles(
        W.style(
            W.name(**{a("val"): "Normal"}),
            W.pPr(W.spacing(**{a("after"): "200"})),
            W.rPr(
                W.rFonts(**{a("ascii"): "Times New Roman", a("hAnsi"): "Times New Roman"}),
                W.sz(**{a("val"): str(round(style.body_pt * 2))}),
            ),
            **{a("type"): "paragraph", a("styleId"): "Normal"},
        ),
        W.style(
            W.name(**{a("val"): "footnote text"}),
            W.pPr(
                W.spacing(**{a("after"): "0"}),
                *([W.ind(**{a("left"): "567", a("hanging"): "567"})] if style.number == "tabbed" else []),
            ),
            W.rPr(W.sz(**{a("val"): str(round(style.note_pt * 2))})),
            **{a("type"): "paragraph", a("styleId"): "FootnoteText"},
        ),
        # LibreOffice sets the number at the footnote itself in this style: raised or not as the style says
        # (the mark in the text is raised by its own formatting).
        W.style(
            W.name(**{a("val"): "footnote reference"}),
            W.rPr(W.vertAlign(**{a("val"): "superscript" if style.raised else "baseline"})),
            **{a("type"): "character", a("styleId"): "FootnoteReference"},
        ),
    )
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _rels({"rId1": ("officeDocument", "word/document.xml")}),
        "word/_rels/document.xml.rels": _rels(
            {
                "rId1": ("styles", "styles.xml"),
                "rId2": ("footnotes", "footnotes.xml"),
                "rHdr": ("header", "header1.xml"),
                "rFtr": ("footer", "footer1.xml"),
            }
        ),
        "word/document.xml": _xml(document),
        "word/styles.xml": _xml(styles),
        "word/footnotes.xml": _xml(W.footnotes(*separators, *notes)),
        "word/header1.xml": _xml(header),
        "word/footer1.xml": _xml(footer),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _tracked(piece: str, change, italic: bool) -> list:
    props = _props(italic=True) if italic else []
    if change is None or change[1] not in piece:
        return [_run(piece, *props)]
    before, after = piece.split(change[1], 1)
    deleted = W.r(W.rPr(*props), W.delText(change[1]))
    attrs = {a("id"): "1", a("author"): "Delegate", a("date"): "2022-10-01T00:00:00Z"}
    return [
        _run(before, *props),
        W("del", deleted, **attrs),
        W("ins", _run(change[2], *props), **{**attrs, a("id"): "2"}),
        _run(after, *props),
    ]


def _date(iso: str | None) -> tuple[int, str, str]:
    import datetime

    d = datetime.date.fromisoformat(iso or "2020-12-07")
    return d.day, d.strftime("%B"), str(d.year)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels(rels: dict[str, tuple[str, str]]) -> bytes:
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    P = ElementMaker(namespace=ns, nsmap={None: ns})
    return _xml(
        P.Relationships(*[P.Relationship(Id=k, Type=_REL + t, Target=target) for k, (t, target) in rels.items()])
    )


def _content_types() -> bytes:
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    C = ElementMaker(namespace=ns, nsmap={None: ns})
    parts = {
        "document": "document.main",
        "styles": "styles",
        "footnotes": "footnotes",
        "header1": "header",
        "footer1": "footer",
    }
    return _xml(
        C.Types(
            C.Default(Extension="rels", ContentType="application/vnd.openxmlformats-package.relationships+xml"),
            C.Default(Extension="xml", ContentType="application/xml"),
            *[
                C.Override(PartName=f"/word/{name}.xml", ContentType=f"{_MAIN}.{kind}+xml")
                for name, kind in parts.items()
            ],
        )
    )


def convert(docx: bytes, to: str, workdir: Path) -> bytes:
    """The Word file converted by LibreOffice (which must be installed) to ``to`` (pdf, doc, rtf)."""
    src = workdir / "resolution.docx"
    src.write_bytes(docx)
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{workdir}/lo",
            "--convert-to",
            to,
            "--outdir",
            str(workdir),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return (workdir / f"resolution.{to}").read_bytes()


def make_pdf(res: Resolution, workdir: Path, style: PdfStyle = PdfStyle()) -> bytes:
    """The Word file printed to PDF by LibreOffice (which must be installed)."""
    return convert(make_docx(res, style=style), "pdf", workdir)


def make_html(res: Resolution, marks: str = "sup") -> bytes:
    """An HTML copy of ``res``: footnote marks as <sup>N</sup>, or in the old "1/" style."""
    from lxml.html import builder as H
    from lxml.html import tostring

    def mark(n: int):
        return H.SUP(str(n)) if marks == "sup" else f" {n}/"

    body = [H.P(f"A/RES/{res.short}"), H.H3(f"{res.short}. {res.title}"), H.P("The General Assembly,")]
    for item in res.items:
        content: list = [f"{item.number}. "] if item.number is not None else []
        pos = 0
        for n in item.notes:
            content += [item.text[pos : n.offset], mark(n.number)]
            pos = n.offset
        content.append(item.text[pos:])
        body.append(H.P(*content))
    body += [H.P(res.meeting or ""), H.P("7 December 2020")]
    notes = [H.P(mark(f.number) if marks == "sup" else f"{f.number}/", " ", f.text or "") for f in res.footnotes]
    page = H.HTML(H.HEAD(H.TITLE("resolution"), H.SCRIPT("alert('x')")), H.BODY(H.DIV(*body), H.HR(), H.DIV(*notes)))
    return b"<!DOCTYPE html>\n" + tostring(page, encoding="utf-8")
