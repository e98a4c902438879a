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
