"""UN Word drafts read with their symbol, masthead and sponsors, whatever their layout (tests/undrafts.py)."""

from __future__ import annotations

import pytest

from resdiff.ingest import read_bytes
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .undrafts import G77, VARIANTS, make_undraft, undraft_docx

BASE = Store(FIXTURE_STORE).load("75/59")


def test_the_generator_makes_at_least_twenty_distinct_variants():
    assert len(set(VARIANTS)) == len(VARIANTS) >= 20
    assert {v.place for v in VARIANTS} == {"body", "header", "first-header", "table"}
    assert {v.committee for v in VARIANTS} == {1, 2, 3, 4, 5, 6, None}
    assert {v.numbering for v in VARIANTS} == {"hand", "list", "style"}


@pytest.mark.parametrize("k", range(len(VARIANTS)), ids=[v.name for v in VARIANTS])
def test_a_un_word_draft_is_read_with_its_symbol_masthead_and_sponsors(k: int):
    u = make_undraft(BASE, k, VARIANTS[k])
    res, report = read_bytes(undraft_docx(u), f"{VARIANTS[k].name}.docx")
    want = u.res
    assert report.warnings == ()
    got = {
        f: getattr(res, f)
        for f in ("symbol", "title", "sponsors", "sponsors_note", "committee", "issued", "agenda_item", "agenda_title")
    }
    assert got == {f: getattr(want, f) for f in got}
    assert [(p.id, p.text, p.note_numbers) for p in res.paragraphs] == [
        (p.id, p.text, p.note_numbers) for p in want.paragraphs
    ]
    assert [(f.number, f.text) for f in res.footnotes] == [(f.number, f.text) for f in want.footnotes]


@pytest.mark.parametrize("at_end", [True, False])
def test_a_pasted_second_committee_draft_keeps_its_sponsors_note_apart(at_end: bool):
    """ "Iraq:* draft resolution" pasted with its note ("* On behalf of …"), after the text or where the
    first page ended: the note is the sponsors' note, glued to no paragraph."""
    u = make_undraft(BASE, 1, VARIANTS[1])
    res = u.res
    lines = [
        f"United Nations\t{res.symbol}",
        "General Assembly\tDistr.: Limited",
        "\t28 October 2022",
        "Second Committee",
        f"Agenda item {res.agenda_item}",
        res.agenda_title,
        "Iraq:* draft resolution",
        res.title,
        "The General Assembly,",
        *[
            (f"{p.number}. " if p.number is not None else f"({p.sub[-1]}) " if p.sub else "") + p.text
            for p in res.paragraphs
        ],
    ]
    note = f"* {G77}"
    lines.insert(len(lines) if at_end else 14, note)
    read, report = read_bytes(("\n".join(lines) + "\n").encode(), "pasted.txt")
    assert (read.symbol, read.sponsors, read.sponsors_note, read.title) == (res.symbol, ("Iraq",), G77, res.title)
    assert [p.text for p in read.paragraphs] == [p.text for p in res.paragraphs]
