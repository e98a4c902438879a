"""The hand-checked series lists that bench/series_discovery.py scores against are well formed.

A malformed list (a member twice, members out of session order, a symbol the bench cannot read,
a version both in a series and kept apart) would silently skew the scores, so each list is checked
here; the second list must also share no version with the first, the third (a hold-out) none with
either, the fourth (a second hold-out) no version and no series name with any of the three, and the
fifth (a third hold-out) none with any of the four, and the sixth (a fourth hold-out) no resolution,
whatever its part letter, and no series name with any of the five, or they would not be independent.
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

FIXTURES = Path(__file__).parent / "fixtures"
LISTS = (
    "series_truth.json",
    "series_truth_2.json",
    "series_truth_3.json",
    "series_truth_4.json",
    "series_truth_5.json",
    "series_truth_6.json",
)


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def session_and_number(symbol: str) -> tuple[int, int]:
    session, number = symbol.split()[0].split("/")
    return int(session), int(number)


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


def test_independence_check_notices_a_part_of_a_resolution_of_the_fifth_list() -> None:
    taken = load(LISTS[4])["series"][0]["members"][0]
    base = str(normalise_symbol(taken))
    sixth = load(LISTS[5])
    sixth["series"][0]["members"].append(taken)
    assert shared_with_earlier(sixth, LISTS[:5], resolutions) == {base}
    sixth = load(LISTS[5])
    sixth["apart"].append(taken + " B")
    assert shared_with_earlier(sixth, LISTS[:5], resolutions) == {base}
    sixth = load(LISTS[5])
    sixth["series"][1]["name"] = load(LISTS[4])["series"][0]["name"]
    assert shared_with_earlier(sixth, LISTS[:5], resolutions) == {sixth["series"][1]["name"]}
