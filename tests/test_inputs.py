"""Inputs the earlier passes did not try: one bad byte in UTF-8, UTF-16 HTML pages, exponents in
HTML, footnote numbers of 1,000 and more, empty footnote bodies."""

from __future__ import annotations

import re

import pytest

from resdiff.core.errors import ImportFailed
from resdiff.ingest import read_bytes
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .official import make_html

WHOLE = Store(FIXTURE_STORE).load("75/59")
TEXT = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_bytes()


def test_one_bad_byte_in_a_mostly_ascii_file_stays_utf8_and_is_named():
    ascii_heavy = TEXT.decode().encode("ascii", "replace")  # no other non-ASCII character at all
    data = ascii_heavy.replace(b"Recalling", b"Recalling today\xe2\x80\x99s", 1).replace(b"Noting", b"Noting \x92", 1)
    res, report = read_bytes(data, "t.txt")
    joined = " ".join(p.text for p in res.paragraphs)
    assert "today\u2019s" in joined and "â€" not in joined and "\ufffd" in joined
    assert any(re.search(r"byte 0x92 at line \d+, column \d+ is not UTF-8", w) for w in report.warnings), report


def test_a_file_clearly_in_cp1252_is_read_as_cp1252():
    data = TEXT.decode().replace("Recalling", "Recalling Côte d’Ivoire’s “views”", 3).encode("cp1252", "replace")
    res, _ = read_bytes(data, "t.txt")
    assert "Côte d’Ivoire’s “views”" in " ".join(p.text for p in res.paragraphs)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_a_utf16_html_page_is_read(codec: str):
    page = make_html(WHOLE).decode("utf-8")
    res, _ = read_bytes(page.encode(codec), "page.html")
    assert [p.text for p in res.paragraphs] == [p.text for p in WHOLE.paragraphs]


def test_an_html_exponent_is_not_a_footnote_mark():
    page = make_html(WHOLE).replace(b"Recalling", b"Recalling an area of 20 m<sup>2</sup> and", 1)
    res, _ = read_bytes(page, "page.html")
    first = next(p for p in res.paragraphs if "20 m" in p.text)
    assert "20 m² and" in first.text and 2 not in first.note_numbers


@pytest.mark.parametrize("shift", [999, 1000, 123456])
def test_footnote_numbers_of_a_thousand_and_more_do_not_crash(shift: int):
    page = re.sub(rb"<sup>(\d+)</sup>", lambda m: b"<sup>%d</sup>" % (int(m.group(1)) + shift), make_html(WHOLE))
    try:
        res, _ = read_bytes(page, "page.html")
    except ImportFailed:
        return
    assert res.paragraphs


def test_an_empty_footnote_body_does_not_crash():
    text = TEXT.decode()
    body = re.sub(r"(?m)^(\s*\[\^1\]:?).*$", r"\1", text, count=1)
    for data in (body.encode(), make_html(WHOLE).replace(b"</sup> ", b"</sup>", 1)):
        try:
            read_bytes(data, "t")
        except ImportFailed:
            pass


@pytest.mark.parametrize("number", [999, 1000, 25000])
def test_footnotes_numbered_past_a_thousand_and_empty_ones_are_stored_and_read_back(number: int, tmp_path):
    from dataclasses import replace

    from resdiff.core.model import Footnote, ImportReport, NoteRef
    from resdiff.formats.docformat import format_docformat, parse_docformat
    from resdiff.ingest import _finish

    first = WHOLE.paragraphs[0]
    items = tuple(replace(i, notes=(NoteRef(number, 5),)) if i is first else i for i in WHOLE.items)
    res = replace(WHOLE, symbol="A/RES/75/61", items=items, footnotes=WHOLE.footnotes + (Footnote(number, ""),))
    res, _ = _finish(res, ImportReport(), "x.docx")
    assert res.footnote(number).text is None  # an empty body is a gap, not a text
    assert parse_docformat(format_docformat(res)) == res
    Store(tmp_path).save(res, "ied")
    assert Store(tmp_path).load("75/61") == res
