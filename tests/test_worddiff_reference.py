"""The word diff runs on diff-match-patch's C++ build; here it is held to the Python library.

On real paragraphs of the frozen store, paired with their successors and with edited copies:
the raw diffs are identical, and after the semantic cleanup the same words are kept, deleted and
inserted (the two builds may seat a space, or one of two equal words, on the other side of an
edit: "from[ centres,] the" against "from [centres, ]the").
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.diff.worddiff import (
    DELETE,
    DIFF_TIMEOUT,
    EQUAL,
    INSERT,
    encode_pair,
    new_text,
    old_text,
    similarity,
    tokenize,
    word_diff,
    word_tokens,
)
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE

dmp_module = pytest.importorskip("diff_match_patch", reason="the reference Python diff-match-patch (test extra)")
import fast_diff_match_patch  # noqa: E402 - after the skip: the reference is what this file is about

_REFERENCE = dmp_module.diff_match_patch()
_REFERENCE.Diff_Timeout = DIFF_TIMEOUT  # a time limit also decides whether the half-match speed-up is used
_OPS = {0: EQUAL, -1: DELETE, 1: INSERT}

STORE = Store(FIXTURE_STORE)
VERSIONS = [STORE.load(s) for s in ("75/59", "77/64", "79/53")]
PARAGRAPHS = [p.text for v in VERSIONS for p in v.paragraphs]


def encoded(old: str, new: str) -> tuple[str, str, dict[str, str]]:
    """Both texts with each token as one character (as word_diff encodes them), and the way back."""
    a, b, back = encode_pair(tokenize(old), tokenize(new))
    return a, b, {chr(k): t for k, t in enumerate(back) if k}


def changed_words(ops) -> tuple[Counter, Counter]:
    return (
        Counter(w for k, t in ops if k == DELETE for w in word_tokens(t)),
        Counter(w for k, t in ops if k == INSERT for w in word_tokens(t)),
    )


def reference_word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b, tokens = encoded(old, new)
    diffs = _REFERENCE.diff_main(a, b, False)
    _REFERENCE.diff_cleanupSemantic(diffs)
    return [(_OPS[code], "".join(tokens[c] for c in chars)) for code, chars in diffs]


def assert_same_diff(old: str, new: str) -> None:
    a, b, _tokens = encoded(old, new)
    raw = [(_OPS[code], chars) for code, chars in _REFERENCE.diff_main(a, b, False)]
    assert [
        tuple(d)
        for d in fast_diff_match_patch.diff(
            a, b, timelimit=DIFF_TIMEOUT, checklines=False, cleanup="No", counts_only=False
        )
    ] == raw
    ours, theirs = word_diff(old, new), reference_word_diff(old, new)
    assert old_text(ours) == old and new_text(ours) == new
    assert similarity(ours) == pytest.approx(similarity(theirs))
    assert changed_words(ours) == changed_words(theirs)


def successors() -> list[tuple[str, str]]:
    """Each paragraph of a version with the most similar paragraph of the next one (real rewrites)."""
    pairs = []
    for older, newer in zip(VERSIONS, VERSIONS[1:]):
        for p in older.paragraphs:
            best = max(newer.paragraphs, key=lambda q: len(set(p.text.split()) & set(q.text.split())))
            pairs.append((p.text, best.text))
    return pairs


def test_real_successors_diff_as_the_reference_does():
    pairs = successors()
    assert len(pairs) > 100
    for old, new in pairs:
        assert_same_diff(old, new)


_word = st.sampled_from(sorted({w for t in PARAGRAPHS for w in t.split()}))


@st.composite
def edited(draw) -> tuple[str, str]:
    original = draw(st.sampled_from(PARAGRAPHS))
    words = original.split()
    for _ in range(draw(st.integers(0, 12))):
        k = draw(st.integers(0, len(words)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert" or not words[k:]:
            words.insert(k, draw(_word))
        elif action == "delete":
            del words[k]
        else:
            words[k] = draw(_word)
    return " ".join(original.split()), " ".join(words)


@settings(max_examples=300, deadline=None)
@given(edited())
def test_edited_paragraphs_diff_as_the_reference_does(pair):
    old, new = pair
    assert_same_diff(old, new)
    assert_same_diff(new, old)


# ASCII with what resolutions hold in it: letters, digits, spaces, punctuation, the joiners of words.
ASCII_TEXT = st.text(alphabet=st.sampled_from("aZ09_ -'/.,;:()\"\t\n\x1c\x1f\x0b") | st.characters(max_codepoint=127))


@given(ASCII_TEXT)
def test_ascii_text_is_tokenised_as_by_the_general_patterns(text: str):
    """The fast patterns for ASCII text find what the general ones find there."""
    from resdiff.diff import worddiff

    assert worddiff._ASCII_TOKEN_RE.findall(text) == worddiff.TOKEN_RE.findall(text)
    for t in (text, text.lower()):
        assert worddiff._ASCII_WORD_RE.findall(t) == worddiff._WORD_RE.findall(t)


# ASCII with the typographic marks resolutions hold (quotes, dashes, no-break spaces), and any letter.
MARKED_TEXT = st.text(
    alphabet=st.sampled_from("aZ09_ -'/.,;\u201c\u201d\u201e\u2018\u2019\u2013\u2014\u2010\u2011\u00a0")
    | st.characters()
)


@given(MARKED_TEXT)
def test_text_plain_after_its_marks_is_read_by_the_ascii_pattern_as_by_the_general_one(text: str):
    """A text whose only letters outside ASCII are typographic marks is read with the ASCII pattern
    once they are made plain: the words the general reading finds."""
    import unicodedata

    from resdiff.diff import worddiff

    general = worddiff._WORD_RE.findall(worddiff._plain_marks(unicodedata.normalize("NFC", text)).casefold())
    assert worddiff.read_words(text) == general


@settings(max_examples=300, deadline=None)
@given(edited() | st.tuples(ASCII_TEXT, ASCII_TEXT) | st.tuples(st.text(), st.text()))
def test_similarity_from_counted_totals_is_the_similarity_counted_in_the_diff(pair):
    """The aligner passes each text's word count: in ASCII the words kept are then its words less
    those deleted, which must be the words counted in the kept pieces (any text, any edit)."""
    old, new = pair
    ops = word_diff(old, new)
    assert similarity(ops, (len(word_tokens(old)), len(word_tokens(new)))) == similarity(ops)
