"""Word-level diff inside aligned paragraphs, on diff-match-patch.

Tokens are words (with inner hyphens, slashes, apostrophes and dots kept:
"self-defence", "A/75/175", "today’s", "16.1"), runs of white space, and single
punctuation marks, so "States," → "States;" changes only the punctuation.
Each distinct token is mapped to one character (diff-match-patch's
line-mode trick applied to words), diffed, then cleaned up semantically so
that highlights never split a word and tiny unchanged islands between edits
are absorbed. Diff and cleanup are diff-match-patch's C++ implementation
(fast-diff-match-patch): the same algorithm as the Python library, several
times faster, which is most of the time of aligning a long resolution. The
test suite holds it to the Python library (tests/test_worddiff_reference.py):
the same raw diffs, and after the cleanup the same words kept and changed
(the two may seat a repeated word or a space on either side of an edit).

Invariant: joining the kept and added pieces gives the new text exactly;
joining the kept and deleted pieces gives the old text exactly.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from fast_diff_match_patch import diff as _dmp_diff

from resdiff.core.limits import MAX_DIFF_TOKENS

EQUAL, DELETE, INSERT = "=", "-", "+"
Op = tuple[str, str]

# Seconds diff-match-patch may spend on one pair before it settles for a
# coarser diff; paragraphs are short, so this bound is never reached in practice.
DIFF_TIMEOUT = 2.0

# Possessive (Python 3.11): a word never gives back letters, so the engine never tries to.
TOKEN_RE = re.compile(r"\w++(?:[-‐‑'’/.]\w++)*+|\s++|[^\w\s]", re.UNICODE)
_WORD_RE = re.compile(r"\w++(?:[-‐‑'’/.]\w++)*+")
# The same, for ASCII text (most paragraphs), where \w is [A-Za-z0-9_]: a plain class is matched
# faster (a sixth of tokenising a long resolution). test_worddiff holds them equal.
_ASCII_TOKEN_RE = re.compile(r"[A-Za-z0-9_]++(?:[-'/.][A-Za-z0-9_]++)*+|\s++|[^\w\s]")
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_]++(?:[-'/.][A-Za-z0-9_]++)*+")


def tokenize(text: str) -> list[str]:
    """Split into words, white space and punctuation; joining the tokens gives ``text`` back.

    >>> tokenize("States, (INTERPOL) and A/75/175;")
    ['States', ',', ' ', '(', 'INTERPOL', ')', ' ', 'and', ' ', 'A/75/175', ';']
    """
    return (_ASCII_TOKEN_RE if text.isascii() else TOKEN_RE).findall(text)


# chr(1), chr(2), ...: the codes of encode_pair, made as far as the pair with most distinct tokens so
# far has needed (not at import: most comparisons need a few hundred); only ever extended.
_CODES: list[str] = []


def encode_pair(old_tokens: list[str], new_tokens: list[str]) -> tuple[str, str, list[str]]:
    """Both token lists with each distinct token as one character, numbered in order of first use
    (OLD's tokens, then NEW's), and the way back (a ``str.translate`` table: code k's token at k).

    >>> a, b, back = encode_pair(["a", " ", "b"], ["b", " ", "c"])
    >>> [ord(c) for c in a + b], (a + b).translate(back)
    ([1, 2, 3, 3, 2, 4], 'a bb c')
    """
    # Every loop in C (dict.fromkeys, zip, map, join, translate): this runs for every pair shown.
    distinct = dict.fromkeys(old_tokens + new_tokens)
    # Code points from 1 up; MAX_DIFF_TOKENS keeps them far below the surrogates (U+D800).
    if len(distinct) > len(_CODES):
        _CODES.extend(map(chr, range(len(_CODES) + 1, len(distinct) + 1)))
    code = dict(zip(distinct, _CODES)).__getitem__
    return "".join(map(code, old_tokens)), "".join(map(code, new_tokens)), ["", *distinct]


def word_diff(old: str, new: str) -> list[Op]:
    """The word diff of two texts as (op, text) pairs, op one of ``=``, ``-``, ``+``.

    >>> word_diff("Calls upon States,", "Urges States;")
    [('-', 'Calls upon'), ('+', 'Urges'), ('=', ' States'), ('-', ','), ('+', ';')]
    """
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    # Bounded work (resdiff.system.bounded): a "paragraph" this long is not one; it is shown as replaced.
    if len(old_tokens) + len(new_tokens) > MAX_DIFF_TOKENS:
        return [("=", old)] if old == new else [op for op in (("-", old), ("+", new)) if op[1]]
    a, b, back = encode_pair(old_tokens, new_tokens)
    diffs = _dmp_diff(a, b, timelimit=DIFF_TIMEOUT, checklines=False, cleanup="Semantic", counts_only=False)
    kinds = "".join([op for op, _chars in diffs])
    if not ("--" in kinds or "++" in kinds or "==" in kinds or "+-" in kinds) and all([c for _op, c in diffs]):
        # As the cleanup leaves nearly every diff: no two pieces of one kind in a row, and in each
        # run of edits the deletion first, so there is nothing to join or reorder.
        return [(op, chars.translate(back)) for op, chars in diffs]
    ops: list[Op] = []
    for op, chars in diffs:  # op is already "=", "-" or "+"
        text = chars.translate(back)
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))
    return _order_edits(ops)


def _order_edits(ops: list[Op]) -> list[Op]:
    """Within each run of edits, deletions first, then insertions (how readers expect a redline)."""
    out: list[Op] = []
    run: list[Op] = []
    for op in ops + [(EQUAL, "")]:
        if op[0] == EQUAL:
            for kind in (DELETE, INSERT):
                text = "".join(t for k, t in run if k == kind)
                if text:
                    out.append((kind, text))
            run = []
            if op[1]:
                out.append(op)
        else:
            run.append(op)
    return out


def old_text(ops: list[Op]) -> str:
    return "".join(t for k, t in ops if k != INSERT)


def new_text(ops: list[Op]) -> str:
    return "".join(t for k, t in ops if k != DELETE)


def similarity(ops: list[Op], totals: tuple[int, int] | None = None) -> float:
    """Share of words kept: 2·kept / (old + new). ``totals``: the words of the ops' old and new text
    (as :func:`word_tokens` counts them), counted already (the aligner has them), else they are counted here.

    >>> round(similarity(word_diff("a b c d", "a b c e")), 2)
    0.75
    """
    if all(k == EQUAL for k, _t in ops):
        return 1.0  # nothing changed (most pairs of a long resolution): no words to count
    if totals is not None and all([t.isascii() for k, t in ops if k != INSERT]):
        # The pieces are whole tokens of the old text, and in ASCII its words are counted piece by
        # piece: the words kept are its words less those deleted (a few, where the kept are most).
        old, new = totals
        kept = old - sum([_count_words(t) for k, t in ops if k == DELETE])
    else:
        kept = sum([_count_words(t) for k, t in ops if k == EQUAL])
        old, new = totals if totals is not None else (_count_words(old_text(ops)), _count_words(new_text(ops)))
    return 1.0 if old + new == 0 else 2 * kept / (old + new)


def _count_words(text: str) -> int:
    """How many words :func:`word_tokens` finds in ``text`` (a piece of a diff: not cached)."""
    # Case does not move a word's edges; in ASCII nothing needs normalising.
    return len(_ASCII_WORD_RE.findall(text)) if text.isascii() else len(_words(text))


def has_digit(word: str) -> bool:
    """A word with a digit in it: a symbol, a date, a year ("70/46", "2015")."""
    return not word.isalpha() and any(map(str.isdigit, word))  # in C: isalpha() answers most words


_PLAIN = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "}
_FANCY_RE = re.compile("[" + "".join(_PLAIN) + "]")  # a few per paragraph: cheaper found than translated


def _plain_marks(text: str) -> str:
    """Plain quotes, apostrophes, dashes and spaces for the typographic ones."""
    return _FANCY_RE.sub(lambda m: _PLAIN[m.group()], text)


def word_tokens(text: str) -> list[str]:
    """The words of ``text`` for matching: normalised, case-folded, without punctuation.

    >>> word_tokens("Recalling, in this context, “relevant” resolutions")
    ['recalling', 'in', 'this', 'context', 'relevant', 'resolutions']
    """
    return list(_words(text))


def word_tuple(text: str) -> tuple[str, ...]:
    """:func:`word_tokens` as a tuple: one object for equal texts read lately (do not copy it to compare)."""
    return _words(text)


def read_words(text: str) -> list[str]:
    """:func:`word_tokens` without its cache: for a pass that reads each of many texts once (the
    precedent index's build), which would only fill the cache with texts nobody asks for again."""
    if text.isascii():  # most paragraphs: nothing to normalise, and casefold() is lower()
        return _ASCII_WORD_RE.findall(text.lower())
    # normalise() without joining the spaces, which no word contains.
    plain = _plain_marks(unicodedata.normalize("NFC", text))
    if plain.isascii():  # its only other letters were typographic quotes, dashes or spaces
        return _ASCII_WORD_RE.findall(plain.lower())
    return _WORD_RE.findall(plain.casefold())


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    # The aligner weighs the same paragraph texts again and again (each candidate pair, each diff's
    # kept and total words): each text is read once.
    return tuple(read_words(text))
