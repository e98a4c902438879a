"""The corpus JSON reader (``A_RES_*.json`` of the UN EOSG corpus), on frozen copies of real files."""

from __future__ import annotations

import json
import re
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
    # The annex printed after the closing lines is imported as an annex (and the annexes of the Staff
    # Regulations it quotes after it), its paragraphs apart from the resolution's own.
    assert res.complete
    assert [(a.label, a.title) for a in res.annexes] == [
        ("Annex", "Modified amendments to the Staff Regulations"),
        ("Annex I", "Salary scales and related provisions"),
        ("Annex II", "Letters of appointment"),
    ]
    assert res.annexes[0].headings[0].label == "Regulation 4.5"
    assert all(p.id.startswith(a.key + ".") for a in res.annexes for p in a.paragraphs)


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


# Identity: every file under its own symbol (issue 19).


def _row(kind: str, text: str, prefix: str | None = None, level: int | None = None) -> dict:
    return {"type": kind, "text": text, "prefix": prefix, "paragraph_level": level}


def _resolution_rows(sym: str, title: str, kind: str = "frontmatter", paragraphs: int = 3) -> list[dict]:
    """The rows of one short resolution as an Official Records page prints it."""
    rows = [_row(kind, f"{sym}. {title}"), _row(kind, "The General Assembly,"), _row(kind, f"Recalling {title},")]
    rows += [_row(kind, f"{k}. Decides on item {k} of {title};") for k in range(1, paragraphs + 1)]
    return rows + [_row(kind, "78th plenary meeting"), _row(kind, "19 December 1991")]


def _page(before: str, own: str, after: str, own_kind: str = "title") -> list[dict]:
    """A page with the end of ``before``, the whole of ``own`` and the beginning of ``after``."""
    tail = _resolution_rows(before, "Neighbour before")[2:]
    mine = _resolution_rows(own, "Our own resolution", paragraphs=4)
    mine[0]["type"] = own_kind
    mine[1:] = [dict(r, type="paragraph" if own_kind == "title" else r["type"]) for r in mine[1:]]
    return tail + mine + _resolution_rows(after, "Next")


@pytest.mark.parametrize("own_kind", ["title", "frontmatter", "heading"])
@pytest.mark.parametrize("session, number", [(46, 182), (31, 36), (77, 5)])
def test_an_official_records_page_imports_the_resolution_the_file_is_named_for(own_kind, session, number):
    before, own, after = f"{session}/{number - 1}", f"{session}/{number}", f"{session}/{number + 1}"
    rows = [_row("frontmatter", f"{before}. Neighbour before"), *_page(before, own, after, own_kind)]
    res, _ = read_bytes(json.dumps(rows).encode(), f"A_RES_{session}_{number}.json")
    assert res.symbol == f"A/RES/{own}" and res.title == "Our own resolution"
    assert [p.text for p in res.paragraphs][0] == "Recalling Our own resolution,"
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2", "OP3", "OP4"]
    assert not any("Neighbour" in p.text or "Next" in p.text for p in res.paragraphs)
    assert any(f"end of resolution {before}" in line for line in res.provenance)
    assert any(f"resolution {after} on are the next resolution" in line for line in res.provenance)


def test_the_real_page_of_46_182_is_46_182():
    res = read("A_RES_46_182.json")
    assert res.symbol == "A/RES/46/182"
    assert res.title.startswith("Strengthening of the coordination of humanitarian emergency assistance")
    assert res.paragraphs[0].text.startswith("Recalling its resolution 2816 (XXVI)")


def test_a_page_opening_with_the_end_of_the_resolution_before_reads_its_own_resolution():
    # The preceding resolution's title row is on the page before: its closing lines say where it ends.
    res = read("A_RES_46_104.json")
    assert res.title == "United Nations International Drug Control Programme"
    assert res.paragraphs[0].text.startswith("Recalling its resolution 45/179 of 21 December 1990")
    assert [p.id for p in res.paragraphs][-1] == "OP11" and res.adopted == "1991-12-16"
    assert any("end of the resolution before it" in line for line in res.provenance)


def test_a_footnote_of_the_resolution_before_is_set_aside_not_read_as_a_paragraph():
    res = read("A_RES_45_106.json")
    assert res.title == "Implementation of the International Plan of Action on Aging and related activities"
    assert [p.id for p in res.paragraphs if p.id.startswith("OP5")] == ["OP5"]
    assert not any(p.text.startswith("59 See Official Records") for p in res.paragraphs)
    assert [f.number for f in res.footnotes] == [60]
    assert any("footnotes of the resolution before it" in line for line in res.provenance)


def test_a_page_opening_with_the_end_of_an_annex_before_reads_its_own_resolution():
    res = read("A_RES_45_111.json")
    assert res.symbol == "A/RES/45/111" and res.title == "Basic Principles for the Treatment of Prisoners"
    assert res.paragraphs[0].text.startswith("Bearing in mind the long-standing concern")
    assert res.paragraphs[-1].text.startswith("Affirms the Basic Principles")
    assert len(res.paragraphs) == 12 and res.adopted == "1990-12-14"
    assert any("rows before the title are the end of the resolution before it" in line for line in res.provenance)


@pytest.mark.parametrize("tail_kind", ["heading", "frontmatter", "paragraph"])
@pytest.mark.parametrize(
    "head",
    ["VI. Resolutions adopted on the reports of the Third Committee 199", "200 General Assembly—Forty-fifth Session"],
)
def test_text_above_the_title_on_an_official_records_page_is_a_neighbours(tail_kind, head):
    own = _resolution_rows("45/111", "Our own resolution", kind="paragraph")
    own[0]["type"] = "title"
    tail = [
        _row(tail_kind, "Final Provisions"),
        _row("frontmatter", "4. Either Party may denounce the present Treaty."),
    ]
    tail += [_row("frontmatter", "DONE at ______ on ______")]
    rows = [_row("frontmatter", "<!-- Page 1 -->"), _row("frontmatter", head), *tail, *own]
    res, _ = read_bytes(json.dumps(rows).encode(), "A_RES_45_111.json")
    assert res.title == "Our own resolution"
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2", "OP3"]
    assert not any("Treaty" in p.text or "DONE" in p.text for p in res.paragraphs)
    # A masthead above the title is the resolution's own, not a neighbour's: it is read.
    rows = [
        _row("frontmatter", head),
        _row("frontmatter", "Resolution adopted by the General Assembly on 14 December 1990"),
    ]
    res, _ = read_bytes(json.dumps(rows + own).encode(), "A_RES_45_111.json")
    assert res.title == "Our own resolution" and not any("end of the" in line for line in res.provenance)


def test_the_other_columns_line_glued_to_the_title_is_not_part_of_it():
    res = read("A_RES_43_222.json")
    assert res.symbol == "A/RES/43/222" and res.title == "Pattern of conferences"
    assert any("(c) Four members" in line and "other column" in line for line in res.provenance)
    assert any(p.text.startswith("Four members from Latin American") for p in res.paragraphs)


@pytest.mark.parametrize(
    "line", ["(c) Four members from Latin American and Carib", "(a) Six members from African States;"]
)
def test_a_lettered_line_is_cut_from_the_title_only_where_the_file_prints_it_again(line):
    rows = _resolution_rows("43/222", f"Pattern of conferences {line}", kind="paragraph")
    rows[0]["type"] = "title"
    alone, _ = read_bytes(json.dumps(rows).encode(), "A_RES_43_222.json")
    assert alone.title == f"Pattern of conferences {line}"
    again, _ = read_bytes(json.dumps(rows[:-2] + [_row("paragraph", line)] + rows[-2:]).encode(), "A_RES_43_222.json")
    assert again.title == "Pattern of conferences"


def test_the_enacting_formula_read_with_a_full_stop_is_no_paragraph():
    rows = _resolution_rows("46/182", "Our own resolution", kind="paragraph")
    rows[0]["type"], rows[1]["text"] = "title", "The General Assembly."
    res, _ = read_bytes(json.dumps(rows).encode(), "A_RES_46_182.json")
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2", "OP3"]


def test_a_title_row_whose_symbol_lost_its_slash_is_the_title_row():
    res, report = read_file(FIXTURES / "A_RES_77_280.json")
    assert res.symbol == "A/RES/77/280"
    assert res.title == "Progress towards an accountability system in the United Nations Secretariat"
    assert res.paragraphs[0].text.startswith("Recalling its resolutions 59/272")
    assert any("prints 77280, read as 77/280" in w for w in report.warnings)


@pytest.mark.parametrize("kind", ["title", "frontmatter", "heading"])
@pytest.mark.parametrize("session, number", [(46, 182), (31, 36), (77, 5), (9, 1200)])
def test_only_the_files_own_symbol_is_read_without_its_slash(kind, session, number):
    def rows(sym: str, title: str) -> bytes:
        rows = _resolution_rows(sym, title, kind="frontmatter")
        rows[0]["type"] = kind
        return json.dumps(rows).encode()

    res, _ = read_bytes(rows(f"{session}{number}", "Our own resolution"), f"A_RES_{session}_{number}.json")
    assert res.symbol == f"A/RES/{session}/{number}" and res.title == "Our own resolution"
    # Another number with its slash lost is no title row of this file.
    res, _ = read_bytes(rows(f"{session}{number + 1}", "Another resolution"), f"A_RES_{session}_{number}.json")
    assert res.title is None


def test_a_title_row_that_names_another_resolution_is_refused_naming_both():
    rows = _resolution_rows("46/181", "Not the one the file is named for", kind="paragraph")
    rows[0]["type"] = "title"
    with pytest.raises(ImportFailed, match=r"file name says 46/182, the text's title row 46/181"):
        read_bytes(json.dumps(rows).encode(), "A_RES_46_182.json")


@pytest.mark.parametrize(
    "name, symbol", [("A_RES_75_290_A.json", "A/RES/75/290 A"), ("A_RES_75_290_B.json", "A/RES/75/290 B")]
)
def test_part_letters_are_kept_from_the_file_name(name, symbol):
    res = read(name)
    assert res.symbol == symbol


def test_the_part_letter_row_must_agree_with_the_file_name():
    rows = json.loads((FIXTURES / "A_RES_75_290_B.json").read_bytes())
    with pytest.raises(ImportFailed, match=r"file name says 75/290 A, the text's part row B"):
        read_bytes(json.dumps(rows).encode(), "A_RES_75_290_A.json")


def test_two_parts_are_two_versions_and_never_already_stored(tmp_path: Path):
    from resdiff.store.bulk import import_files
    from resdiff.store.folder import Store

    store = Store(tmp_path / "store")
    files = [FIXTURES / "A_RES_75_290_A.json", FIXTURES / "A_RES_75_290_B.json"]
    summary = import_files(store, files)
    assert sorted(summary.imported) == ["A/RES/75/290 A", "A/RES/75/290 B"] and not summary.skipped
    # The same text again is skipped; a different text under a stored symbol is a failure naming both.
    again = import_files(store, files[:1])
    assert again.skipped and not again.failed
    other = tmp_path / "A_RES_75_290_A.json"
    other.write_bytes(files[1].read_bytes().replace(b'"B"', b'"A"'))
    clash = import_files(store, [other])
    assert not clash.skipped and len(clash.failed) == 1
    assert "another text is already stored under this symbol" in clash.failed[0]


def test_a_footnote_mark_glued_to_the_title_is_not_part_of_it():
    rows = _resolution_rows("31/192", "Statute of the Joint Inspection Unit69", kind="paragraph")
    rows[0]["type"] = "title"
    res, _ = read_bytes(json.dumps(rows).encode(), "A_RES_31_192.json")
    assert res.title == "Statute of the Joint Inspection Unit"
    assert any("footnote mark 69 after the title" in line for line in res.provenance)


def test_an_old_style_title_row_gives_the_title_and_the_running_head_the_committee():
    # The page opens with 485 (V) and 486 (V) whole; 487 (V)'s own title row comes after them.
    res = read("A_RES_487(V).json")
    assert res.symbol == "A/RES/487 (V)" and res.committee == "Sixth Committee"
    assert res.title == "Ways and means for making the evidence of customary international law more readily available"
    assert res.paragraphs[0].text.startswith("Noting part II (Ways and means for making the evidence")
    assert not any("emoluments" in p.text for p in res.paragraphs)  # 485 (V)'s words
    assert any("end of resolution 486 (V)" in line for line in res.provenance)
    assert any("resolution 488 (V) on are the next resolution" in line for line in res.provenance)


def test_an_old_style_title_row_with_its_session_misprinted_is_the_files_own():
    res, report = read_file(FIXTURES / "A_RES_168(II).json")
    assert res.symbol == "A/RES/168 (II)" and res.title == "United Nations Day"
    assert res.paragraphs[0].text.startswith("Declares that 24 October")
    assert not any("flag" in p.text for p in res.paragraphs)  # 167 (II), the United Nations Flag
    assert any("prints 168 (III), read as 168 (II)" in w for w in report.warnings)


def test_a_first_session_text_without_the_enacting_formula_is_read_after_its_title_row():
    # "23(1). Registration of Treaties …": the scan read the numeral I as a digit, and the text has no
    # "The General Assembly," line: the rows after the title row are its paragraphs, not its masthead.
    res = read("A_RES_23(I).json")
    assert res.title == "Registration of Treaties and International Agreements"
    assert res.paragraphs[0].text.startswith("The Executive Secretary sent a circular letter")
    assert len(res.paragraphs) == 6 and res.adopted == "1946-02-10"


def _old_style_page(own: str, head: str, own_kind: str) -> list[dict]:
    number, session = own.split(" ")
    before, after = f"{int(number) - 1} {session}", f"{int(number) + 1} {session}"
    tail = _resolution_rows(before, "Neighbour before")
    mine = _resolution_rows(own, "Our own resolution", kind=own_kind, paragraphs=2)
    mine[1:] = [dict(r, type="frontmatter") for r in mine[1:]]
    return [_row("frontmatter", "<!-- Page 1 -->"), _row("frontmatter", head), *tail, *mine] + _resolution_rows(
        after, "Next", kind="backmatter"
    )


@pytest.mark.parametrize("own", ["487 (V)", "1166 (XII)", "3376 (XXX)"])
@pytest.mark.parametrize("own_kind", ["title", "frontmatter"])
@pytest.mark.parametrize(
    "head, committee",
    [
        ("Resolutions adopted on reports of the Sixth Committee 77", "Sixth Committee"),
        ("RESOLUTIONS ADOPTED ON THE REPORTS OF THE FIRST COMMITTEE", "First Committee"),
        ("Resolutions adopted without reference to a Main Committee", "plenary"),
        ("RESOLUTIONS ADOPTED WITHOUT REFERENCE TO A COMMITTEE", "plenary"),
        # Not one of the six Main Committees: no committee is read, never a guess.
        ("Resolutions adopted on the reports of the Special Political Committee 39", None),
        ("General Assembly—Fifth Session", None),
    ],
)
def test_an_old_style_page_reads_its_own_resolution_title_and_committee(own, own_kind, head, committee):
    rows = _old_style_page(own, head, own_kind)
    name = "A_RES_{}({}).json".format(*own.replace("(", "").replace(")", "").split(" "))
    res, _ = read_bytes(json.dumps(rows).encode(), name)
    assert res.symbol == f"A/RES/{own}" and res.title == "Our own resolution"
    assert res.committee == committee
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1", "OP2"]
    assert not any("Neighbour" in p.text or "Next" in p.text for p in res.paragraphs)
    assert any("end of resolution" in line for line in res.provenance)


def test_two_committees_named_by_the_heads_of_one_text_give_none():
    rows = _old_style_page("487 (V)", "Resolutions adopted on reports of the Sixth Committee", "title")
    rows.insert(-11, _row("frontmatter", "Resolutions adopted on reports of the Fifth Committee"))  # before OP2
    res, _ = read_bytes(json.dumps(rows).encode(), "A_RES_487(V).json")
    assert res.title == "Our own resolution" and res.committee is None


@pytest.mark.parametrize("printed", ["486 (V)", "487. (V)", "487 (VI)", "48 (V)"])
def test_only_the_files_own_number_is_its_title_row(printed):
    rows = [
        _row("frontmatter", "Resolutions adopted on reports of the Sixth Committee"),
        *_resolution_rows(printed, "Some resolution", kind="frontmatter"),
    ]
    own = printed.replace(".", "").split(" ")[0] == "487"
    if own:
        res, _ = read_bytes(json.dumps(rows).encode(), "A_RES_487(V).json")
        assert res.title == "Some resolution" and res.symbol == "A/RES/487 (V)"
    else:
        with pytest.raises(
            ImportFailed, match=re.escape(f"the file name says 487 (V), the text's title row {printed}")
        ):
            read_bytes(json.dumps(rows).encode(), "A_RES_487(V).json")


def test_a_footnote_mark_printed_with_a_caret_after_an_old_style_title_is_not_part_of_it():
    rows = [_row("title", "2345 (XXIII). Agreement on the Rescue of Astronauts^14"), *_resolution_rows("x", "y")[1:]]
    res, report = read_bytes(json.dumps(rows).encode(), "A_RES_2345(XXII).json")
    assert res.title == "Agreement on the Rescue of Astronauts"
    assert any("footnote mark ^14" in line for line in res.provenance)
    assert any("prints 2345 (XXIII), read as 2345 (XXII)" in w for w in report.warnings)
