"""The importer of published text (as extracted from the PDF), on 75/59 and on a fixture of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff.core.blocks import join_notes
from resdiff.core.errors import ImportFailed
from resdiff.core.model import Part
from resdiff.ingest import read_file, read_text
from resdiff.store.folder import Store

from .conftest import DATA, FIXTURE_STORE


@pytest.fixture
def imported_75_59(corpus: Path):
    return read_file(corpus / "A-RES-75-59.ocr.txt")


def test_75_59_structure(imported_75_59):
    res, report = imported_75_59
    pp = [p for p in res.paragraphs if p.part is Part.PREAMBLE]
    op = [p for p in res.paragraphs if p.part is Part.OPERATIVE]
    assert (len(pp), len(op), len(res.footnotes)) == (24, 31, 18)
    assert [p.number for p in op] == list(range(1, 32))
    assert res.symbol == "A/RES/75/59"
    assert res.title == "Countering the threat posed by improvised explosive devices"
    assert (res.adopted, res.meeting) == ("2020-12-07", "37th plenary meeting")
    assert res.complete


def test_75_59_footnotes_attached_after_the_right_word(imported_75_59):
    res, _ = imported_75_59
    marked = {p.id: join_notes(p.text, p.notes) for p in res.paragraphs}
    assert "unauthorized recipients,[^1] which" in marked["PP2"]
    assert "Sustainable Development,[^2] in particular" in marked["PP6"]
    assert "(Amended Protocol II)[^6] and" in marked["PP21"]
    assert "(Protocol V)[^7] to the" in marked["PP21"]
    assert marked["PP21"].endswith("on Their Destruction,[^9]")
    assert "Terrorist Bombings[^10] and the United Nations Global Counter-Terrorism Strategy[^11] and" in marked["PP23"]
    assert "resolution 73/67,[^13] including" in marked["OP1"]
    assert marked["OP9"].endswith("“dark web”;[^15]")
    assert "of the Secretariat,[^16] and encourages" in marked["OP13"]
    assert "relevant conventions[^18] or through" in marked["OP22"]
    assert [n for p in res.paragraphs for n in p.note_numbers] == [n for n in range(1, 19) if n != 3]


def test_75_59_lost_marker_is_reported_not_guessed(imported_75_59):
    res, report = imported_75_59
    assert res.unplaced_notes == [3]
    assert any("footnote 3" in w and "could not be placed" in w for w in report.warnings)
    # Misread numbers are corrected from the order of the footnotes, and said.
    assert any("footnote 13" in w and "read as 18" in w for w in report.warnings)
    assert any("footnote 17" in w and "read as 1;" in w for w in report.warnings)
    assert res.footnote(13).text == "A/75/175 and A/75/175/Corr.1."
    assert res.footnote(17).text.startswith("Including Security Council resolutions 1373 (2001)")
    assert res.footnote(3).text.startswith("See the Guiding Principles on Business and Human Rights")


def test_75_59_no_footnote_text_left_in_paragraphs(imported_75_59):
    res, _ = imported_75_59
    for p in res.paragraphs:
        for f in res.footnotes:
            assert f.text not in p.text, (p.id, f.number)
        assert not any(ch in p.text for ch in "!?®*%"), p.id
        assert "  " not in p.text


def test_75_59_page_breaks_and_hyphens(imported_75_59):
    res, _ = imported_75_59
    text = {p.id: p.text for p in res.paragraphs}
    assert "and on the security and stability of States" in text["PP6"]
    assert "Department of Peace Operations of the Secretariat, the appropriate training" in text["OP13"]
    assert "collective self-defence in accordance" in text["PP24"]
    assert "includes civilian-military cooperation" in text["OP3"]
    assert text["PP16"].startswith("Recalling, in this context,")
    assert text["PP23"].startswith("Recalling the International Convention")
    assert "today’s peacekeepers" in text["OP13"]
    assert text["OP4"].startswith("Urges all States")  # double space after the number


def test_75_59_import_equals_the_stored_version_but_for_the_placed_footnote(imported_75_59):
    res, _ = imported_75_59
    stored = Store(FIXTURE_STORE).load("75/59")
    assert [p.text for p in res.paragraphs] == [p.text for p in stored.paragraphs]
    assert res.footnotes == stored.footnotes
    differing = [p.id for p, q in zip(res.paragraphs, stored.paragraphs) if p.notes != q.notes]
    assert differing == ["PP12"]
    assert (
        join_notes(stored.paragraph("PP12").text, stored.paragraph("PP12").notes).count(
            "counter the threat of improvised explosive devices,[^3] including"
        )
        == 1
    )
    assert any("footnote 3" in line for line in stored.provenance)


def test_another_resolution_printed_the_same_way():
    res, report = read_file(DATA / "fictitious-99-1.txt")
    assert res.symbol == "A/RES/99/1"
    assert res.title == "A fictitious resolution for testing the importer, with a title printed on two lines"
    assert (res.agenda_item, res.committee_report, res.adopted) == ("42 (b)", "A/99/400", "2044-12-14")
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2", "PP3", "OP1", "OP2", "OP2(a)", "OP2(b)", "OP3"]
    marked = {p.id: join_notes(p.text, p.notes) for p in res.paragraphs}
    assert marked["PP3"].endswith("annex thereto,[^3] and the views of Member States’ experts on the widget registry,")
    assert marked["OP2"] == (
        "Encourages States to strengthen cooperation on self-assessment tools and to share "
        "good practices, including through:"
    )
    assert marked["OP2(b)"] == "the online registry;[^5]"
    assert res.footnote(5).text == "Including the online registry of widgets."
    assert report.warnings == ()
    assert not any("20-12345" in p.text or "2/3" in p.text for p in res.paragraphs)


def test_fewer_marks_than_footnotes_leaves_the_uncertain_ones_unplaced():
    text = (DATA / "fictitious-99-1.txt").read_text(encoding="utf-8").replace("thereto,®", "thereto,")
    res, report = read_text(text, "fixture")
    # "!" and "?" read as 1 and 2; the lone "*" could be 3 or 4: no guess.
    assert [n for p in res.paragraphs for n in p.note_numbers] == [1, 2, 5]
    assert res.unplaced_notes == [3, 4]
    assert any("footnotes 3, 4" in w for w in report.warnings)


def test_not_a_resolution():
    with pytest.raises(ImportFailed, match="no line 'The General Assembly,' and no numbered paragraphs"):
        read_text("Dear colleagues,\n\nplease find attached the minutes.\n", "letter.txt")
