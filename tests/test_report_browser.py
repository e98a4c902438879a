"""The report as people see it, in headless Chromium: a phone's width, an accessibility check (axe-core),
colour-free marks, the side-by-side columns, the change map, and print. Skipped without Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from resdiff.diff.compare import compare
from resdiff.render.html import render_pair_page
from resdiff.series.report import build_report
from resdiff.store.folder import Store

from .browser import AXE, CHROMIUM, NO_CHROMIUM, PDFTOTEXT, pdf_pages, print_to_pdf, run_in_page
from .conftest import FIXTURE_STORE
from .pairs import make_pair

STORE = Store(FIXTURE_STORE)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
PAGES = ["index.html", "73-67_75-59.html", "generated.html"]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    build_report(STORE, "ied", out)
    # A generated pair with every kind of change (moved, split, merged, new, dropped, reworded).
    old, new, _ = make_pair(STORE.load("75/59"), 3, edits=12)
    (out / "generated.html").write_text(render_pair_page(compare(old, new)), encoding="utf-8")
    return out


@pytest.mark.parametrize("page", PAGES)
def test_readable_on_a_phone_and_no_serious_accessibility_problem(report_dir: Path, tmp_path: Path, page: str):
    """At 400 px nothing scrolls sideways (but the lineage table, in its own scroller) and text keeps its
    size; axe-core, run at that width, finds no serious or critical problem (contrast, names, structure)."""
    found = run_in_page(
        report_dir / page,
        """
        var wide = Array.from(document.querySelectorAll("body *")).filter(function (e) {
          var r = e.getBoundingClientRect();
          return r.width > 0 && !e.closest(".scroll") && r.right > window.innerWidth + 1;
        }).map(function (e) { return e.outerHTML.slice(0, 120); });
        var size = parseFloat(getComputedStyle(document.querySelector("main p, main td")).fontSize);
        var layout = {scroll: document.documentElement.scrollWidth, width: window.innerWidth, wide: wide, size: size};
        axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
          layout.violations = r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) { return n.html.slice(0, 200); })};
          });
          report(layout);
        });
    """,
        tmp_path,
        width=400,
        libraries=(AXE,),
    )
    assert found["scroll"] <= found["width"] == 400, found
    assert found["wide"] == []
    assert found["size"] >= 14  # text stays at a readable size, not shrunk to fit
    assert [v for v in found["violations"] if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("page", ["index.html", "generated.html"])
def test_no_serious_accessibility_problem_on_a_wide_screen(report_dir: Path, tmp_path: Path, page: str):
    violations = run_in_page(
        report_dir / page,
        """
        axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
          report(r.violations.map(function (v) { return {id: v.id, impact: v.impact}; }));
        });
    """,
        tmp_path,
        libraries=(AXE,),
    )
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


def test_insertions_and_deletions_are_more_than_colour(report_dir: Path, tmp_path: Path):
    found = run_in_page(
        report_dir / "generated.html",
        """
        function look(tag) {
          var el = document.querySelector("#inline " + tag);
          return {line: getComputedStyle(el).textDecorationLine, before: getComputedStyle(el, "::before").content};
        }
        report({ins: look("ins"), del: look("del")});
    """,
        tmp_path,
    )
    assert found["ins"]["line"] == "underline" and "inserted" in found["ins"]["before"]
    assert found["del"]["line"] == "line-through" and "deleted" in found["del"]["before"]


def test_side_by_side_columns_scroll_together_under_their_headings(report_dir: Path, tmp_path: Path):
    found = run_in_page(
        report_dir / "generated.html",
        """
        document.querySelector("input[value=side]").click();
        var rows = document.querySelectorAll("#side-by-side tbody tr");
        rows[Math.floor(rows.length / 2)].scrollIntoView();
        var misaligned = Array.from(rows).filter(function (tr) {
          var cells = tr.querySelectorAll("td");
          return Math.abs(cells[0].getBoundingClientRect().top - cells[1].getBoundingClientRect().top) > 0.5;
        }).length;
        report({misaligned: misaligned, rows: rows.length, head: document.querySelector("#side-by-side th").getBoundingClientRect().top,
                scrolled: window.scrollY, inline: getComputedStyle(document.getElementById("inline")).display});
    """,
        tmp_path,
    )
    assert found["rows"] > 40 and found["misaligned"] == 0
    assert found["scrolled"] > 1000 and abs(found["head"]) < 1  # the column headings stay in view
    assert found["inline"] == "none"


def test_change_map_marks_stand_where_the_changes_are(report_dir: Path, tmp_path: Path):
    found = run_in_page(
        report_dir / "generated.html",
        """
        function marks() {
          var height = document.documentElement.scrollHeight;
          return Array.from(document.querySelectorAll(".change-map a")).map(function (a) {
            var target = document.querySelector(a.getAttribute("href"));
            var at = target.getBoundingClientRect().top + window.scrollY;
            return {href: a.getAttribute("href"), top: parseFloat(a.style.top), at: 100 * at / height};
          });
        }
        var inline = marks();
        document.querySelector("input[value=side]").click();
        report({inline: inline, side: marks()});
    """,
        tmp_path,
    )
    for view, prefix in (("inline", "#c-"), ("side", "#sbs-c-")):
        marks = found[view]
        assert len(marks) >= 8
        assert all(m["href"].startswith(prefix) and abs(m["top"] - m["at"]) < 0.5 for m in marks), marks
        assert [m["top"] for m in marks] == sorted(m["top"] for m in marks)


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext is not installed (.ci/run installs poppler-utils)")
def test_printed_redline_breaks_between_paragraphs(report_dir: Path, tmp_path: Path):
    page = report_dir / "generated.html"
    pdf = tmp_path / "page.pdf"
    print_to_pdf(page, pdf, tmp_path)
    pages = pdf_pages(pdf)
    assert len(pages) >= 4
    doc = html.fromstring(page.read_text(encoding="utf-8"))
    paragraphs = [" ".join(p.text_content().split()) for p in doc.xpath("//section[@id='inline']//p[@class='text']")]
    assert len(paragraphs) > 40
    # On paper every change is bracketed as well as struck or underlined: "and[-,-] in this regard[-,-]".
    assert any("[-" in text and "-]" in text for text in pages) and any("{+" in text for text in pages)
    # Read without the brackets; pdftotext joins a word hyphenated at a line end ("capacity-building").
    pages = [re.sub(r"\[-|-\]|\{\+|\+\}", "", text).replace("-", "") for text in pages]
    pages = [" ".join(text.split()) for text in pages]
    split = [p[:80] for p in paragraphs if not any(p.replace("-", "") in text for text in pages)]
    assert split == []  # every paragraph, deletions and insertions included, is whole on one page
    assert not any("Side by side" in text for text in pages)  # print shows the redline only


@pytest.mark.parametrize("anchor, view", [("c-PP12", "js-view-inline"), ("sbs-c-PP12", "js-view-side")])
def test_a_shared_paragraph_link_opens_at_that_paragraph(report_dir: Path, tmp_path: Path, anchor: str, view: str):
    found = run_in_page(
        report_dir / "73-67_75-59.html",
        f"""
        setTimeout(function () {{
          report({{top: document.getElementById("{anchor}").getBoundingClientRect().top, y: window.scrollY,
                  view: document.body.className}});
        }}, 200);
    """,
        tmp_path,
        fragment=f"#{anchor}",
    )
    assert found["view"] == view
    assert found["y"] > 500 and 0 <= found["top"] < 120, found  # in sight, below the sticky headings
