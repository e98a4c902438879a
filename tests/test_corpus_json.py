"""The corpus JSON reader (``A_RES_*.json`` of the UN EOSG corpus), on frozen copies of real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff.core.errors import ImportFailed
from resdiff.core.model import FootnoteStatus
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.ingest import read_bytes, read_file
from resdiff.ingest.corpus_json import symbol_from_filename
from resdiff.ingest.detect import detect_format

from .conftest import CORPUS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus-json"


def read(name: str):
    return read_file(FIXTURES / name)[0]


def test_detected_by_content_whatever_the_name(tmp_path: Path):
    data = (FIXTURES / "A_RES_77_64.json").read_bytes()
    assert detect_format(data) == "corpus-json"
    renamed = tmp_path / "something.txt"
    renamed.write_bytes(data)
    assert read_file(renamed)[0].symbol == "A/RES/77/64"


def test_77_64_metadata():
    res = read("A_RES_77_64.json")
    assert (res.symbol, res.title, res.adopted, res.meeting, res.committee_report) == (
        "A/RES/77/64",
        "Countering the threat posed by improvised explosive devices",
        "2022-12-07",
        "46th plenary meeting",
        "A/77/385, para. 110",
    )
    assert res.complete
    # The corpus holds no footnotes: none are invented and the version says they may exist.
    assert res.footnotes == () and res.footnote_gap and res.footnote_status is FootnoteStatus.NOT_HELD
    assert all(not p.notes for p in res.paragraphs)
    assert res.sources == ("A_RES_77_64.json",)


def test_77_64_paragraphs_exact():
    res = read("A_RES_77_64.json")
    ids = [p.id for p in res.paragraphs]
    assert ids == [f"PP{k}" for k in range(1, 27)] + [f"OP{k}" for k in range(1, 37)]
    assert res.paragraph("PP1").text.startswith("Recalling its resolutions 70/46 of 7 December 2015, 71/72")
    assert res.paragraph("PP1").lead == "Recalling"
    op9 = res.paragraph("OP9")
    assert op9.number == 9 and op9.text.endswith("including through the use of the “dark web”;")
    assert res.paragraph("OP22").lead == "Strongly encourages"


def test_77_64_agrees_with_the_text_in_the_shared_corpus():
    """The same resolution typed in the resdiff text format (../shared/corpus) gives the same paragraphs."""
    typed = CORPUS / "A-RES-77-64.txt"
    if not typed.is_file():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    theirs = parse_docformat(typed.read_text(encoding="utf-8"))
    ours = read("A_RES_77_64.json")
    assert [(p.id, p.text, p.lead) for p in ours.paragraphs] == [(p.id, p.text, p.lead) for p in theirs.paragraphs]


def test_sub_paragraphs_and_annex_after_the_closing():
    res = read("A_RES_63_271.json")
    assert res.symbol == "A/RES/63/271" and res.adopted == "2009-04-07" and res.meeting == "79th plenary meeting"
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2"] + [f"OP{k}" for k in range(1, 16)]
    # The annex printed after the closing lines is not imported, and the version says so.
    assert not res.complete
    assert any("annex" in line for line in res.provenance)


@pytest.mark.parametrize("name", ["A_RES_77_64.json", "A_RES_63_271.json"])
def test_round_trip_through_the_text_format(name: str):
    res = read(name)
    text = format_docformat(res)
    assert parse_docformat(text) == res
    assert format_docformat(parse_docformat(text)) == text


def test_symbol_from_the_file_name():
    assert symbol_from_filename("A_RES_57_283_B.json") == "57/283 B"
    assert symbol_from_filename("A_RES_118_(II).json") == "118 (II)"
    assert symbol_from_filename("report.json") is None


def test_file_name_gives_the_symbol_when_the_title_row_is_missing():
    rows = [r for r in json.loads((FIXTURES / "A_RES_77_64.json").read_bytes()) if r["type"] != "title"]
    res, _ = read_bytes(json.dumps(rows).encode(), "copy/A_RES_77_64.json")
    assert res.symbol == "A/RES/77/64" and res.title is None


@pytest.mark.parametrize(
    "data, problem",
    [
        (b'[{"type": "paragraph"}]', "row 1: expected an object"),
        (b'[{"type": "chapter", "text": "x"}]', "row 1: expected an object"),
        (b'[{"type": "paragraph", "text": "Recalling", ', "not readable JSON"),
    ],
)
def test_damaged_files_are_refused_with_the_reason(data: bytes, problem: str):
    with pytest.raises(ImportFailed, match=problem):
        read_bytes(data, "bad.json")


def test_format_characters_are_exactly_unicodes():
    """The class of format characters removed from rows is Unicode's category Cf, no more, no less."""
    import sys
    import unicodedata

    from resdiff.ingest.corpus_json import FORMAT_CHARACTERS_RE

    text = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert FORMAT_CHARACTERS_RE.sub("", text) == "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    assert not FORMAT_CHARACTERS_RE.search(text[:128])  # none is ASCII: an ASCII row is not searched


def test_rows_lose_invisible_format_characters_and_layout_spaces():
    from resdiff.ingest.corpus_json import _plain

    assert _plain("Re\u200bcalling\u00a0its\tresolution\u200e 70/46\ufeff,\n") == "Recalling its resolution 70/46,"
