"""Texts cut short are partial, with a gap where they stop: a PDF missing its last pages, an extracted
text or an HTML page cut anywhere, never ``complete: yes`` (comparisons would report the missing
paragraphs as dropped)."""

from __future__ import annotations

import pytest

from resdiff.core.errors import ImportFailed
from resdiff.core.model import Gap
from resdiff.ingest import read_bytes
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .hostile import lines_pdf
from .layouts import render, text_layouts
from .official import make_html

WHOLE = Store(FIXTURE_STORE).load("75/59")
TEXT = render(WHOLE, text_layouts(1)[0])


def _stops_marked(data: bytes, name: str) -> None:
    try:
        res, report = read_bytes(data, name)
    except ImportFailed:
        return  # refused is honest too
    assert not res.complete, name
    assert isinstance(res.items[-1], Gap) or res.paragraphs[-1].partial, name
    assert len(res.paragraphs) <= len(WHOLE.paragraphs)


def test_the_whole_texts_are_complete():
    for data, name in ((TEXT.encode(), "t.txt"), (make_html(WHOLE), "t.html")):
        res, _ = read_bytes(data, name)
        assert res.complete and [p.text for p in res.paragraphs] == [p.text for p in WHOLE.paragraphs], name


@pytest.mark.parametrize("fraction", [k / 10 for k in range(1, 10)])
def test_an_extracted_text_cut_anywhere_is_partial(fraction: float):
    _stops_marked(TEXT[: int(len(TEXT) * fraction)].encode(), f"cut-{fraction}.txt")


@pytest.mark.parametrize("fraction", [k / 10 for k in range(2, 10)])
def test_an_html_page_cut_anywhere_is_partial(fraction: float):
    data = make_html(WHOLE)
    _stops_marked(data[: int(len(data) * fraction)], f"cut-{fraction}.html")


def test_a_pdf_missing_its_last_pages_is_partial():
    lines = ["United Nations", "A/RES/75/59", "General Assembly", f"75/59. {WHOLE.title}", "The General Assembly,"]
    for p in WHOLE.paragraphs:
        lines.append(f"({p.sub[-1]}) {p.text}" if p.sub else f"{p.number}. {p.text}" if p.number else p.text)
    lines += [WHOLE.meeting or "", "7 December 2020"]
    spaced = [line for text in lines for line in (text, "")]  # a blank line between paragraphs
    per_page = len(spaced) // 6 + 1
    whole, _ = read_bytes(lines_pdf(spaced, per_page), "whole.pdf")
    assert whole.complete and len(whole.paragraphs) == len(WHOLE.paragraphs)
    res, report = read_bytes(lines_pdf(spaced[: 4 * per_page], per_page), "four-of-six.pdf")
    assert not res.complete and any("stops before its closing" in w for w in report.warnings)
    assert res.paragraphs[-1].partial or isinstance(res.items[-1], Gap)
