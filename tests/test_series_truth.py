"""The hand-checked series lists that bench/series_discovery.py scores against are well formed.

A malformed list (a member twice, members out of session order, a symbol the bench cannot read,
a version both in a series and kept apart) would silently skew the scores, so each list is checked
here; the second list must also share no version with the first, the third (a hold-out) none with
either, the fourth (a second hold-out) no version and no series name with any of the three, and the
fifth (a third hold-out) none with any of the four, and the sixth (a fourth hold-out) no resolution,
whatever its part letter, and no series name with any of the five, and the seventh (a hold-out drawn by
version) none with any of the six, or they would not be independent.
The researcher's audit of discovered series (series_audit_1.json) is checked for shape, verdicts that
agree with its should_be lists, versions that are files of the corpus, and its independence of the lists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from resdiff.core.model import normalise_symbol
from resdiff.core.symbol import Symbol

from .conftest import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
GA_CORPUS = SHARED / "ga-corpus" / "eosg"
LISTS = (
    "series_truth.json",
    "series_truth_2.json",
    "series_truth_3.json",
    "series_truth_4.json",
    "series_truth_5.json",
    "series_truth_6.json",
    "series_truth_7.json",
)


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def session_and_number(symbol: str) -> tuple[int, int]:
    """The session and number of a resolution symbol, read as the bench reads it, so that a list may
    hold a member numbered in the old style ("487 (V)", before 1976) as well as "75/290 A"."""
    parsed = Symbol.parse(symbol)
    assert parsed.session is not None, symbol
    return parsed.session, parsed.number


def test_session_order_reads_old_style_symbols() -> None:
    assert session_and_number("487 (V)") == (5, 487)
    assert session_and_number("2099 (XX)") == (20, 2099)
    assert session_and_number("75/290 A") == (75, 290)
    assert sorted(["78/107", "2099 (XX)", "686 (VII)"], key=session_and_number) == ["686 (VII)", "2099 (XX)", "78/107"]


@pytest.mark.parametrize("name", LISTS)
def test_list_is_well_formed(name: str) -> None:
    truth = load(name)
    assert set(truth) == {"about", "series", "apart"}
    members = [m for s in truth["series"] for m in s["members"]]
    assert all(normalise_symbol(m) for m in [*members, *truth["apart"]])
    assert len(set(members)) == len(members), "a version in two series or twice in one"
    assert not set(members) & set(truth["apart"]), "a version both in a series and kept apart"
    names = [s["name"] for s in truth["series"]]
    assert len(set(names)) == len(names)
    for s in truth["series"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s["name"]), s["name"]
        assert s["kind"].strip(), s["name"]
        assert len(s["members"]) >= 2, s["name"]
        order = [session_and_number(m) for m in s["members"]]
        assert order == sorted(order), f"{s['name']}: members not in session order"


def test_second_list_is_independent_of_the_first() -> None:
    first, second = load(LISTS[0]), load(LISTS[1])
    first_members = {m for s in first["series"] for m in s["members"]}
    second_members = {m for s in second["series"] for m in s["members"]}
    assert len(second["series"]) >= 30
    assert not first_members & second_members
    assert not first_members & set(second["apart"])
    assert not {s["name"] for s in first["series"]} & {s["name"] for s in second["series"]}


def test_third_list_is_independent_of_the_first_two() -> None:
    third = load(LISTS[2])
    third_versions = {m for s in third["series"] for m in s["members"]} | set(third["apart"])
    assert len(third["series"]) >= 15
    for name in LISTS[:2]:
        earlier = load(name)
        earlier_versions = {m for s in earlier["series"] for m in s["members"]} | set(earlier["apart"])
        assert not third_versions & earlier_versions, name
        assert not {s["name"] for s in earlier["series"]} & {s["name"] for s in third["series"]}, name


def versions(truth: dict) -> set[str]:
    """Every version a list names, as a member or kept apart, by full symbol (so that "71/101" and
    "71/101 A" and "A/RES/71/101" are told apart only where the symbols really differ)."""
    named = [m for s in truth["series"] for m in s["members"]] + list(truth["apart"])
    return {str(normalise_symbol(v)) for v in named}


def test_fourth_list_is_independent_of_the_first_three() -> None:
    fourth = load(LISTS[3])
    assert len(fourth["series"]) >= 30
    fourth_names = {s["name"] for s in fourth["series"]}
    for name in LISTS[:3]:
        earlier = load(name)
        assert not versions(fourth) & versions(earlier), name
        assert not fourth_names & {s["name"] for s in earlier["series"]}, name


def resolutions(truth: dict) -> set[str]:
    """Every resolution a list names, as a member or kept apart, without its part letter: "72/266 A"
    and "72/266 B" are parts of one resolution, so a list naming either shares 72/266 with another."""
    named = [m for s in truth["series"] for m in s["members"]] + list(truth["apart"])
    return {str(replace(Symbol.parse(v), part=None)) for v in named}


def shared_with_earlier(
    truth: dict, earlier_lists: tuple[str, ...], named: Callable[[dict], set[str]] = versions
) -> set[str]:
    """The versions (or whatever ``named`` reads from a list) and series names ``truth`` shares with
    any of ``earlier_lists``."""
    names = {s["name"] for s in truth["series"]}
    shared: set[str] = set()
    for name in earlier_lists:
        earlier = load(name)
        shared |= named(truth) & named(earlier)
        shared |= names & {s["name"] for s in earlier["series"]}
    return shared


def test_fifth_list_is_independent_of_the_first_four() -> None:
    fifth = load(LISTS[4])
    assert len(fifth["series"]) >= 30
    assert shared_with_earlier(fifth, LISTS[:4]) == set()


def test_independence_check_notices_a_version_of_the_fourth_list() -> None:
    fifth = load(LISTS[4])
    taken = load(LISTS[3])["series"][0]["members"][0]
    fifth["series"][0]["members"].append(taken)
    assert shared_with_earlier(fifth, LISTS[:4]) == {str(normalise_symbol(taken))}
    fifth = load(LISTS[4])
    fifth["apart"].append("A/RES/" + taken)
    assert shared_with_earlier(fifth, LISTS[:4]) == {str(normalise_symbol(taken))}


def test_sixth_list_is_independent_of_the_first_five() -> None:
    sixth = load(LISTS[5])
    # The five earlier lists took most of the corpus's series; 22 were left to find.
    assert len(sixth["series"]) >= 22
    assert shared_with_earlier(sixth, LISTS[:5], resolutions) == set()


def test_seventh_list_is_independent_of_the_first_six() -> None:
    seventh = load(LISTS[6])
    # Drawn by version (70 of the versions no earlier list or the audit names): most are one-offs or the
    # only member of their series the corpus holds, so the list is mostly 'apart' and few series.
    assert len(seventh["series"]) >= 3
    assert len(seventh["apart"]) >= 50
    assert shared_with_earlier(seventh, LISTS[:6], resolutions) == set()


@pytest.mark.parametrize("newest", [5, 6], ids=["sixth-list", "seventh-list"])
def test_independence_check_notices_a_part_of_a_resolution_of_an_earlier_list(newest: int) -> None:
    """A member of the list before ``newest``, a part of it kept apart, or its name, each put into the list
    at index ``newest``, is reported by the independence check."""
    earlier = load(LISTS[newest - 1])
    taken = earlier["series"][0]["members"][0]
    base = str(normalise_symbol(taken))
    added = load(LISTS[newest])
    added["series"][0]["members"].append(taken)
    assert shared_with_earlier(added, LISTS[:newest], resolutions) == {base}
    added = load(LISTS[newest])
    added["apart"].append(taken + " B")
    assert shared_with_earlier(added, LISTS[:newest], resolutions) == {base}
    added = load(LISTS[newest])
    added["series"][1]["name"] = earlier["series"][0]["name"]
    assert shared_with_earlier(added, LISTS[:newest], resolutions) == {added["series"][1]["name"]}


AUDIT = "series_audit_1.json"
SERIES_VERDICTS = {"real", "missing", "plausible", "doubtful", "wrong"}
ALONE_VERDICTS = {"alone", "should-join"}


def test_audit_sample_is_well_formed() -> None:
    """The researcher's audit of discovered series (issue 20): each verdict agrees with its
    should_be, and the sample keeps out of the truth lists it is meant to be independent of."""
    audit = load(AUDIT)
    assert set(audit) == {"about", "seed", "sample", "alone", "corpus_files"}
    assert isinstance(audit["seed"], int)
    slugs = [s["slug"] for s in audit["sample"]]
    assert len(set(slugs)) == len(slugs)
    sampled = [m for s in audit["sample"] for m in s["members"]]
    assert len(set(sampled)) == len(sampled), "a version in two sampled series"
    for s in audit["sample"]:
        members, should_be = set(s["members"]), set(s["should_be"])
        assert s["verdict"] in SERIES_VERDICTS, s["slug"]
        assert s["reason"].strip(), s["slug"]
        assert len(members) == len(s["members"]) >= 2, s["slug"]
        order = [session_and_number(m) for m in s["members"]]
        assert order == sorted(order), s["slug"]
        if s["verdict"] in {"real", "plausible"}:
            assert should_be == members, s["slug"]
        elif s["verdict"] == "missing":
            assert members < should_be, s["slug"]
        else:
            assert should_be < members, f"{s['slug']}: a {s['verdict']} series names no member to drop"
    for a in audit["alone"]:
        assert a["verdict"] in ALONE_VERDICTS, a["symbol"]
        assert a["reason"].strip(), a["symbol"]
        assert (a["verdict"] == "should-join") == bool(a["should_join"]), a["symbol"]
        assert a["symbol"] not in a["should_join"]
    alone = [a["symbol"] for a in audit["alone"]]
    assert len(set(alone)) == len(alone)
    assert not set(alone) & set(sampled), "a version both alone and in a sampled series"
    truth_members: set[str] = set()
    truth_versions: set[str] = set()
    for name in LISTS:
        truth = load(name)
        truth_members |= {str(normalise_symbol(m)) for s in truth["series"] for m in s["members"]}
        truth_versions |= versions(truth)
    assert not {str(normalise_symbol(m)) for m in sampled} & truth_members
    assert not {str(normalise_symbol(m)) for m in alone} & truth_versions


def test_audit_names_only_corpus_files() -> None:
    """Every version the audit judges is a file of the corpus (listed with its file name); a member
    a text names but the corpus does not hold is never one of them."""
    audit = load(AUDIT)
    files = audit["corpus_files"]
    named = {m for s in audit["sample"] for m in s["members"] + s["should_be"]}
    named |= {a["symbol"] for a in audit["alone"]} | {j for a in audit["alone"] for j in a["should_join"]}
    assert named == set(files)
    assert all(normalise_symbol(m) for m in named)
    assert len(set(files.values())) == len(files)
    for symbol, file in files.items():
        assert re.fullmatch(r"A_RES_[A-Z0-9_()\-]+\.json", file), file
        assert f"_{Symbol.parse(symbol).number}" in file, (symbol, file)
    not_stored = {m for s in audit["sample"] for m in s["named_not_stored"]}
    assert all(normalise_symbol(m) for m in not_stored)
    assert not not_stored & named
    if not GA_CORPUS.is_dir():
        pytest.skip(f"the EOSG corpus is not at {GA_CORPUS}")
    assert sorted(f for f in files.values() if not (GA_CORPUS / f).is_file()) == []
