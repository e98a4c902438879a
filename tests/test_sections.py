"""Section headings and nested sub-paragraphs: the block notation, real sectioned resolutions, and
round trips through the text format, Akoma Ntoso and Markdown on generated texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.core.blocks import build_items, heading_block, parse_heading
from resdiff.core.errors import ImportFailed, StructureError
from resdiff.core.model import Heading, Paragraph, Part, Resolution
from resdiff.diff.compare import compare
from resdiff.diff.sections import compare_headings
from resdiff.formats.akn import parse_akn, to_akn
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.formats.markdown import to_markdown
from resdiff.ingest import read_bytes, read_file
from resdiff.render.changes import render_json
from resdiff.render.resolution import render_resolution_json, render_resolution_text

from .conftest import SHARED

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus-json"
GA_CORPUS = SHARED / "ga-corpus" / "eosg"


def ids(items) -> list[str]:
    return [i.id if isinstance(i, Paragraph) else heading_block(i) if isinstance(i, Heading) else "gap" for i in items]


# -- the block notation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "block, heading",
    [
        ("# I. Implementation of the Convention", Heading(1, "I", "Implementation of the Convention")),
        ("## A. Budget", Heading(2, "A", "Budget")),
        ("# Article 1.", Heading(1, "Article 1", "")),
        ("# Annex", Heading(1, None, "Annex")),
        ("# \\I. Odd", Heading(1, None, "I. Odd")),
        ("# 1.2. Targets", Heading(1, "1.2", "Targets")),
    ],
)
def test_heading_notation_both_ways(block: str, heading: Heading):
    assert parse_heading(block) == heading
    assert heading_block(heading) == block


def test_headings_nested_sub_paragraphs_and_ids():
    items = build_items(
        [
            "Recalling its resolution 78/69,",
            "# I. Implementation",
            "1. Calls upon States:",
            "(a) To act;",
            "(a)(i) At once;",
            "(a)(ii) Fully;",
            "(b) To report;",
            "## A. Details",
            "2. Decides to remain seized;",
        ],
        infer_nesting=False,
    )
    assert ids(items) == [
        "PP1",
        "# I. Implementation",
        "OP1",
        "OP1(a)",
        "OP1(a)(i)",
        "OP1(a)(ii)",
        "OP1(b)",
        "## A. Details",
        "OP2",
    ]
    assert items[4].sub == ("a", "i") and items[4].operative_number == 1


def test_a_lone_label_nests_only_where_asked():
    blocks = ["1. Calls upon States:", "(a) To act;", "(i) At once;"]
    assert ids(build_items(blocks)) == ["OP1", "OP1(a)", "OP1(a)(i)"]  # printed text: inferred
    assert ids(build_items(blocks, infer_nesting=False)) == ["OP1", "OP1(a)", "OP1(i)"]  # the text format


def test_sections_numbered_anew_and_with_their_own_preambles():
    items = build_items(
        [
            "Recalling its resolution 1/1,",
            "1. Decides;",
            "# I. Budget",
            "Having considered the report,",
            "1. Approves the budget;",
            "(a) in full;",
            "# II. Posts",
            "1. Approves the posts;",
        ]
    )
    assert ids(items) == ["PP1", "OP1", "# I. Budget", "I.PP1", "I.OP1", "I.OP1(a)", "# II. Posts", "II.OP1"]
    assert items[3].part is Part.PREAMBLE and items[5].operative_number == 1


def test_continuous_numbering_keeps_plain_ids():
    items = build_items(["1. Decides;", "# I. Budget", "2. Approves;"])
    assert ids(items) == ["OP1", "# I. Budget", "OP2"]


@pytest.mark.parametrize(
    "blocks, problem",
    [
        (["## A. Details", "1. Decides;"], "level-2 heading without a level-1"),
        (["1. Decides;", "Recalling", "2. Approves;"], "unnumbered paragraph after the operative part"),
        (["# I. A", "1. Decides;", "1. Decides again;"], "appears twice"),
    ],
)
def test_structure_errors_say_what(blocks: list[str], problem: str):
    with pytest.raises(StructureError, match=problem):
        build_items(blocks)


# -- real sectioned resolutions (frozen copies from the EOSG corpus) ----------------------


def test_78_248_sections_and_a_quoted_amendment():
    res = read_file(FIXTURES / "A_RES_78_248.json")[0]
    assert [h.label for h in res.headings] == [
        "I. System of administration of justice",
        "II. Informal system",
        "III. Formal system",
        "Article 9, new paragraph 4:",
        "IV. Other issues",
    ]
    assert [h.level for h in res.headings] == [1, 1, 1, 2, 1]
    # The amendment quotes a paragraph "4." of the statute: numbers repeat, so ids carry the section.
    assert [p.id for p in res.paragraphs][:5] == ["PP1", "PP2", "OP1", "OP2", "I.OP3"]
    assert res.paragraph("III.S4.OP4").text.startswith("In hearing an application to appeal")
    assert res.meeting == "50th (resumed) plenary meeting"


def test_77_335_nested_sub_paragraphs():
    res = read_file(FIXTURES / "A_RES_77_335.json")[0]
    assert [p.id for p in res.paragraphs if p.id == "OP4" or p.id.startswith("OP4(")] == [
        "OP4",
        "OP4(a)",
        "OP4(a)(i)",
        "OP4(a)(ii)",
        "OP4(b)",
        "OP4(c)",
    ]
    assert res.paragraph("OP4(a)(i)").text.startswith("During the seventy-eighth session:")
    assert [h.label for h in res.headings][0] == "Role and authority of the General Assembly"


@pytest.mark.parametrize("name", ["A_RES_78_248.json", "A_RES_77_335.json"])
def test_sectioned_round_trips(name: str):
    res = read_file(FIXTURES / name)[0]
    assert parse_docformat(format_docformat(res)) == res
    assert parse_akn(to_akn(res), "export") == res  # to_akn validates against the schema
    assert read_bytes(to_markdown(res).encode(), "x.md")[0] == res


def test_show_lists_headings_in_place():
    res = read_file(FIXTURES / "A_RES_78_248.json")[0]
    text = render_resolution_text(res)
    assert "\n            # II. Informal system\n" in text
    entries = __import__("json").loads(render_resolution_json(res))["paragraphs"]
    assert {"heading": True, "level": 1, "number": "II", "text": "Informal system"} in entries


def test_compare_reports_headings_apart():
    old = read_file(FIXTURES / "A_RES_78_248.json")[0]
    items = tuple(Heading(1, "V", "Other issues") if i == Heading(1, "IV", "Other issues") else i for i in old.items)
    new = Resolution("A/RES/79/1", adopted="2024-12-01", items=items, complete=True)
    comp = compare(old, new)
    assert [c.kind for c in comp.headings] == ["unchanged"] * 4 + ["renumbered"]
    assert all(c.kind.value == "unchanged" for c in comp.changes)
    data = __import__("json").loads(render_json(comp))
    assert data["headings"][-1]["old"]["number"] == "IV" and data["headings"][-1]["new"]["number"] == "V"


# -- the whole corpus, when it is here -------------------------------------------------------


def test_oceans_79_144_against_78_69():
    if not GA_CORPUS.is_dir():
        pytest.skip(f"the EOSG corpus is not at {GA_CORPUS}")
    new = read_file(GA_CORPUS / "A_RES_79_144.json")[0]
    old = read_file(GA_CORPUS / "A_RES_78_69.json")[0]
    assert len(new.headings) == 16 and new.headings[0].label.startswith("I. Implementation of the Convention")
    assert parse_akn(to_akn(new), "export") == new
    # The headings alone (the whole comparison of 400 paragraphs takes seconds; `resdiff compare` shows it).
    headings = compare_headings(old, new)
    assert [c.kind for c in headings].count("unchanged") == 12
    assert [(c.kind, c.old.label) for c in headings if c.kind == "dropped"] == [
        ("dropped", "XIII. Regional cooperation")
    ]
    assert [(c.old.number, c.new.number) for c in headings if c.kind == "renumbered"] == [
        ("XIV", "XIII"),
        ("XV", "XIV"),
        ("XVI", "XV"),
    ]


def test_a_sample_of_the_corpus_imports_and_round_trips():
    """Every 25th file of the corpus from the 70th session on (the dense, modern part)."""
    if not GA_CORPUS.is_dir():
        pytest.skip(f"the EOSG corpus is not at {GA_CORPUS}")
    modern = re.compile(r"^A_RES_(\d+)_\d+$")
    files = [
        f for f in sorted(GA_CORPUS.glob("A_RES_*.json")) if (m := modern.match(f.stem)) and int(m.group(1)) >= 70
    ][::25]
    assert len(files) > 30
    imported = 0
    for f in files:
        try:
            res = read_file(f)[0]
        except ImportFailed:
            continue  # bench/corpus_import.py lists the reasons (bullets, quoted texts, tables …)
        imported += 1
        assert parse_docformat(format_docformat(res)) == res, f.name
    assert imported >= 0.9 * len(files)


# -- generated texts -------------------------------------------------------------------------

_WORDS = st.text(alphabet="abcdefg ,;.()-#I", min_size=1, max_size=30).map(lambda t: " ".join(t.split()))
_NUMBERS = st.one_of(st.none(), st.sampled_from(["I", "II", "XIV", "A", "B", "Article 1", "3", "1.2"]))


@st.composite
def sectioned(draw) -> list[str]:
    """Blocks of a resolution with headings at levels never skipping one and nested sub-paragraphs."""
    blocks = [f"Recalling {draw(_WORDS)}," for _ in range(draw(st.integers(1, 3)))]
    level = 0
    number = 0
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            level = draw(st.integers(1, level + 1))
            text = draw(_WORDS)
            heading = Heading(level, draw(_NUMBERS), text if text.strip() else "Heading")
            blocks.append(heading_block(heading))
        number += 1
        blocks.append(f"{number}. Decides {draw(_WORDS)};")
        chain: list[str] = []
        for _ in range(draw(st.integers(0, 4))):
            depth = draw(st.integers(1, min(len(chain) + 1, 3)))
            label = draw(st.sampled_from(["a", "b", "i", "ii", "v", "x", "aa"]))
            chain = chain[: depth - 1] + [label]
            blocks.append("".join(f"({c})" for c in chain) + f" to act {draw(_WORDS)};")
    return blocks


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=sectioned())
def test_sectioned_texts_round_trip_through_every_format(blocks: list[str]):
    try:
        items = build_items(blocks, infer_nesting=False)
    except StructureError:
        return  # a generated text that repeats a paragraph id (e.g. "(a)" twice): refused, not guessed
    res = Resolution("A/RES/99/1", title="Generated", adopted="2024-01-02", items=items, complete=True)
    assert parse_docformat(format_docformat(res)) == res
    assert parse_akn(to_akn(res), "export") == res
    assert read_bytes(to_markdown(res).encode(), "x.md")[0] == res
    assert [h for h in res.items if isinstance(h, Heading)] == res.headings


def test_pair_page_shows_headings_in_the_redline_and_side_by_side():
    from resdiff.render.html import render_pair_page

    res = read_file(FIXTURES / "A_RES_78_248.json")[0]
    page = render_pair_page(compare(res, res))
    assert '<h3 class="section-heading">II. Informal system</h3>' in page
    assert '<h4 class="section-heading">Article 9, new paragraph 4:</h4>' in page
    assert '<th colspan="2" scope="rowgroup">IV. Other issues</th>' in page


def test_word_redline_prints_new_headings_and_keeps_accept_reject_exact():
    from resdiff.render.docx import render_docx

    from .redline import paragraph_lines, revision_view

    old = read_file(FIXTURES / "A_RES_78_248.json")[0]
    items = tuple(i for i in old.items if not (isinstance(i, Paragraph) and i.id == "IV.OP15"))
    new = Resolution("A/RES/79/1", adopted="2024-12-01", items=items, complete=True)
    docx = render_docx(compare(old, new))
    assert b"Informal system" in __import__("zipfile").ZipFile(__import__("io").BytesIO(docx)).read("word/document.xml")
    assert revision_view(docx, accept=True) == paragraph_lines(new)
    assert revision_view(docx, accept=False) == paragraph_lines(old)
