"""Official formats: Word, PDF and HTML copies of 75/59 import to exactly the stored 75/59.

The Word file and PDF are made by tests/official.py (the PDF through LibreOffice, laid out like a
UN resolution); a draft made by editing the Word file with tracked changes compares with 75/59.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.errors import ImportFailed
from resdiff.diff.compare import ChangeKind, compare
from resdiff.ingest import read_bytes, read_file
from resdiff.ingest.detect import detect_format
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE, snapshot
from .official import PDF_STYLES, PdfStyle, convert, make_docx, make_html, make_pdf, soffice

STORE = Store(FIXTURE_STORE)
STORED = STORE.load("75/59")
runner = CliRunner()


def same_as_stored(res) -> None:
    assert res.symbol == STORED.symbol and res.title == STORED.title
    assert (res.adopted, res.meeting) == (STORED.adopted, STORED.meeting)
    assert sum(p.part.value == "preamble" for p in res.paragraphs) == 24
    assert sum(p.part.value == "operative" for p in res.paragraphs) == 31
    assert res.items == STORED.items  # every text, lead, number and footnote position
    assert res.footnotes == STORED.footnotes


def test_word_file_imports_to_the_stored_version():
    res, report = read_bytes(make_docx(STORED), "A-RES-75-59.docx")
    same_as_stored(res)
    assert report.warnings == ()
    assert (res.agenda_item, res.committee_report) == ("103 (ee)", "A/75/399")


@pytest.mark.parametrize("marks", ["sup", "slash"])
def test_html_copy_imports_to_the_stored_version(marks: str):
    res, _ = read_bytes(make_html(STORED, marks), "A-RES-75-59.html")
    same_as_stored(res)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if soffice() is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    return make_pdf(STORED, tmp_path_factory.mktemp("pdf"))


def test_pdf_imports_to_the_stored_version(pdf: bytes):
    assert detect_format(pdf) == "pdf"
    res, report = read_bytes(pdf, "A-RES-75-59.pdf")
    same_as_stored(res)
    assert report.warnings == ()


# A few of the footnote and furniture styles (LibreOffice is slow); `python -m bench.ingest_layouts --pdf` runs all.
@pytest.mark.parametrize("style", [PDF_STYLES[k] for k in (1, 3, 6)], ids=["glued", "tabbed-9-on-11", "notes-at-95%"])
def test_pdf_in_other_footnote_and_furniture_styles(style: PdfStyle, tmp_path: Path):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    res, report = read_bytes(make_pdf(STORED, tmp_path, style), "A-RES-75-59.pdf")
    same_as_stored(res)
    assert report.warnings == ()


@pytest.mark.parametrize("to", ["doc", "rtf"])
def test_older_word_and_rtf_are_read_through_libreoffice(to: str, tmp_path: Path):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    data = convert(make_docx(STORED), to, tmp_path)
    assert detect_format(data) == to
    res, _ = read_bytes(data, f"A-RES-75-59.{to}")
    same_as_stored(res)


def test_older_word_without_libreoffice_names_the_missing_program(monkeypatch: pytest.MonkeyPatch):
    import resdiff.ingest.convert as convert_module

    monkeypatch.setattr(convert_module.shutil, "which", lambda name: None)
    from resdiff.ingest.detect import OLE2_MAGIC

    doc = OLE2_MAGIC + b"\0" * 504
    with pytest.raises(ImportFailed, match=r"needs LibreOffice \(soffice\), which is not installed"):
        read_bytes(doc, "old.doc")
    with pytest.raises(ImportFailed, match="reading an RTF file needs LibreOffice"):
        read_bytes(b"{\\rtf1\\ansi The General Assembly,}", "old.rtf")


def test_tracked_changes_read_as_current_or_original(tmp_path: Path):
    draft = make_docx(
        STORED,
        revisions=[
            ("OP4", "Urges", "Encourages"),
            ("OP20", "share information", "share information and good practices"),
        ],
    )
    path = tmp_path / "my-draft.docx"
    path.write_bytes(draft)
    current, _ = read_file(path)
    original, _ = read_file(path, revisions="original")
    assert current.paragraph("OP4").text.startswith("Encourages all States, in particular")
    assert original.paragraph("OP4").text.startswith("Urges all States, in particular")
    assert original.items == STORED.items
    comp = compare(STORED, current)
    changed = {c.new_ids[0]: c for c in comp.changes if c.kind is not ChangeKind.UNCHANGED}
    assert set(changed) == {"OP4", "OP20"}
    assert [f.value for f in changed["OP4"].flags] == ["lead_weakened"]
    result = runner.invoke(app, ["compare", str(path), "75/59", "-f", "json", "--store", str(FIXTURE_STORE)])
    assert result.exit_code == 0 and '"reworded": 2' in result.output


def test_zip_bomb_is_refused(tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/footnotes.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(ImportFailed, match="zip bomb"):
        read_bytes(buffer.getvalue(), "bomb.docx")


def test_xxe_in_a_word_file_is_refused():
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", doc)
    with pytest.raises(ImportFailed, match="document type declaration"):
        read_bytes(buffer.getvalue(), "xxe.docx")


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_html_with_entities_is_refused(doctype: bytes):
    page = make_html(STORED).replace(b"<!DOCTYPE html>", doctype).replace(b"The General Assembly,", b"&b;&x;")
    with pytest.raises(ImportFailed, match="entity declarations is not accepted"):
        read_bytes(page, "evil.html")


def test_html_scripts_are_dropped_not_run():
    page = make_html(STORED).replace(b"<body>", b"<body><script>document.write('Noting evil,')</script>")
    res, _ = read_bytes(page, "page.html")
    assert not any("evil" in p.text for p in res.paragraphs)


def test_import_stores_a_word_file(tmp_path: Path, store_copy: Path):
    path = tmp_path / "A-RES-75-59.docx"
    path.write_bytes(make_docx(STORED))
    before = snapshot(store_copy)
    refused = runner.invoke(app, ["import", str(path), "--store", str(store_copy)])
    assert refused.exit_code == 0 and "already stored" in refused.output and "skipped 1" in refused.output
    assert snapshot(store_copy) == before
    result = runner.invoke(app, ["import", str(path), "--force", "--store", str(store_copy)])
    assert result.exit_code == 0, result.output
    assert Store(store_copy).load("75/59").items == STORED.items
