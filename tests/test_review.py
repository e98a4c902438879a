"""Stages in a series, review against the right base, and the paragraph-number crosswalk."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.errors import RedlineMismatch
from resdiff.core.sponsors import listed
from resdiff.core.symbol import Symbol
from resdiff.diff.compare import compare
from resdiff.formats.ooxml import w
from resdiff.ingest import read_bytes
from resdiff.render.docx import list_numbered, render_docx
from resdiff.render.html import render_pair_page
from resdiff.render.markdown import render_comparison_md
from resdiff.render.resolution import render_resolution_json, render_resolution_text
from resdiff.render.verify import verify_redline
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .drafts import (
    VARIANTS,
    Draft,
    draft_docx,
    draft_pasted,
    draft_plain,
    make_draft,
    make_revision,
    sponsors_line,
    variant_bytes,
)
from .redline import paragraph_lines, revision_view
from .undrafts import VARIANTS as UN_VARIANTS
from .undrafts import make_undraft, undraft_docx

BASE = Store(FIXTURE_STORE).load("75/59")
runner = CliRunner()


@pytest.fixture()
def stages(tmp_path: Path):
    """A store copy, and a draft with its Rev.1 as Word files."""
    store = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, store)
    draft = make_draft(BASE, 4)
    rev = make_revision(draft, 4)
    (tmp_path / "L.docx").write_bytes(draft_docx(draft, "list"))
    (tmp_path / "Rev1.docx").write_bytes(draft_docx(rev, "hand"))
    return store, draft, rev, tmp_path


def run(store: Path, *args: str):
    return runner.invoke(app, [*args, "--store", str(store)])


def test_a_draft_is_reviewed_against_the_last_adopted_resolution(stages):
    store, draft, _rev, tmp = stages
    out = tmp / "redline.docx"
    result = run(store, "review", str(tmp / "L.docx"), "-o", str(out))  # the series found by its title
    assert result.exit_code == 0, result.output
    assert f"the Word redline of {draft.res.symbol} against 75/59" in result.stderr
    assert result.stdout.startswith(f"A/RES/75/59 (2020-12-07, complete) → {draft.res.symbol}")
    docx = out.read_bytes()
    from resdiff.ingest import read_bytes

    held, _ = read_bytes(draft_docx(draft, "list"), "L.docx")
    assert revision_view(docx, accept=True) == paragraph_lines(held)
    assert revision_view(docx, accept=False) == paragraph_lines(BASE)


def test_stages_stand_before_the_resolution_and_a_revision_is_reviewed_against_its_draft(stages):
    store, draft, rev, tmp = stages
    for name in ("Rev1.docx", "L.docx"):  # in any order
        assert run(store, "import", str(tmp / name), "--series", "ied").exit_code == 0
    manifest = json.loads((store / "ied" / "manifest.json").read_text())
    order = [v.get("symbol") for v in manifest["versions"]]
    at = order.index(draft.res.symbol)
    assert order[at - 1] == "A/RES/75/59" and order[at + 1] == rev.res.symbol and order[at + 2] == "A/RES/77/64"
    listing = run(store, "list", "--series", "ied").stdout
    assert draft.res.symbol in listing and rev.res.symbol in listing
    result = run(store, "review", rev.res.symbol, "-o", str(tmp / "r.docx"))
    assert result.exit_code == 0, result.output
    assert f"against {draft.res.symbol}" in result.stderr
    assert "Sponsors: " in result.stdout and " as sponsor" in result.stdout
    history = run(store, "history", rev.res.symbol)
    assert history.exit_code == 0, history.output


def test_review_refuses_what_it_cannot_base(stages):
    store, _draft, rev, tmp = stages
    result = run(store, "review", str(tmp / "Rev1.docx"), "--series", "ied", "-o", str(tmp / "x.docx"))
    assert result.exit_code == 1 and "revises, is not stored in series 'ied'" in result.output
    result = run(store, "review", "75/59", "-o", str(tmp / "x.docx"))
    assert result.exit_code == 1 and "is not a draft" in result.output
    assert not (tmp / "x.docx").exists()


def test_crosswalk_gives_each_paragraph_its_number_in_both_versions(stages):
    store, draft, _rev, tmp = stages
    result = run(store, "crosswalk", "75/59", str(tmp / "L.docx"), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert {(tuple(r["old"]), tuple(r["new"]), "moved" in r["flags"]) for r in rows} == draft.truth.links
    assert rows[0]["old_names"] == ["preambular paragraph 1"]
    for fmt, needle in (("term", "what happened"), ("md", "| 75/59 |"), ("html", '<th scope="col">75/59</th>')):
        out = run(store, "crosswalk", "75/59", str(tmp / "L.docx"), "--format", fmt)
        assert out.exit_code == 0 and needle in out.stdout


# -- the redline as the draft, and its proof -------------------------------------------------------


def _l37() -> Draft:
    """A/C.1/77/L.37: a draft of 75/59 with a moved paragraph among its edits (seed 3)."""
    draft = make_draft(BASE, 3)
    assert any(moved for *_, moved in draft.truth.links)
    return replace(draft, res=replace(draft.res, symbol="A/C.1/77/L.37"))


def _document(docx: bytes):
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_the_l37_redline_opens_as_the_draft_tracks_no_number_and_moves_as_word_does(tmp_path: Path):
    store = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, store)
    draft = _l37()
    (tmp_path / "L37.docx").write_bytes(draft_docx(draft, "list"))
    out = tmp_path / "L37-review.docx"
    result = run(store, "review", str(tmp_path / "L37.docx"), "-o", str(out), "--verify")
    assert result.exit_code == 0, result.output
    assert f"verified {out}: accepting every change gives A/C.1/77/L.37, rejecting every change 75/59" in result.stderr
    doc = _document(out.read_bytes())
    texts = ["".join(p.itertext()) for p in doc.iter(w("p"))]
    sponsors = sponsors_line(draft.res.sponsors)
    assert texts[:9] == [
        "United Nations",
        "General Assembly",
        "A/C.1/77/L.37",
        "Distr.: Limited",
        "12 October 2022",
        "Seventy-seventh session",
        "First Committee",
        "Agenda item 99 (c)",
        "General and complete disarmament",
    ]
    assert texts[9] == sponsors and texts[10] == BASE.title and texts[11] == "The General Assembly,"
    assert texts.index(next(t for t in texts if t.startswith("Changes: A/C.1/77/L.37 against 75/59"))) > len(
        BASE.paragraphs
    )
    revisions = ["".join(r.itertext()) for r in doc.iter(w("ins"), w("del"))]
    assert not [r for r in revisions if re.fullmatch(r"\s*(\d+\.|\([a-z]+\))\s*", r)]  # none only a number
    (to,), (away,) = doc.findall(f".//{w('moveToRangeStart')}"), doc.findall(f".//{w('moveFromRangeStart')}")
    assert to.get(w("name")) == away.get(w("name"))
    moved = "".join(t.text for m in doc.iter(w("moveTo")) for t in m.iter(w("t")))
    assert moved and moved in [p.text for p in draft.res.paragraphs]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_redline_of_every_shape_of_draft_is_verified(seed: int, variant: str):
    draft = make_draft(BASE, seed)
    held, _ = read_bytes(variant_bytes(draft, variant), "draft", symbol=draft.res.symbol)
    comp = compare(BASE, held)
    docx = render_docx(comp)
    verify_redline(docx, comp)  # raises with the first difference
    assert list_numbered(comp)  # the numbers are Word's: renumbering is no change


@pytest.mark.parametrize("k", range(len(UN_VARIANTS)))
def test_the_redline_of_un_word_drafts_is_verified(k: int):
    u = make_undraft(BASE, k, UN_VARIANTS[k])
    held, _ = read_bytes(undraft_docx(u), "draft.docx")
    comp = compare(BASE, held)
    docx = render_docx(comp)
    verify_redline(docx, comp)
    doc = _document(docx)
    first = ["".join(p.itertext()) for p in doc.iter(w("p"))][:3]
    assert first == ["United Nations", "General Assembly", u.res.symbol]
    if u.res.sponsors_note:  # the sponsors' note is the custom-mark footnote of the sponsors line
        ref = doc.find(f".//{w('footnoteReference')}[@{w('customMarkFollows')}='1']")
        assert ref is not None
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            notes = etree.fromstring(z.read("word/footnotes.xml"))
        note = notes.find(f"{w('footnote')}[@{w('id')}='{ref.get(w('id'))}']")
        assert "".join(note.itertext()) == "* " + u.res.sponsors_note


def test_verify_names_the_first_difference_of_a_redline_that_lies(tmp_path: Path):
    draft = _l37()
    held, _ = read_bytes(draft_docx(draft, "hand"), "L37.docx")
    comp = compare(BASE, held)
    docx = render_docx(comp)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    doc = etree.fromstring(parts["word/document.xml"])
    first = next(doc.iter(w("moveTo"), w("ins"), w("del")))
    first.getparent().remove(first)  # one revision lost
    parts["word/document.xml"] = etree.tostring(doc)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(RedlineMismatch, match=r"does not give|gives \d+ paragraphs"):
        verify_redline(buffer.getvalue(), comp)


def test_review_takes_the_symbol_of_a_text_that_names_none(stages):
    store, draft, _rev, tmp = stages
    (tmp / "plain.txt").write_text(draft_plain(draft))
    result = run(store, "review", str(tmp / "plain.txt"), "-o", str(tmp / "p.docx"))
    assert result.exit_code == 1 and "is not a draft" in result.output
    result = run(
        store, "review", str(tmp / "plain.txt"), "--symbol", draft.res.symbol, "-s", "ied", "-o", str(tmp / "p.docx")
    )
    assert result.exit_code == 0, result.output
    assert f"the Word redline of {draft.res.symbol} against 75/59" in result.stderr
    result = run(store, "compare", "75/59", str(tmp / "plain.txt"), "--symbol", draft.res.symbol, "-f", "json")
    assert json.loads(result.stdout)["new"]["symbol"] == draft.res.symbol
    result = run(store, "compare", "75/59", "77/64", "--symbol", draft.res.symbol)
    assert result.exit_code == 1 and "is a stored version" in result.output


def test_a_pasted_masthead_table_and_its_committee_and_date_lines_are_read():
    draft = replace(make_draft(BASE, 2), agenda_item="71 (b)")
    text = draft_pasted(draft).replace("A/C.1/77/", "United Nations\tA/C.3/80/", 1)
    text = text.replace("First Committee", "Third Committee").replace("12 October 2022", "28 October 2026")
    res, report = read_bytes(text.encode(), "pasted.txt")
    assert (res.symbol, res.committee, res.issued, res.agenda_item) == (
        str(Symbol.parse(draft.res.symbol.replace("A/C.1/77/", "A/C.3/80/"))),
        "Third Committee",
        "2026-10-28",
        "71 (b)",
    )
    assert res.sponsors == draft.res.sponsors and res.title == draft.res.title and report.warnings == ()


def test_a_draft_is_dated_by_its_masthead_not_called_undated(stages):
    """A draft is not adopted; the date it was issued stands in every header where an adopted text has
    its adoption date (before: "date unknown", "adopted unknown", "adoption date not known")."""

    store, _draft, _rev, tmp = stages
    res, _report = read_bytes((tmp / "L.docx").read_bytes(), "L.docx")
    assert res.adopted is None and res.issued and res.dated == f"issued {res.issued}"
    comp = compare(BASE, res)
    result = run(store, "compare", "75/59", str(tmp / "L.docx"), "--no-pager")
    assert f"({res.dated}, complete)" in result.stdout.splitlines()[0]
    assert f"({res.dated}, complete text)" in render_comparison_md(comp)
    assert render_resolution_text(res).splitlines()[1].startswith(f"{res.dated}, complete")
    assert json.loads(render_resolution_json(res))["issued"] == res.issued
    page = render_pair_page(comp)
    assert f"<div>{res.dated} ·" in page and "<div>adopted 2020-12-07 ·" in page


def test_a_draft_with_tracked_changes_is_reviewed_only_as_told(stages, tmp_path: Path):
    store, draft, _rev, tmp = stages
    redline = render_docx(compare(BASE, draft.res))  # a file that carries tracked changes
    (tmp / "marked.docx").write_bytes(redline)
    result = run(store, "review", str(tmp / "marked.docx"), "--symbol", draft.res.symbol, "-o", str(tmp / "m.docx"))
    assert result.exit_code == 1 and "tracked change(s) of its own" in result.output and "--revisions" in result.output
    assert not (tmp / "m.docx").exists()
    for revisions, want in (("current", draft.res), ("original", BASE)):
        out = tmp / f"{revisions}.docx"
        result = run(
            store,
            "review",
            str(tmp / "marked.docx"),
            "--symbol",
            draft.res.symbol,
            "--revisions",
            revisions,
            "-o",
            str(out),
            "--verify",
        )
        assert result.exit_code == 0, result.output
        assert revision_view(out.read_bytes(), accept=True) == paragraph_lines(want)


def test_a_draft_against_an_adopted_resolution_adds_no_sponsor_it_cannot_know(stages):
    """An adopted resolution lists no sponsors: a draft marked against it lists its sponsors, it does
    not "add" them; and the resolution compared after its draft does not "no longer list" them."""
    store, draft, _rev, tmp = stages
    assert run(store, "import", str(tmp / "L.docx"), "--series", "ied").exit_code == 0
    result = run(store, "review", draft.res.symbol, "-o", str(tmp / "r.docx"))
    assert result.exit_code == 0, result.output
    assert f"{draft.res.symbol} lists {listed(draft.res.sponsors)} as sponsors" in " ".join(result.stdout.split())
    assert " adds " not in result.stdout
    back = run(store, "compare", draft.res.symbol, "77/64", "--no-pager")
    assert "77/64 lists no sponsors" in " ".join(back.stdout.split()) and "no longer lists" not in back.stdout


def test_every_format_of_a_comparison_says_who_sponsors_and_what_changed(stages):
    store, draft, rev, tmp = stages
    (tmp / "Rev1.docx").write_bytes(draft_docx(rev, "list"))
    assert run(store, "import", str(tmp / "L.docx"), "--series", "ied").exit_code == 0
    added = [n for n in rev.res.sponsors if n not in draft.res.sponsors]
    sentence = f"{rev.res.symbol} adds {listed(added)} as sponsor"
    outputs = {}
    for fmt in ("html", "md", "json", "docx"):
        out = tmp / f"c.{fmt}"
        result = run(store, "compare", draft.res.symbol, str(tmp / "Rev1.docx"), "-o", str(out))
        assert result.exit_code == 0, result.output
        outputs[fmt] = out
    page = html.unescape(outputs["html"].read_text())
    assert f"Sponsors: {sentence}" in page and f"Sponsors: {listed(rev.res.sponsors)}" in page
    md = outputs["md"].read_text()
    assert f"Sponsors of {rev.res.symbol}: {listed(rev.res.sponsors)}. {sentence}" in md
    data = json.loads(outputs["json"].read_text())["sponsors"]
    assert (data["new"], data["added"]) == (list(rev.res.sponsors), added)
    texts = ["".join(p.itertext()) for p in _document(outputs["docx"].read_bytes()).iter(w("p"))]
    assert sponsors_line(rev.res.sponsors) in texts and any(t.startswith(f"Sponsors: {sentence}") for t in texts)


def test_the_sponsors_note_of_a_un_draft_reaches_json_and_markdown(tmp_path: Path):
    u = make_undraft(BASE, 1, UN_VARIANTS[1])  # Second Committee: "Iraq:* draft resolution"
    assert u.res.sponsors_note
    (tmp_path / "L.docx").write_bytes(undraft_docx(u))
    result = run(FIXTURE_STORE, "compare", "75/59", str(tmp_path / "L.docx"), "-f", "json")
    assert json.loads(result.stdout)["sponsors"]["note"] == u.res.sponsors_note
    result = run(FIXTURE_STORE, "compare", "75/59", str(tmp_path / "L.docx"), "-f", "md")
    assert f"Sponsors of {u.res.symbol}: Iraq (On behalf of the States Members" in result.stdout


def test_pdf_is_the_redline_printed_by_libreoffice_or_refused_in_one_line(stages, monkeypatch: pytest.MonkeyPatch):
    store, draft, _rev, tmp = stages
    import resdiff.ingest.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    result = run(store, "compare", "75/59", str(tmp / "L.docx"), "-o", str(tmp / "none.pdf"))
    assert result.exit_code == 1 and not (tmp / "none.pdf").exists()
    assert result.output.count("\n") == 1 and "writing a PDF needs LibreOffice" in result.output
    monkeypatch.undo()
    if convert.soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are not installed (.ci/run installs them)")
    out = tmp / "r.pdf"
    result = run(store, "compare", "75/59", str(tmp / "L.docx"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split())
    assert text.startswith("United Nations") and draft.res.symbol in text and "Changes: " in text


def test_markdown_without_html_marks_changes_in_markdown(stages):
    store, _draft, _rev, tmp = stages
    plain = run(store, "compare", "73/67", "75/59", "-f", "md-plain", "--changed-only").stdout
    assert "<ins>" not in plain and "<del>" not in plain
    assert "December 2016 ~~and~~**,** 72/36 of 4 December 2017 **and 73/67 of 5 December 2018**," in plain
    html_md = run(store, "compare", "73/67", "75/59", "-f", "md", "--changed-only").stdout
    assert "<del>and</del><ins>,</ins>" in html_md


@pytest.mark.parametrize("old, new", [("77/64", "79/53"), ("75/59", "79/53"), ("73/67", "75/59"), ("70/46", "71/72")])
def test_the_redlines_of_real_successors_are_verified(old: str, new: str):
    """77/64 → 79/53 splits OP5 into OP3 and OP12, nine paragraphs apart, and merges OP27 and OP29: each
    is cut into pieces that stand together (a paragraph mark joins neighbours only). The others hold gaps
    or no footnotes: their numbers stay text, and the proof is of words and numbers."""
    st = Store(FIXTURE_STORE)
    comp = compare(st.load(old), st.load(new))
    verify_redline(render_docx(comp), comp)


def _schema_findings(docx: bytes, tmp_path: Path) -> list[str]:
    from openxml_audit import OpenXmlValidator

    path = tmp_path / "redline.docx"
    path.write_bytes(docx)
    result = OpenXmlValidator().validate(path)
    return [f"{e.description} at {e.path}" for e in result.errors]


def test_the_redline_is_valid_office_open_xml(tmp_path: Path):
    """The ECMA-376 schema and the semantic rules Word's SDK checks (openxml-audit): the L.37 redline
    (masthead table, list numbering, a move), 77/64 → 79/53 (moves with edits inside, numbers changing
    level) and a Second Committee draft (the sponsors' custom-mark footnote)."""
    st = Store(FIXTURE_STORE)
    held, _ = read_bytes(draft_docx(_l37(), "list"), "L37.docx")
    u = make_undraft(BASE, 1, UN_VARIANTS[1])
    second, _ = read_bytes(undraft_docx(u), "L.docx")
    for comp in (compare(BASE, held), compare(st.load("77/64"), st.load("79/53")), compare(BASE, second)):
        assert _schema_findings(render_docx(comp), tmp_path) == []


def test_sections_that_number_their_paragraphs_anew_are_word_lists_of_their_own():
    """Each section numbering from 1 again is a list of its own (a w:num restarting at 1): a paragraph
    inserted in section II renumbers II's paragraphs only, and no revision is a number."""
    from resdiff.core.blocks import build_items
    from resdiff.core.model import Resolution

    def version(symbol: str, posts: list[str]) -> Resolution:
        blocks = [
            "Recalling its resolution 1/1,",
            "# I. Budget",
            "1. Approves the budget for the biennium;",
            "2. Requests the Secretary-General to report on the budget;",
            "# II. Posts",
            *[f"{k}. {text}" if not text.startswith("(") else text for k, text in _numbered_posts(posts)],
        ]
        return Resolution(symbol, complete=True, items=build_items(blocks))

    posts = [
        "Approves the posts proposed by the Secretary-General;",
        "(a) in the Professional category;",
        "(b) in the General Service category;",
        "Decides to review the posts at its next session;",
    ]
    old = version("A/RES/1/1", posts)
    new = version("A/RES/2/1", ["Welcomes the staffing table annexed to the report of the Advisory Committee;", *posts])
    comp = compare(old, new)
    assert list_numbered(comp) and [p.id for p in new.paragraphs][-1] == "II.OP3"
    docx = render_docx(comp)
    verify_redline(docx, comp)
    doc = _document(docx)
    revisions = ["".join(r.itertext()) for r in doc.iter(w("ins"), w("del"))]
    assert revisions and not [r for r in revisions if re.fullmatch(r"\s*(\d+\.|\([a-z]+\))\s*", r)]
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    assert len(numbering.findall(w("num"))) == 2


def _numbered_posts(texts: list[str]) -> list[tuple[int, str]]:
    """Operative numbers from 1 for the texts that are not sub-paragraphs ("(a) …")."""
    out, n = [], 0
    for text in texts:
        if not text.startswith("("):
            n += 1
        out.append((n, text))
    return out


def test_review_marks_new_and_reworded_paragraphs_with_their_precedent(stages):
    store, _draft, _rev, tmp = stages
    result = run(store, "review", str(tmp / "L.docx"), "-o", str(tmp / "r.docx"))
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n\n")
    marked = [b for b in blocks if " reworded " in b.split("\n")[0] or " new" in b.split("\n")[0]]
    assert marked and all(("agreed language: " in b) or ("new language" in b) for b in marked)
