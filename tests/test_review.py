"""Stages in a series, review against the right base, and the paragraph-number crosswalk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .drafts import draft_docx, make_draft, make_revision
from .redline import paragraph_lines, revision_view

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


def test_review_marks_new_and_reworded_paragraphs_with_their_precedent(stages):
    store, _draft, _rev, tmp = stages
    result = run(store, "review", str(tmp / "L.docx"), "-o", str(tmp / "r.docx"))
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n\n")
    marked = [b for b in blocks if " reworded " in b.split("\n")[0] or " new" in b.split("\n")[0]]
    assert marked and all(("agreed language: " in b) or ("new language" in b) for b in marked)
