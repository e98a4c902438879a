"""JSON text as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes it, in less time.

With an indent, the standard library encodes in Python, a generator per level; a comparison of a
long resolution (thousands of ``[op, text]`` pairs) spends several milliseconds there. This writer
builds the same text with strings encoded in C (``_json.encode_basestring``, json.encoder's). It
handles what resdiff's documents hold — strings and their subclasses (enums), ints, finite floats, booleans,
None, lists, tuples and dicts with string keys — and hands anything else (a float that is not a
number, another kind of key or value) to ``json.dumps``, so the text is the same for any tree of values.
"""

from __future__ import annotations

from collections.abc import Callable

try:  # the C string encoder json.encoder uses, without loading the json package (its decoder, a millisecond)
    from _json import encode_basestring
except ImportError:  # pragma: no cover - a Python without the module
    from json.encoder import encode_basestring

_CONSTANTS = {True: "true", False: "false", None: "null"}
_INFINITY = float("inf")


def indented_json(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``.

    >>> print(indented_json({"kind": "reworded", "ops": [["=", "Recalling"], ["+", " also"]], "score": 0.5}))
    {
     "kind": "reworded",
     "ops": [
      [
       "=",
       "Recalling"
      ],
      [
       "+",
       " also"
      ]
     ],
     "score": 0.5
    }
    """
    parts: list[str] = []
    try:
        _write(value, "\n", parts.append)
    except ValueError:  # a value left to json.dumps, which writes it (or says what is wrong with it)
        import json

        return json.dumps(value, ensure_ascii=False, indent=1)
    return "".join(parts)


def _write(v: object, newline: str, add: Callable[[str], None]) -> None:
    """Append the text of ``v`` to the parts (``add``), its lines indented after ``newline``."""
    if isinstance(v, str):
        add(encode_basestring(v))
    elif v is None or v is True or v is False:
        add(_CONSTANTS[v])
    elif isinstance(v, int):
        add(int.__repr__(v))
    elif isinstance(v, float):
        if v != v or v in (_INFINITY, -_INFINITY):
            raise ValueError("left to json.dumps")
        add(float.__repr__(v))
    elif isinstance(v, (list, tuple)):
        if not v:
            add("[]")
            return
        inner = newline + " "
        sep = "[" + inner
        for x in v:
            add(sep)
            sep = "," + inner
            _write(x, inner, add)
        add(newline + "]")
    elif isinstance(v, dict):
        if not v:
            add("{}")
            return
        inner = newline + " "
        sep = "{" + inner
        for k, x in v.items():
            if not isinstance(k, str):
                raise ValueError("left to json.dumps")
            add(sep + encode_basestring(k) + ": ")
            sep = "," + inner
            _write(x, inner, add)
        add(newline + "}")
    else:
        raise ValueError("left to json.dumps")
