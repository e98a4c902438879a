"""Precision and recall of series discovery against the hand-checked series.

    python -m bench.series_discovery [--corpus ../shared/ga-corpus/eosg] [--truth FILE]... [--stores N [--seed S]]

Reads every resolution of the corpus, discovers series, and scores them against each
hand-checked list (default: every tests/fixtures/series_truth*.json: the first, and the later ones
made independently of it, of each other and of the discovery they measure): a *pair* is two versions put in
one series; precision is the share of discovered pairs (both versions in the hand-checked list)
that the list also has, recall the share of the list's pairs discovered; a series is *exact* when
discovery found exactly its members. Every missed or wrong pair is printed with the evidence, so
each miss can be explained. Exits quietly when the corpus is absent.

With ``--stores N``, series are also discovered in N smaller stores drawn from the corpus with a fixed
seed (``--seed``; half of its versions, then a fifth, alternately), as a researcher who imports only some texts
has them: a rule that holds only because the rest of the corpus is there (a rival series, a later
member) shows as wrong pairs there. Only precision is judged in them (a store without a member cannot
find the series whole): the pairs joined that no list has, and the kept-apart versions joined.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from itertools import combinations
from pathlib import Path

from bench._common import ROOT
from resdiff.core.model import normalise_symbol
from resdiff.series.discovery import Series, discover, link_evidence, profile

# Every hand-checked list, in the order they were made (series_truth.json, series_truth_2.json, …).
TRUTHS = sorted((ROOT / "tests" / "fixtures").glob("series_truth*.json"), key=lambda p: (len(p.name), p.name))
CORPUS = Path(os.environ.get("RESDIFF_SHARED", ROOT.parent / "shared")) / "ga-corpus" / "eosg"


def load_corpus(folder: Path) -> list:
    from resdiff.core.errors import ResdiffError
    from resdiff.ingest import read_file

    versions = []
    for path in sorted(folder.glob("*.json")):
        try:
            versions.append(read_file(path)[0])
        except ResdiffError as e:
            print(f"skipped {e}", file=sys.stderr)
    return versions


def truth_pairs(truth: dict, read: set[str]) -> tuple[set[frozenset[str]], set[str]]:
    """The same-series pairs of the list and every version it names, among the versions ``read``."""
    pairs: set[frozenset[str]] = set()
    universe: set[str] = set()
    for s in truth["series"]:
        members = [m for m in map(normalise_symbol, s["members"]) if m in read]
        universe.update(members)
        pairs.update(frozenset(p) for p in combinations(members, 2))
    universe.update(m for m in map(normalise_symbol, truth.get("apart", [])) if m in read)
    return pairs, universe


def score(found: list[Series], truth: dict) -> dict:
    """Pairwise precision and recall over the versions of the hand-checked list that were read."""
    read = {m for s in found for m in s.symbols}
    want, universe = truth_pairs(truth, read)
    got: set[frozenset[str]] = set()
    for s in found:
        members = [m for m in s.symbols if m in universe]
        got.update(frozenset(p) for p in combinations(members, 2))
    hit = want & got
    where = {m: s.slug for s in found for m in s.symbols}
    members_of = {s.slug: s.symbols for s in found}
    exact = 0
    beyond: dict[str, list[str]] = {}  # series found whole, with versions the list does not name
    unscored = []  # series none of whose members the importer reads: nothing to judge
    for s in truth["series"]:
        members = [m for m in map(normalise_symbol, s["members"]) if m in read]
        if not members:
            unscored.append(s["name"])
            continue
        slugs = {where[m] for m in members}
        if len(slugs) == 1:
            found_members = members_of[slugs.pop()]
            exact += sorted(found_members) == sorted(members)
            extra = [m for m in found_members if m not in universe]
            if extra:
                beyond[s["name"]] = extra
    apart = [m for m in map(normalise_symbol, truth.get("apart", [])) if m in read]
    kept = sum(1 for m in apart if not any(o in universe and o != m for o in members_of[where[m]]))
    unread = sorted({m for s in truth["series"] for m in map(normalise_symbol, s["members"])} - read)
    return {
        "precision": len(hit) / len(got) if got else 1.0,
        "recall": len(hit) / len(want) if want else 1.0,
        "pairs": len(want),
        "found_pairs": len(got),
        "missed": sorted(want - got, key=sorted),
        "wrong": sorted(got - want, key=sorted),
        "exact_series": exact,
        "series": len(truth["series"]) - len(unscored),
        "unscored": unscored,
        "apart_kept": kept,
        "apart": len(apart),
        "unread": unread,
        "beyond": beyond,
    }


def explain(pairs: list[frozenset[str]], by_symbol: dict, limit: int = 40) -> None:
    for pair in pairs[:limit]:
        a, b = (
            sorted(pair, key=lambda s: (by_symbol[s].session or 0, s))
            if all(s in by_symbol for s in pair)
            else sorted(pair)
        )
        if a in by_symbol and b in by_symbol:
            e = link_evidence(profile(by_symbol[a]), profile(by_symbol[b]))
            print(f"  {a.removeprefix('A/RES/')} ~ {b.removeprefix('A/RES/')}: {e.reason()} (score {e.score})")
        else:
            print(f"  {sorted(pair)}: not in the corpus")
    if len(pairs) > limit:
        print(f"  … and {len(pairs) - limit} more")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--truth", type=Path, action="append", help="a hand-checked list (repeatable)")
    parser.add_argument("--stores", type=int, default=0, help="also judge precision in N smaller stores")
    parser.add_argument("--seed", type=int, default=20261207, help="the draw of the smaller stores")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to measure")
        return
    started = time.perf_counter()
    versions = load_corpus(args.corpus)
    loaded = time.perf_counter()
    found = discover(versions)
    done = time.perf_counter()
    by_symbol = {v.symbol: v for v in versions}
    print(
        f"{len(versions)} versions read in {loaded - started:.1f}s; discovery {done - loaded:.1f}s: "
        f"{len(found)} series, {sum(1 for s in found if len(s.members) > 1)} with more than one version"
    )
    totals = {"exact_series": 0, "series": 0, "apart_kept": 0, "apart": 0, "wrong": 0}
    paths = args.truth or TRUTHS
    for path in paths:
        print(f"\n== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        r = report(found, json.loads(path.read_text(encoding="utf-8")), by_symbol)
        for key in totals:
            totals[key] += len(r[key]) if key == "wrong" else r[key]
    if len(paths) > 1:
        # No two lists hold a series in common (each reader left out what the earlier lists name), so
        # their sum is the share of every hand-checked series a researcher would find exactly right.
        print(
            f"\n== all {len(paths)} lists together: series found exactly {totals['exact_series']}/{totals['series']} "
            f"({totals['exact_series'] / max(totals['series'], 1):.1%})  kept apart {totals['apart_kept']}/{totals['apart']}  "
            f"wrong pairs {totals['wrong']}"
        )
    if args.stores:
        truths = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
        smaller_stores(versions, truths, args.stores, args.seed, by_symbol)


def smaller_stores(versions: list, truths: list[dict], n: int, seed: int, by_symbol: dict) -> None:
    """Discover series in ``n`` stores of a half or a fifth of the versions; print the wrong pairs."""
    draw = random.Random(seed)
    wrong: dict[frozenset[str], int] = {}
    apart_joined = apart_seen = pairs_found = 0
    for k in range(n):
        share = 0.5 if k % 2 == 0 else 0.2
        found = discover(draw.sample(versions, round(len(versions) * share)))
        for truth in truths:
            r = score(found, truth)
            pairs_found += r["found_pairs"]
            apart_joined += r["apart"] - r["apart_kept"]
            apart_seen += r["apart"]
            for pair in r["wrong"]:
                wrong[pair] = wrong.get(pair, 0) + 1
    print(
        f"\n== {n} smaller stores (a half or a fifth of the versions, seed {seed}): {pairs_found} pairs of "
        f"listed versions joined, {sum(wrong.values())} of them wrong ({len(wrong)} distinct); "
        f"kept-apart versions joined {apart_joined} of {apart_seen}"
    )
    if wrong:
        print("wrong pairs (how many stores):")
        for pair, times in sorted(wrong.items(), key=lambda pt: (-pt[1], sorted(pt[0]))):
            print(f"  ({times})", end="")
            explain([pair], by_symbol)


def report(found: list[Series], truth: dict, by_symbol: dict) -> dict:
    """Print the scores of ``found`` against one hand-checked list, explain every miss, and return the scores."""
    r = score(found, truth)
    print(f"hand-checked: {r['series']} series, {r['pairs']} same-series pairs, {r['apart']} versions to keep apart")
    print(
        f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
        f"series found exactly {r['exact_series']}/{r['series']} ({r['exact_series'] / max(r['series'], 1):.0%})  "
        f"kept apart {r['apart_kept']}/{r['apart']}  wrong pairs {len(r['wrong'])}"
    )
    if r["beyond"]:
        print("series found whole with versions the list does not name (outside the scores):")
        evidence = {m.symbol: m.evidence for s in found for m in s.members}
        for name, extra in r["beyond"].items():
            for m in extra:
                print(f"  {name}: {m.removeprefix('A/RES/')} ({evidence[m]})")
    if r["unscored"]:
        print(f"series none of whose members is read, left out of the series counted: {', '.join(r['unscored'])}")
    if r["unread"]:
        print(
            f"not read by the importer, left out of the scores ({len(r['unread'])}): "
            + " ".join(m.removeprefix("A/RES/") for m in r["unread"])
        )
    if r["missed"]:
        print(f"missed pairs ({len(r['missed'])}):")
        explain(r["missed"], by_symbol)
    if r["wrong"]:
        print(f"wrong pairs ({len(r['wrong'])}):")
        explain(r["wrong"], by_symbol)
    return r


if __name__ == "__main__":
    main()
