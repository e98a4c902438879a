"""Annexes (issue 19): read from every format, kept in every output, compared annex to annex; and the
texts after the closing lines are an annex, a footnote or furniture, never silently dropped."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.core.blocks import build_document, build_items
from resdiff.core.errors import StructureError
from resdiff.core.model import Annex, Gap, Resolution
from resdiff.diff.compare import ChangeKind, compare
from resdiff.formats.akn import parse_akn, to_akn
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.formats.markdown import parse_markdown, to_markdown
from resdiff.ingest import read_bytes
from resdiff.ingest.document import resolution_from_paragraphs
from resdiff.render.changes import render_json
from resdiff.render.resolution import render_resolution_json, render_resolution_text

from .test_docformat import words

DECLARATION = """\
United Nations                                   A/RES/78/4
General Assembly                                 Distr.: General

Resolution adopted by the General Assembly on 22 December 2023

78/4. Political declaration of the high-level meeting on universal health coverage

The General Assembly,

Recalling its resolution 74/2 of 10 October 2019,

1. Approves the political declaration annexed to the present resolution;

2. Decides to hold a high-level meeting in 2027.

50th plenary meeting
22 December 2023

Annex

Political declaration

1. We, the Heads of State and Government, reaffirm our commitment to health for all;

2. We commit to scale up our efforts.
"""


def test_the_plain_text_declaration_is_an_annex_with_its_two_paragraphs_and_no_footnote():
    res, report = read_bytes(DECLARATION.encode(), "declaration.txt")
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2"]
    (annex,) = res.annexes
    assert (annex.label, annex.title) == ("Annex", "Political declaration")
    assert [(p.id, p.text) for p in annex.paragraphs] == [
        ("A.OP1", "We, the Heads of State and Government, reaffirm our commitment to health for all;"),
        ("A.OP2", "We commit to scale up our efforts."),
    ]
    assert res.footnotes == () and not report.warnings
    assert res.complete and res.meeting == "50th plenary meeting" and res.adopted == "2023-12-22"
    shown = render_resolution_text(res)
    assert "=== Annex\n" in shown and "A.OP2   We commit" in shown
    assert json.loads(render_resolution_json(res))["annexes"][0]["paragraphs"][1]["id"] == "A.OP2"


def _long_text(parts: int, per_part: int, annex: int) -> str:
    """A resolution adopted in parts (each closing with its meeting and date), then an annex."""
    lines = ["75/100. A long resolution", "", "The General Assembly,", ""]
    for part in range(parts):
        lines += [chr(ord("A") + part), "", "Recalling its earlier decisions,", ""]
        lines += [f"{k}. Decides on another matter;\n" for k in range(1, per_part + 1)]
        lines += [f"{60 + part}th plenary meeting", "7 December 2020", ""]
    lines += ["Annex", "", "Programme of action", ""] + [f"{k}. An action is taken.\n" for k in range(1, annex + 1)]
    return "\n".join(lines)


def test_closing_lines_in_the_middle_of_a_long_text_lose_nothing():
    res, _ = read_bytes(_long_text(3, 40, 300).encode(), "long.txt")
    assert len(res.paragraphs) == 3 * 41 and len(res.annexes[0].paragraphs) == 300
    assert res.meeting == "62th plenary meeting" and not res.footnotes


def test_paragraphs_after_the_closing_that_are_no_annex_are_a_gap_and_not_complete():
    paras = [
        "78/4. Title",
        "The General Assembly,",
        "1. Decides;",
        "50th plenary meeting",
        "1 June 2024",
        "Stray words.",
    ]
    res, report = resolution_from_paragraphs(paras, {}, "x.docx")
    assert isinstance(res.items[-1], Gap) and not res.complete
    assert "not an annex" in report.warnings[0]


def test_word_html_and_pdf_paragraphs_read_annexes_with_title_and_subtitle():
    paras = ["78/4. Title", "The General Assembly,", "1. Adopts the programme annexed;", "50th plenary meeting"]
    paras += ["Annex I", "Programme of action", "A road map", "1. We act;", "Annex II", "Statute", "Article 1."]
    res, _ = resolution_from_paragraphs(paras, {}, "x.docx")
    assert [(a.label, a.title, a.subtitle) for a in res.annexes] == [
        ("Annex I", "Programme of action", "A road map"),
        ("Annex II", "Statute", None),
    ]
    assert [p.id for p in res.all_paragraphs] == ["OP1", "AI.OP1", "AII.PP1"]


SHAPES = [
    # a declaration with a preamble of its own, numbered paragraphs and sub-paragraphs
    ["=== Annex\nPolitical declaration", "We, the Heads of State and Government,", "1. Reaffirm;", "(a) to act;"],
    # sections numbering their paragraphs from 1 each, two annexes, a sub-title, a gap
    [
        "=== Annex I\nStatute\nOf the Tribunal",
        "# I. Organization",
        "1. The Tribunal sits;",
        "# II. Procedure",
        "1. The Tribunal hears;",
        "[GAP]",
        "=== Annex II",
        "Unnumbered programme text,",
    ],
    # bullets and a list numbered from 1 after a colon, inside an annex paragraph
    [
        "=== Annex",
        "1. Opens;",
        "2. The agenda is as follows:",
        "1. Opening.",
        "2. Matters.",
        "• a bullet;",
        "3. Closing.",
    ],
]


@pytest.mark.parametrize("annex_blocks", SHAPES)
def test_annexes_of_several_shapes_round_trip_through_every_format(annex_blocks):
    items, annexes = build_document(["Recalling its resolutions,", "1. Adopts the annex;"] + annex_blocks)
    res = Resolution(symbol="A/RES/78/4", title="T", adopted="2023-12-22", complete=True, items=items, annexes=annexes)
    assert parse_docformat(format_docformat(res)) == res
    assert parse_akn(to_akn(res), "x.xml") == res  # to_akn validates the attachments against the schema
    assert parse_markdown(to_markdown(res), "x.md") == res
    assert len({p.id for p in res.all_paragraphs}) == len(res.all_paragraphs)


def test_annex_ids_carry_the_annex_key_and_restart_their_numbers():
    _, annexes = build_document(SHAPES[1])
    assert [p.id for p in annexes[0].paragraphs] == ["AI.I.OP1", "AI.II.OP1"]
    assert [p.id for p in annexes[1].paragraphs] == ["AII.PP1"]
    _, twice = build_document(["=== Annex", "1. A;", "=== Annex", "1. B;"])
    assert [p.id for a in twice for p in a.paragraphs] == ["A.OP1", "A-2.OP1"]


@st.composite
def annexed(draw):
    blocks = ["Recalling " + draw(words), "1. Decides " + draw(words) + ";"]
    for k in range(draw(st.integers(0, 3))):
        title = draw(st.none() | words.filter(lambda s: s[0].isalpha()))
        sub = draw(st.none() | words.filter(lambda s: s[0].isalpha())) if title else None
        blocks.append("\n".join([f"=== Annex {['I', 'II', 'III'][k]}"] + [t for t in (title, sub) if t]))
        if draw(st.booleans()):
            blocks.append("We " + draw(words))
        for n in range(1, draw(st.integers(0, 3)) + 1):
            blocks.append(f"{n}. " + draw(words).capitalize() + ";")
        if draw(st.booleans()):
            blocks.append("[GAP]")
    items, annexes = build_document(blocks)
    return Resolution(symbol="A/RES/78/4", complete=draw(st.booleans()), items=items, annexes=annexes)


@settings(max_examples=100, deadline=None)
@given(annexed())
def test_text_format_with_annexes_round_trips(res: Resolution):
    text = format_docformat(res)
    assert parse_docformat(text) == res
    assert format_docformat(parse_docformat(text)) == text


def _version(symbol: str, annex: list[str], complete: bool = True, more: list[str] = ()) -> Resolution:
    items, annexes = build_document(["1. Adopts the declaration annexed;", *annex, *more])
    return Resolution(symbol=symbol, adopted="2023-12-22", complete=complete, items=items, annexes=annexes)


def test_annex_paragraphs_are_compared_with_annex_paragraphs():
    old = _version("A/RES/78/4", ["=== Annex\nDeclaration", "1. Adopts a plan of action;", "2. We commit to act."])
    new = _version("A/RES/79/4", ["=== Annex\nDeclaration", "1. We commit to act.", "2. Adopts a plan of action;"])
    comp = compare(old, new)
    pairs = {(c.old_ids[0], c.new_ids[0]) for c in comp.changes if c.old and c.new}
    # "1. Adopts …" of the resolution never pairs with the annex's "Adopts a plan of action".
    assert ("OP1", "OP1") in pairs and ("A.OP1", "A.OP2") in pairs and ("A.OP2", "A.OP1") in pairs
    assert comp.annex_remark is None


def test_a_comparison_says_when_one_side_has_an_annex_the_other_lacks():
    old = _version("A/RES/78/4", [])
    new = _version("A/RES/79/4", ["=== Annex II\nProgramme", "1. Act;"])
    comp = compare(old, new)
    assert comp.annex_remark == "Annex II (Programme) is in 79/4, not in 78/4."
    assert [c.kind for c in comp.changes if c.new_ids == ["AII.OP1"]] == [ChangeKind.NEW]
    assert json.loads(render_json(comp))["annexes"] == {"old": [], "new": ["Annex II"], "remark": comp.annex_remark}
    # Against a text that is not whole, the annex's paragraphs are unknown, not new.
    partial = compare(_version("A/RES/78/4", [], complete=False), new)
    assert [c.kind for c in partial.changes if c.new_ids == ["AII.OP1"]] == [ChangeKind.UNKNOWN]
    assert "not whole" in partial.annex_remark


def test_blocks_of_an_operative_paragraph_and_what_stays_refused():
    items = build_items(["1. Decides:", "• one;", "– two;", "2. Approves the agenda:", "1. Opening.", "2. Close."])
    assert [i.id for i in items] == ["OP1", "OP1-1", "OP1-2", "OP2", "OP2-1", "OP2-2"]
    assert items[4].text == "1. Opening." and items[4].operative_number == 2
    with pytest.raises(StructureError, match="unnumbered paragraph after the operative part"):
        build_items(["1. Decides;", "Recalling its resolution,"])
    with pytest.raises(StructureError, match="appears twice"):
        build_items(["1. Decides;", "1. Decides again;"])


def _rows(*rows: tuple[str, str, str | None]) -> bytes:
    return json.dumps(
        [{"type": t, "text": x, "prefix": p, "paragraph_level": 1 if p else None} for t, x, p in rows]
    ).encode()


def test_official_records_page_running_heads_set_aside_and_footnotes_attached():
    data = _rows(
        ("title", "32/40. Question of Palestine", None),
        ("paragraph", "The General Assembly,", None),
        ("paragraph", "Recalling its resolution 31/20,42", None),
        ("paragraph", "Having considered the report of the", None),
        ("paragraph", "24 General Assembly—Thirty-second Session", None),
        ("paragraph", "Committee on Palestine,43", None),
        ("paragraph", "42 Official Records of the General Assembly, Thirty-first Session.", None),
        ("paragraph", "43 Ibid., Supplement No. 35 (A/32/35).", None),
        ("paragraph", "Decides to remain seized of the matter.", "1."),
        ("backmatter", "91st plenary meeting", None),
        ("backmatter", "2 December 1977", None),
        ("backmatter", "ANNEX", None),
        ("backmatter", "Programme of work", None),
        ("paragraph", "The Committee meets.", "1."),
    )
    res, _ = read_bytes(data, "A_RES_32_40.json")
    assert [p.text for p in res.paragraphs] == [
        "Recalling its resolution 31/20,",
        "Having considered the report of the Committee on Palestine,",
        "Decides to remain seized of the matter.",
    ]
    assert [(f.number, f.text) for f in res.footnotes] == [
        (42, "Official Records of the General Assembly, Thirty-first Session."),
        (43, "Ibid., Supplement No. 35 (A/32/35)."),
    ]
    assert [p.note_numbers for p in res.paragraphs] == [[42], [43], []]
    assert res.annexes == (Annex(None, "Programme of work", None, res.annexes[0].items),)
    assert [p.id for p in res.annexes[0].paragraphs] == ["A.OP1"]
    assert res.complete and any("running heads" in line for line in res.provenance)


def test_sections_and_gaps_of_an_annex_have_ids_of_their_own_in_akoma_ntoso():
    items, annexes = build_document(
        [
            "# I. Own",
            "1. Adopts;",
            "[GAP]",
            "=== Annex",
            "# I. Its own",
            "1. Acts;",
            "[GAP]",
            "# Article 2.",
            "1. Ends.",
        ]
    )
    res = Resolution(symbol="A/RES/78/4", adopted="2023-12-22", items=items, annexes=annexes)
    assert parse_akn(to_akn(res), "x.xml") == res  # the schema refuses an eId given twice


def test_a_bulk_import_ends_with_every_refused_file_by_reason(tmp_path):
    from .test_cli import run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(DECLARATION, encoding="utf-8")
    for name in ("bad1.txt", "bad2.txt"):
        (folder / name).write_text("symbol: A/RES/1/1\n---\n1. Decides;\n\nNoting late,\n", encoding="utf-8")
    result = run("import", str(folder), store=tmp_path / "store")
    assert result.exit_code == 1
    tail = result.stdout.splitlines()[1:]  # after the line of the one stored
    assert tail[0] == "imported 1, skipped 0 already stored, failed 2"
    assert tail[1] == "refused, by reason:"
    assert tail[2] == "  unnumbered paragraph after the operative part began: … (2)"
    assert [line.strip().split(":")[0] for line in tail[3:]] == [str(folder / "bad1.txt"), str(folder / "bad2.txt")]


def test_the_word_redline_holds_the_annexes_changes_and_reads_back_as_both_texts():
    from resdiff.render.docx import render_docx
    from resdiff.render.verify import verify_redline

    old = _version("A/RES/78/4", ["=== Annex\nDeclaration", "1. We commit to act.", "2. We report."])
    new = _version("A/RES/79/4", ["=== Annex\nDeclaration", "1. We strongly commit to act.", "2. We report."])
    comp = compare(old, new)
    docx = render_docx(comp)
    verify_redline(docx, comp)  # accepting every change gives NEW, annex included; rejecting gives OLD


def test_history_of_a_version_with_an_annex_has_a_row_for_every_paragraph():
    """The lineage follows annex paragraphs too: history lists them (it raised KeyError on them)."""
    from resdiff.diff.lineage import build_lineage, history

    old = _version("A/RES/78/4", ["=== Annex\nDeclaration", "1. Adopts a plan of action;", "2. We commit to act."])
    new = _version(
        "A/RES/79/4", ["=== Annex\nDeclaration", "1. We commit to act.", "2. Adopts a plan of action;", "3. We review."]
    )
    lineage = build_lineage([old, new])
    for k, res in enumerate((old, new)):
        assert [b.id for b in history(lineage, k)] == [p.id for p in res.all_paragraphs]
    rows = {b.id: b for b in history(lineage, 1)}
    assert rows["A.OP1"].first == "78/4" and rows["A.OP3"].first == "79/4"
