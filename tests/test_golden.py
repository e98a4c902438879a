"""Golden files: the exact output of each format on real data. Re-baseline deliberately with
RESDIFF_REBASELINE=1 python -m pytest tests/test_golden.py, then read the diff before committing
(CONTRIBUTING.md). The Word redline's golden is its word/document.xml, indented so that a change
reads as a diff; its revision dates come from SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resdiff.diff.compare import compare
from resdiff.render import render_comparison, render_resolution
from resdiff.render.resolution import render_resolution_text
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE

GOLDEN = Path(__file__).resolve().parent / "golden"
STORE = Store(FIXTURE_STORE)


def redline_document(old: str, new: str) -> str:
    """word/document.xml of the Word redline OLD → NEW, dated 2024-01-01, indented."""
    import io
    import zipfile

    from lxml import etree

    os.environ["SOURCE_DATE_EPOCH"] = "1704067200"
    try:
        docx = render_comparison(compare(STORE.load(old), STORE.load(new)), "docx")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert isinstance(docx, bytes)
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    return etree.tostring(etree.fromstring(xml), pretty_print=True, encoding="unicode")


CASES = {
    "compare-72-36_75-59.html": lambda: render_comparison(compare(STORE.load("72/36"), STORE.load("75/59")), "html"),
    "redline-73-67_75-59.document.xml": lambda: redline_document("73/67", "75/59"),
    "compare-71-72_73-67.json": lambda: render_comparison(compare(STORE.load("71/72"), STORE.load("73/67")), "json"),
    "compare-71-72_73-67.md": lambda: render_comparison(compare(STORE.load("71/72"), STORE.load("73/67")), "md"),
    "compare-72-36_75-59.term": lambda: render_comparison(
        compare(STORE.load("72/36"), STORE.load("75/59")), "term", changed_only=True, colour=False
    ),
    "show-75-59.txt": lambda: render_resolution_text(STORE.load("75/59")),
    "export-73-67.akn.xml": lambda: render_resolution(STORE.load("73/67"), "akn").decode(),
    "export-71-72.md": lambda: render_resolution(STORE.load("71/72"), "md"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(name: str):
    got = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("RESDIFF_REBASELINE") == "1":
        path.write_text(got, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with RESDIFF_REBASELINE=1 to create it"
    assert got == path.read_text(encoding="utf-8")
