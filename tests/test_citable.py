"""Series a researcher can cite: history whole, honest gaps, drafts placed and kept, wrong bases noticed."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.model import Part
from resdiff.formats.docformat import format_docformat
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


def test_history_of_a_file_says_it_follows_stored_versions(tmp_path: Path):
    """A file (a draft not imported) was refused as "invalid symbol 'draft.txt': not a UN document symbol"."""
    draft = tmp_path / "draft.txt"
    draft.write_text((FIXTURE_STORE / "ied" / "A-RES-79-53.txt").read_text())
    result = run("history", str(draft))
    assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
    assert f"{draft} is a file" in result.output and f"resdiff import {draft}" in result.output
    assert "invalid symbol" not in result.output


def test_history_says_or_earlier_where_the_series_lists_members_not_stored(tmp_path: Path):
    store = tmp_path / "s"
    shutil.copytree(FIXTURE_STORE, store)
    for name in ("70-46", "71-72", "72-36", "73-67"):
        (store / "ied" / f"A-RES-{name}.txt").unlink()  # listed in the manifest, not stored
    data = json.loads(run("history", "75/59", "--format", "json", store=store).stdout)
    assert data["not_held_before"] == ["70/46", "71/72", "72/36", "73/67"]
    assert {p["first"] for p in data["paragraphs"]} == {"75/59 or earlier"}
    assert "Not stored: 70/46, 71/72, 72/36, 73/67" in run("history", "75/59", "--no-pager", store=store).stdout


def test_history_dates_a_change_across_a_gap_nobody_named(tmp_path: Path):
    """77/64 neither stored nor listed: 75/59 and 79/53 stand 4 sessions apart in a series whose
    pace is 2, so what 79/53 brings may have come in a text between them that nobody named. History
    says so per paragraph ("after 75/59, by 79/53") and once below, as `session` does; with 77/64
    stored the IED history names no such gap."""
    store = tmp_path / "s"
    shutil.copytree(FIXTURE_STORE, store)
    (store / "ied" / "A-RES-77-64.txt").unlink()
    manifest = store / "ied" / "manifest.json"
    manifest.write_text("".join(line for line in manifest.read_text().splitlines(True) if "A/RES/77/64" not in line))
    data = json.loads(run("history", "79/53", "--format", "json", store=store).stdout)
    assert data["gaps_unknown"] == [{"after": "75/59", "before": "79/53", "sessions": 4}]
    firsts = {p["first"] for p in data["paragraphs"]}
    assert "after 75/59, by 79/53" in firsts and "79/53" not in firsts
    assert "after 75/59, by 79/53" in {p["last_changed"] for p in data["paragraphs"]}
    text = run("history", "79/53", "--no-pager", store=store).stdout
    # 79/53 itself recalls 77/64: the line says what the series lists, not that no text names one.
    assert "75/59 and 79/53 stand 4 sessions apart and 'ied' lists no text between them: texts between" in text
    assert all(len(line.split()) >= 3 for line in text.splitlines()[1:-1])  # the columns stay apart
    whole = json.loads(run("history", "79/53", "--format", "json").stdout)
    assert whole["gaps_unknown"] == [] and not any(p["first"].startswith("after") for p in whole["paragraphs"])


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


def make_draft_of(base: str):
    from .drafts import make_draft

    return make_draft(Store(FIXTURE_STORE).load(base), 3).res


def _listed(store: Path, symbol: str) -> list[str]:
    return [
        name
        for name in Store(store).series_names()
        if symbol in {e.symbol for e in Store(store).manifest(name).entries}
    ]


def test_list_dates_a_draft_by_its_masthead_in_its_series_and_in_the_pool(tmp_path: Path):
    """A draft is not adopted: `list` gives the date its masthead says it was issued, in text and JSON."""
    store = _pool_store(tmp_path)
    draft = replace(make_draft_of("79/53"), issued="2026-10-09")
    path = tmp_path / "draft.txt"
    path.write_text(format_docformat(draft))
    assert run("import", str(path), store=store).exit_code == 0  # the pool
    row = next(
        r for r in json.loads(run("list", "--format", "json", store=store).stdout) if r["symbol"] == draft.symbol
    )
    assert row["adopted"] is None and row["issued"] == "2026-10-09"
    assert run("series", store=store).exit_code == 0
    assert run("import", str(path), "--series", Store(store).series_names()[0], store=store).exit_code == 0
    line = next(x for x in run("list", store=store).stdout.splitlines() if draft.short in x)
    assert "issued 2026-10-09" in line, line


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


def test_review_and_compare_warn_of_a_draft_of_another_resolution(tmp_path: Path, monkeypatch, store_copy: Path):
    # review marks precedents, and so builds the precedent index beside its store: a copy, never the fixture
    monkeypatch.chdir(tmp_path)
    draft = _privacy_draft(tmp_path)
    out = tmp_path / "r.docx"
    result = run("review", str(draft), "--series", "ied", "-o", str(out), store=store_copy)
    assert result.exit_code == 0 and out.is_file(), result.output
    warning = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "The right to privacy" in warning[0] and "0 of" in warning[0]
    before = out.read_bytes()
    again = run("review", str(draft), "--series", "ied", "-o", str(out), store=store_copy)
    assert again.exit_code == 1 and "--force" in again.output and out.read_bytes() == before
    assert run("review", str(draft), "--series", "ied", "-o", str(out), "--force", store=store_copy).exit_code == 0
    compared = run("compare", "79/53", str(draft), "--format", "json", store=store_copy)
    assert compared.exit_code == 0 and "two different resolutions" in compared.stderr
    same = run("compare", "77/64", "79/53", store=store_copy)
    assert "two different resolutions" not in same.stderr


# -- discovery a researcher can cite -------------------------------------------------------------


def test_a_series_renamed_into_a_new_frame_stays_one():
    """ "Convention on Biological Diversity" → "Implementation of the Convention on Biological Diversity
    and its contribution to sustainable development": the renamed member does not recall the last
    of the old title, and carries over only part of its opening."""
    import random

    from resdiff.series.discovery import discover, link_evidence, profile

    from .test_series import chain, evolve, groups

    rng = random.Random(11)
    old = chain(rng, "Convention on Biological Diversity", [57, 58, 59], 60)
    text = [p.text for p in old[-1].paragraphs[:-1]]
    for _ in range(7):
        text = evolve(rng, text)
    new = chain(
        rng,
        "Implementation of the Convention on Biological Diversity and its contribution to sustainable development",
        [62, 63, 64],
        70,
    )
    from dataclasses import replace

    from .test_series import version

    new[0] = version("62/70", new[0].title or "", [], text)
    new = [replace(v, committee="Second Committee") for v in new]
    old = [replace(v, committee="Second Committee") for v in old]
    e = link_evidence(profile(old[-1]), profile(new[0]))
    assert e.renamed and not e.recalls and e.opening_similarity < 0.45
    assert groups(discover(old + new)) == {("57/60", "58/60", "59/60", "62/70", "63/70", "64/70")}


def test_another_act_between_a_series_members_is_not_joined():
    """An office established "to assist Member States in implementing" a strategy, between the
    strategy's reviews, recalls one and is recalled by the next: not a review."""
    import random
    from dataclasses import replace

    from resdiff.series.discovery import discover

    from .test_series import body, chain, groups, version

    rng = random.Random(12)
    reviews = chain(rng, "The United Nations Global Counter-Terrorism Strategy Review", [68, 70, 72, 74], 276)
    shared = [p.text for p in reviews[1].paragraphs[1:4]]
    office = version(
        "71/291",
        "Strengthening the capability of the United Nations system to assist Member States in implementing the "
        "United Nations Global Counter-Terrorism Strategy",
        ["70/276"],
        shared + body(rng, 2),
    )
    reviews[2] = version(
        "72/276", reviews[2].title or "", ["70/276", "71/291"], [p.text for p in reviews[2].paragraphs[1:-1]]
    )
    found = groups(discover([replace(v, committee="plenary") for v in [*reviews, office]]))
    assert ("71/291",) in found and ("68/276", "70/276", "72/276", "74/276") in found


def test_a_title_changed_across_years_without_a_recall_is_another_series():
    """An act of 2011 and a series that starts in 2022 under another title, whose openings are
    alike (the same subject) but not carried over whole."""
    import random
    from dataclasses import replace

    from resdiff.series.discovery import discover

    from .test_series import body, chain, groups, version

    rng = random.Random(13)
    series = chain(rng, "Freedom of religion or belief", [77, 78, 79], 221)
    earlier = version(
        "66/168",
        "Elimination of all forms of intolerance and of discrimination based on religion or belief",
        [],
        [p.text for p in series[0].paragraphs[:4]] + body(rng, 3),
    )
    found = groups(discover([replace(v, committee="Third Committee") for v in [earlier, *series]]))
    assert ("66/168",) in found and ("77/221", "78/221", "79/221") in found


def test_a_conference_outcome_does_not_join_its_follow_up_series():
    import random

    from resdiff.series.discovery import discover

    from .test_series import chain, groups, version

    rng = random.Random(14)
    follow_up = chain(rng, "Follow-up to the International Conference on Financing for Development", [64, 65, 66], 193)
    outcome = version(
        "63/239",
        "Doha Declaration on Financing for Development: outcome document of the Follow-up International Conference "
        "on Financing for Development",
        [],
        [p.text for p in follow_up[0].paragraphs[1:-1]],
    )
    assert groups(discover([outcome, *follow_up])) == {("63/239",), ("64/193", "65/193", "66/193")}


def test_members_named_in_recall_lists_but_not_stored_are_recorded():
    import random

    from resdiff.series.discovery import discover

    from .test_series import body, chain, version

    rng = random.Random(15)
    privacy = chain(rng, "The right to privacy in the digital age", [73, 75], 179)
    text = [p.text for p in privacy[-1].paragraphs[1:-1]]
    privacy[1] = version("75/179", privacy[1].title or "", ["68/167", "69/166", "71/199", "73/179"], text)
    other = version("70/1", "Transforming our world", [], body(rng))
    # A list naming a stored resolution of another series is not a chain: 70/1 and 69/313 are not members.
    related = version("77/179", privacy[1].title or "", ["69/313", "70/1", "75/179"], text)
    found = discover([*privacy, related, other])
    series = next(s for s in found if "A/RES/75/179" in s.symbols)
    assert [m.symbol for m in series.not_stored] == ["A/RES/68/167", "A/RES/69/166", "A/RES/71/199"]
    assert "named by 75/179 (PP1)" in series.not_stored[0].evidence


def test_slugs_are_whole_words_even_when_titles_clash():
    """Twelve one-offs of one long title: the ids that tell them apart ("-10") never cut a word."""
    import random

    from resdiff.series.discovery import discover

    from .test_series import body, version

    rng = random.Random(16)
    title = "Cooperation between the United Nations and the Economic Cooperation Organization"
    found = discover([version(f"60/{k + 1}", title, [], body(rng)) for k in range(12)])  # one session: apart
    words = set(title.lower().split())
    for s in found:
        assert len(s.slug) <= 40 and all(w in words or w.isdigit() for w in s.slug.split("-")), s.slug
    assert len({s.slug for s in found}) == 12


# -- honest gaps: series, history, session ---------------------------------------------------------


def _gapped_store(tmp_path: Path) -> Path:
    """The fixture store with 73/67 listed but not stored and 74/1 listed between 73/67 and 75/59."""
    store = tmp_path / "gapped"
    shutil.copytree(FIXTURE_STORE, store)
    (store / "ied" / "A-RES-73-67.txt").unlink()
    manifest = json.loads((store / "ied" / "manifest.json").read_text())
    manifest["versions"].insert(4, {"session": 74, "symbol": "A/RES/74/1"})
    (store / "ied" / "manifest.json").write_text(json.dumps(manifest))
    return store


def test_session_says_when_the_previous_stored_version_is_not_the_previous_member(tmp_path: Path):
    store = _gapped_store(tmp_path)
    md = run("session", "75", "--workers", "1", store=store).stdout
    assert "following 72/36 (2017-12-04); 2 texts between are not stored (73/67 and 74/1)." in md
    data = json.loads(run("session", "75", "--format", "json", "--workers", "1", store=store).stdout)
    (entry,) = data["changed"]
    assert entry["consecutive"] is False and entry["not_stored_between"] == ["73/67", "74/1"]
    (latest,) = json.loads(run("session", "79", "--format", "json", "--workers", "1", store=store).stdout)["changed"]
    assert latest["consecutive"] is True and latest["not_stored_between"] == []
    page = run("session", "75", "--format", "html", "--workers", "1", store=store).stdout
    assert "2 texts between are not stored" in page


def test_session_does_not_call_members_far_apart_consecutive(tmp_path: Path):
    store = tmp_path / "far"
    shutil.copytree(FIXTURE_STORE, store)
    for name in ("71-72", "72-36", "73-67", "75-59", "77-64"):
        (store / "ied" / f"A-RES-{name}.txt").unlink()
    manifest = json.loads((store / "ied" / "manifest.json").read_text())
    manifest["versions"] = [v for v in manifest["versions"] if v.get("symbol") in (None, "A/RES/70/46", "A/RES/79/53")]
    (store / "ied" / "manifest.json").write_text(json.dumps(manifest))
    (entry,) = json.loads(run("session", "79", "--format", "json", "--workers", "1", store=store).stdout)["changed"]
    assert entry["consecutive"] is None
    assert (
        "9 sessions earlier: texts between, if any, are not stored"
        in run("session", "79", "--workers", "1", store=store).stdout
    )


def test_the_series_index_says_which_pairs_are_not_consecutive(tmp_path: Path):
    store = _gapped_store(tmp_path)
    out = tmp_path / "site"
    assert run("report", "--out", str(out), "--workers", "1", store=store).exit_code == 0
    index = (out / "index.html").read_text()
    assert "72/36 → 75/59</a> (not consecutive: 2 texts between are not stored (73/67 and 74/1))" in index


def test_a_draft_goes_with_its_resolution_when_rediscovery_moves_it(tmp_path: Path):
    store = _pool_store(tmp_path)
    assert run("series", store=store).exit_code == 0
    (slug,) = Store(store).series_names()
    symbol, draft = _draft_file(tmp_path)  # a draft of the 81st session, after 79/53
    assert run("import", str(draft), store=store).exit_code == 0 and _listed(store, symbol) == [slug]
    manifest = json.loads((store / slug / "manifest.json").read_text())
    manifest["excluded"] = ["A/RES/77/64", "A/RES/79/53"]  # a person splits the series
    (store / slug / "manifest.json").write_text(json.dumps(manifest))
    assert run("series", store=store).exit_code == 0
    home = next(
        n for n in Store(store).series_names() if "A/RES/79/53" in {e.symbol for e in Store(store).manifest(n).entries}
    )
    assert home != slug and _listed(store, symbol) == [home]
    assert run("check", store=store).exit_code == 0


def test_members_on_both_sides_of_a_refused_file_are_linked_and_the_hole_is_named():
    """Each member recalls only the one before it; 73/x was refused at import: 72/x and 74/x are
    still one series, and 74/x's recall names the member that is not stored."""
    import random

    from resdiff.series.discovery import discover

    from .test_series import body, evolve, version

    rng = random.Random(17)
    text, versions = body(rng), []
    for s in range(70, 77):
        versions.append(version(f"{s}/140", "Entrepreneurship for sustainable development", [f"{s - 1}/140"], text))
        text = evolve(rng, text)
    stored = [v for v in versions if v.session != 73]
    (series,) = [s for s in discover(stored) if len(s.members) > 1]
    # 69/140, named by the first member alone, may be another act: only the hole is named.
    assert len(series.members) == 6 and [m.symbol for m in series.not_stored] == ["A/RES/73/140"]


def test_an_act_adopting_what_it_is_titled_after_is_not_a_member_of_its_reviews():
    """60/288 adopts the Global Counter-Terrorism Strategy under the title its reviews keep."""
    import random

    from resdiff.series.discovery import discover

    from .test_series import chain, groups, para, version

    rng = random.Random(18)
    title = "The United Nations Global Counter-Terrorism Strategy"
    reviews = chain(rng, title, [62, 64, 66], 272)
    adoption = version("60/288", title, [], [p.text for p in reviews[0].paragraphs[1:-1]])
    adopting = para(
        "OP2",
        "Adopts the present resolution and its annex as the United Nations Global Counter-Terrorism Strategy;",
        Part.OPERATIVE,
    )
    adoption = replace(adoption, items=(*adoption.items, adopting))
    reviews[0] = version("62/272", title, ["60/288"], [p.text for p in reviews[0].paragraphs[1:-1]])
    assert groups(discover([adoption, *reviews])) == {("60/288",), ("62/272", "64/272", "66/272")}


def test_one_title_in_two_committees_is_two_resolutions_unless_the_opening_carries_over():
    import random

    from resdiff.series.discovery import discover

    from .test_series import body, groups, version

    rng = random.Random(19)
    plenary = replace(
        version("57/300", "Strengthening of the United Nations: an agenda for further change", [], body(rng)),
        committee="plenary",
    )
    fifth = replace(
        version("58/269", "Strengthening of the United Nations: an agenda for further change", ["57/300"], body(rng)),
        committee="Fifth Committee",
    )
    assert groups(discover([plenary, fifth])) == {("57/300",), ("58/269",)}


def test_numbered_and_subtitled_titles_are_one_title_renamed():
    from resdiff.core.titles import normalise_title, renamed_title, title_head

    assert renamed_title(
        normalise_title("Follow-up to the Fourth United Nations Conference on the Least Developed Countries"),
        normalise_title("Follow-up to the Fifth United Nations Conference on the Least Developed Countries"),
    )
    assert renamed_title(
        normalise_title("Review of the implementation of General Assembly resolution 48/218 B"),
        normalise_title("Review of the implementation of General Assembly resolutions 48/218 B and 54/244"),
    )
    assert not renamed_title("nuclear disarmament", "nuclear disarmament verification")
    assert title_head("Policies and programmes involving youth: youth in the global economy") == title_head(
        "Policies and programmes involving youth"
    )


def test_a_part_recalled_is_its_resolution_stored_without_its_letter():
    import random

    from resdiff.series.discovery import link_evidence, profile

    from .test_series import body, version

    rng = random.Random(20)
    earlier = version("76/84", "Questions relating to information", [], body(rng))
    later = version("77/128", "Questions relating to information", ["76/84 A"], body(rng))
    assert link_evidence(profile(earlier), profile(later)).recalls


@pytest.mark.parametrize("seed", range(12))
def test_history_of_generated_series_lists_every_paragraph_of_every_version(seed: int):
    """Three generations of edits of 75/59 (splits, merges, moves, new and dropped paragraphs among
    them): the history of each version has one row per paragraph, whatever became of its clauses."""
    from resdiff.diff.lineage import build_lineage, history

    from .pairs import make_pair

    first, second, _ = make_pair(Store(FIXTURE_STORE).load("75/59"), seed, 8)
    third = make_pair(second, seed + 100, 8)[1]
    fourth = make_pair(third, seed + 200, 8)[1]
    versions = [first, second, third, fourth]
    for k in range(len(versions)):
        lineage = build_lineage(versions[: k + 1])
        assert [b.id for b in history(lineage, k)] == [p.id for p in versions[k].paragraphs]
