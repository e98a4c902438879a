"""Footnotes in a comparison: what each version holds decides what may be said of them."""

from __future__ import annotations

from dataclasses import replace

from resdiff.core.model import Footnote, FootnoteStatus, NoteRef
from resdiff.diff.compare import ChangeKind, FootnoteFate, NoteChangeKind, compare
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE

STORE = Store(FIXTURE_STORE)


def _edit_note(res, number: int, text: str):
    return replace(res, footnotes=tuple(replace(f, text=text) if f.number == number else f for f in res.footnotes))


def test_a_footnote_text_changed_is_technical_and_named():
    old = STORE.load("75/59")
    new = _edit_note(old, 13, "A/77/188.")
    comp = compare(old, new)
    op1 = next(c for c in comp.changes if c.new_ids == ["OP1"])
    assert op1.kind is ChangeKind.TECHNICAL
    assert [(n.kind, n.old, n.new) for n in op1.notes] == [(NoteChangeKind.TEXT_CHANGED, 13, 13)]
    fates = {m.new.number: m.fate for m in comp.footnotes if m.new}
    assert fates[13] is FootnoteFate.CHANGED and fates[1] is FootnoteFate.UNCHANGED
    assert comp.footnotes_compared and comp.footnote_remark is None
    assert op1 in comp.changed()


def test_a_mark_removed_is_editorial_and_shown():
    old = STORE.load("75/59")
    pp2 = old.paragraph("PP2")
    new = replace(old, items=tuple(replace(i, notes=()) if i is pp2 else i for i in old.items))
    change = next(c for c in compare(old, new).changes if c.new_ids == ["PP2"])
    assert change.kind is ChangeKind.EDITORIAL
    assert [n.kind for n in change.notes] == [NoteChangeKind.REMOVED]


def test_renumbering_alone_is_not_a_change():
    old = STORE.load("75/59")
    shift = {f.number: f.number + 1 for f in old.footnotes}
    items = tuple(
        replace(i, notes=tuple(NoteRef(shift[n.number], n.offset) for n in i.notes)) if hasattr(i, "notes") else i
        for i in old.items
    )
    new = replace(old, items=items, footnotes=tuple(Footnote(shift[f.number], f.text) for f in old.footnotes))
    comp = compare(old, new)
    assert all(c.kind is ChangeKind.UNCHANGED for c in comp.changes)
    assert comp.changed() == ()
    assert {n.kind for c in comp.changes for n in c.notes} == {NoteChangeKind.RENUMBERED}


def test_nothing_is_said_of_footnotes_a_version_does_not_hold():
    old = STORE.load("75/59")
    bare = replace(
        old,
        items=tuple(replace(i, notes=()) if hasattr(i, "notes") else i for i in old.items),
        footnotes=(),
        footnote_gap=True,
        footnote_status=FootnoteStatus.NOT_HELD,
        symbol="A/RES/77/64",
    )
    comp = compare(old, bare)
    assert comp.summary()["unchanged"] == len(old.paragraphs)
    assert not any(c.notes for c in comp.changes)
    assert comp.footnote_remark == "Footnotes were not compared: 77/64 does not hold its footnotes."
