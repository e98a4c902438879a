"""Render one resolution (``resdiff show``) as text or JSON."""

from __future__ import annotations

import json


from ..ingest.structure import ENACTING_FORMULA, join_notes
from ..model import Gap, Item, Resolution


def item_to_json(item: Item) -> dict[str, object]:
    if isinstance(item, Gap):
        out: dict[str, object] = {"gap": True, "part": item.part.value if item.part else None}
        if item.number is not None:
            out["number"] = item.number
        return out
    out = {
        "id": item.id, "part": item.part.value, "number": item.number, "lead": item.lead,
        "text": item.text, "notes": item.note_numbers,
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
    return {
        "symbol": res.symbol, "title": res.title, "session": res.session, "adopted": res.adopted,
        "complete": res.complete, "paragraphs": [item_to_json(i) for i in res.items],
        "footnotes": footnotes,
        "meeting": res.meeting, "agenda_item": res.agenda_item, "committee_report": res.committee_report,
        "sources": list(res.sources), "provenance": list(res.provenance),
        "unplaced_notes": res.unplaced_notes, "footnotes_held": res.footnote_status.value,
    }


def render_resolution_json(res: Resolution) -> str:
    return json.dumps(resolution_to_dict(res), ensure_ascii=False, indent=1) + "\n"


def render_resolution_text(res: Resolution) -> str:
    status = "complete" if res.complete else "partial"
    lines = [f"{res.symbol}  {res.title or ''}".rstrip(),
             f"adopted {res.adopted or 'unknown'}, {status}, footnotes {res.footnote_status.value}"]
    for key, label in (("meeting", "meeting"), ("agenda_item", "agenda item"), ("committee_report", "report")):
        if getattr(res, key):
            lines.append(f"{label}: {getattr(res, key)}")
    lines += ["", "The General Assembly,", ""]
    for item in res.items:
        if isinstance(item, Gap):
            where = f"OP{item.number}" if item.number is not None else ""
            lines.append(f"{where:<8}[GAP] text not available")
        else:
            body = join_notes(item.text, item.notes) + (" [GAP]" if item.partial else "")
            lines.append(f"{item.id:<8}{body}")
        lines.append("")
    if res.footnotes:
        lines.append("Footnotes:")
        for f in res.footnotes:
            lines.append(f"  {f.number} {f.text if f.text is not None else '[GAP] text not available'}")
    for n in res.unplaced_notes:
        lines.append(f"note: footnote {n} is referenced by no paragraph")
    return "\n".join(lines).rstrip() + "\n"


def render_resolution_md(res: Resolution) -> str:
    """A readable Markdown text: title, the enacting formula, paragraphs with leads in italics, footnotes."""
    from .changes import md_escape

    lines = [f"# {res.short}. {md_escape(res.title or '')}".rstrip(), ""]
    facts = [f"adopted {res.adopted}" if res.adopted else None, res.meeting,
             f"agenda item {res.agenda_item}" if res.agenda_item else None,
             "complete" if res.complete else "partial text: gaps are marked"]
    lines += [md_escape(" · ".join(f for f in facts if f)), "", f"*{ENACTING_FORMULA[:-1]}*,", ""]
    for item in res.items:
        if isinstance(item, Gap):
            what = f"{item.number}. " if item.number is not None else ""
            lines += [f"{what}\\[text not available\\]", ""]
            continue
        # Escape piece by piece, so footnote marks and the italic lead land at the right places.
        notes = {n.offset: [m.number for m in item.notes if m.offset == n.offset] for n in item.notes}
        cuts = sorted({0, len(item.text), len(item.lead)} | set(notes))
        text = ""
        for a, b in zip(cuts, cuts[1:]):
            piece = md_escape(item.text[a:b])
            text += f"*{piece}*" if b <= len(item.lead) and piece else piece
            text += "".join(f"[^{n}]" for n in notes.get(b, []))
        if item.partial:
            text += " \\[rest not available\\]"
        label = f"({item.sub[-1]}) " if item.sub else (f"{item.number}. " if item.number is not None else "")
        lines += [("    " * len(item.sub)) + label + text, ""]
    for f in res.footnotes:
        lines.append(f"[^{f.number}]: {md_escape(f.text) if f.text is not None else '[text not available]'}")
    return "\n".join(lines).rstrip() + "\n"
