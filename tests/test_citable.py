"""Series a researcher can cite: history whole, honest gaps, drafts placed and kept, wrong bases noticed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE

runner = CliRunner()


def run(*args: str, store: Path = FIXTURE_STORE):
    return runner.invoke(app, [*args, "--store", str(store)])


@pytest.mark.parametrize("symbol", ["70/46", "71/72", "72/36", "73/67", "75/59", "77/64", "79/53"])
def test_history_lists_every_paragraph_of_the_version(symbol: str):
    """75/59 PP21 was split into 77/64 PP22 + PP23, which 79/53 keeps as PP21 and PP22: each piece
    is a row (the second comparison used to overwrite the first piece's cell, losing 79/53 PP21)."""
    res = Store(FIXTURE_STORE).load(symbol)
    data = json.loads(run("history", symbol, "--format", "json").stdout)
    assert [p["id"] for p in data["paragraphs"]] == [p.id for p in res.paragraphs]
    text = run("history", symbol, "--no-pager").stdout.splitlines()[1:]
    assert [line.split()[0] for line in text] == [p.id for p in res.paragraphs]


def test_the_report_lineage_has_a_row_for_every_paragraph_of_the_latest_version():
    from resdiff.diff.lineage import build_lineage

    versions = [res for _, res in Store(FIXTURE_STORE).stored_versions("ied")]
    lineage = build_lineage(versions)
    ids = [pid for t in lineage.threads for pid in t.cells[-1].ids]
    assert sorted(ids) == sorted(p.id for p in versions[-1].paragraphs)
    assert "PP21" in ids


def test_history_of_a_version_in_no_series_is_one_short_line(tmp_path: Path):
    store = tmp_path / "s"
    shutil.copytree(FIXTURE_STORE, store)
    (store / "_pool").mkdir()
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text().replace("A/RES/75/59", "A/RES/75/60")
    (store / "_pool" / "A-RES-75-60.txt").write_text(text)
    result = run("history", "75/60", store=store)
    assert result.exit_code == 1 and result.output.count("\n") == 1 and len(result.output) < 200, result.output
    assert "75/60 is in no series" in result.output and "resdiff series" in result.output


def test_history_says_or_earlier_where_the_series_lists_members_not_stored(tmp_path: Path):
    store = tmp_path / "s"
    shutil.copytree(FIXTURE_STORE, store)
    for name in ("70-46", "71-72", "72-36", "73-67"):
        (store / "ied" / f"A-RES-{name}.txt").unlink()  # listed in the manifest, not stored
    data = json.loads(run("history", "75/59", "--format", "json", store=store).stdout)
    assert data["not_held_before"] == ["70/46", "71/72", "72/36", "73/67"]
    assert {p["first"] for p in data["paragraphs"]} == {"75/59 or earlier"}
    assert "Not stored: 70/46, 71/72, 72/36, 73/67" in run("history", "75/59", "--no-pager", store=store).stdout


# -- drafts placed and kept ----------------------------------------------------------------------


def _pool_store(tmp_path: Path) -> Path:
    """A store whose versions of the IED series were imported in bulk: all in the pool, no manifest."""
    store = tmp_path / "pooled"
    (store / "_pool").mkdir(parents=True)
    for name in ("75-59", "77-64", "79-53"):
        shutil.copy(FIXTURE_STORE / "ied" / f"A-RES-{name}.txt", store / "_pool")
    return store


def _draft_file(tmp_path: Path, base: str = "79/53", title: str | None = "keep") -> tuple[str, Path]:
    from dataclasses import replace

    from resdiff.formats.docformat import format_docformat

    from .drafts import make_draft

    draft = make_draft(Store(FIXTURE_STORE).load(base), 3).res
    if title != "keep":
        draft = replace(draft, title=title)
    path = tmp_path / "draft.txt"
    path.write_text(format_docformat(draft))
    return draft.symbol, path


def _listed(store: Path, symbol: str) -> list[str]:
    return [
        name
        for name in Store(store).series_names()
        if symbol in {e.symbol for e in Store(store).manifest(name).entries}
    ]


def test_a_pooled_draft_is_placed_by_import_series_and_kept_by_rediscovery(tmp_path: Path):
    store = _pool_store(tmp_path)
    symbol, draft = _draft_file(tmp_path)
    assert run("import", str(draft), store=store).exit_code == 0  # no series yet: the pool
    assert run("series", store=store).exit_code == 0
    (slug,) = Store(store).series_names()
    assert _listed(store, symbol) == []
    placed = run("import", str(draft), "--series", slug, store=store)
    assert placed.exit_code == 0, placed.output
    assert "skipped" not in placed.output and _listed(store, symbol) == [slug]
    assert symbol in run("list", "--series", slug, store=store).stdout
    assert run("series", store=store).exit_code == 0  # rediscovery keeps it
    assert _listed(store, symbol) == [slug]
    checked = run("check", store=store)
    assert checked.exit_code == 0 and checked.stdout.startswith("ok: 4 stored versions: 4 in 1 series"), checked.output


def test_a_draft_goes_to_the_series_its_title_names(tmp_path: Path):
    store = _pool_store(tmp_path)
    assert run("series", store=store).exit_code == 0
    (slug,) = Store(store).series_names()
    symbol, draft = _draft_file(tmp_path)
    assert run("import", str(draft), store=store).exit_code == 0
    assert _listed(store, symbol) == [slug]
    assert run("series", store=store).exit_code == 0 and _listed(store, symbol) == [slug]
    assert run("check", store=store).exit_code == 0


def test_a_draft_placed_by_hand_is_kept_by_rediscovery(tmp_path: Path):
    store = _pool_store(tmp_path)
    assert run("series", store=store).exit_code == 0
    (slug,) = Store(store).series_names()
    symbol, draft = _draft_file(tmp_path, title=None)  # nothing names its series: only the person does
    result = run("import", str(draft), "--symbol", symbol, "--series", slug, store=store)
    assert result.exit_code == 0, result.output
    for _ in range(2):
        assert run("series", store=store).exit_code == 0
        assert _listed(store, symbol) == [slug]
        assert run("check", store=store).exit_code == 0


def test_check_counts_and_validates_the_pool(tmp_path: Path):
    store = _pool_store(tmp_path)
    result = run("check", store=store)
    assert result.stdout.startswith("ok: 3 stored versions: 0 in 0 series and 3 in the pool"), result.output
    (store / "_pool" / "A-RES-77-64.txt").write_text("symbol: A/RES/77/64\n")
    assert run("check", store=store).exit_code == 1


# -- a draft of another resolution noticed ---------------------------------------------------------


def _privacy_draft(tmp_path: Path) -> Path:
    """A Third Committee draft on the right to privacy (the text of 77/211 under a draft's symbol)."""
    from dataclasses import replace

    from resdiff.formats.docformat import format_docformat
    from resdiff.ingest import read_file

    res = read_file(Path(__file__).parent / "fixtures" / "corpus-json" / "A_RES_77_211.json")[0]
    draft = replace(res, symbol="A/C.3/79/L.41", adopted=None, meeting=None, committee_report=None)
    path = tmp_path / "privacy.txt"
    path.write_text(format_docformat(draft))
    return path


def test_a_draft_of_another_resolution_is_refused_by_import_series(tmp_path: Path):
    store = tmp_path / "s"
    shutil.copytree(FIXTURE_STORE, store)
    draft = _privacy_draft(tmp_path)
    result = run("import", str(draft), "--series", "ied", store=store)
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert "The right to privacy in the digital age" in result.output
    assert "Countering the threat posed by improvised explosive devices" in result.output
    assert "A/C.3/79/L.41" not in json.dumps(json.loads((store / "ied" / "manifest.json").read_text()))
    forced = run("import", str(draft), "--series", "ied", "--force", store=store)
    assert forced.exit_code == 0 and "two different resolutions" in forced.output
    assert run("check", store=store).exit_code == 0


def test_review_and_compare_warn_of_a_draft_of_another_resolution(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = _privacy_draft(tmp_path)
    out = tmp_path / "r.docx"
    result = run("review", str(draft), "--series", "ied", "-o", str(out))
    assert result.exit_code == 0 and out.is_file(), result.output
    warning = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "The right to privacy" in warning[0] and "0 of" in warning[0]
    before = out.read_bytes()
    again = run("review", str(draft), "--series", "ied", "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.output and out.read_bytes() == before
    assert run("review", str(draft), "--series", "ied", "-o", str(out), "--force").exit_code == 0
    compared = run("compare", "79/53", str(draft), "--format", "json")
    assert compared.exit_code == 0 and "two different resolutions" in compared.stderr
    same = run("compare", "77/64", "79/53")
    assert "two different resolutions" not in same.stderr
