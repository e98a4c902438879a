"""HTML pages: well-formed, ids unique, links resolve, every change shown, text escaped; a real browser render."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import etree, html
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.blocks import build_items
from resdiff.core.model import Resolution
from resdiff.diff.compare import compare
from resdiff.render.changes import comparison_to_dict
from resdiff.render.html import render_pair_page
from resdiff.series.report import build_report
from resdiff.store.folder import Store

from .browser import CHROMIUM, NO_CHROMIUM
from .browser import flags as chromium_flags
from .conftest import FIXTURE_STORE, snapshot

runner = CliRunner()
STORE = Store(FIXTURE_STORE)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    build_report(STORE, "ied", out)
    return out


def parse(path: Path) -> html.HtmlElement:
    text = path.read_text(encoding="utf-8")
    # Well-formed as XML too (a strict parse), then as HTML for queries.
    etree.fromstring(
        text.removeprefix("<!DOCTYPE html>\n").encode(), etree.XMLParser(resolve_entities=False, no_network=True)
    )
    return html.fromstring(text)


def test_report_writes_index_and_consecutive_pairs(report_dir: Path):
    assert sorted(p.name for p in report_dir.iterdir()) == [
        "70-46_71-72.html",
        "71-72_72-36.html",
        "72-36_73-67.html",
        "73-67_75-59.html",
        "75-59_77-64.html",
        "77-64_79-53.html",
        "index.html",
    ]


def test_pages_are_well_formed_with_unique_ids_and_working_links(report_dir: Path):
    for page in report_dir.glob("*.html"):
        doc = parse(page)
        ids = [e.get("id") for e in doc.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), page.name
        for a in doc.iter("a"):
            href = a.get("href")
            if href.startswith("#"):
                assert href[1:] in ids, (page.name, href)
            else:
                assert (report_dir / href).is_file(), (page.name, href)
        # Self-contained: nothing fetched from elsewhere.
        assert not doc.xpath("//link[@href] | //script[@src] | //img[@src]")


@pytest.mark.parametrize("old, new", [("71/72", "72/36"), ("73/67", "75/59"), ("72/36", "73/67")])
def test_every_change_in_the_json_is_on_the_page(report_dir: Path, old: str, new: str):
    comp = compare(STORE.load(old), STORE.load(new))
    doc = parse(report_dir / f"{old.replace('/', '-')}_{new.replace('/', '-')}.html")
    articles = doc.xpath("//section[@id='inline']//article")
    assert len(articles) == len(comparison_to_dict(comp)["changes"])
    for change, article in zip(comparison_to_dict(comp)["changes"], articles):
        assert article.get("data-kind") == change["kind"]
        assert change["label"] in article.text_content()
        inserted = "".join(t for op, t in change["ops"] if op == "+")
        assert "".join(article.xpath(".//ins//text()")) == inserted


def test_71_72_to_73_67_marks_the_two_expressing_paragraphs_new():
    doc = html.fromstring(render_pair_page(compare(STORE.load("71/72"), STORE.load("73/67"))))
    new = doc.xpath("//section[@id='inline']//article[@data-kind='new']")
    assert [a.get("id") for a in new] == ["c-PP3", "c-PP4"]
    assert all(a.xpath(".//p[@class='text']/ins")[0].text_content().startswith("Expressing") for a in new)
    # Lead phrases in italics, as printed.
    assert new[1].xpath(".//i")[0].text == "Expressing profound concern"


def test_gaps_and_partial_text_are_shown_as_such():
    doc = html.fromstring(render_pair_page(compare(STORE.load("72/36"), STORE.load("73/67"))))
    text = doc.text_content()
    assert "Gap: the text of one or more paragraphs of 73/67 is not available" in text
    assert "unknown: in a gap of the other version" in text


def test_moves_link_both_ways():
    old = Resolution(
        "A/RES/1/1",
        items=build_items(["Recalling A and B,", "Noting C and D,", "Welcoming E and F,", "Stressing G and H,"]),
    )
    new = Resolution(
        "A/RES/1/2",
        items=build_items(["Welcoming E and F,", "Recalling A and B,", "Noting C and D,", "Stressing G and H,"]),
    )
    doc = html.fromstring(render_pair_page(compare(old, new)))
    moved = doc.get_element_by_id("c-PP1")
    back = moved.xpath(".//a[text()='where it stood']")[0].get("href")
    stub = doc.get_element_by_id(back[1:])
    assert stub.xpath(".//a")[0].get("href") == "#c-PP1"
    assert "PP3 of 1/1 stood here" in stub.text_content()


def test_resolution_text_is_escaped_never_executed():
    hostile = '<script>alert("x")</script> & "quotes" \'single\' <b>bold</b>'
    old = Resolution("A/RES/1/1", title="<img src=x onerror=alert(1)>", items=build_items(["Noting the report,"]))
    new = Resolution("A/RES/1/2", title="T & <i>", items=build_items([f"Noting the report {hostile},"]))
    page = render_pair_page(compare(old, new))
    assert "<script>alert" not in page and "<b>bold" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    doc = html.fromstring(page)
    assert len(doc.xpath("//script")) == 1  # only the page's own view switch
    assert hostile in doc.get_element_by_id("c-PP1").text_content()


def test_report_is_deterministic(tmp_path: Path, report_dir: Path):
    build_report(STORE, "ied", tmp_path)
    assert snapshot(tmp_path) == snapshot(report_dir)


def test_template_override_extends_a_default(tmp_path: Path):
    (tmp_path / "pair.html").write_text(
        '{% extends "default:pair.html" %}{% block title %}OURS {{ super() }}{% endblock %}'
    )
    page = render_pair_page(compare(STORE.load("73/67"), STORE.load("75/59")), templates=tmp_path)
    assert "<title>OURS 73/67 → 75/59: what changed</title>" in page
    assert "Redline: 75/59 with the changes marked" in page


def test_compare_html_to_a_file_and_report_command(tmp_path: Path):
    out = tmp_path / "pair.html"
    result = runner.invoke(
        app, ["compare", "73/67", "75/59", "-f", "html", "-o", str(out), "--store", str(FIXTURE_STORE)]
    )
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text().startswith("<!DOCTYPE html>")
    result = runner.invoke(
        app,
        [
            "report",
            "--out",
            str(tmp_path / "r"),
            "--pair",
            "71/72 75/59",
            "--pair",
            "72/36,75/59",
            "--store",
            str(FIXTURE_STORE),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "71-72_75-59.html").is_file() and (tmp_path / "r" / "72-36_75-59.html").is_file()
    index = (tmp_path / "r" / "index.html").read_text()
    assert 'href="71-72_75-59.html"' in index
    bad = runner.invoke(
        app, ["report", "--out", str(tmp_path / "r2"), "--pair", "71/72", "--store", str(FIXTURE_STORE)]
    )
    assert bad.exit_code == 2 and not (tmp_path / "r2").exists()


def test_index_lineage_and_chart(report_dir: Path):
    doc = parse(report_dir / "index.html")
    header = [th.text_content() for th in doc.xpath("//table[@class='grid']/thead//th")]
    assert header == ["Clause", "70/46", "71/72", "72/36", "73/67", "75/59", "77/64", "79/53"]
    cells = [[td.text_content() for td in tr.xpath("./td")] for tr in doc.xpath("//table[@class='grid']/tbody/tr")]
    rows = {c[4].split()[0]: c[:5] for c in cells if c[4] != "not held"}  # by the clause's id in 75/59
    assert rows["PP9"][-1] == "PP9 new"
    assert rows["PP10"] == ["not held", "PP5 unknown", "PP3 reworded", "not held", "PP10 reworded"]
    assert rows["OP17"][1] == "OP15 unknown" and rows["OP17"][-1] == "OP17 reworded"
    # Each row names one clause: 71/72's PP4, lost in a gap after it, was a second row "PP4" beside 79/53's.
    labels = [th.text_content() for th in doc.xpath("//table[@class='grid']/tbody/tr/th")]
    assert len(labels) == len(set(labels)) and "71/72 PP4" in labels and "PP4" in labels
    assert len(doc.xpath("//svg//*[local-name()='rect']")) >= 9
    statuses = {
        tr.xpath("./td")[0].text_content(): tr.xpath("./td")[2].text_content()
        for tr in doc.xpath("//section|//table[contains(@class, 'summary')]/tbody/tr")[1:]
        if tr.tag == "tr"
    }
    assert statuses["81st session (2026)"] == "not stored" and statuses["75/59"] == "complete; footnotes held"
    assert statuses["73/67"] == "partial; footnotes partly held"


def test_history_command():
    result = runner.invoke(app, ["history", "75/59", "--store", str(FIXTURE_STORE)])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "71/72 or earlier" in lines["PP1"] and lines["PP1"].rstrip().endswith("technical")
    assert "73/67 to 75/59" in lines["PP9"]
    assert "unknown (text before 75/59 not held)" in lines["OP1"]


@pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)
@pytest.mark.parametrize("page", ["index.html", "73-67_75-59.html"])
def test_pages_render_in_a_real_browser(report_dir: Path, tmp_path: Path, page: str):
    shot = tmp_path / "shot.png"
    flags = chromium_flags(tmp_path / "u")
    shown = subprocess.run(
        [CHROMIUM, *flags, "--window-size=1200,1600", f"--screenshot={shot}", (report_dir / page).as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.is_file() and shot.stat().st_size > 50_000, shown.stderr[-2000:]
    # The page's own script runs without errors: the DOM after scripts shows the controls.
    dom = subprocess.run(
        [CHROMIUM, *flags, "--enable-logging=stderr", "--v=0", "--dump-dom", (report_dir / page).as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "</html>" in dom.stdout
    assert "Uncaught" not in dom.stderr and "CONSOLE" not in dom.stderr.upper().replace("CONSOLE_", "")
    if page != "index.html":
        assert '<div class="controls" id="controls">' in dom.stdout  # hidden removed by the script


def test_every_paragraph_has_a_link_anchor_and_the_change_map_points_at_the_changes():
    from .pairs import make_pair

    old, new = make_pair(STORE.load("75/59"), 3, edits=12)[:2]
    comp = compare(old, new)
    doc = html.fromstring(render_pair_page(comp))
    paras = doc.xpath("//section[@id='inline']//article")
    assert len(paras) == len(comp.changes)
    for art in paras:
        assert art.xpath(f".//a[@class='anchor'][@href='#{art.get('id')}']"), art.get("id")
    rows = doc.xpath("//section[@id='side-by-side']//tr[starts-with(@id, 'sbs-c-')]")
    assert len(rows) == len(comp.changes)
    for tr in rows:
        assert tr.xpath(f".//a[@class='anchor'][@href='#{tr.get('id')}']"), tr.get("id")
    marks = doc.xpath("//nav[@class='change-map']/a")
    changed = [c for c in comp.changes if c.kind.value not in ("unchanged", "unknown") or "moved" in c.flags]
    assert [m.get("href") for m in marks] == [f"#{c.anchor}" for c in changed]
    tops = [float(m.get("style").removeprefix("top: ").removesuffix("%")) for m in marks]
    assert tops == sorted(tops) and 0 <= tops[0] and tops[-1] < 100
    assert all(m.xpath("string(.//span[@class='sr'])") for m in marks)  # each mark is named for screen readers


def test_footnotes_not_compared_are_never_shown_as_new():
    doc = html.fromstring(render_pair_page(compare(STORE.load("73/67"), STORE.load("75/59"))))
    notes = doc.xpath("//ol[@class='footnotes']/li")
    assert len(notes) == 19  # 75/59's 18, and 73/67's footnote 1, whose text is not held
    statuses = {li.xpath("string(.//span[@class='meta'])").strip("[]").split(":")[0] for li in notes}
    assert statuses == {"not compared", "not held"}
    assert not doc.xpath("//ol[@class='footnotes']//ins")
    assert "Footnotes were not compared: 73/67 holds only some of its footnotes." in doc.text_content()
