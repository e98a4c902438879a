"""The precedent index and `resdiff precedent`: exact against a brute-force scan, kept up to date
with the store, rebuilt when damaged, and the command's public JSON shape."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.symbol import Symbol
from resdiff.diff.runs import RUN, shingle_table
from resdiff.diff.shingles import shingles
from resdiff.diff.worddiff import word_tokens
from resdiff.series.precedent import find_precedents, phrase_history
from resdiff.store.folder import Store
from resdiff.store.precedent import INDEX_DIR, PrecedentIndex

from .conftest import FIXTURE_STORE
from .hand_precedent import add_hand_texts, hand_ranking

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "precedent"
HAND = Path(__file__).resolve().parent / "fixtures" / "hand_alignment"
runner = CliRunner()


def word_runs(text: str) -> set[tuple[str, ...]]:
    """The distinct runs of ``text`` as word tuples (fewer than five words: one run of them all):
    the definition the hashed runs are held to."""
    words = word_tokens(text)
    if len(words) < RUN:
        return {tuple(words)} if words else set()
    return set(shingles(words, RUN))


def share(paragraph: set[tuple[str, ...]], source: set[tuple[str, ...]]) -> float:
    return len(paragraph & source) / len(paragraph) if paragraph else 0.0


def test_runs_by_definition() -> None:
    assert sorted(word_runs("Urges all States, to act now;")) == [
        ("all", "states", "to", "act", "now"),
        ("urges", "all", "states", "to", "act"),
    ]
    assert share(word_runs("Urges all States to act now;"), word_runs("Strongly urges all States to act")) == 0.5


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """The IED series and four long corpus resolutions (oceans, fisheries), in a fresh store."""
    root = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, root)
    shutil.copytree(SAMPLE / "_pool", root / "_pool")
    return Store(root)


def brute_force(st: Store, texts: list[str], before: str | None) -> set[tuple]:
    """Every (query, symbol, paragraph, share > 0) by reading every stored paragraph: no index, no hashes."""
    found = set()
    queries = [word_runs(t) for t in texts]
    for _series, res in st.every_version():
        sym = Symbol.find(res.symbol)
        if res.adopted is None or sym is None or not sym.is_resolution:
            continue
        if before is not None and res.adopted >= before:
            continue
        for p in res.paragraphs:
            runs = word_runs(p.text)
            for q, query in enumerate(queries):
                if s := share(query, runs):
                    found.add((q, res.symbol, p.id, round(s, 4)))
    return found


def indexed(index: PrecedentIndex, texts: list[str], min_share: float, before: str | None) -> set[tuple]:
    hits = index.hits(texts, min_share, before)
    return {(h.query, h.source.symbol, h.source.paragraph, h.share) for its in hits for h in its}


THRESHOLDS = (0.0, 0.3, 0.5, 0.8, 1.0)


def test_index_finds_exactly_what_a_brute_force_scan_finds(store: Store) -> None:
    index = PrecedentIndex.open(store)
    for ref in ("79/144", "79/145", "79/53"):
        res = store.load(ref)
        texts = [p.text for p in res.paragraphs[:: 1 if ref == "79/53" else 3]]
        every = brute_force(store, texts, res.adopted)
        for min_share in THRESHOLDS:
            expected = {hit for hit in every if hit[3] + 1e-12 >= min_share}
            assert expected  # the sample holds earlier members of each series
            assert indexed(index, texts, min_share, res.adopted) == expected


def test_index_agrees_with_brute_force_on_edited_paragraphs(store: Store) -> None:
    # Paragraphs that are no stored paragraph: pieces of several, words dropped, short ones.
    res = store.load("79/144")
    texts = []
    for k, p in enumerate(res.paragraphs[:60]):
        words = p.text.split()
        texts.append(" ".join(words[k % 7 :: 1 + k % 3]) + " " + res.paragraphs[-1 - k].text[:80])
    texts += ["Decides to continue;", "", "Reaffirms", "Strongly urges States"]
    index = PrecedentIndex.open(store)
    every = brute_force(store, texts, None)
    for min_share in THRESHOLDS:
        assert indexed(index, texts, min_share, None) == {hit for hit in every if hit[3] + 1e-12 >= min_share}


words = st.lists(st.sampled_from(["States", "urges", "the", "Sea", "law", "of", "and", "Calls", "upon"]), max_size=14)


@settings(max_examples=150, deadline=None)
@given(st.lists(words.map(" ".join), min_size=1, max_size=6))
def test_hashed_runs_are_the_word_runs(texts: list[str]) -> None:
    hashes, owners, counts = shingle_table(texts)
    assert counts.tolist() == [len(word_runs(t)) for t in texts]
    assert list(hashes) == sorted(hashes)  # the order an index searches
    # Two texts share as many hashed runs as they share word runs.
    for a in range(len(texts)):
        for b in range(len(texts)):
            shared = set(hashes[owners == a].tolist()) & set(hashes[owners == b].tolist())
            assert len(shared) == len(word_runs(texts[a]) & word_runs(texts[b]))


def test_built_on_first_use_and_then_reused(store: Store) -> None:
    first = PrecedentIndex.open(store)
    assert first.rebuilt == len(first.partitions) >= 1
    assert (store.root / INDEX_DIR / ".gitignore").read_text().strip().endswith("*")
    again = PrecedentIndex.open(store)
    assert again.rebuilt == 0
    assert indexed(again, ["Calls upon States"], 0.0, None) == indexed(first, ["Calls upon States"], 0.0, None)
    assert store.check() == []  # the index folder is no part of what check reads


def _replace_paragraph(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_store_changed_behind_its_back_is_noticed(store: Store) -> None:
    PrecedentIndex.open(store)
    marker = "Deplores the zebra quagga xylophone kumquat sonnets entirely"
    path = store.root / "_pool" / "A-RES-78-69.txt"
    _replace_paragraph(path, "Reaffirming its annual resolutions", marker + ", reaffirming its annual resolutions")
    index = PrecedentIndex.open(store)
    assert index.rebuilt == 1  # only the partition of that file
    assert [h.source.symbol for h in index.hits([marker], 1.0)[0]] == ["A/RES/78/69"]
    # Removed: its paragraphs are gone; added back: found again.
    path.rename(store.root / "held-aside.txt")
    index = PrecedentIndex.open(store)
    assert index.hits([marker], 1.0) == [[]]
    (store.root / "held-aside.txt").rename(path)
    assert PrecedentIndex.open(store).hits([marker], 1.0)[0]


def test_same_size_edit_with_the_old_mtime_is_still_noticed_by_its_new_mtime(store: Store) -> None:
    PrecedentIndex.open(store)
    path = store.root / "ied" / "A-RES-75-59.txt"
    stat = path.stat()
    _replace_paragraph(path, "Expressing grave concern", "Expressing grave CONCERN")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert PrecedentIndex.open(store).rebuilt == 1


def test_the_index_is_written_without_waiting_for_the_disk(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A derived index checked on every use need not be synced (it was 385 fsyncs, a seventh of a
    corpus build): a crash leaves it stale, and stale is rebuilt (the damage test below)."""

    def no_fsync(fd: int) -> None:
        raise AssertionError("the index waited for the disk")

    monkeypatch.setattr(os, "fsync", no_fsync)
    assert PrecedentIndex.open(store, workers=1).rebuilt >= 1  # in this process


def test_a_build_leaves_the_tokeniser_cache_alone(store: Store) -> None:
    """The build reads every stored paragraph once: kept in the aligner's cache they were 32 MB
    of a corpus build's 65 MB peak, for texts nobody asks for again."""
    from resdiff.diff.worddiff import _words

    _words.cache_clear()
    assert PrecedentIndex.open(store, workers=1).rebuilt >= 1  # in this process
    assert _words.cache_info().currsize == 0


def test_an_index_too_large_to_map_is_an_error_not_a_rebuild(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a memory limit (``ulimit -v``) mapping a partition fails with ENOMEM: that is no
    damage, and rebuilding would map it again and fail the same way (at 100x the corpus it ended
    in a MemoryError in a worker). The error is the one line the command line prints for it."""
    import errno

    import numpy as np

    PrecedentIndex.open(store, workers=1)

    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    def no_rebuild(job: object) -> None:
        raise AssertionError("rebuilt a partition that only failed to map")

    monkeypatch.setattr(np, "load", no_room)
    monkeypatch.setattr("resdiff.store.precedent.build_partition", no_rebuild)
    with pytest.raises(OSError) as raised:
        PrecedentIndex.open(store, workers=1)
    assert raised.value.errno == errno.ENOMEM


@pytest.mark.parametrize("damage", ["flip", "truncate", "table", "missing", "json"])
def test_a_damaged_index_is_rebuilt_not_believed(store: Store, damage: str) -> None:
    index = PrecedentIndex.open(store)
    expected = indexed(index, [p.text for p in store.load("79/53").paragraphs], 0.0, None)
    folder = store.root / INDEX_DIR
    name = sorted(folder.glob("*.runs.npy"), key=lambda p: p.stat().st_size)[-1].name.split(".")[0]
    runs, table, meta = folder / f"{name}.runs.npy", folder / f"{name}.table.txt", folder / f"{name}.json"
    if damage == "flip":
        data = bytearray(runs.read_bytes())
        data[len(data) // 2] ^= 0x40
        runs.write_bytes(bytes(data))
    elif damage == "truncate":
        runs.write_bytes(runs.read_bytes()[:-8])
    elif damage == "table":  # a paragraph renamed by hand: the table's checksum no longer holds
        table.write_text(table.read_text().replace("\tOP1\t", "\tOP99\t", 1))
    elif damage == "missing":
        (folder / f"{name}.owners.npy").unlink()
    else:
        meta.write_text("{not json")
    again = PrecedentIndex.open(store)
    assert again.rebuilt == 1
    assert indexed(again, [p.text for p in store.load("79/53").paragraphs], 0.0, None) == expected


def test_partitions_built_in_a_process_pool_are_the_same(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Store(tmp_path / "copy")
    shutil.copytree(store.root, other.root)
    monkeypatch.setattr("resdiff.store.precedent.BATCH", 1)  # the pool gets the partitions in several batches
    here = PrecedentIndex.open(store, workers=1)
    pooled = PrecedentIndex.open(other, workers=2)
    assert len(here.partitions) > 1
    for a, b in zip(here.partitions, pooled.partitions, strict=True):
        assert a.table == b.table and a.runs.tolist() == b.runs.tolist()
        assert [a.paragraph(i) for i in range(a.rows)] == [b.paragraph(i) for i in range(b.rows)]


def test_index_built_on_a_dask_cluster() -> None:
    distributed = pytest.importorskip(
        "dask.distributed", reason="dask.distributed is not installed (pip install 'resdiff[dask]')"
    )
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            st = Store(Path(tmp) / "store")
            shutil.copytree(FIXTURE_STORE, st.root)
            index = PrecedentIndex.open(st, scheduler=c.scheduler_address)
            assert index.rebuilt == len(index.partitions)
            assert PrecedentIndex.open(st).rebuilt == 0  # what the cluster built is the store's index


def test_ranked_best_first_and_first_adoption(store: Store) -> None:
    report = find_precedents(PrecedentIndex.open(store), store.load("79/53"))
    pp2 = next(p for p in report.paragraphs if p.id == "PP2")
    assert [(s.symbol, s.share) for s in pp2.sources][:3] == [
        ("A/RES/77/64", 1.0),
        ("A/RES/75/59", 1.0),
        ("A/RES/73/67", 1.0),
    ]
    assert pp2.first_adopted is not None and pp2.first_adopted.symbol == "A/RES/73/67"
    for p in report.paragraphs:
        shares = [(s.share, s.adopted) for s in p.sources]
        assert shares == sorted(shares, reverse=True)
        assert all(s.adopted < "2024-12-02" and s.share >= 0.5 for s in p.sources)
        assert p.new_language == (not p.sources)
    # Each source's diff leads from the source's text to the paragraph.
    for p in report.paragraphs:
        for s in p.sources:
            assert "".join(t for op, t in s.ops if op != "-") == p.text


def test_a_same_day_tie_goes_to_the_resolution_the_version_continues(tmp_path: Path) -> None:
    """77/222 and 77/223 were adopted the same day and open with the same words; in a store with
    no series (as for a draft) 79/178's opening goes to 77/223, which holds most of 79/178's
    wording, not to the lower symbol."""
    from resdiff.ingest import read_file

    st = Store(tmp_path / "store")
    for name in ("A_RES_77_222", "A_RES_77_223", "A_RES_79_178"):
        st.save(read_file(HAND / "texts" / f"{name}.json")[0])
    report = find_precedents(PrecedentIndex.open(st, workers=1), st.load("79/178"), diffs=False)
    pp1 = next(p for p in report.paragraphs if p.id == "PP1")
    assert [(s.symbol, s.share, s.adopted) for s in pp1.sources[:2]] == [
        ("A/RES/77/223", 1.0, "2022-12-15"),
        ("A/RES/77/222", 1.0, "2022-12-15"),
    ]


def test_hand_aligned_predecessor_is_ranked_first(tmp_path: Path) -> None:
    """The predecessor of each 1:1 link of the hand alignments is the best source among every
    paragraph sharing a run (at the default 50% threshold, links whose rewrite keeps less than half
    of the runs have no source at all: the README gives both rates)."""
    st = Store(tmp_path / "store")
    shutil.copytree(FIXTURE_STORE, st.root)
    add_hand_texts(st)
    first, total, _misses = hand_ranking(st, 0.0)
    assert total > 250 and first / total >= 0.97


def test_phrase_search_earliest_first(store: Store) -> None:
    index = PrecedentIndex.open(store)
    found = phrase_history(index, "improvised explosive devices")
    assert found and [s.adopted for s in found] == sorted(s.adopted for s in found)
    assert {s.symbol for s in found} <= {str(Symbol.parse(v)) for v in store.stored_symbols()}
    assert phrase_history(index, "improvised explosive devices", before="2016-01-01") == [
        s for s in found if s.adopted < "2016-01-01"
    ]
    assert phrase_history(index, "xylophone of the quagga") == []
    # Words in a row, whole words: "explosive device" is not in "explosive devices".
    assert all(
        "explosive device " in " ".join(store.load(s.symbol).paragraph(s.paragraph).text.lower().split()) + " "
        or "explosive device," in store.load(s.symbol).paragraph(s.paragraph).text.lower()
        or "explosive device;" in store.load(s.symbol).paragraph(s.paragraph).text.lower()
        for s in phrase_history(index, "explosive device")
    )


def test_cli_json_is_the_public_shape(store: Store) -> None:
    result = runner.invoke(app, ["precedent", "79/53", "--format", "json", "--store", str(store.root)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["symbol"] == "A/RES/79/53"
    op = next(p for p in data["paragraphs"] if p["id"] == "PP2")
    assert set(op) >= {"id", "new_language", "first_adopted", "sources"}
    assert op["first_adopted"] == {"symbol": "A/RES/73/67", "paragraph": "PP2", "adopted": "2018-12-05"}
    assert op["sources"][0] | {"ops": None} == {
        "symbol": "A/RES/77/64",
        "paragraph": "PP2",
        "share": 1.0,
        "adopted": "2022-12-07",
        "series": "ied",
        "ops": None,
    }
    new = [p for p in data["paragraphs"] if p["new_language"]]
    assert new and all(p["sources"] == [] and p["first_adopted"] is None for p in new)


def test_cli_draft_file_series_filter_and_text(store: Store, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The General Assembly,\n\nExpressing grave concern over the devastation caused by the increasing use of "
        "improvised explosive devices by illegal armed groups,\n\n1. Decides to paint the moon green;\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["precedent", str(draft), "--store", str(store.root), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "new language" in result.stdout and "79/53 PP2" in result.stdout  # a draft: any date
    only = runner.invoke(app, ["precedent", str(draft), "--store", str(store.root), "--series", "nope"])
    assert only.exit_code == 1 and "no series 'nope'" in only.output
    text = runner.invoke(app, ["precedent", "--text", "Strongly urges States", "--store", str(store.root)])
    assert text.exit_code == 0 and "79/53 OP1" in text.stdout
    for args in (["precedent"], ["precedent", "79/53", "--text", "x"], ["precedent", "79/53", "--before", "May"]):
        bad = runner.invoke(app, [*args, "--store", str(store.root)])
        assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_html_pages_are_the_house_pages_and_escape_what_they_quote(store: Store, tmp_path: Path) -> None:
    """Every page comes from a template with autoescape (base.html: viewport, style, footer)."""
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The General Assembly,\n\n1. Decides that <script>alert(1)</script> & co. shall paint the moon green;\n",
        encoding="utf-8",
    )
    page = runner.invoke(app, ["precedent", str(draft), "--store", str(store.root), "--format", "html"]).stdout
    assert 'name="viewport"' in page and "<footer>" in page and "<nav>" not in page  # no series to go back to
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co." in page and "<script>alert" not in page
    stored = runner.invoke(app, ["precedent", "79/53", "--store", str(store.root), "--format", "html"]).stdout
    assert '<section class="para k-unchanged" id="PP2">' in stored and "<ins>" in stored  # diffs as markup
    phrase = ["precedent", "--text", "a <b> & c", "--store", str(store.root), "--format", "html"]
    found = runner.invoke(app, phrase).stdout
    assert "<footer>" in found and "a &lt;b&gt; &amp; c" in found and "<b>" not in found


def test_compare_marks_new_and_reworded_paragraphs_with_their_precedent_outside_old(store: Store) -> None:
    args = ["compare", "75/59", "77/64", "--precedent", "--store", str(store.root)]
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    marks = {tuple(c["new"]): c.get("precedent") for c in data["changes"]}
    # OP34 is new against 75/59, but 72/36 adopted its wording (the request for a report).
    assert marks[("OP34",)] | {"share": None} == {
        "new_language": False,
        "symbol": "A/RES/72/36",
        "paragraph": "OP27",
        "share": None,
        "adopted": "2017-12-04",
        "series": "ied",
    }
    assert marks[("OP11",)] == {"new_language": True}
    assert all(
        (c.get("precedent") is not None) == (c["kind"] in ("new", "reworded") and len(c["new"]) == 1)
        for c in data["changes"]
    )
    assert all(c.get("precedent", {}).get("symbol") != "A/RES/75/59" for c in data["changes"])  # outside OLD
    term = runner.invoke(app, [*args, "--changed-only"]).stdout
    assert "agreed language: 72/36 OP27, 86%" in term and "new language" in term
    md = runner.invoke(app, [*args, "--format", "md", "--changed-only"]).stdout
    assert "**OP34 of 77/64** (not in 75/59): new · agreed language: 72/36 OP27, 86%" in md
    html = runner.invoke(app, [*args, "--format", "html"]).stdout
    assert '<span class="precedent">agreed language: 72/36 OP27, 86%</span>' in html
    plain = runner.invoke(app, ["compare", "75/59", "77/64", "--format", "json", "--store", str(store.root)])
    assert "precedent" not in plain.stdout  # only when asked for: the plain comparison is unchanged


def test_report_marks_pairs_and_writes_a_precedent_page_per_version(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(
        app,
        ["report", "--series", "ied", "--out", str(out), "--precedent", "--workers", "1", "--store", str(store.root)],
    )
    assert result.exit_code == 0, result.output
    page = (out / "precedent-A-RES-79-53.html").read_text()
    assert "Precedents of A/RES/79/53" in page and "77/64 PP2 · 100%" in page
    assert '<a href="index.html">← the series</a>' in page  # a report's page leads back to its series
    assert 'href="precedent-A-RES-79-53.html"' in (out / "index.html").read_text()
    assert "agreed language: 72/36 OP27, 86%" in (out / "75-59_77-64.html").read_text()


def test_an_import_brings_an_existing_index_up_to_date(store: Store, tmp_path: Path) -> None:
    PrecedentIndex.open(store)
    text = (FIXTURE_STORE / "ied" / "A-RES-79-53.txt").read_text(encoding="utf-8")
    marker = "Deplores the zebra quagga xylophone kumquat sonnets entirely"
    draft = tmp_path / "A-RES-80-1.txt"
    draft.write_text(
        text.replace("symbol: A/RES/79/53", "symbol: A/RES/80/1")
        .replace("2024-12-02", "2025-12-02")
        .replace("Recalling its resolutions", marker + ", recalling its resolutions", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(draft), "--store", str(store.root)])
    assert result.exit_code == 0, result.output
    index = PrecedentIndex.open(store)
    assert index.rebuilt == 0  # the import brought it up to date
    assert [h.source.symbol for h in index.hits([marker], 1.0)[0]] == ["A/RES/80/1"]


def test_the_redline_carries_each_mark_as_a_comment(store: Store, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "r.docx"
    args = ["compare", "75/59", "77/64", "--precedent", "-o", str(out), "--store", str(store.root)]
    assert runner.invoke(app, args).exit_code == 0
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode()
    assert "Agreed language: 72/36 OP27, 86%" in comments and "New language" in comments
    plain = tmp_path / "plain.docx"
    assert runner.invoke(app, args[:3] + ["-o", str(plain), "--store", str(store.root)]).exit_code == 0
    assert "language" not in zipfile.ZipFile(plain).read("word/comments.xml").decode()


def test_annex_paragraphs_are_agreed_language_too(store: Store) -> None:
    from dataclasses import replace

    from resdiff.core.model import Annex, Paragraph, Part

    text = "Resolve to end the zebra quagga xylophone kumquat trade in all its forms by 2030;"
    annex = Annex(None, "Political declaration", items=(Paragraph("A.OP1", Part.OPERATIVE, text, "Resolve", 1),))
    res = replace(store.load("79/53"), symbol="A/RES/79/999", annexes=(annex,), complete=False)
    store.save(res)
    index = PrecedentIndex.open(store)
    assert [(h.source.symbol, h.source.paragraph) for h in index.hits([text], 1.0)[0]] == [("A/RES/79/999", "A.OP1")]
    report = find_precedents(index, replace(res, symbol="A/RES/80/1", adopted="2025-12-01"), only=["A.OP1"])
    assert [s.short for s in report.paragraphs[0].sources] == ["79/999 A.OP1"]
