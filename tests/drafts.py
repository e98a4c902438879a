"""Realistic drafts made from a stored resolution, with the truth of what they change.

A delegate holds a First Committee draft (``A/C.1/77/L.37``) in one of several shapes: the Word
file (masthead, sponsors line, real footnotes, operative paragraphs numbered by hand or by Word's
list numbering), the same text pasted into a mail (one paragraph per line, no blank lines), or a
plain text without masthead or title. :func:`make_draft` applies drafting edits of every kind to
75/59 (technical updates, new and dropped paragraphs, strengthened and weakened leads, moves,
splits, merges, rewording: :func:`tests.pairs.make_pair`) and keeps the truth; :func:`make_revision`
makes its Rev.1 (more edits, new sponsors). The writers below give each shape. Used by the tests
and by ``bench/drafts.py``, which measures how often every variant compares right.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, replace

from resdiff.core.model import NoteRef, Paragraph, Part, Resolution
from resdiff.core.symbol import Symbol

from .official import W, _props, _rels, _run, _xml, a
from .pairs import Truth, make_pair, strip_notes

COUNTRIES = (
    "Afghanistan",
    "Albania",
    "Argentina",
    "Australia",
    "Austria",
    "Belgium",
    "Bosnia and Herzegovina",
    "Canada",
    "Chile",
    "Colombia",
    "Denmark",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Iraq",
    "Italy",
    "Japan",
    "Jordan",
    "Kenya",
    "Mexico",
    "Netherlands",
    "New Zealand",
    "Nigeria",
    "Norway",
    "Philippines",
    "Poland",
    "Saint Vincent and the Grenadines",
    "Spain",
    "Sweden",
    "Trinidad and Tobago",
    "Ukraine",
    "United Kingdom of Great Britain and Northern Ireland",
    "United States of America",
)
NUMBERING = ("hand", "list", "style")


@dataclass(frozen=True)
class Draft:
    res: Resolution  # the draft's text, with its symbol and sponsors
    base: Resolution  # what it was made from (75/59, or the draft a revision revises)
    truth: Truth  # the links between base and draft an aligner must find
    agenda_item: str = "99 (c)"


def sponsors_line(sponsors: tuple[str, ...]) -> str:
    names = list(sponsors)
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"{listed}: draft resolution"


def _with_notes(base: Resolution, new: Resolution) -> Resolution:
    """Give each paragraph the draft kept word for word the footnotes it had (renumbered in order)."""
    by_text = {p.text: p for p in base.paragraphs}
    footnotes, items = [], []
    for p in new.paragraphs:
        old = by_text.get(p.text)
        notes = []
        for n in old.notes if old is not None else ():
            text = base.footnote(n.number).text
            footnotes.append((len(footnotes) + 1, text))
            notes.append(NoteRef(len(footnotes), n.offset))
        items.append(replace(p, notes=tuple(notes)))
    from resdiff.core.model import Footnote

    return replace(new, items=tuple(items), footnotes=tuple(Footnote(n, t) for n, t in footnotes))


def make_draft(base: Resolution, seed: int, edits: int | None = None) -> Draft:
    """A First Committee draft of the next session's text, edited from ``base``."""
    rng = random.Random(seed)
    old, new, truth = make_pair(base, seed, edits)
    session = (base.session or 75) + 2
    symbol = f"A/C.1/{session}/L.{rng.randint(10, 70)}"
    sponsors = tuple(sorted(rng.sample(COUNTRIES, rng.randint(1, 6))))
    res = replace(_with_notes(base, new), symbol=symbol, title=base.title, sponsors=sponsors, complete=True)
    return Draft(res, base, truth)


def make_revision(draft: Draft, seed: int, edits: int | None = None) -> Draft:
    """Its Rev.1: a few more edits, and new sponsors."""
    rng = random.Random(seed)
    old, new, truth = make_pair(draft.res, seed + 10_000, edits if edits is not None else rng.randint(1, 4))
    more = tuple(rng.sample([c for c in COUNTRIES if c not in draft.res.sponsors], rng.randint(1, 3)))
    symbol = str(Symbol.parse(draft.res.symbol)) + "/Rev.1"
    res = replace(
        _with_notes(draft.res, new),
        symbol=symbol,
        title=draft.res.title,
        sponsors=tuple(sorted(draft.res.sponsors + more)),
        complete=True,
    )
    return Draft(res, draft.res, truth)


def _masthead(d: Draft) -> list[str]:
    sym = Symbol.parse(d.res.symbol)
    return [
        sym and str(sym),
        "Distr.: Limited",
        "12 October 2022",
        "Original: English",
        f"{_ORDINALS.get(sym.session, str(sym.session))} session",
        sym.committee_name or "",
        f"Agenda item {d.agenda_item}",
        "General and complete disarmament",
        sponsors_line(d.res.sponsors),
        d.res.title or "",
    ]


_ORDINALS = {77: "Seventy-seventh", 78: "Seventy-eighth", 79: "Seventy-ninth"}


def _blocks(res: Resolution, numbers: bool = True) -> list[tuple[Paragraph, str]]:
    out = []
    for p in res.paragraphs:
        label = ""
        if p.sub:
            label = f"({p.sub[-1]}) "
        elif p.number is not None:
            label = f"{p.number}. "
        out.append((p, label if numbers else ""))
    return out


def draft_pasted(d: Draft, masthead: bool = True) -> str:
    """The draft copied from Word into a mail: one paragraph per line, no blank lines, no footnotes."""
    lines = _masthead(d) if masthead else []
    lines.append("The General Assembly,")
    lines += [label + p.text for p, label in _blocks(d.res)]
    return "\n".join(lines) + "\n"


def draft_plain(d: Draft) -> str:
    """Plain text without masthead or title: the paragraphs, blank lines between, wrapped at 80 columns."""
    import textwrap

    return "\n\n".join(textwrap.fill(label + p.text, 80) for p, label in _blocks(d.res)) + "\n"


def draft_docx(d: Draft, numbering: str = "hand", sponsors: bool = True) -> bytes:
    """The Word draft: masthead, sponsors line (unless ``sponsors`` is false), title, real footnotes;
    operative paragraphs numbered by hand ("1.<tab>") or by Word's list numbering (numbering.xml, with
    (a) sub-paragraphs one level down)."""
    res = d.res
    masthead = _masthead(d)[:-1] if sponsors else _masthead(d)[:-2]  # the sponsors line stands last
    body = [W.p(_run(line, *_props(10))) for line in masthead]
    body.append(W.p(_run(res.title or "", *_props(13, bold=True))))
    paragraphs, notes = text_body(res, numbering)
    return package(body + paragraphs, notes)


def text_body(res: Resolution, numbering: str = "hand", style: str | None = None) -> tuple[list, list]:
    """ "The General Assembly," and the paragraphs as Word paragraphs, with their footnotes. Operative
    paragraphs are numbered by hand, by list numbering on the paragraph (``numbering="list"``) or by
    their style (``"style"``: the style ``style`` carries the list, as UN templates do)."""
    if numbering not in NUMBERING:
        raise ValueError(numbering)
    body = [W.p(W.pPr(W.ind(**{a("firstLine"): "567"})), _run("The General Assembly", *_props(italic=True)), _run(","))]
    notes: list = []
    for p, label in _blocks(res):
        ppr = [W.ind(**{a("firstLine"): "567"})]
        runs = []
        if numbering == "list" and p.part is Part.OPERATIVE:
            ppr.insert(0, W.numPr(W.ilvl(**{a("val"): "1" if p.sub else "0"}), W.numId(**{a("val"): "1"})))
        elif numbering == "style" and p.part is Part.OPERATIVE:
            ppr.insert(0, W.pStyle(**{a("val"): f"{style}{2 if p.sub else 1}"}))
        elif label:
            runs.append(_run(label.rstrip() + "\t"))
        pos = 0
        for end in sorted({len(p.lead)} | {n.offset for n in p.notes} | {len(p.text)}):
            piece = p.text[pos:end]
            if piece:
                runs.append(_run(piece, *_props(italic=end <= len(p.lead))))
            for n in (n for n in p.notes if n.offset == end):
                notes.append(
                    W.footnote(
                        W.p(W.r(W.footnoteRef()), _run(" " + (res.footnote(n.number).text or ""))),
                        **{a("id"): str(len(notes) + 2)},
                    )
                )
                runs.append(
                    W.r(
                        W.rPr(W.vertAlign(**{a("val"): "superscript"})),
                        W.footnoteReference(**{a("id"): str(len(notes) + 1)}),
                    )
                )
            pos = end
        body.append(W.p(W.pPr(*ppr), *runs))
    return body, notes


def list_levels(top: str = "%1.", sub: str = "(%2)") -> list:
    """The two levels of a resolution's list: operative numbers and (a) sub-paragraphs."""
    return [
        W.lvl(
            W.start(**{a("val"): "1"}),
            W.numFmt(**{a("val"): "decimal"}),
            W.lvlText(**{a("val"): top}),
            **{a("ilvl"): "0"},
        ),
        W.lvl(
            W.start(**{a("val"): "1"}),
            W.numFmt(**{a("val"): "lowerLetter"}),
            W.lvlText(**{a("val"): sub}),
            **{a("ilvl"): "1"},
        ),
    ]


def package(
    body: list,
    notes: list,
    levels: list | None = None,
    extra: dict[str, tuple[str, str, bytes]] | None = None,
    section: list | None = None,
) -> bytes:
    """A .docx of ``body`` and its footnotes (ids from 1), with a list (``levels``, by default "1." and
    "(a)") and ``extra`` parts (name → (relationship id, type, bytes)): headers, styles. ``section``: the
    section's properties before the page size (header references, a distinct first page)."""
    refs = [el for el in section or [] if el.tag == a("headerReference")]  # CT_SectPr's order: references,
    rest = [el for el in section or [] if el.tag != a("headerReference")]  # the page size, then titlePg
    body = [*body, W.sectPr(*refs, W.pgSz(**{a("w"): "12240", a("h"): "15840"}), *rest)]
    separators = [
        W.footnote(W.p(W.r(W.separator())), **{a("id"): "-1", a("type"): "separator"}),
        W.footnote(W.p(W.r(W.continuationSeparator())), **{a("id"): "0", a("type"): "continuationSeparator"}),
    ]
    numbering_xml = W.numbering(
        W.abstractNum(*(levels or list_levels()), **{a("abstractNumId"): "7"}),
        W.num(W.abstractNumId(**{a("val"): "7"}), **{a("numId"): "1"}),
    )
    extra = extra or {}
    parts = {
        "[Content_Types].xml": _content_types(
            {name.removesuffix(".xml"): kind for name, (_, kind, _) in extra.items()}
        ),
        "_rels/.rels": _rels({"rId1": ("officeDocument", "word/document.xml")}),
        "word/_rels/document.xml.rels": _rels(
            {
                "rId2": ("footnotes", "footnotes.xml"),
                "rId3": ("numbering", "numbering.xml"),
                **{rid: (kind, name) for name, (rid, kind, _) in extra.items()},
            }
        ),
        "word/document.xml": _xml(W.document(W.body(*body))),
        "word/footnotes.xml": _xml(W.footnotes(*separators, *notes)),
        "word/numbering.xml": _xml(numbering_xml),
        **{f"word/{name}": data for name, (_rid, _kind, data) in extra.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _content_types(extra: dict[str, str]) -> bytes:
    from lxml.builder import ElementMaker

    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    C = ElementMaker(namespace=ns, nsmap={None: ns})
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return _xml(
        C.Types(
            C.Default(Extension="rels", ContentType="application/vnd.openxmlformats-package.relationships+xml"),
            C.Default(Extension="xml", ContentType="application/xml"),
            *[
                C.Override(PartName=f"/word/{name}.xml", ContentType=f"{main}.{kind}+xml")
                for name, kind in (
                    ("document", "document.main"),
                    ("footnotes", "footnotes"),
                    ("numbering", "numbering"),
                    *extra.items(),
                )
            ],
        )
    )


VARIANTS = ("docx-hand", "docx-list", "pasted", "plain")


def variant_bytes(d: Draft, variant: str) -> bytes:
    if variant == "docx-hand":
        return draft_docx(d, "hand")
    if variant == "docx-list":
        return draft_docx(d, "list")
    if variant == "pasted":
        return draft_pasted(d).encode()
    if variant == "plain":
        return draft_plain(d).encode()
    raise ValueError(variant)


def text_only(res: Resolution) -> Resolution:
    """The paragraphs only, footnotes dropped: what a pasted or plain text can hold."""
    return strip_notes(res)
