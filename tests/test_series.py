"""Series discovery: recall chains, renamed titles, parts A and B, one-offs, corrections."""

from __future__ import annotations

import json
import random
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.leads import lead_phrase
from resdiff.core.model import Paragraph, Part, Resolution
from resdiff.formats.docformat import format_docformat
from resdiff.series.discovery import (
    Corrections,
    RecallList,
    cited_symbols,
    discover,
    link_evidence,
    mixed_recalls,
    profile,
    rediscover,
    save_series,
    slugify,
)
from resdiff.store.folder import Store
from resdiff.system.files import locked

from .conftest import FIXTURE_STORE

runner = CliRunner()
WORDS = (
    "development cooperation States Members report Secretary-General implementation international support "
    "capacity resources programme framework agenda commitment progress regional national measures"
).split()


def para(pid: str, text: str, part: Part = Part.PREAMBLE) -> Paragraph:
    number = int(pid[2:]) if part is Part.OPERATIVE else None
    return Paragraph(pid, part, text, lead_phrase(text), number)


def version(symbol: str, title: str, recalls: list[str], body: list[str], date: str | None = None) -> Resolution:
    """A resolution whose first preambular paragraph recalls ``recalls`` and whose other paragraphs are ``body``."""
    items = []
    if recalls:
        items.append(
            para("PP1", "Recalling its resolutions " + ", ".join(f"{r} of 1 December 2000" for r in recalls) + ",")
        )
    for text in body:
        items.append(para(f"PP{len(items) + 1}", text))
    items.append(
        para(
            "OP1",
            "Requests the Secretary-General to report on the implementation of the present resolution.",
            Part.OPERATIVE,
        )
    )
    return Resolution(f"A/RES/{symbol}", title, date, items=tuple(items))


def body(rng: random.Random, n: int = 6) -> list[str]:
    return [f"Noting {' '.join(rng.choice(WORDS) for _ in range(18))}," for _ in range(n)]


def evolve(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """The next session's text: one paragraph replaced, the rest carried over."""
    out = list(paragraphs)
    out[rng.randrange(len(out))] = body(rng, 1)[0]
    return out


def chain(rng: random.Random, title: str, sessions: list[int], number: int, titles: dict[int, str] | None = None):
    text = body(rng)
    out = []
    for s in sessions:
        recalls = [r.symbol.removeprefix("A/RES/") for r in out][-3:]
        out.append(version(f"{s}/{number}", (titles or {}).get(s, title), recalls, text))
        text = evolve(rng, text)
    return out


def groups(found) -> set[tuple[str, ...]]:
    return {tuple(m.removeprefix("A/RES/") for m in s.symbols) for s in found}


def test_cited_symbols_reads_new_and_old_style_and_not_reports():
    assert cited_symbols("Recalling 70/46 of 7 December 2015 and 2006 (XIX), and A/77/385 and A/C.1/77/L.5,") == [
        "A/RES/70/46",
        "A/RES/2006 (XIX)",
    ]


def test_recall_chains_with_gaps_and_renamed_titles_are_found():
    rng = random.Random(1)
    a = chain(rng, "Oceans and the law of the sea", [70, 71, 73, 76], 10)
    b = chain(
        rng, "International Strategy for Disaster Reduction", [70, 72, 74], 20, titles={74: "Disaster risk reduction"}
    )
    found = discover(a + b)
    assert groups(found) == {("70/10", "71/10", "73/10", "76/10"), ("70/20", "72/20", "74/20")}
    renamed = next(s for s in found if "A/RES/74/20" in s.symbols)
    assert (
        renamed.title == "Disaster risk reduction"
        and "title changed" in dict((m.symbol, m.evidence) for m in renamed.members)["A/RES/74/20"]
    )


def test_parts_a_and_b_with_one_title_stay_apart():
    rng = random.Random(2)
    a = chain(rng, "Questions relating to information", [70, 71, 72], 30)
    b = chain(rng, "Questions relating to information", [70, 71, 72], 31)
    parts = [
        Resolution(r.symbol.replace("/30", "/30 A").replace("/31", "/30 B"), r.title, items=r.items) for r in a + b
    ]
    found = discover(parts)
    assert all(len({m.session for m in s.members}) == len(s.members) for s in found)
    assert groups(found) == {("70/30 A", "71/30 A", "72/30 A"), ("70/30 B", "71/30 B", "72/30 B")}


def test_a_one_off_that_recalls_a_member_is_not_joined():
    rng = random.Random(3)
    members = chain(rng, "Agricultural technology for sustainable development", [70, 72, 74], 40)
    one_off = version("73/99", "International Year of Millets", ["72/40"], body(rng))
    found = discover(members + [one_off])
    assert ("73/99",) in groups(found) and ("70/40", "72/40", "74/40") in groups(found)


def test_a_plenary_resolution_recalled_by_a_committee_series_under_another_title_is_not_joined():
    """66/253 and 71/130 "The situation in the Syrian Arab Republic" (plenary) are recalled by the
    Third Committee's "Situation of human rights in the Syrian Arab Republic": not one series,
    unless the opening carries over as fully as a renamed member's would have to anyway."""

    rng = random.Random(5)
    third = [
        replace(v, committee="Third Committee")
        for v in chain(rng, "Situation of human rights in the Syrian Arab Republic", [75, 76, 77], 193)
    ]
    shared = [p.text for p in third[0].items[:2]]  # some of the opening in common, as in the real pair
    plenary = replace(
        version("71/130", "The situation in the Syrian Arab Republic", [], shared + body(rng, 4)), committee="plenary"
    )
    third[0] = replace(
        third[0], items=(para("PP1", "Recalling its resolution 71/130 of 9 December 2016,"), *third[0].items[1:])
    )
    evidence = link_evidence(profile(plenary), profile(third[0]))
    assert evidence.recalls and 0.2 <= evidence.opening_similarity < 0.45 and evidence.same_committee is False
    found = groups(discover([plenary, *third]))
    assert ("71/130",) in found and ("75/193", "76/193", "77/193") in found
    carried = replace(plenary, items=third[0].items[1:])  # the same opening: a renamed member after all
    assert ("71/130", "75/193", "76/193", "77/193") in groups(discover([carried, *third]))


def test_alternating_biennial_series_are_not_merged():
    rng = random.Random(4)
    girl = chain(rng, "The girl child", [70, 72, 74, 76], 50)
    marriage = chain(rng, "Child, early and forced marriage", [71, 73, 75, 77], 60)
    # each marriage resolution also recalls the girl child resolution of the year before
    marriage = [
        version(
            r.symbol.removeprefix("A/RES/"),
            r.title,
            [f"{r.session - 1}/50"],
            r.paragraphs[1:-1] and [p.text for p in r.paragraphs[1:-1]],
        )
        for r in marriage
    ]
    found = discover(girl + marriage)
    assert ("70/50", "72/50", "74/50", "76/50") in groups(found)


def test_corrections_pin_exclude_and_keep_slugs():
    rng = random.Random(5)
    a = chain(rng, "South-South cooperation", [70, 71, 72], 70)
    found = discover(a)
    assert [s.slug for s in found] == ["south-south-cooperation"]
    split = discover(
        a,
        Corrections(
            excluded={"south-south-cooperation": frozenset({"A/RES/72/70"})},
            slugs={s: "south-south-cooperation" for s in found[0].symbols},
        ),
    )
    assert groups(split) == {("70/70", "71/70"), ("72/70",)}
    assert "south-south-cooperation" in [s.slug for s in split]
    lone = version("75/1", "Something else entirely", [], body(rng))
    pinned = discover(
        a + [lone],
        Corrections(
            pinned={"A/RES/75/1": "south-south-cooperation"},
            slugs={s: "south-south-cooperation" for s in found[0].symbols},
        ),
    )
    assert ("70/70", "71/70", "72/70", "75/1") in groups(pinned)
    assert "kept here by the manifest" in pinned[0].members[-1].evidence
    renamed = discover(a, Corrections(slugs={s: "my-name" for s in found[0].symbols}))
    assert [s.slug for s in renamed] == ["my-name"]


def test_discovery_is_deterministic_whatever_the_order():
    rng = random.Random(6)
    versions = chain(rng, "Rights of the child", [70, 71, 73], 80) + chain(rng, "Right to food", [70, 72], 81)
    shuffled = versions[:]
    random.Random(7).shuffle(shuffled)
    assert discover(versions) == discover(shuffled)


def test_slugs_are_safe_and_unique():
    rng = random.Random(8)
    same = [version(f"{70 + k}/9{k}", "Cross-cutting issues", [], body(rng)) for k in range(3)]
    slugs = [s.slug for s in discover(same)]
    assert len(set(slugs)) == len(slugs)
    assert slugify("Ç’est «très» long title with many words in it that go on") == "c-est-tres-long-title"


def test_series_command_writes_manifests_and_keeps_a_hand_made_series(tmp_path: Path):
    store = tmp_path / "versions"
    import shutil

    shutil.copytree(FIXTURE_STORE, store)
    rng = random.Random(9)
    pool = tmp_path / "new"
    pool.mkdir()
    for r in chain(rng, "Human resources management", [70, 71, 72], 90):
        (pool / (r.symbol.replace("/", "-") + ".txt")).write_text(format_docformat(r), encoding="utf-8")
    before = (store / "ied" / "manifest.json").read_text()
    imported = runner.invoke(app, ["import", str(pool), "--store", str(store)])
    assert imported.exit_code == 0, imported.output
    assert "imported 3, skipped 0 already stored, failed 0" in imported.output
    assert sorted(p.name for p in (store / "_pool").iterdir()) == [
        "A-RES-70-90.txt",
        "A-RES-71-90.txt",
        "A-RES-72-90.txt",
    ]
    result = runner.invoke(app, ["series", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    listed = {s["series"]: s for s in json.loads(result.stdout)}
    assert listed["human-resources-management"]["versions"] == ["A/RES/70/90", "A/RES/71/90", "A/RES/72/90"]
    assert "recalls 70/90" in listed["human-resources-management"]["evidence"]["A/RES/71/90"]
    assert listed["ied"]["versions"] == [
        "A/RES/70/46",
        "A/RES/71/72",
        "A/RES/72/36",
        "A/RES/73/67",
        "A/RES/75/59",
        "A/RES/77/64",
        "A/RES/79/53",
    ]
    assert (store / "ied" / "manifest.json").read_text() == before  # nothing new for ied: unchanged
    manifest = json.loads((store / "human-resources-management" / "manifest.json").read_text())
    assert manifest["discovered"] is True
    assert runner.invoke(app, ["check", "--store", str(store)]).exit_code == 0
    shown = runner.invoke(app, ["list", "--series", "human-resources-management", "--store", str(store)])
    assert "recalls 70/90" in shown.output
    # A correction survives rediscovery.
    manifest["excluded"] = ["A/RES/72/90"]
    (store / "human-resources-management" / "manifest.json").write_text(json.dumps(manifest))
    again = runner.invoke(app, ["series", "--format", "json", "--store", str(store)])
    listed = {s["series"]: s for s in json.loads(again.stdout)}
    assert listed["human-resources-management"]["versions"] == ["A/RES/70/90", "A/RES/71/90"]
    assert json.loads((store / "human-resources-management" / "manifest.json").read_text())["excluded"] == [
        "A/RES/72/90"
    ]


def test_import_reports_each_failure_and_stores_the_rest(tmp_path: Path, store_copy: Path):
    rng = random.Random(10)
    folder = tmp_path / "in"
    folder.mkdir()
    good = chain(rng, "Road safety", [70], 11)[0]
    (folder / "good.txt").write_text(format_docformat(good), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    result = runner.invoke(app, ["import", str(folder), "--store", str(store_copy)])
    assert result.exit_code == 1
    assert "imported 1, skipped 0 already stored, failed 1" in result.output
    assert "bad.txt" in result.output
    assert (store_copy / "_pool" / "A-RES-70-11.txt").is_file()


def test_bulk_import_reads_ahead_and_reports_in_the_order_of_the_files(tmp_path: Path):
    """The next files are parsed while one is stored: outcomes still come in file order, a damaged
    file between good ones fails alone, and no parsing child is left behind."""
    import os
    import shutil

    from resdiff.store.bulk import import_files
    from resdiff.store.folder import Store

    corpus = FIXTURE_STORE.parent / "corpus-json"
    names = [
        "A_RES_63_271.json",
        "broken.json",
        "A_RES_77_64.json",
        "missing.json",
        "A_RES_77_335.json",
        "empty.txt",
        "A_RES_78_248.json",
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        if name.startswith("A_RES"):
            shutil.copy(corpus / name, folder / name)
    (folder / "broken.json").write_bytes(b'[{"type": "paragraph", "text": ')
    (folder / "empty.txt").write_bytes(b"")
    heard: list[tuple[str, str]] = []
    summary = import_files(
        Store(tmp_path / "store"),
        [folder / n for n in names],
        report=lambda kind, message: heard.append((kind, message)),
    )
    outcomes = [(kind, message) for kind, message in heard if kind != "warning"]
    assert [kind for kind, _ in outcomes] == ["stored", "failed", "stored", "failed", "stored", "failed", "stored"]
    assert all(name in message for name, (kind, message) in zip(names, outcomes) if kind == "failed")
    assert summary.imported == ["A/RES/63/271", "A/RES/77/64", "A/RES/77/335", "A/RES/78/248"]
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize("seed", range(5))
def test_generated_corpora_are_recovered(seed: int):
    """Many generated series at once, with gaps, renamings and one-offs: every series is found whole."""
    rng = random.Random(seed)
    truth = []
    versions = []
    for k in range(12):
        sessions = sorted(rng.sample(range(60, 80), rng.randint(2, 6)))
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} and {rng.choice(WORDS)} {k}"
        rename = {sessions[-1]: title + " renewed"} if rng.random() < 0.3 else None
        members = chain(rng, title, sessions, 100 + k, rename)
        truth.append(tuple(m.symbol.removeprefix("A/RES/") for m in members))
        versions += members
    assert groups(discover(versions)) == set(truth)


def _pool_store(tmp_path: Path, sessions: list[int]) -> Store:
    """A store whose pool holds one discovered series, 'Human resources management', of ``sessions``."""
    st = Store(tmp_path / "versions")
    for r in chain(random.Random(9), "Human resources management", sessions, 90):
        st.save(r)
    return st


def test_a_lone_version_naming_texts_not_stored_is_a_series_on_every_run(tmp_path: Path):
    """One stored version whose preamble names an earlier text of its series that is not stored is a
    series of which one text is stored: `series` lists it on every run, with the member not stored, and
    writes its manifest (it wrote the manifest without listing it, then listed it the second time)."""
    st = Store(tmp_path / "versions")
    named = "Recalling its previous resolutions on human resources management, including resolution 70/90 of 1 December 2000,"
    st.save(version("72/90", "Human resources management", [], [named, *body(random.Random(9))]))
    runs = [runner.invoke(app, ["series", "--format", "json", "--store", str(st.root)]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0] and runs[0].stdout == runs[1].stdout
    (listed,) = json.loads(runs[0].stdout)
    assert listed["versions"] == ["A/RES/72/90"] and listed["not_stored"] == ["A/RES/70/90"]
    assert st.series_names() == [listed["series"]]


def test_a_list_on_another_series_subject_names_no_member_of_this_one(tmp_path: Path):
    """A text on one of the Joint Inspection Unit's reports recalls "its previous resolutions on the Joint
    Inspection Unit, including …": the series titled "Joint Inspection Unit" is stored, so the list is its
    history, and the report's own series records none of it as its members not stored (58/277 named 50/233 …
    57/284 A so). Its own subject's list still names its members (72/90)."""
    st = Store(tmp_path / "versions")
    rng = random.Random(11)
    unit = body(rng)
    st.save(version("76/261", "Joint Inspection Unit", [], unit))
    st.save(version("77/279", "Joint Inspection Unit", ["76/261"], evolve(rng, unit)))
    named = (
        "Recalling its previous resolutions on the Joint Inspection Unit, including resolutions 50/233 of "
        "7 June 1996 and 57/284 A of 15 April 2003,"
    )
    title = "Report of the Joint Inspection Unit on management and administration"
    st.save(version("58/277", title, [], [named, *body(rng)]))
    own = "Recalling its previous resolutions on human resources management, including resolution 70/90 of 1 December 2000,"
    st.save(version("72/90", "Human resources management", [], [own, *body(rng)]))
    found = {
        s["title"]: s
        for s in json.loads(runner.invoke(app, ["series", "--format", "json", "--store", str(st.root)]).stdout)
    }
    assert title not in found  # nothing it names is its own: a lone text, in the pool
    assert found["Human resources management"]["not_stored"] == ["A/RES/70/90"]


def test_series_writes_its_manifests_under_the_store_lock(tmp_path: Path):
    st = _pool_store(tmp_path, [70, 71, 72])
    found = rediscover(st)
    done = threading.Event()
    writer = threading.Thread(target=lambda: (save_series(st, found), done.set()))
    with locked(st.root):  # another writer (an import) holds the store
        writer.start()
        assert not done.wait(0.5), "series wrote its manifests while another process held the store's lock"
        assert st.series_names() == []
    writer.join(10)
    assert done.is_set() and st.series_names() == ["human-resources-management"]


def test_a_member_imported_while_series_runs_keeps_its_manifest_entry(tmp_path: Path):
    st = _pool_store(tmp_path, [70, 71, 72])
    save_series(st, rediscover(st))
    found = rediscover(st)  # `resdiff series` has read the store ...
    latest = chain(random.Random(9), "Human resources management", [70, 71, 72, 73], 90)[-1]
    st.save(latest, "human-resources-management")  # ... an import lists 73/90 in the series ...
    save_series(st, found)  # ... and series writes what it found
    assert [e.symbol for e in st.manifest("human-resources-management").entries] == [
        "A/RES/70/90",
        "A/RES/71/90",
        "A/RES/72/90",
        "A/RES/73/90",
    ]
    assert st.check() == []


def _renamed(rng: random.Random, earlier: list[Resolution], symbol: str, title: str, kept: int) -> Resolution:
    """A version under a rewritten title that recalls the last of ``earlier`` on its own in its first
    preambular paragraph and keeps ``kept`` of its paragraphs."""
    last = earlier[-1]
    carried = [p.text for p in last.paragraphs if p.part is Part.PREAMBLE and p.id != "PP1"][:kept]
    return version(symbol, title, [last.symbol.removeprefix("A/RES/")], carried + body(rng, 6 - kept))


def test_a_rewritten_title_that_recalls_its_predecessor_alone_and_goes_on_continues_it():
    """ "Realizing the MDGs for persons with disabilities" → "Inclusive development for persons with
    disabilities" (69/142 → 71/165): the later recalls the earlier on its own first, and is itself
    continued under its new title. A one-off under another title that recalls a series' last member
    the same way is not continued by anything, and stays out."""
    rng = random.Random(11)
    old = chain(
        rng, "Realizing the Millennium Development Goals for persons with disabilities towards 2015", [65, 67, 69], 50
    )
    first = _renamed(rng, old, "71/60", "Inclusive development for persons with disabilities", kept=1)
    e = link_evidence(profile(old[-1]), profile(first))
    assert e.title_changed and e.named_alone and 0.3 <= e.opening_similarity < 0.45  # below the old rule's 0.45
    later = chain(rng, "Inclusive development for persons with disabilities", [73, 75], 60)
    later = [
        version(r.symbol.removeprefix("A/RES/"), r.title or "", ["71/60"], [p.text for p in first.paragraphs[1:-1]])
        for r in later
    ]
    assert ("65/50", "67/50", "69/50", "71/60", "73/60", "75/60") in groups(discover(old + [first, *later]))
    # Not continued: a one-off recalling the series' last member.
    assert ("71/60",) in groups(discover(old + [first]))


def test_a_predecessor_recalled_late_in_the_preamble_is_not_named_alone():
    """Only the first preambular paragraphs say what a text continues ("Recalling its resolution
    57/337 on the prevention of armed conflict" as the seventh paragraph of 65/283 on mediation)."""
    rng = random.Random(12)
    old = chain(rng, "Prevention of armed conflict", [57, 59, 61], 70)
    text = body(rng, 6) + [f"Recalling its resolution {old[-1].symbol.removeprefix('A/RES/')} of 1 December 2000,"]
    late = version("65/80", "Strengthening the role of mediation", [], text)
    assert not link_evidence(profile(old[-1]), profile(late)).named_alone


SERIES_FIXTURES = Path(__file__).parent / "fixtures" / "corpus-series"


def _corpus(*names: str) -> list[Resolution]:
    from resdiff.ingest import read_file

    folder = {n: SERIES_FIXTURES for n in names} | {
        n: SERIES_FIXTURES.parent / "corpus-json" for n in names if n.startswith("A_RES_75_290")
    }
    return [read_file(folder[n] / f"{n}.json")[0] for n in names]


def test_real_rename_recalled_alone_joins_its_series():
    found = groups(discover(_corpus("A_RES_69_142", "A_RES_71_165", "A_RES_73_142")))
    assert found == {("69/142", "71/165", "73/142")}


def test_the_part_a_later_title_names_is_the_one_it_continues():
    """78/285 recalls 75/290 A and B of one day and is titled "Review of the implementation of General
    Assembly resolution 75/290 A on the strengthening of the Economic and Social Council and resolution
    75/290 B on …": it continues part A's series (68/1, 72/305, each title naming the member before),
    though its opening is nearer part B's. Part B, stored under part A's title (which names 72/305,
    a resolution B does not recall), continues 74/298, the review it recalls alone."""
    names = ("A_RES_68_1", "A_RES_72_305", "A_RES_74_298", "A_RES_75_290_A", "A_RES_75_290_B", "A_RES_78_285")
    found = groups(discover(_corpus(*names)))
    assert found == {("68/1", "72/305", "75/290 A", "78/285"), ("74/298", "75/290 B")}


def test_titles_on_other_places_stay_apart():
    """ "Sustainable tourism and sustainable development in Central Asia" (74/214) is not Central
    America's series (76/201, 78/145 "… in Central America and the Dominican Republic"), though its
    opening is much the same."""
    found = groups(discover(_corpus("A_RES_74_214", "A_RES_76_201", "A_RES_78_145")))
    assert found == {("74/214",), ("76/201", "78/145")}


def test_a_text_recalled_by_its_title_beside_the_later_s_own_series_stays_apart():
    """75/229 "Promotion of sustainable tourism, including ecotourism, …" recalls 74/214 "on sustainable tourism and
    sustainable development in Central Asia" and, beside it, "its resolutions 69/233 …, 71/240 … and 73/245 …" on its
    own title, all before 74/214: two subjects, each named by its title, its own a series before 74/214 was adopted.
    In a store holding only these two (the full corpus holds 73/245, which 75/229 continues), they stay apart."""
    found = discover(_corpus("A_RES_74_214", "A_RES_75_229"))
    assert groups(found) == {("74/214",), ("75/229",)}


def test_a_regional_text_and_the_general_series_under_a_changed_title_stay_apart():
    """78/145 "Sustainable and resilient tourism and sustainable development in Central America and the Dominican
    Republic" recalls 77/178 "Promotion of sustainable and resilient tourism, including ecotourism, …" and carries
    much of its opening, as 77/178 carries 74/214's (Central Asia), which it recalls: a regional text beside the
    general series, not its member. In stores of two (the full corpus holds each one's own series), they stay apart."""
    assert groups(discover(_corpus("A_RES_77_178", "A_RES_78_145"))) == {("77/178",), ("78/145",)}
    assert groups(discover(_corpus("A_RES_74_214", "A_RES_77_178"))) == {("74/214",), ("77/178",)}


def test_a_general_text_recalling_a_regional_one_alone_as_its_predecessor_does_not_continue_it():
    """77/178 "Promotion of sustainable and resilient tourism …" recalls 76/201 (tourism in Central America) on its own as
    its latest resolution and carries its opening over, and 79/220 continues 77/178: the predecessor link (see
    is_predecessor_link) is refused a regional text beside the general series as the recall link is."""
    found = discover(_corpus("A_RES_76_201", "A_RES_77_178", "A_RES_79_220"))
    assert groups(found) == {("76/201",), ("77/178", "79/220")}


def test_a_text_titled_after_an_act_on_the_later_s_subject_is_not_its_history_under_an_older_title():
    """70/219 "Women in development" opens on "its resolutions 50/104 …, 68/227 …, 69/236 … and all its other
    resolutions on women in development"; of that history the store holds only 69/236 "World Survey on the Role of
    Women in Development", whose title holds the later's whole as the object of the survey: an act on the subject,
    not the series under an older title (the hand-checked lists keep 69/236 apart). 70/219 and 74/235 stay one."""
    found = discover(_corpus("A_RES_69_236", "A_RES_70_219", "A_RES_74_235"))
    assert groups(found) == {("69/236",), ("70/219", "74/235")}


def test_an_earlier_titled_after_a_review_of_the_later_s_subject_needs_the_opening_of_another_title():
    """65/177 "Operational activities for development of the United Nations system" recalls 62/208 "on the triennial
    comprehensive policy review of operational activities for development of the United Nations system" and carries
    a third of its opening over: the earlier's title holds the later's whole as the object of a review, so the two
    share words because 62/208 is about 65/177's subject (the hand-checked lists put 62/208 in the review's series,
    65/177 in the annual one). Alone in a store, they stay apart."""
    assert groups(discover(_corpus("A_RES_62_208", "A_RES_65_177"))) == {("62/208",), ("65/177",)}


def test_a_title_naming_another_resolution_is_not_taken_for_the_one_recalled_first():
    """68/1 "Review of the implementation of General Assembly resolution 61/16 on the strengthening of
    the Economic and Social Council" recalls 67/290 (the forum's format) alone first, and 61/16 after
    it: its title says what it continues, and it is not 67/290's. A title naming a resolution the
    preamble does not recall says nothing (75/290 B is stored under the title of part A, which names
    72/305; B recalls 74/298, the forum's review, and continues it)."""
    rng = random.Random(13)
    old = chain(rng, "Format and organizational aspects of the forum", [63, 65, 67], 90)
    title = "Review of the implementation of General Assembly resolution 61/16 on the strengthening of the Council"
    carried = [p.text for p in old[-1].paragraphs if p.part is Part.PREAMBLE and p.id != "PP1"][:1]
    recalls = [
        "Recalling its resolution 67/90 of 1 December 2000,",
        "Recalling also its resolution 61/16 of 1 December 2000,",
    ]
    first = version("68/1", title, [], recalls + carried + body(rng, 4))
    later = version("72/1", title, ["68/1"], [p.text for p in first.paragraphs[2:-1]])
    e = link_evidence(profile(old[-1]), profile(first))
    assert e.named_alone and e.chain and e.titled_other and 0.3 <= e.opening_similarity
    assert ("68/1", "72/1") in groups(discover(old + [first, later]))
    uncorroborated = version("68/1", title, [], recalls[:1] + carried + body(rng, 4))
    assert not link_evidence(profile(old[-1]), profile(uncorroborated)).titled_other


def test_the_one_stored_member_of_a_series_history_joins_it_under_its_older_title():
    """70/128 "Cooperatives in social development" opens by recalling its series' history ("its
    resolutions 47/90 …, 49/155 …, 51/58 …, 54/123 …"), of which only 51/58 ("The role of cooperatives
    in the light of new economic and social trends", 19 sessions earlier) is stored: 51/58 is its
    member under an older title. When another resolution of that list is stored too, the list does
    not single one out, and nothing joins."""

    rng = random.Random(14)
    third = "Third Committee"
    old = [
        replace(r, committee=third)
        for r in chain(rng, "The role of cooperatives in the light of new economic and social trends", [51], 58)
    ]
    history = ["47/90", "49/155", "51/58", "54/123"]
    kept = [p.text for p in old[0].paragraphs if p.part is Part.PREAMBLE and p.id != "PP1"][:1]
    text = kept + body(rng, 5)
    new = [
        replace(version(f"{s}/128", "Cooperatives in social development", history, text), committee=third)
        for s in (70, 72)
    ]
    e = link_evidence(profile(old[0]), profile(new[0]))
    assert e.in_history and e.title_changed and not e.chain and 0.2 <= e.opening_similarity < 0.45
    assert ("51/58", "70/128", "72/128") in groups(discover(old + new))
    other = version("54/123", "Status of women in rural areas", [], body(rng))
    assert ("51/58",) in groups(discover([*old, other, *new]))


def test_crisis_texts_of_one_title_recalled_among_another_series_texts_stay_apart():
    """71/130 "The situation in the Syrian Arab Republic" (plenary, 2016) recalls 66/253 (the same
    title, 2012) only in a list of the Assembly's Syria texts of two series ("66/176, 66/253 A and B,
    67/183, 67/262, 68/182, 69/189 and 70/234": the Third Committee's human rights texts and the
    plenary's), and names 70/234 as its latest: across the hole, the chain does not say 66/253 is
    its predecessor, and the opening does not carry over (0.24). Two one-offs."""
    found = _corpus("A_RES_66_253", "A_RES_71_130")
    e = link_evidence(profile(found[0]), profile(found[1]))
    assert e.recalls and e.same_title and e.mixed and not e.chain and e.opening_similarity < 0.45
    assert groups(discover(found)) == {("66/253",), ("71/130",)}


def test_a_same_title_series_across_a_hole_joins_when_its_history_is_one_chain():
    """A member recalled across a hole in a list naming one text a session (the members not stored)
    joins; the same list naming two texts of one session in the hole (two series' histories) does not
    say so, and a later text whose opening does not carry over stays apart; one whose opening carries
    over as fully as it would link alone joins whatever the list."""
    rng = random.Random(15)
    title = "The situation in the Republic of Examplia"
    early = version("66/20", title, [], body(rng))
    kept = [p.text for p in early.paragraphs if p.part is Part.PREAMBLE][:2]

    def later(recalls: list[str], carried: int) -> Resolution:
        return version("71/30", title, recalls, kept[:carried] + body(rng, 6 - carried))

    one_chain = ["66/20", "67/30", "68/30", "69/30", "70/30"]
    two_series = ["66/20", "67/30", "67/140", "68/30", "69/30", "70/30"]
    assert ("66/20", "71/30") in groups(discover([early, later(one_chain, 1)]))
    mixed = later(two_series, 1)
    e = link_evidence(profile(early), profile(mixed))
    assert e.mixed and not e.chain and e.opening_similarity < 0.45
    assert ("66/20",) in groups(discover([early, mixed]))
    assert ("66/20", "71/30") in groups(discover([early, later(two_series, 6)]))


def test_a_series_naming_its_older_title_beside_its_own_takes_the_text_under_it():
    """77/221 "Freedom of religion or belief" recalls "its previous resolutions on freedom of religion
    or belief and on the elimination of all forms of intolerance and of discrimination based on
    religion or belief": its series under both titles. 66/168, under the older title 11 sessions
    before (nothing between stored, not recalled), is its member."""
    found = _corpus("A_RES_66_168", "A_RES_77_221", "A_RES_78_212")
    e = link_evidence(profile(found[0]), profile(found[1]))
    assert e.older_title and e.title_changed and not e.recalls and e.apart > 4
    assert groups(discover(found)) == {("66/168", "77/221", "78/212")}


def test_an_older_title_is_one_named_beside_the_series_own():
    """Only a list of subjects naming the text's own title says the others are its older titles: a
    subject named alone may be another series' ("its previous resolutions on national institutions
    for the promotion and protection of human rights" in the ombudsman series)."""
    rng = random.Random(16)
    old = version("60/10", "National institutions for human rights", [], body(rng))
    text = [p.text for p in old.paragraphs if p.part is Part.PREAMBLE][:4] + body(rng, 2)

    def later(subjects: str) -> Resolution:
        recall = f"Recalling its previous resolutions on {subjects}, including resolution 71/20 of 1 December 2016,"
        return version("72/20", "The role of ombudsman institutions", [], [recall, *text])

    both = later("the role of ombudsman institutions and on national institutions for human rights")
    e = link_evidence(profile(old), profile(both))
    assert e.older_title and e.title_changed and 0.6 <= e.opening_similarity < 0.8
    assert ("60/10", "72/20") in groups(discover([old, both]))
    alone = later("national institutions for human rights")
    assert not link_evidence(profile(old), profile(alone)).older_title
    assert ("60/10",) in groups(discover([old, alone]))


def test_a_text_that_renames_its_subject_continues_the_text_under_the_old_name():
    """70/199 "United Nations forest instrument" recalls 62/98 ("Non-legally binding instrument on all
    types of forests") alone and "decides … to rename the non-legally binding instrument on all types of
    forests the United Nations forest instrument": a rename its text states, however little of the
    opening carries over (0.22); 71/286 goes on under the new title."""
    found = _corpus("A_RES_62_98", "A_RES_70_199", "A_RES_71_286")
    e = link_evidence(profile(found[0]), profile(found[1]))
    assert e.renamed and e.recalls and e.opening_similarity < 0.3
    assert groups(discover(found)) == {("62/98", "70/199", "71/286")}


def test_only_a_rename_the_text_states_renames():
    """The old name recalled, or renamed into another name than the text's title, is no rename."""
    rng = random.Random(17)
    old = version("62/40", "Charter of cooperation on all types of rivers", [], body(rng))
    title = "Global river compact"

    def later(clause: str) -> Resolution:
        text = [p.text for p in old.paragraphs if p.part is Part.PREAMBLE][:1] + body(rng, 5) + [clause]
        return version("70/50", title, ["62/40"], text)

    states = later("Decides to rename the charter of cooperation on all types of rivers the global river compact;")
    assert link_evidence(profile(old), profile(states)).renamed
    assert ("62/40", "70/50") in groups(discover([old, states]))
    for clause in (
        "Recalling the charter of cooperation on all types of rivers and the global river compact;",
        "Decides to rename the charter of cooperation on all types of rivers the river partnership;",
        "Decides to rename the global river compact the charter of cooperation on all types of rivers;",
    ):
        other = later(clause)
        assert not link_evidence(profile(old), profile(other)).renamed
        assert ("62/40",) in groups(discover([old, other]))


def test_an_act_that_establishes_or_receives_the_event_it_is_titled_after_heads_no_series():
    """60/251 "Human Rights Council" ("Decides to establish the Human Rights Council …") is not the
    first of 65/281 "Review of the Human Rights Council"; 76/181 "Fourteenth United Nations Congress on
    Crime Prevention and Criminal Justice" ("Expresses its satisfaction with the results achieved by
    the Fourteenth … Congress", endorses its Kyoto Declaration) and 54/68 (UNISPACE III, "Takes note
    with satisfaction of the report of the Third United Nations Conference on …") are the outcomes the
    follow-up and review texts recall. 66/213 "Fourth United Nations Conference on the Least Developed
    Countries", which takes note of the Secretary-General's report on the Conference's outcome, is the
    first follow-up, and stays in the series."""
    assert groups(discover(_corpus("A_RES_60_251", "A_RES_65_281"))) == {("60/251",), ("65/281",)}
    congress = _corpus("A_RES_76_181", "A_RES_78_223", "A_RES_79_186")
    assert groups(discover(congress)) == {("76/181",), ("78/223", "79/186")}
    assert groups(discover(_corpus("A_RES_54_68", "A_RES_59_2"))) == {("54/68",), ("59/2",)}
    assert groups(discover(_corpus("A_RES_66_213", "A_RES_68_224"))) == {("66/213", "68/224")}


def test_a_final_review_heads_no_series():
    """57/7 "Final review and appraisal of the United Nations New Agenda for the Development of Africa in
    the 1990s and support for the New Partnership for Africa's Development" brings the New Agenda to a
    close; 58/233, which recalls it alone, begins NEPAD's own series (75/322, 79/263)."""
    found = groups(discover(_corpus("A_RES_57_7", "A_RES_58_233", "A_RES_75_322", "A_RES_79_263")))
    assert found == {("57/7",), ("58/233", "75/322", "79/263")}


@pytest.mark.parametrize("seed", range(6))
def test_an_established_body_or_a_held_event_is_apart_from_the_texts_that_review_it(seed: int):
    """Generated: a text whose operative part establishes what it is titled after, or receives the
    report of the conference it is titled after, stands apart from the "Review of …"/"Follow-up to …"
    series that recalls it; the same text without that paragraph (or taking note of the Secretary-
    General's report on the conference's outcome, a follow-up's act) is the series' first member."""
    rng = random.Random(seed)
    name = rng.choice(["Peacebuilding Commission", "Office of Counter-Terrorism", "Ocean Science Council"])
    event = f"{rng.choice(['Third', 'Fifth', 'Ninth'])} United Nations Conference on {rng.choice(['Forests', 'Water'])}"
    for title, follow_up, act, routine in (
        (name, f"Review of the {name}", f"Decides to establish the {name}, based in Geneva;", None),
        (
            event,
            f"Follow-up to the {event}",
            f"Takes note with satisfaction of the report of the {event};",
            f"Takes note of the report of the Secretary-General on the outcome of the {event};",
        ),
    ):
        text = body(rng)

        def first(operative: str | None, text: list[str] = text, title: str = title) -> Resolution:
            r = version("60/10", title, [], text)
            extra = (para("OP2", operative, Part.OPERATIVE),) if operative else ()
            return Resolution(r.symbol, r.title, items=r.items + extra)

        later = [version(f"{s}/20", follow_up, ["60/10"], evolve(rng, text)) for s in (62, 64)]
        assert groups(discover([first(act), *later])) == {("60/10",), ("62/20", "64/20")}
        assert groups(discover([first(routine), *later])) == {("60/10", "62/20", "64/20")}


def test_a_standing_body_called_a_conference_that_reports_every_year_is_a_series():
    """ "Takes note of the report of the United Nations Conference on Trade and Development" is a standing
    body's yearly report, not the outcome of a meeting held once (that needs an ordinal or a year)."""
    rng = random.Random(21)
    title = rng.choice(["United Nations Conference on Trade and Development", "Conference on Disarmament"])
    members = []
    for r in chain(rng, title, [70, 71, 72], 30):
        report = para("OP2", f"Takes note of the report of the {title} on its session;", Part.OPERATIVE)
        members.append(Resolution(r.symbol, r.title, items=r.items + (report,)))
    assert groups(discover(members)) == {("70/30", "71/30", "72/30")}


def test_an_adopting_text_that_puts_its_own_title_on_the_agenda_starts_its_series():
    """45/264 "Restructuring and revitalization of the United Nations in the economic, social and related
    fields" adopts the text annexed to it, and "Decides to include in the provisional agenda of its
    forty-sixth session an item entitled" its own title: the first of a recurring item, continued as
    "Further measures for the restructuring and revitalization …" (48/162, 50/227)."""
    found = groups(discover(_corpus("A_RES_45_264", "A_RES_48_162", "A_RES_50_227")))
    assert found == {("45/264", "48/162", "50/227")}


@pytest.mark.parametrize("seed", range(4))
def test_an_adopted_annex_is_a_one_off_unless_its_title_goes_on_the_agenda(seed: int):
    rng = random.Random(seed)
    title = rng.choice(["Strategy for rural water supply", "Framework for statistical capacity-building"])
    text = body(rng)
    adopts = para("OP2", f"Adopts the text annexed to the present resolution on the {title};", Part.OPERATIVE)
    agenda = para(
        "OP3",
        f"Decides to include in the provisional agenda of its sixty-first session an item entitled “{title}”.",
        Part.OPERATIVE,
    )
    later = [version(f"{s}/20", title, ["60/10"], evolve(rng, text)) for s in (61, 62)]

    def first(*operative: Paragraph) -> Resolution:
        r = version("60/10", title, [], text)
        return Resolution(r.symbol, r.title, items=r.items + operative)

    assert groups(discover([first(adopts), *later])) == {("60/10",), ("61/20", "62/20")}
    assert groups(discover([first(adopts, agenda), *later])) == {("60/10", "61/20", "62/20")}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(40, 79), min_size=1, max_size=12, unique=True), st.data())
def test_a_history_of_one_text_a_session_mixes_nothing(sessions: list[int], data):
    """A list naming one text a session is one series' history: nothing in it is mixed. A second text
    in a session strictly between a text and the latest named marks the earlier texts, and only them."""
    sessions = sorted(sessions)
    named = tuple(f"A/RES/{s}/{10 + k}" for k, s in enumerate(sessions))
    assert mixed_recalls([RecallList(named)]) == frozenset()
    if len(sessions) >= 3:
        between = data.draw(st.sampled_from(sessions[1:-1]))
        extra = f"A/RES/{between}/999"
        marked = mixed_recalls([RecallList((*named, extra))])
        assert marked == {x for x in named if int(x.split("/")[2]) < between}
        # named again in a list of one series' history, a text is not mixed
        assert not marked & mixed_recalls([RecallList((*named, extra)), RecallList(named)])


def test_a_title_kept_with_a_compound_written_solid_or_another_period_is_the_same_title():
    # "… question of peace-keeping operations …" (49/37, 1994) and "… peacekeeping …" (72/304, 2018);
    # "Special subjects relating to the proposed programme budget for the biennium 2002–2003" and "… 2006–2007".
    assert groups(discover(_corpus("A_RES_49_37", "A_RES_72_304"))) == {("49/37", "72/304")}
    assert groups(discover(_corpus("A_RES_56_255", "A_RES_60_248"))) == {("56/255", "60/248")}


@pytest.mark.parametrize("seed", range(4))
def test_a_one_off_act_for_another_period_is_another_act(seed: int):
    """Programmes of action for two decades are two acts; a recurring title for two bienniums is one series."""
    rng = random.Random(seed)
    text = body(rng)
    for title, joined in (
        ("Programme of Action for Landlocked Developing Countries for the Decade {}", False),
        ("Special subjects relating to the proposed programme budget for the biennium {}", True),
    ):
        first = version("69/137", title.format("2014–2024"), [], text)
        second = version("79/233", title.format("2024–2034"), [], evolve(rng, text))
        found = groups(discover([first, second]))
        assert found == ({("69/137", "79/233")} if joined else {("69/137",), ("79/233",)})


def test_an_act_on_one_country_is_no_member_of_the_general_series():
    """ "Graduation of countries from the least developed country category" (68/18, 73/133) is a series; the
    acts on one country's graduation, extension or deferral under it (76/8, 77/323, 78/125, 78/126, 79/230)
    recall it and share its opening, and are each a one-off."""
    found = groups(
        discover(_corpus("A_RES_68_18", "A_RES_73_133", "A_RES_76_8", "A_RES_77_323", "A_RES_78_125", "A_RES_78_126"))
        + discover(_corpus("A_RES_68_18", "A_RES_76_8", "A_RES_79_230"))
    )
    assert found == {("68/18", "73/133"), ("68/18",), ("76/8",), ("77/323",), ("78/125",), ("78/126",), ("79/230",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_country_named_in_the_general_title_s_place_makes_a_one_off(seed: int):
    rng = random.Random(seed)
    text = body(rng)
    general = "Graduation of countries from the least developed country category"
    country = rng.choice(["Bhutan", "Sao Tome and Principe", "the Lao People’s Democratic Republic"])
    series = [version(f"{s}/18", general, [], evolve(rng, text)) for s in (68, 73)]
    act = version("78/125", general.replace("countries", country[0].upper() + country[1:]), ["73/18"], text)
    same = version("78/125", general, ["73/18"], text)
    assert groups(discover([*series, act])) == {("68/18", "73/18"), ("78/125",)}
    assert groups(discover([*series, same])) == {("68/18", "73/18", "78/125")}


def test_two_texts_a_third_names_on_their_subject_are_one_series_across_committees():
    """65/286 (plenary, "Implementing the smooth transition strategy for countries graduating …") and 67/221
    (Second Committee, "Smooth transition for countries graduating …", recalling 65/286, opening 0.44): 68/18
    names "its resolutions 59/209 …, 65/286 … and 67/221 … on a smooth transition for countries graduating
    from the list of least developed countries"; without such a text, the committee change keeps them apart."""
    assert groups(discover(_corpus("A_RES_65_286", "A_RES_67_221"))) == {("65/286",), ("67/221",)}
    found = groups(discover(_corpus("A_RES_65_286", "A_RES_67_221", "A_RES_68_18")))
    assert ("65/286", "67/221") in found


def test_an_act_endorsing_the_declaration_it_is_titled_as_is_a_one_off():
    """71/312 "Our ocean, our future: call for action" and 76/296 "Our ocean, our future, our
    responsibility" each endorse "the declaration entitled" as the text is titled, adopted by one ocean
    conference: two acts, not a series, however alike their openings (0.79)."""
    found = _corpus("A_RES_71_312", "A_RES_76_296")
    assert all(profile(r).adopts for r in found)
    assert groups(discover(found)) == {("71/312",), ("76/296",)}


@pytest.mark.parametrize("seed", range(4))
def test_only_an_endorsement_of_the_title_itself_makes_a_one_off(seed: int):
    """Endorsing a document entitled as the text is makes it that document's act; endorsing another one
    (a committee's recommendations), or the title named without "entitled", does not."""
    rng = random.Random(seed)
    title = rng.choice(["Our rivers, our future", "Call for action on clean air"])
    found_with = _first_with_clause(rng, title)
    assert found_with(f"Endorses the declaration entitled “{title}” adopted by the Conference;") == {
        ("60/10",),
        ("61/20",),
    }
    for clause in (
        "Endorses the declaration entitled “A shared future” adopted by the Conference;",
        f"Endorses the recommendations of the Special Committee on {title.lower()};",
        f"Takes note of the declaration entitled “{title}”;",
    ):
        assert found_with(clause) == {("60/10", "61/20")}, clause


def _first_with_clause(rng: random.Random, title: str):
    """The series found in a text 60/10 under ``title`` with one operative clause, and 61/20 recalling it."""
    text = body(rng)
    later = version("61/20", title, ["60/10"], evolve(rng, text))

    def found_with(clause: str) -> set[tuple[str, ...]]:
        r = version("60/10", title, [], text)
        first = Resolution(r.symbol, r.title, items=[*r.items, para("OP2", clause, Part.OPERATIVE)])
        return groups(discover([first, later]))

    return found_with


def test_a_report_of_a_meeting_that_opens_its_follow_up_item_is_a_one_off():
    """49/128 "Report of the International Conference on Population and Development" takes note of the
    Conference's report and puts on the agenda an item "Implementation of the Programme of Action of the
    International Conference …": the outcome of a meeting held once (its title has no ordinal), not the
    first of 51/176's series, which recalls it under that item's title."""
    assert groups(discover(_corpus("A_RES_49_128", "A_RES_51_176"))) == {("49/128",), ("51/176",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_standing_body_s_report_on_its_own_item_heads_its_series(seed: int):
    """A report of a meeting handed on to a follow-up item is a one-off; a standing body's report put on the
    agenda under its own title, or an item that follows up something else, is not."""
    rng = random.Random(seed)
    body_name = rng.choice(["World Forum on Water Security", "Committee on Coastal Fisheries"])
    title = f"Report of the {body_name}"
    text = body(rng)
    later = version("61/20", title, ["60/10"], evolve(rng, text))

    def first(item: str) -> Resolution:
        clause = f"Decides to include in the provisional agenda of its sixty-first session an item entitled “{item}”;"
        r = version("60/10", title, [], text)
        return Resolution(r.symbol, r.title, items=[*r.items, para("OP2", clause, Part.OPERATIVE)])

    handed_on = first(f"Implementation of the outcome of the {body_name}")
    assert groups(discover([handed_on, later])) == {("60/10",), ("61/20",)}
    for item in (title, "Implementation of the outcome of the World Summit for Social Development"):
        assert groups(discover([first(item), later])) == {("60/10", "61/20")}, item


def test_a_decade_proclaimed_by_a_decision_is_a_one_off():
    """78/314 "United Nations Decade on Combating Sand and Dust Storms (2025–2034)" and 73/284 "United Nations
    Decade on Ecosystem Restoration (2021–2030)" each "Decides to proclaim" the decade they are titled after: one-off
    acts, no member of the annual "Combating sand and dust storms" text (79/212) that recalls the decade among
    other texts, nor of "Nature knows no borders …" (75/271), which recalls 73/284 as one of six background texts."""
    found = _corpus("A_RES_78_314", "A_RES_79_212", "A_RES_73_284", "A_RES_75_271")
    assert [profile(r).adopts for r in found] == [True, False, True, False]
    assert groups(discover(found)) == {("73/284",), ("75/271",), ("78/314",), ("79/212",)}


def test_a_follow_up_adopted_later_in_the_session_joins_its_text():
    """64/254 "Second follow-up to the report of the United Nations Fact-Finding Mission on the Gaza Conflict"
    (February 2010) recalls 64/10 "Follow-up to …" (November 2009); 60/283 "Investing in the United Nations for
    a stronger Organization worldwide: detailed report" (July 2006) recalls 60/260 (May 2006) and decides what
    it deferred. Each pair is one series though both texts are of one session."""
    found = _corpus("A_RES_60_260", "A_RES_60_283", "A_RES_64_10", "A_RES_64_254")
    assert groups(discover(found)) == {("60/260", "60/283"), ("64/10", "64/254")}


def test_a_series_manifest_lists_one_session_s_resolutions_in_the_order_of_their_numbers(tmp_path: Path):
    """Two members of one session (a text and its follow-up) stand in the manifest as they were adopted: 64/9
    before 64/10, not in the order of their symbols as strings."""
    rng = random.Random(3)
    text = body(rng)
    first = version("64/9", "Follow-up to the Kampala Water Compact", [], text, "2009-11-05")
    second = version(
        "64/10", "Second follow-up to the Kampala Water Compact", ["64/9"], evolve(rng, text), "2010-02-26"
    )
    st = Store(tmp_path / "versions")
    for r in (second, first):
        st.save(r)
    save_series(st, rediscover(st))
    [name] = st.series_names()
    assert [e.symbol for e in st.manifest(name).entries] == ["A/RES/64/9", "A/RES/64/10"]


def test_parts_of_one_resolution_and_a_meeting_s_preparations_stay_apart_within_a_session():
    """66/253 A and B ("The situation in the Syrian Arab Republic", February and August 2012) are parts of one
    resolution; 78/261 convenes the World Social Summit and 78/318 sets its modalities: texts that prepare one
    meeting. Neither later text is the earlier's follow-up."""
    found = _corpus("A_RES_66_253", "A_RES_66_253_B", "A_RES_78_261", "A_RES_78_318")
    assert groups(discover(found)) == {("66/253",), ("66/253 B",), ("78/261",), ("78/318",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_follow_up_of_one_session_is_joined_end_to_start(seed: int):
    """A text followed up later in its session (recalled, its title kept or framed "Second follow-up to …") is one
    series with it, in the order of adoption, and the series goes on; adopted the same day, or not recalled,
    the later text stays apart."""
    rng = random.Random(seed)
    subject = rng.choice(["the report of the Commission on Coastal Erosion", "the Kampala Water Compact"])
    text = body(rng)
    first = version("59/5", f"Follow-up to {subject}", [], text, "2004-12-01")
    earlier = version("60/10", f"Follow-up to {subject}", ["59/5"], evolve(rng, text), "2005-11-20")
    later_title = rng.choice([f"Second follow-up to {subject}", f"Follow-up to {subject}"])
    later = version("60/90", later_title, ["60/10"], evolve(rng, text), "2006-03-02")
    after = version("61/12", later_title, ["60/90"], evolve(rng, text), "2006-11-30")
    found = discover([after, later, earlier, first])
    assert [s.symbols for s in found] == [["A/RES/59/5", "A/RES/60/10", "A/RES/60/90", "A/RES/61/12"]]
    same_day = replace(later, adopted=earlier.adopted)
    assert groups(discover([earlier, same_day])) == {("60/10",), ("60/90",)}
    unrecalled = version("60/90", later_title, [], evolve(rng, text), "2006-03-02")
    assert groups(discover([earlier, unrecalled])) == {("60/10",), ("60/90",)}


def test_a_renamed_text_recalling_its_predecessor_by_its_title_joins_it():
    """77/288 "Persistent legacy of the Chernobyl disaster" reaffirms "its resolution 68/99 of 13 December 2013 on
    the strengthening of international cooperation and coordination of efforts to study, mitigate and minimize
    the consequences of the Chernobyl disaster" (68/99's own title), nine sessions later; 73/185 "The rule of law,
    crime prevention and criminal justice in the context of the Sustainable Development Goals" recalls 67/186,
    "entitled “Strengthening the rule of law and the reform of criminal justice institutions …”". Each is the
    only text of its committee the later names so, and nothing else names the earlier so: two series."""
    found = _corpus("A_RES_67_186", "A_RES_73_185", "A_RES_68_99", "A_RES_77_288")
    assert groups(discover(found)) == {("67/186", "73/185"), ("68/99", "77/288")}


def test_a_renamed_successor_that_recalls_its_predecessor_and_repeats_its_paragraphs_joins_it():
    """76/305 "Financing for peacebuilding" (plenary), 78/257 "Investing in prevention and peacebuilding" (Fifth
    Committee), 79/262 "Revision of the terms of reference of the Peacebuilding Fund": each recalls the one before
    alone as its latest resolution and repeats its paragraphs nearly verbatim (three, then two)."""
    found = _corpus("A_RES_76_305", "A_RES_78_257", "A_RES_79_262")
    assert groups(discover(found)) == {("76/305", "78/257", "79/262")}
    series = discover(found)[0]
    assert "repeats 3 of its paragraphs" in series.members[1].evidence


def test_a_series_member_quoted_by_another_text_is_not_continued_by_it():
    """77/159 (Second Committee, on parliaments and the Goals) recalls 76/270 on the Inter-Parliamentary Union
    alone and repeats three of its paragraphs, but 76/270 is a member of its own series (72/278); 68/18 on
    graduation repeats 67/221 on a smooth transition, each a member of its own series."""
    found = _corpus("A_RES_72_278", "A_RES_76_270", "A_RES_77_159")
    assert groups(discover(found)) == {("72/278", "76/270"), ("77/159",)}
    found = _corpus("A_RES_65_286", "A_RES_67_221", "A_RES_68_18", "A_RES_73_133")
    assert groups(discover(found)) == {("65/286", "67/221"), ("68/18", "73/133")}


@pytest.mark.parametrize("seed", range(4))
def test_a_renamed_text_repeating_its_predecessor_joins_it_only_alone_and_unrivalled(seed: int):
    """A later text under a rewritten title, in another committee, that recalls an earlier one alone and repeats
    two of its paragraphs is its successor (the closing request both end on is one of them: 79/262 repeats 78/257's
    "Takes note of the report of the Secretary-General;" and one paragraph of substance); not with only the closing
    request repeated, nor when another text does the same."""
    rng = random.Random(seed)
    subject = rng.choice(["peacebuilding", "desertification"])
    kept = body(rng, 4)
    earlier = replace(version("74/20", f"Financing for {subject}", [], kept + body(rng, 4)), committee="plenary")
    recall = "Recalling its resolution 74/20 of 1 December 2019, in which it decided to review the arrangements,"

    def later(symbol: str, repeated: int, title: str = f"Investing in the prevention of {subject}") -> Resolution:
        text = [recall, *rng.sample(kept, repeated), *body(rng, 8 - repeated)]
        return replace(version(symbol, title, [], text), committee="Fifth Committee")

    assert groups(discover([earlier, later("76/30", 1)])) == {("74/20", "76/30")}
    assert groups(discover([earlier, later("76/30", 0)])) == {("74/20",), ("76/30",)}
    rival = later("77/40", 3, f"Review of the {subject} architecture")
    assert ("74/20",) in groups(discover([earlier, later("76/30", 2), rival]))


def test_a_text_recalling_two_of_its_committee_s_texts_by_title_joins_neither():
    """68/74 "Recommendations on national legislation relevant to the peaceful exploration and use of outer
    space" recalls 59/115 "on application of the concept of the “launching State”" and 62/101 "on
    recommendations on enhancing the practice of States … in registering space objects": related texts of one
    committee's agenda, not a predecessor."""
    found = _corpus("A_RES_59_115", "A_RES_62_101", "A_RES_68_74")
    assert [s for s, _ in profile(found[2]).titles_recalled if s != "A/RES/68/74"][:2] == [
        "A/RES/59/115",
        "A/RES/62/101",
    ]
    assert groups(discover(found)) == {("59/115",), ("62/101",), ("68/74",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_recall_by_title_links_only_two_texts_no_one_else_claims(seed: int):
    """A later text under a rewritten title, its opening rewritten too, that recalls an earlier one "on <its
    title>" (or "entitled “<its title>”") is its successor; not when it recalls another text of its committee
    so, when another text recalls the earlier so, or when the recall gives another subject."""
    rng = random.Random(seed)
    subject = rng.choice(["the Aral Sea basin", "inland navigation on the Danube"])
    old_title = f"Coordination of efforts on {subject}"
    earlier = version("62/40", old_title, [], body(rng))
    form = rng.choice(["of 3 December 2007 on {t}", "of 3 December 2007, entitled “{t}”"])
    recall = f"Reaffirming its resolution 62/40 {form.format(t=old_title.lower())},"

    def later(*extra: str, symbol: str = "70/12", title: str = f"Persistent challenges of {subject}") -> Resolution:
        return version(symbol, title, [], [extra[0] if extra else recall, *extra[1:], *body(rng)])

    assert groups(discover([earlier, later()])) == {("62/40", "70/12")}
    other = version("64/8", "Cooperation on shared lakes", [], body(rng))
    also = "Recalling its resolution 64/8 of 2 December 2009 on cooperation on shared lakes,"
    assert ("62/40",) in groups(discover([earlier, other, later(recall, also)]))
    rival = later(symbol="69/30", title=f"Water security of {subject}")
    assert ("62/40",) in groups(discover([earlier, rival, later()]))
    elsewhere = recall.replace(old_title.lower(), "the situation of fisheries")
    assert groups(discover([earlier, later(elsewhere)])) == {("62/40",), ("70/12",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_text_named_by_title_that_its_own_series_continues_is_no_rival(seed: int):
    """77/233 recalls 74/174 "on countering child sexual exploitation and sexual abuse online" and, by their
    titles too, texts of series that go on without it (violence against women, bullying): those are no rivals,
    and 74/174 is its predecessor. Titles that share only words of many titles ("… sustainable development")
    are not so linked."""
    rng = random.Random(seed)
    earlier = version("74/60", "Countering the smuggling of migratory birds", [], body(rng))
    neighbour = chain(rng, "Protecting wetlands from drainage", [73, 75], 40)
    recalls = [
        "Recalling its resolution 74/60 of 18 December 2019 on countering the smuggling of migratory birds,",
        "Recalling also its resolution 73/40 of 17 December 2018 on protecting wetlands from drainage,",
    ]
    later = version("77/20", "Strengthening efforts against the smuggling of migratory birds", [], recalls + body(rng))
    assert groups(discover([earlier, *neighbour, later])) == {("73/40", "75/40"), ("74/60", "77/20")}
    fillers = [
        version(f"{60 + k // 4}/{k + 1}", f"Topic {k} and sustainable development", [], body(rng)) for k in range(24)
    ]
    plain = version("74/60", "Sustainable development of coastal towns", [], body(rng))
    about = "Recalling its resolution 74/60 of 18 December 2019 on sustainable development of coastal towns,"
    renamed = version("77/20", "Promoting sustainable development through tourism", [], [about, *body(rng)])
    assert {("74/60",), ("77/20",)} <= groups(discover([*fillers, plain, renamed]))


@pytest.mark.parametrize("seed", range(4))
def test_only_a_decision_to_proclaim_the_title_itself_makes_a_one_off(seed: int):
    """ "Decides to proclaim (or declare) <period> the <title>" is the act "Proclaims …" is; proclaiming something
    else, or another decision on the title (to continue considering it, to designate it a focal point), is not."""
    rng = random.Random(seed)
    name = rng.choice(["United Nations Decade on Coastal Resilience", "International Decade of Mountain Water"])
    found_with = _first_with_clause(rng, f"{name} (2031–2040)")
    verb = rng.choice(["proclaim", "declare"])
    proclaims = f"Decides to {verb} 2031–2040 the {name}, within existing structures and resources;"
    assert found_with(proclaims) == {("60/10",), ("61/20",)}
    for clause in (
        "Decides to proclaim 2031 the International Year of Sustainable Transport;",
        f"Decides to continue its consideration of the {name} at its sixty-first session;",
        f"Decides to designate the {name} as the focal point for coastal data;",
    ):
        assert found_with(clause) == {("60/10", "61/20")}, clause


def test_a_founding_text_two_series_grew_from_joins_neither():
    """302 (IV) "Assistance to Palestine refugees" (1949) established UNRWA: the later "Assistance to Palestine
    refugees" texts (78/74, 79/88) recall it alone beside their own predecessor, and every "Operations of UNRWA" text
    (76/78, 77/122) recalls it as the one stored text of its opening list: the act both grew from, in neither."""
    found = _corpus("A_RES_302(IV)", "A_RES_76_78", "A_RES_77_122", "A_RES_78_74", "A_RES_79_88")
    assert groups(discover(found)) == {("302 (IV)",), ("76/78", "77/122"), ("78/74", "79/88")}


def test_a_founding_text_only_its_own_series_recalls_stays_its_first_member():
    """1472 (XIV) established the outer-space Committee; 1721 (XVI) recalls it as its predecessor and no other
    series recalls it: its first member."""
    found = _corpus("A_RES_1472(XIV)", "A_RES_1721(XVI)")
    assert groups(discover(found)) == {("1472 (XIV)", "1721 (XVI)")}


def test_a_successor_recalling_its_predecessor_alone_under_its_kept_title_joins_it():
    """78/107 "United Nations Programme of Assistance in the Teaching, Study, Dissemination and Wider Appreciation
    of International Law" (2023) recalls 2099 (XX) "Technical assistance to promote the teaching, study,
    dissemination and wider appreciation of international law" (1965) alone, as its latest resolution, in the
    Sixth Committee; every text between is not stored, and little of the opening is left after 58 years: one
    series. 79/28 on the disarmament education study recalls its own history and, beside it, last session's
    78/31 on youth, disarmament and non-proliferation, which it does not continue: apart."""
    found = _corpus("A_RES_2099(XX)", "A_RES_78_107", "A_RES_78_31", "A_RES_79_28")
    assert groups(discover(found)) == {("2099 (XX)", "78/107"), ("78/31",), ("79/28",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_successor_under_its_kept_title_joins_only_in_its_committee_and_its_history(seed: int):
    """A text recalling an earlier one alone as its latest resolution, under its title half kept, continues it
    however little of the opening carries over (the texts between not stored), in the same committee; not in
    another committee, and not when it recalls its own history, without the earlier, before it."""
    rng = random.Random(seed)
    place = rng.choice(["Gondwana", "Laurasia"])
    earlier = replace(
        version("20/99", f"Technical assistance for the teaching of {place} law", [], body(rng)),
        committee="Sixth Committee",
    )

    def later(committee: str, history: list[str]) -> Resolution:
        """78/17, recalling 20/99 alone: in its first paragraph, or after its own history."""
        title = f"Programme of assistance in the teaching of {place} law"
        alone = "Recalling also its resolution 20/99 of 1 December 1965,"
        text = [alone, *body(rng)] if history else body(rng)
        return replace(version("78/17", title, history or ["20/99"], text), committee=committee)

    same = later("Sixth Committee", [])
    assert link_evidence(profile(earlier), profile(same)).opening_similarity < 0.2
    assert groups(discover([earlier, same])) == {("20/99", "78/17")}
    other = replace(same, committee="Fourth Committee")
    assert groups(discover([earlier, other])) == {("20/99",), ("78/17",)}
    told = later("Sixth Committee", ["14/5", "16/7", "18/2"])
    assert groups(discover([earlier, told])) == {("20/99",), ("78/17",)}


def test_an_older_text_of_the_title_its_series_history_recalls_joins_the_series():
    """43/222 "Pattern of conferences" (1988, a yearbook page, committee not read) is recalled by 69/250 in a list
    of its relevant resolutions that also names 57/283 A and B, the member 69/250 continues: the series' history,
    its oldest texts among related ones. Without 57/283 B stored the list names no member of 69/250's series and
    says nothing of its chain; nor does 71/130's list, recalling 66/253 ("The situation in the Syrian Arab
    Republic", crisis texts five sessions apart)."""
    found = _corpus("A_RES_43_222", "A_RES_57_283_B", "A_RES_69_250", "A_RES_79_248", "A_RES_66_253", "A_RES_71_130")
    assert groups(discover(found)) == {("43/222", "57/283 B", "69/250", "79/248"), ("66/253",), ("71/130",)}
    assert groups(discover(_corpus("A_RES_43_222", "A_RES_69_250"))) == {("43/222",), ("69/250",)}


@pytest.mark.parametrize("seed", range(4))
def test_an_older_text_joins_the_one_series_whose_history_list_names_it_beside_a_member(seed: int):
    """An old text under a series' title, recalled by the series' later member only in a list of several series'
    texts (two of one session between), joins that series when the list also names the member it continues;
    not when the member is not stored, and not when a second series of the title (another committee) claims it
    the same way."""
    rng = random.Random(seed)
    title = f"Pattern of {rng.choice(['widgets', 'gadgets'])}"
    first = version("40/12", title, [], body(rng))
    old = replace(first, items=first.items[:-1])  # its opening shares nothing with the later texts' (1988 and 2015)

    def series(number: int, committee: str) -> list[Resolution]:
        text = body(rng)
        first = replace(version(f"70/{number}", title, [], text), committee=committee)
        later = version(f"72/{number}", title, ["40/12", "41/5", "60/7", "60/9", f"70/{number}"], evolve(rng, text))
        return [first, replace(later, committee=committee)]

    second, third = series(30, "Second Committee"), series(31, "Third Committee")
    assert groups(discover([old, *second])) == {("40/12", "70/30", "72/30")}
    assert groups(discover([old, second[1]])) == {("40/12",), ("72/30",)}
    assert groups(discover([old, *second, *third])) == {("40/12",), ("70/30", "72/30"), ("70/31", "72/31")}


@pytest.mark.parametrize("seed", range(4))
def test_a_founding_text_leaves_its_series_only_when_another_series_grew_from_it_alone(seed: int):
    """An establishing text that its own later texts recall beside their predecessor, and that every text of a
    second series recalls as the one stored text of a list, is in neither; it stays the first member when the
    second series also recalls a later member of the first, or when no second series recalls it."""
    rng = random.Random(seed)
    place = rng.choice(["Gondwana", "Laurasia"])
    founding = version("40/12", f"Assistance to {place} refugees", [], body(rng))
    text = body(rng)
    own = [
        version("70/30", f"Assistance to {place} refugees", ["40/12", "69/30"], text),
        version("71/30", f"Assistance to {place} refugees", ["40/12", "70/30"], evolve(rng, text)),
    ]
    other = body(rng)

    def grown(also: str = "") -> list[Resolution]:
        recall = f"Recalling its resolution 40/12 of 1 December 1985{f' and its resolution {also}' if also else ''},"
        return [
            version("72/40", f"Operations of the {place} Works Agency", ["71/40"], [recall, *other]),
            version("73/40", f"Operations of the {place} Works Agency", ["72/40"], [recall, *evolve(rng, other)]),
        ]

    assert groups(discover([founding, *own, *grown()])) == {("40/12",), ("70/30", "71/30"), ("72/40", "73/40")}
    assert ("40/12", "70/30", "71/30") in groups(discover([founding, *own, *grown(also="70/30")]))
    assert groups(discover([founding, *own])) == {("40/12", "70/30", "71/30")}


def test_a_renamed_text_opening_on_its_predecessor_s_resolutions_joins_it_across_committees():
    """78/149 "The pivotal role of reliable and stable energy connectivity …" (Second Committee) opens by recalling
    "its resolutions 63/210 … and 67/263 … on reliable and stable transit of energy and its role …", 67/263's own
    title (plenary); 65/234 "Follow-up to the International Conference on Population and Development beyond 2014"
    (plenary) recalls "its resolutions 50/124 …, 51/176 … and 53/183 … on the implementation of the Programme of
    Action …", 51/176's title (Second Committee). Of each list only the earlier is stored: two renamed series."""
    found = discover(_corpus("A_RES_67_263", "A_RES_78_149", "A_RES_51_176", "A_RES_65_234"))
    assert groups(found) == {("67/263", "78/149"), ("51/176", "65/234")}
    energy = next(s for s in found if "A/RES/78/149" in s.symbols)
    assert "recalls it among its resolutions on 67/263's title" in energy.members[1].evidence


def test_a_text_opening_on_a_neighbouring_subject_s_resolutions_does_not_join_that_series():
    """78/327, the modalities of the 2026 United Nations Water Conference (plenary), recalls early in its preamble
    "its resolutions 74/141 … and 76/153 … on the human rights to safe drinking water and sanitation" (76/153's
    title, Third Committee; 74/141 not stored): the subject is another series', not the text's own (its title
    holds two of that subject's six words), so the two stay apart, in a store of the two as in the corpus."""
    found = discover(_corpus("A_RES_76_153", "A_RES_78_327", "A_RES_67_263", "A_RES_78_149"))
    assert groups(found) == {("76/153",), ("78/327",), ("67/263", "78/149")}


def test_a_text_acting_on_the_act_its_series_grew_from_does_not_join_it():
    """55/7 "Oceans and the law of the sea" recalls 54/33 (the review of the sectoral theme "Oceans and seas", which
    established the informal consultative process) in its history and decides on that process in several operative
    paragraphs: citations in the operative part do not tell a successor from the act a series rests on, so a store
    holding the two keeps them apart (as the hand-checked lists keep 54/33)."""
    assert groups(discover(_corpus("A_RES_54_33", "A_RES_55_7"))) == {("54/33",), ("55/7",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_text_opening_on_the_resolutions_of_an_earlier_title_joins_it_only_alone_and_unrivalled(seed: int):
    """A later text under a rewritten title, in another committee, whose opening recalls two of its resolutions "on
    <the earlier's title>", the earlier the only one stored, is its successor; not when it recalls the earlier alone
    on its subject (an act the text rests on: 76/4 reviewing 72/279), not on another subject, nor when a second
    text opens so."""
    rng = random.Random(seed)
    subject = rng.choice(["the transit of energy", "the Aral Sea basin"])
    old_title = f"Reliable cooperation on {subject}"
    earlier = replace(version("67/40", old_title, [], body(rng)), committee="plenary")
    recall = f"Recalling its resolutions 63/12 of 19 December 2008 and 67/40 of 17 May 2013 on {old_title.lower()},"

    def later(first: str = recall, symbol: str = "78/30", title: str = f"The pivotal role of {subject}") -> Resolution:
        return replace(version(symbol, title, [], [first, *body(rng)]), committee="Second Committee")

    assert groups(discover([earlier, later()])) == {("67/40", "78/30")}
    alone = f"Recalling its resolution 67/40 of 17 May 2013 on {old_title.lower()},"
    assert groups(discover([earlier, later(alone)])) == {("67/40",), ("78/30",)}
    elsewhere = recall.replace(old_title.lower(), "the situation of fisheries")
    assert groups(discover([earlier, later(elsewhere)])) == {("67/40",), ("78/30",)}
    rival = later(symbol="77/50", title=f"Security of {subject}")
    assert ("67/40",) in groups(discover([earlier, rival, later()]))


def test_a_title_extended_by_a_subject_after_and_is_kept_across_a_long_gap():
    """50/203 "Follow-up to the Fourth World Conference on Women and full implementation of the Beijing Declaration
    and the Platform for Action" (1995) and 67/148, 17 sessions later, the same title "… and the outcome of the
    twenty-third special session of the General Assembly", Third Committee both, openings 0.19 alike: one series.
    56/227 "Third United Nations Conference on the Least Developed Countries" and 68/224 "Follow-up to the Fourth
    …" are renamed by another pattern, 12 sessions apart, openings 0.20 alike: apart."""
    assert groups(discover(_corpus("A_RES_50_203", "A_RES_67_148"))) == {("50/203", "67/148")}
    assert groups(discover(_corpus("A_RES_56_227", "A_RES_68_224"))) == {("56/227",), ("68/224",)}


@pytest.mark.parametrize("seed", range(4))
def test_a_title_extended_after_and_links_across_sessions_only_from_three_words(seed: int):
    """A title of three words or more that a later text of its committee keeps whole, a subject added after "and",
    continues its series fifteen sessions later with an opening as little alike as one of the same title needs; a
    title of two words so extended ("Human rights and …") is a frame many series share, and stays apart."""
    rng = random.Random(seed)
    text = body(rng, 8)
    later_text = [text[rng.randrange(8)], *body(rng, 5)]
    added = rng.choice(["the outcome of the special session", "its contribution to sustainable development"])
    for title, joined in (("Follow-up to the World Conference on Women", True), ("Human rights", False)):
        earlier = replace(version("50/20", title, [], text), committee="Third Committee")
        later = replace(version("65/30", f"{title} and {added}", [], later_text), committee="Third Committee")
        e = link_evidence(profile(earlier), profile(later))
        assert 0.1 <= e.opening_similarity < 0.25 and e.score >= 1.0  # only the title's words decide
        expected = {("50/20", "65/30")} if joined else {("50/20",), ("65/30",)}
        assert groups(discover([earlier, later])) == expected
