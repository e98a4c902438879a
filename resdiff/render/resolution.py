"""Render one resolution (``resdiff show``) as text or JSON."""

from __future__ import annotations

import json

from resdiff.core.blocks import annex_block, heading_block, join_notes
from resdiff.core.model import Gap, Heading, Item, Resolution


def item_to_json(item: Item) -> dict[str, object]:
    if isinstance(item, Heading):
        return {"heading": True, "level": item.level, "number": item.number, "text": item.text}
    if isinstance(item, Gap):
        out: dict[str, object] = {"gap": True, "part": item.part.value if item.part else None}
        if item.number is not None:
            out["number"] = item.number
        return out
    out = {
        "id": item.id,
        "part": item.part.value,
        "number": item.number,
        "lead": item.lead,
        "text": item.text,
        "notes": item.note_numbers,
    }
    # Added fields (the shape above is a public contract; it only grows).
    out["note_offsets"] = [n.offset for n in item.notes]
    if item.partial:
        out["partial"] = True
    if not item.position_known:
        out["position_known"] = False
    return out


def resolution_to_dict(res: Resolution) -> dict[str, object]:
    footnotes: dict[str, str | None] = {str(f.number): f.text for f in res.footnotes}
    out: dict[str, object] = {
        "symbol": res.symbol,
        "title": res.title,
        "session": res.session,
        "adopted": res.adopted,
        "complete": res.complete,
        "paragraphs": [item_to_json(i) for i in res.items],
        "footnotes": footnotes,
        "meeting": res.meeting,
        "agenda_item": res.agenda_item,
        "committee_report": res.committee_report,
        "committee": res.committee,
        "sources": list(res.sources),
        "provenance": list(res.provenance),
        "unplaced_notes": res.unplaced_notes,
        "footnotes_held": res.footnote_status.value,
    }
    if res.sponsors:
        out["sponsors"] = list(res.sponsors)  # added field: drafts only
    # Added fields, drafts only: the rest of a draft's masthead, as the text format stores it.
    for key in ("sponsors_note", "issued", "agenda_title"):
        if value := getattr(res, key):
            out[key] = value
    # Added field, where there are annexes: each with its label, title, sub-title and paragraphs (ids "A.OP1").
    if res.annexes:
        out["annexes"] = [
            {
                "label": a.label,
                "number": a.number,
                "title": a.title,
                "subtitle": a.subtitle,
                "paragraphs": [item_to_json(i) for i in a.items],
            }
            for a in res.annexes
        ]
    return out


def render_resolution_json(res: Resolution) -> str:
    return json.dumps(resolution_to_dict(res), ensure_ascii=False, indent=1) + "\n"


def render_resolution_text(res: Resolution) -> str:
    status = res.completeness
    lines = [
        f"{res.symbol}  {res.title or ''}".rstrip(),
        f"{res.dated or 'date unknown'}, {status}, footnotes {res.footnote_status.value}",
    ]
    for key, label in (("meeting", "meeting"), ("agenda_item", "agenda item"), ("committee_report", "report")):
        if getattr(res, key):
            lines.append(f"{label}: {getattr(res, key)}")
    if res.sponsors:
        from resdiff.core.sponsors import listed

        lines.append(f"sponsors: {listed(res.sponsors)}")
    lines += ["", "The General Assembly,", ""]
    width = max([8] + [len(p.id) + 2 for p in res.all_paragraphs])
    lines += _items_text(res.items, width)
    for annex in res.annexes:
        lines += [f"{'':<{width}}{line}" for line in annex_block(annex).split("\n")] + [""]
        lines += _items_text(annex.items, width, annex.key + ".")
    if res.footnotes:
        lines.append("Footnotes:")
        for f in res.footnotes:
            lines.append(f"  {f.number} {f.text if f.text is not None else '[GAP] text not available'}")
    for n in res.unplaced_notes:
        lines.append(f"note: footnote {n} is referenced by no paragraph")
    return "\n".join(lines).rstrip() + "\n"


def _items_text(items: tuple[Item, ...], width: int, key: str = "") -> list[str]:
    """Items one per block, each paragraph after its id (a gap after its number's, in an annex with its key)."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, Heading):
            lines.append(f"{'':<{width}}{heading_block(item)}")
        elif isinstance(item, Gap):
            where = f"{key}OP{item.number}" if item.number is not None else ""
            lines.append(f"{where:<{width}}[GAP] text not available")
        else:
            body = join_notes(item.text, item.notes, escape=False) + (" [GAP]" if item.partial else "")
            lines.append(f"{item.id:<{width}}{body}")
        lines.append("")
    return lines
