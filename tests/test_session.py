"""resdiff session, the whole-store site, and the pairs mapped over executors."""

from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.model import Paragraph, Part
from resdiff.diff.compare import ChangeKind, compare
from resdiff.diff.digest import digest
from resdiff.series.report import pair_work
from resdiff.series.session import build_session
from resdiff.store.folder import Store
from resdiff.system.pool import executor

from .conftest import FIXTURE_STORE
from .test_series import chain, para

runner = CliRunner()


def test_digest_says_technical_only_and_names_new_dropped_and_leads():
    rng = random.Random(1)
    a = chain(rng, "Rights of the child", [78], 5)[0]
    recall = para("PP1", "Recalling its resolution 77/5 of 1 December 2022,")
    updated = para("PP1", "Recalling its resolutions 77/5 of 1 December 2022 and 78/5 of 1 December 2023,")
    old, technical = replace(a, items=(recall,) + a.items[1:]), replace(a, items=(updated,) + a.items[1:])
    d = digest(compare(old, technical))
    assert d.technical_only and d.sentence().startswith("Unchanged but for technical updates")
    a = replace(
        a,
        items=a.items[:-1]
        + (
            Paragraph(
                "OP1",
                Part.OPERATIVE,
                "Encourages Member States to report on the implementation of the present resolution.",
                "Encourages",
                1,
            ),
        ),
    )
    stronger = replace(
        a,
        symbol="A/RES/79/5",
        items=a.items[:-1]
        + (
            Paragraph(
                "OP1",
                Part.OPERATIVE,
                "Urges Member States to report on the implementation of the present resolution.",
                "Urges",
                1,
            ),
            Paragraph(
                "OP2",
                Part.OPERATIVE,
                "Decides to include in the provisional agenda of its eighty-first session "
                "the item entitled rights of the child.",
                "Decides",
                2,
            ),
        ),
    )
    d = digest(compare(a, stronger))
    assert [m.id for m in d.new] == ["OP2"] and not d.technical_only
    assert d.strengthened and d.strengthened[0].old == "Encourages" and d.strengthened[0].new == "Urges"
    d = digest(compare(stronger, a))
    assert [m.id for m in d.dropped] == ["OP2"] and d.weakened
    assert digest(compare(a, a)).sentence() == "Unchanged."


def _store_with(tmp_path: Path, versions) -> Path:
    store = tmp_path / "versions"
    shutil.copytree(FIXTURE_STORE, store)
    st = Store(store)
    for r in versions:
        st.save(r)
    return store


def test_digest_lists_dropped_paragraphs_in_the_predecessors_order():
    """79/21 drops 78/238's OP9 and OP11; the change list seats OP11 first (where the new text would have
    it), and the digest, read as a summary of what went, lists OP9 then OP11."""
    from resdiff.ingest import read_file

    corpus = Path(__file__).parent / "fixtures" / "corpus-json"
    old, new = (read_file(corpus / f"A_RES_{n}.json")[0] for n in ("78_238", "79_21"))
    comp = compare(old, new)
    in_changes = [c.old_ids[0] for c in comp.changes if c.kind is ChangeKind.DROPPED]
    assert in_changes == ["OP11", "OP9"]  # what the digest used to follow
    assert [m.id for m in digest(comp).dropped] == ["OP9", "OP11"]


def test_session_lists_each_resolution_with_its_predecessor_and_the_new_ones(tmp_path: Path):
    rng = random.Random(2)
    first = [replace(r, committee="First Committee") for r in chain(rng, "Nuclear disarmament", [77, 79], 10)]
    second = [replace(r, committee="Second Committee") for r in chain(rng, "Commodities", [78, 79], 20)]
    lone = replace(chain(rng, "A one-off", [79], 30)[0], committee="First Committee")
    store = _store_with(tmp_path, first + second + [lone])
    assert runner.invoke(app, ["series", "--store", str(store)]).exit_code == 0
    md = runner.invoke(app, ["session", "79", "--store", str(store)])
    assert md.exit_code == 0, md.output
    assert "# What changed in the 79th session" in md.output
    assert "**79/10**, following 77/10." in md.output and "**79/20**, following 78/20." in md.output
    assert "## New (no earlier version in the store)\n\n- 79/30 A one-off" in md.output
    data = json.loads(
        runner.invoke(app, ["session", "79", "--committee", "first", "-f", "json", "--store", str(store)]).output
    )
    assert data["committee"] == "First"
    assert [c["symbol"] for c in data["changed"]] == ["A/RES/79/10"]
    assert data["changed"][0]["pair_page"] == "nuclear-disarmament/77-10_79-10.html"
    assert [n["symbol"] for n in data["new"]] == ["A/RES/79/30"]
    html = runner.invoke(app, ["session", "79", "-f", "html", "--store", str(store)]).output
    assert 'href="nuclear-disarmament/77-10_79-10.html"' in html and "<!DOCTYPE html>" in html
    bad = runner.invoke(app, ["session", "79", "--committee", "Seventh", "--store", str(store)])
    assert bad.exit_code == 2


def test_site_of_several_series_links_every_page(tmp_path: Path):
    from lxml import html as lhtml

    rng = random.Random(3)
    versions = chain(rng, "Oceans and the law of the sea", [77, 78, 79], 40) + chain(rng, "Road safety", [76, 78], 41)
    store = _store_with(tmp_path, versions)
    assert runner.invoke(app, ["series", "--store", str(store)]).exit_code == 0
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", "--out", str(out), "--workers", "1", "--store", str(store)])
    assert result.exit_code == 0, result.output
    pages = sorted(str(p.relative_to(out)) for p in out.rglob("*.html"))
    assert "index.html" in pages and "ied/index.html" in pages and "ied/73-67_75-59.html" in pages
    assert "oceans-law-sea/78-40_79-40.html" in pages and "sessions/79.html" in pages
    for page in pages:  # every relative link resolves (works from file://)
        doc = lhtml.parse(str(out / page))
        for href in doc.xpath("//a/@href"):
            if not href.startswith("#"):
                assert (out / page).parent.joinpath(href.split("#")[0]).resolve().is_file(), (page, href)
    index = (out / "index.html").read_text()
    assert 'id="filter"' in index and "Road safety" in index
    again = tmp_path / "again"
    runner.invoke(app, ["report", "--out", str(again), "--workers", "2", "--store", str(store)])
    assert all((out / p).read_bytes() == (again / p).read_bytes() for p in pages)  # deterministic, any pool


def test_the_site_and_session_agree_when_a_draft_stands_between_two_resolutions(tmp_path: Path):
    """A series' drafts are stages of their resolution, never its predecessor: the site's session
    page compares 79/53 with 77/64 as `resdiff session` does (it left 79/53 out when the draft
    A/C.1/79/L.37 stood before it in the series)."""
    store = tmp_path / "versions"
    shutil.copytree(FIXTURE_STORE, store)
    st = Store(store)
    draft = replace(st.load("79/53"), symbol="A/C.1/79/L.37", adopted=None, meeting=None, label=None)
    st.save(draft, "ied")
    rng = random.Random(4)
    for r in chain(rng, "Road safety", [78, 79], 41):
        st.save(r)
    assert runner.invoke(app, ["series", "--store", str(store)]).exit_code == 0
    listed = [e.symbol for e in st.manifest("ied").entries if e.symbol]
    assert listed[-3:] == ["A/RES/77/64", "A/C.1/79/L.37", "A/RES/79/53"]
    session = json.loads(runner.invoke(app, ["session", "79", "-f", "json", "--store", str(store)]).output)
    assert {c["symbol"]: c["predecessor"] for c in session["changed"]} == {
        "A/RES/79/41": "A/RES/78/41",
        "A/RES/79/53": "A/RES/77/64",
    }
    out = tmp_path / "site"
    assert runner.invoke(app, ["report", "--out", str(out), "--workers", "1", "--store", str(store)]).exit_code == 0
    page = (out / "sessions" / "79.html").read_text()
    assert 'href="../ied/77-64_79-53.html"' in page and 'href="../road-safety/78-41_79-41.html"' in page
    assert (out / "ied" / "77-64_79-53.html").is_file()  # the session's pair has its page in the series
    for href in re.findall(r'href="(\.\./[^"#]+)', page):
        assert (out / "sessions" / href).resolve().is_file(), href
    sentence = session["changed"][[c["symbol"] for c in session["changed"]].index("A/RES/79/53")]["sentence"]
    assert sentence in page


def test_the_shipped_one_series_report_keeps_its_layout(tmp_path: Path):
    result = runner.invoke(app, ["report", "--out", str(tmp_path), "--store", str(FIXTURE_STORE)])
    assert result.exit_code == 0
    assert (tmp_path / "index.html").is_file() and (tmp_path / "73-67_75-59.html").is_file()


def test_pair_work_is_the_same_in_a_process_pool():
    st = Store(FIXTURE_STORE)
    jobs = [(st.load("73/67"), st.load("75/59"), None, "index.html"), (st.load("71/72"), st.load("72/36"), None, None)]
    here = [r.html for r in map(pair_work, jobs)]
    with executor(workers=2) as mapper:
        assert [r.html for r in mapper(pair_work, jobs)] == here


def test_pairs_run_on_a_dask_cluster():
    distributed = pytest.importorskip(
        "dask.distributed", reason="dask.distributed is not installed (pip install 'resdiff[dask]')"
    )
    st = Store(FIXTURE_STORE)
    jobs = [(st.load("73/67"), st.load("75/59"), None, "index.html")]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        with executor(scheduler=cluster.scheduler_address) as mapper:
            assert [r.html for r in mapper(pair_work, jobs)] == [r.html for r in map(pair_work, jobs)]


def test_build_session_takes_any_mapper():
    calls = []

    def mapper(fn, jobs):
        jobs = list(jobs)
        calls.append(len(jobs))
        return map(fn, jobs)

    report = build_session(Store(FIXTURE_STORE), 75, mapper=mapper)
    assert calls == [1] and [e.version.short for e in report.continued] == ["75/59"]
