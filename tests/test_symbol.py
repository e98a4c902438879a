"""UN document symbols: the grammar, the spellings people type, and the file names derived from them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resdiff.core.errors import InvalidSymbol
from resdiff.core.symbol import Amendment, Organ, Symbol, SymbolKind

CANONICAL = [
    ("A/RES/77/64", Organ.GA, SymbolKind.RESOLUTION, 77, 64, "77/64", "A-RES-77-64"),
    ("A/RES/57/283 B", Organ.GA, SymbolKind.RESOLUTION, 57, 283, "57/283 B", "A-RES-57-283-B"),
    ("A/RES/1514 (XV)", Organ.GA, SymbolKind.RESOLUTION, 15, 1514, "1514 (XV)", "A-RES-1514-XV"),
    ("A/C.1/77/L.37", Organ.GA, SymbolKind.DRAFT, 77, 37, "A/C.1/77/L.37", "A-C.1-77-L.37"),
    ("A/C.1/77/L.37/Rev.1", Organ.GA, SymbolKind.DRAFT, 77, 37, "A/C.1/77/L.37/Rev.1", "A-C.1-77-L.37-Rev.1"),
    ("A/77/L.5", Organ.GA, SymbolKind.DRAFT, 77, 5, "A/77/L.5", "A-77-L.5"),
    ("A/77/L.5/Add.1", Organ.GA, SymbolKind.DRAFT, 77, 5, "A/77/L.5/Add.1", "A-77-L.5-Add.1"),
    ("A/C.3/76/L.12/Corr.1", Organ.GA, SymbolKind.DRAFT, 76, 12, "A/C.3/76/L.12/Corr.1", "A-C.3-76-L.12-Corr.1"),
    ("A/HRC/RES/50/13", Organ.HRC, SymbolKind.RESOLUTION, 50, 13, "A/HRC/RES/50/13", "A-HRC-RES-50-13"),
    ("S/RES/2370 (2017)", Organ.SC, SymbolKind.RESOLUTION, None, 2370, "S/RES/2370 (2017)", "S-RES-2370-2017"),
    ("E/RES/2023/5", Organ.ECOSOC, SymbolKind.RESOLUTION, None, 5, "E/RES/2023/5", "E-RES-2023-5"),
]


@pytest.mark.parametrize("text, organ, kind, session, number, short, stem", CANONICAL)
def test_the_grammar_of_symbols(text, organ, kind, session, number, short, stem):
    sym = Symbol.parse(text)
    assert (str(sym), sym.organ, sym.kind, sym.session, sym.number, sym.short, sym.stem) == (
        text,
        organ,
        kind,
        session,
        number,
        short,
        stem,
    )
    assert Symbol.parse(sym.short) == sym


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("75/59", "A/RES/75/59"),
        ("a/res/75/59", "A/RES/75/59"),
        ("  A/RES/75/59 ", "A/RES/75/59"),
        ("075/059", "A/RES/75/59"),
        ("٧٥/٥٩", "A/RES/75/59"),  # Arabic-Indic digits
        ("۷۵/۵۹", "A/RES/75/59"),  # Extended Arabic-Indic (Persian) digits
        ("７５/５９", "A/RES/75/59"),  # full-width digits
        ("Ａ／ＲＥＳ／７５／５９", "A/RES/75/59"),  # full-width letters and slashes
        ("A/RES/57/283B", "A/RES/57/283 B"),
        ("57/283\u00a0b", "A/RES/57/283 B"),
        ("a/c.1/77/l.37/rev.1", "A/C.1/77/L.37/Rev.1"),
        ("A/C.1/077/L.037/REV.01", "A/C.1/77/L.37/Rev.1"),
        ("1514(xv)", "A/RES/1514 (XV)"),
        ("s/res/2370(2017)", "S/RES/2370 (2017)"),
    ],
)
def test_spellings_people_type_are_normalised(typed, canonical):
    assert str(Symbol.parse(typed)) == canonical


@pytest.mark.parametrize(
    "junk",
    [
        "",
        " ",
        "../../etc/passwd",
        "75/59/../../x",
        "A/RES/75",
        "75/59; rm -rf /",
        "/75/59",
        "A/RES/75/59/..",
        "A/RES/0/59",
        "A/RES/75/0",
        "A/RES/1514 (XIIII)",
        "A/RES/75/59 BB",
        "A/C.7/77/L.37",
        "A/77/L.5/Rev.",
        "A/RES/75\\59",
        "A/RES/75/59\x00",
        "x" * 500,
        "A/RES/12345/1",
        "S/RES/2370",
        "L.37",
    ],
)
def test_junk_is_refused_with_one_clear_error(junk):
    with pytest.raises(InvalidSymbol, match="invalid symbol"):
        Symbol.parse(junk)
    assert Symbol.find(junk) is None


def test_draft_parts():
    rev = Symbol.parse("A/C.1/77/L.37/Rev.2")
    assert rev.is_draft and not rev.is_resolution
    assert rev.revision == 2 and rev.amendments == ((Amendment.REV, 2),)
    assert str(rev.base) == "A/C.1/77/L.37" and rev.base.revision == 0
    assert rev.committee == 1 and rev.committee_name == "First Committee"
    assert Symbol.parse("A/77/L.5").committee is None and Symbol.parse("A/77/L.5").ga_session == 77
    assert Symbol.parse("A/HRC/RES/50/13").ga_session is None


def test_existing_store_file_names_are_unchanged():
    from resdiff.core.model import symbol_filename

    assert symbol_filename("A/RES/75/59") == "A-RES-75-59.txt"
    assert symbol_filename("A/RES/57/283 B") == "A-RES-57-283-B.txt"


def _symbols():
    n = st.integers(1, 9999)
    session = st.integers(1, 999)
    amend = st.lists(st.tuples(st.sampled_from(list(Amendment)), st.integers(1, 99)), max_size=2).map(tuple)
    ga = st.builds(
        Symbol,
        organ=st.just(Organ.GA),
        kind=st.just(SymbolKind.RESOLUTION),
        number=n,
        session=session,
        part=st.none() | st.sampled_from("ABCD"),
        amendments=amend,
    )
    old = st.builds(
        Symbol,
        organ=st.just(Organ.GA),
        kind=st.just(SymbolKind.RESOLUTION),
        number=n,
        session=st.integers(1, 89),
        part=st.none() | st.sampled_from("AB"),
        old_style=st.just(True),
    )
    draft = st.builds(
        Symbol,
        organ=st.just(Organ.GA),
        kind=st.just(SymbolKind.DRAFT),
        number=n,
        session=session,
        committee=st.none() | st.integers(1, 6),
        amendments=amend,
    )
    hrc = st.builds(
        Symbol,
        organ=st.just(Organ.HRC),
        kind=st.sampled_from(list(SymbolKind)),
        number=n,
        session=session,
        amendments=amend,
    )
    sc = st.builds(
        Symbol, organ=st.just(Organ.SC), kind=st.just(SymbolKind.RESOLUTION), number=n, year=st.integers(1946, 2099)
    )
    ecosoc = st.builds(
        Symbol,
        organ=st.just(Organ.ECOSOC),
        kind=st.sampled_from(list(SymbolKind)),
        number=n,
        year=st.integers(1946, 2099),
        amendments=amend,
    )
    return ga | old | draft | hrc | sc | ecosoc


@given(_symbols())
def test_round_trip(sym: Symbol):
    text = str(sym)
    assert Symbol.parse(text) == sym
    assert Symbol.parse(text.lower()) == sym
    assert Symbol.parse(sym.short) == sym
    # the file name is safe: one path component, no "..", and distinct symbols give distinct names
    assert "/" not in sym.filename and ".." not in sym.filename and " " not in sym.filename
    assert sym.filename.isascii()


@given(_symbols(), _symbols())
def test_distinct_symbols_have_distinct_file_names(a: Symbol, b: Symbol):
    assert (a == b) == (a.filename == b.filename)


@given(st.text(max_size=40))
def test_anything_either_parses_to_a_canonical_symbol_or_is_refused(text: str):
    sym = Symbol.find(text)
    if sym is not None:
        assert Symbol.parse(str(sym)) == sym
        assert "/" not in sym.filename and ".." not in sym.filename
