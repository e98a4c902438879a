"""The JSON writer of `--format json` writes exactly what json.dumps(indent=1, ensure_ascii=False) writes."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum

from hypothesis import given
from hypothesis import strategies as st

from resdiff.render.jsontext import indented_json


class Kind(StrEnum):
    REWORDED = "reworded"


class Level(IntEnum):
    TOP = 1


SCALARS = (
    st.text()
    | st.integers()
    | st.floats()  # NaN and the infinities too: left to json.dumps
    | st.booleans()
    | st.none()
    | st.just(Kind.REWORDED)
    | st.just(Level.TOP)
)
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(KEYS, inner, max_size=3)
    ),
    max_leaves=25,
)


@given(VALUES)
def test_the_same_text_as_json_dumps(value: object):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_a_comparisons_shapes():
    value = {"changes": [{"kind": Kind.REWORDED, "ops": [("=", "“Recalling”\n"), ["-", "\u2028\x00é"]], "s": 0.933}]}
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)
    assert indented_json({"a": [], "b": {}, "c": [[]], "d": -0.0, "e": 10**30}) == json.dumps(
        {"a": [], "b": {}, "c": [[]], "d": -0.0, "e": 10**30}, ensure_ascii=False, indent=1
    )
