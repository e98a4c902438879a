"""Alignment on the real successors 75/59 -> 77/64 -> 79/53, against a careful hand alignment."""

from __future__ import annotations

import functools

import pytest

from bench.hand_alignment import agreement, names
from resdiff.diff.compare import ChangeKind, Flag, compare
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE

STORE = Store(FIXTURE_STORE)


# Every hand-aligned pair (the IED pairs from the store, the others from their corpus JSON), with the
# floors today's results justify (bench/hand_alignment.py): same partners, same partners and kind,
# paragraphs wrongly new or dropped. A pair added later is only held to agree with a drafter at least
# as often as difflib does until its floors are set here from its first results.
FLOORS = {
    "70-137_71-177": (0.99, 0.97, 0),  # the hold-out of truth-21c, measured once, since tuned to
    "72-228_74-229": (1.0, 1.0, 0),
    "72-230_74-231": (1.0, 0.97, 0),  # the hold-out of truth-21d, measured once (not tuned to)
    "72-245_73-155": (0.96, 0.94, 1),
    "73-179_75-176": (1.0, 1.0, 0),  # truth-21d
    "74-128_76-142": (1.0, 1.0, 0),  # truth-21c
    "74-258_75-248": (0.97, 0.95, 1),  # truth-21c
    "75-59_77-64": (1.0, 1.0, 0),
    "76-196_77-154": (0.96, 0.94, 0),
    "76-74_78-70": (1.0, 1.0, 0),
    "77-222_79-179": (1.0, 1.0, 0),
    "77-223_79-178": (1.0, 1.0, 0),
    "77-244_78-230": (1.0, 1.0, 0),
    "77-64_79-53": (1.0, 1.0, 0),
    "78-112_79-126": (1.0, 1.0, 0),
    "78-115_79-129": (1.0, 1.0, 0),  # truth-21d
}


@functools.cache
def _agreement(name: str) -> dict:
    return agreement(name, STORE)


@pytest.mark.parametrize("name", names())
def test_agreement_with_the_hand_alignment(name: str):
    result = _agreement(name)
    # Paragraphs in links the hand alignment marks as ambiguous are left out; every other paragraph
    # must have the partners a drafter gives it.
    assert result["partners"] >= result["difflib_partners"], result["disagreements"]
    if name in FLOORS:
        partners, kinds, alone = FLOORS[name]
        assert result["partners"] >= partners, result["disagreements"]
        assert result["partners_and_kind"] >= kinds, result["disagreements"]
        assert result["wrongly_alone"] <= alone, result["disagreements"]
    if name == "77-64_79-53":  # the heavy rewrite: difflib's order-bound reading is far behind
        assert result["partners"] > 2 * result["difflib_partners"]


def test_all_hand_pairs_together_meet_the_issue_targets():
    # Issue 21's bar over every hand-aligned pair at once: a pair's floor may sit below it, the whole may not.
    results = [_agreement(name) for name in names()]
    clear = sum(r["clear"] for r in results)
    assert sum(r["same"] for r in results) >= 0.99 * clear
    assert sum(r["same_kind"] for r in results) >= 0.98 * clear
    assert max(r["wrongly_alone"] for r in results) <= 1


def _change(comp, old: list[str], new: list[str]):
    return next(c for c in comp.changes if c.old_ids == old and c.new_ids == new)


def test_77_64_to_79_53_splits_merges_and_moves_across_parts():
    comp = compare(STORE.load("77/64"), STORE.load("79/53"))
    split = _change(comp, ["OP5"], ["OP3", "OP12"])  # pieces nine paragraphs apart
    assert split.kind is ChangeKind.SPLIT
    merged = _change(comp, ["OP27", "OP29"], ["PP26"])  # two operative paragraphs, one preambular
    assert merged.kind is ChangeKind.MERGED and Flag.PART_CHANGED in merged.flags and Flag.MOVED in merged.flags
    assert _change(comp, ["OP8", "OP9"], ["OP9"]).kind is ChangeKind.MERGED
    report = _change(comp, ["OP1"], ["PP29"])  # "Takes note of the report" -> "Taking note of the report"
    assert Flag.PART_CHANGED in report.flags
    assert not {Flag.LEAD_CHANGED, Flag.LEAD_STRENGTHENED, Flag.LEAD_WEAKENED} & set(report.flags)
    assert _change(comp, ["PP7"], ["PP16"]).flags == (Flag.MOVED,)


def test_a_shared_formula_alone_makes_no_link():
    comp = compare(STORE.load("77/64"), STORE.load("79/53"))
    # "Encourages States to share information related to countering the threat posed by improvised
    # explosive devices;" shares only boilerplate with the new OP19 ("Encourages States to consider
    # and address new trends ... of improvised explosive devices;").
    assert _change(comp, ["OP23"], []).kind is ChangeKind.DROPPED
    assert _change(comp, [], ["OP19"]).kind is ChangeKind.NEW
    # The one reworded pair whose display diff keeps little is the questionnaire paragraph turned round
    # ("Takes note of the updated ... questionnaire with a view to enhancing information-sharing" ->
    # "Encourages States to enhance information-sharing ... through the use of the updated ...
    # questionnaire"), a link the hand alignment makes: its runs are kept, in another order; and the
    # ammunition paragraph whose working group became the adopted Framework (the hand alignment's
    # reading, marked ambiguous); and OP16, whose call on United Nations entities "to continue to address
    # the issue of improvised explosive devices" opens OP20 word for word while the rest of it went to the
    # preamble (an edge of the hand alignment's ambiguous link; both were left alone: they compete).
    low = [(c.old_ids, c.new_ids) for c in comp.changes if c.kind is ChangeKind.REWORDED and (c.similarity or 0) < 0.45]
    assert low == [(["PP19"], ["PP20"]), (["OP12"], ["OP11"]), (["OP16"], ["OP20"])]


def test_75_59_to_77_64_has_no_footnote_only_changes():
    comp = compare(STORE.load("75/59"), STORE.load("77/64"))
    assert comp.summary()["editorial"] == 1  # OP10: a comma, not a lost footnote mark
    assert not any(c.notes for c in comp.changes)
    assert comp.footnote_remark == "Footnotes were not compared: 77/64 does not hold its footnotes."
    assert _change(comp, ["PP1"], ["PP1"]).kind is ChangeKind.TECHNICAL  # the recall chain and a decision


def test_sequence_adverbs_are_not_lead_changes():
    comp = compare(STORE.load("72/36"), STORE.load("75/59"))
    for old, new in (["OP8"], ["OP8"]), (["OP9"], ["OP9"]), (["OP11"], ["OP11"]):
        assert not {Flag.LEAD_CHANGED, Flag.LEAD_STRENGTHENED, Flag.LEAD_WEAKENED} & set(_change(comp, old, new).flags)


def _corpus_pair(name: str):
    from bench.hand_alignment import versions

    return compare(*versions(name, STORE))


def test_paragraphs_left_alone_compete():
    comp = _corpus_pair("72-228_74-229")
    # "Noting the ongoing efforts by the World Intellectual Property Organization ..." keeps its lead and
    # subject between the same neighbours, its detail rewritten (keeps 0.26 of its words in shared runs)
    assert _change(comp, ["PP26"], ["PP36"]).kind is ChangeKind.REWORDED
    # the recall of the World Summit on the Information Society, cut down and moved (keeps 0.45)
    assert Flag.MOVED in _change(comp, ["PP3"], ["PP7"]).flags
    # New list items sharing a subject with a dropped item elsewhere stay new: a moved leftover pair
    # needs CHANGE_MIN ("female genital mutilation" and "enacting and enforcing legislation" keep 0.28).
    comp = _corpus_pair("72-245_73-155")
    assert _change(comp, ["OP36(g)"], []).kind is ChangeKind.DROPPED
    assert _change(comp, [], ["OP7(b)"]).kind is ChangeKind.NEW


def test_a_piece_that_grew_is_still_a_piece():
    # "... and taking note of the Conceptual Framework for the Statistical Measurement of Illicit Financial
    # Flows ..." became a paragraph of its own that adds its endorsement: it holds half of the old paragraph
    # while the old paragraph holds less than half of it.
    comp = _corpus_pair("76-196_77-154")
    assert _change(comp, ["PP11"], ["PP14", "PP16"]).kind is ChangeKind.SPLIT
    comp = _corpus_pair("72-245_73-155")
    assert _change(comp, ["OP28", "OP36(h)"], ["OP31"]).kind is ChangeKind.MERGED


def test_a_paragraph_held_whole_goes_where_it_is_held():
    # "Recognizes the timeliness and importance of strengthening international tax cooperation to make it
    # fully inclusive and more effective;" lives on whole in the longer preambular PP2 ("Reiterating the
    # timeliness ..."), not in the new OP1 at its old place, which shares its closing words only.
    comp = _corpus_pair("77-244_78-230")
    assert Flag.PART_CHANGED in _change(comp, ["OP1"], ["PP2"]).flags
    assert _change(comp, [], ["OP1"]).kind is ChangeKind.NEW


def test_a_piece_left_over_joins_the_link_it_carries_a_clause_of():
    comp = _corpus_pair("72-228_74-229")
    # OP26's welcome of the forums went to the preamble (PP35, by competition) and its call "for voluntary
    # contributions for resources ... to support the full operationalization of all components of the
    # Mechanism" became OP28 on its own, with new words around it.
    split = _change(comp, ["OP26"], ["PP35", "OP28"])
    assert split.kind is ChangeKind.SPLIT and Flag.PART_CHANGED in split.flags
    # a list of country groups in both is no clause: PP31 stays new
    assert _change(comp, [], ["PP31"]).kind is ChangeKind.NEW
    comp = _corpus_pair("72-245_73-155")
    # the recall of "all other relevant resolutions", cut down to one of them, closes the merged PP2
    assert _change(comp, ["PP2", "PP3"], ["PP2"]).kind is ChangeKind.MERGED
    # "combating illicit financial flows" alone does not join old PP2 to new PP2 (OP1's successor)
    assert _change(_corpus_pair("77-244_78-230"), ["PP2"], []).kind is ChangeKind.DROPPED


def test_a_formula_of_eight_words_is_no_clause():
    from pathlib import Path

    from resdiff.ingest import read_file

    folder = Path(__file__).resolve().parent / "fixtures" / "corpus-json"
    comp = compare(read_file(folder / "A_RES_77_118.json")[0], read_file(folder / "A_RES_79_145.json")[0])
    # 79/145 OP130 (vessel tracking) opens like 77/118 OP108 (IUU fishing estimates), "Notes that the
    # Committee on Fisheries, at its" thirty-... session: a formula of common words, not a clause it carried
    assert _change(comp, ["OP108"], ["OP117"]).kind is ChangeKind.REWORDED
    assert _change(comp, [], ["OP130"]).kind is ChangeKind.NEW


def test_a_paragraph_whose_one_clause_lives_on_is_no_piece():
    # 74/258 OP18 (a holistic managerial approach) ends "requests the Secretary-General to provide an
    # update on the actions taken in the context of his next report", which 75/248 OP16 now also asks
    # for; the rest of OP18 is gone (keeps 0.19 of its words in runs of OP16): dropped, not merged.
    comp = _corpus_pair("74-258_75-248")
    assert _change(comp, ["OP18"], []).kind is ChangeKind.DROPPED
    assert _change(comp, ["OP15"], ["OP16"]).kind is ChangeKind.REWORDED
    # 76/142 OP37 on sexual harassment names the Chief Executives Board's task force, a body 74/128
    # OP33 also names (0.27 of OP37 in runs of OP33): a new paragraph, not a piece of OP33.
    comp = _corpus_pair("74-128_76-142")
    assert _change(comp, [], ["OP37"]).kind is ChangeKind.NEW
    assert _change(comp, ["OP33"], ["OP38"]).kind is ChangeKind.REWORDED
    # A paragraph that opens as the whole opens is where the whole began, however little of the rest
    # it keeps: 79/161 OP34 opens with 78/234 OP33's "Recalls its resolution 77/205 and the
    # recommendations contained therein with regard to the Group of Independent Eminent Experts" and
    # goes on with OP34 (OP33 keeps 0.31 of its words); OP44's commemoration of the twenty-fifth
    # anniversary shares a clause with OP47 (0.23) and is new.
    from pathlib import Path

    from resdiff.ingest import read_file

    folder = Path(__file__).resolve().parent / "fixtures" / "corpus-json"
    comp = compare(read_file(folder / "A_RES_78_234.json")[0], read_file(folder / "A_RES_79_161.json")[0])
    assert _change(comp, ["OP33", "OP34"], ["OP34"]).kind is ChangeKind.MERGED
    assert _change(comp, [], ["OP44"]).kind is ChangeKind.NEW
    assert _change(comp, ["OP47"], ["OP48"]).kind is ChangeKind.REWORDED


def test_a_piece_is_measured_by_what_of_it_lives_on():
    # 76/196 OP3, five clauses, was cut into five paragraphs; its last clause, "takes note of the recent
    # statement on a two-pillar solution to address the tax challenges arising from the digitalization
    # of the economy", opens 77/154 OP28: 0.41 of OP28 lives on in OP3, 0.18 of both together.
    comp = _corpus_pair("76-196_77-154")
    split = next(c for c in comp.changes if c.old_ids == ["OP3"])
    assert split.kind is ChangeKind.SPLIT and "OP28" in split.new_ids
