"""Words that look like the block notation's markup ("[GAP]", "[^12]") are text: imported from outside,
stored in the text format, read back, shown, compared and exported, they never become a gap or a mark."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.blocks import build_items, escape_marks, join_notes, split_notes, unescape_marks
from resdiff.core.model import Footnote, Gap, NoteRef, Paragraph, Resolution
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.formats.markdown import parse_markdown, to_markdown
from resdiff.ingest import read_bytes, read_file
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .official import make_docx, make_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus-json"
WORDS = "as the words [GAP] and [^12] and [GAP: lost] and \\[^3] show"
runner = CliRunner()


def _corpus_file(tmp_path: Path) -> Path:
    rows = json.loads((FIXTURES / "A_RES_77_64.json").read_text(encoding="utf-8"))
    row = next(r for r in rows if r.get("type") == "paragraph" and r["text"].startswith("Recalling"))
    row["text"] = row["text"].rstrip(",") + " " + WORDS + ","
    path = tmp_path / "A_RES_77_64.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def test_corpus_json_words_stay_words_through_the_store(tmp_path: Path):
    res = read_file(_corpus_file(tmp_path))[0]
    pp1 = res.paragraph("PP1")
    assert pp1.text.endswith(WORDS + ",") and not pp1.notes and not pp1.partial
    assert not any(isinstance(i, Gap) for i in res.items) and res.complete
    stored = format_docformat(res)
    assert "\\[GAP] and \\[^12] and \\[GAP: lost] and \\\\\\[^3] show" in stored
    assert parse_docformat(stored) == res
    assert parse_markdown(to_markdown(res), "md") == res

    store = tmp_path / "store"
    imported = runner.invoke(app, ["import", str(tmp_path / "A_RES_77_64.json"), "--store", str(store)])
    assert imported.exit_code == 0, imported.output
    checked = runner.invoke(app, ["check", "--store", str(store)])
    assert checked.exit_code == 0, checked.output
    shown = runner.invoke(app, ["show", "77/64", "--format", "json", "--store", str(store)])
    assert shown.exit_code == 0 and json.dumps(WORDS)[1:-1] in shown.output  # as JSON writes it
    # The stored text against the file it came from, read again: the same paragraphs, word for word.
    compared = runner.invoke(
        app, ["compare", "77/64", str(tmp_path / "A_RES_77_64.json"), "--format", "json", "--store", str(store)]
    )
    assert compared.exit_code == 0, compared.output
    summary = json.loads(compared.output)["summary"]
    assert summary["unchanged"] == len(res.paragraphs) and sum(summary.values()) == len(res.paragraphs)


def test_real_marks_and_gaps_still_work_beside_escaped_words():
    text, notes, partial = split_notes("a \\[GAP] b,[^2] c \\\\[^1] d\\\\\\[^9][GAP]")
    assert (text, notes, partial) == ("a [GAP] b, c \\ d\\[^9]", (NoteRef(2, 10), NoteRef(1, 14)), True)
    assert join_notes(text, notes, partial) == "a \\[GAP] b,[^2] c \\\\[^1] d\\\\\\[^9][GAP]"
    items = build_items(["[GAP]", "Noting \\[GAP] here[GAP]"])
    assert isinstance(items[0], Gap) and isinstance(items[1], Paragraph)
    assert items[1].text == "Noting [GAP] here" and items[1].partial


def test_footnote_bodies_keep_their_words():
    res = Resolution(
        symbol="A/RES/75/1",
        items=build_items(["Noting the report,[^1] and[^2]"]),
        footnotes=(Footnote(1, "[GAP]"), Footnote(2, "See [^7] \\[GAP]")),
    )
    assert res.paragraphs[0].text == "Noting the report, and" and len(res.paragraphs[0].notes) == 2
    assert parse_docformat(format_docformat(res)) == res


# Text rich in the characters of the markup: brackets, carets, backslashes, the word GAP, digits.
# Never empty once spaces are collapsed: an empty footnote body is no body (the readers make it a gap).
marked_words = (
    st.text(alphabet="ab [^]\\GAP12:", min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)
)


@st.composite
def paragraphs(draw) -> Paragraph:
    text = "Noting " + draw(marked_words)
    offsets = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
    notes = tuple(NoteRef(k + 1, offset) for k, offset in enumerate(offsets))
    return build_items([join_notes(text, notes, draw(st.booleans()))])[0]  # type: ignore[return-value]


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraphs(), min_size=1, max_size=4), st.lists(st.none() | marked_words, max_size=3))
def test_text_format_round_trip_over_markup_characters(paras: list[Paragraph], bodies: list[str | None]):
    items = build_items([join_notes(p.text, p.notes, p.partial) for p in paras])
    res = Resolution(
        symbol="A/RES/75/1", items=items, footnotes=tuple(Footnote(k + 1, b) for k, b in enumerate(bodies))
    )
    assert [(p.text, p.notes, p.partial) for p in res.paragraphs] == [(p.text, p.notes, p.partial) for p in paras]
    assert parse_docformat(format_docformat(res)) == res
    assert parse_markdown(to_markdown(res), "md") == res


@given(st.text(alphabet="x [^]\\GAP1"))
def test_escape_is_undone_exactly(text: str):
    assert unescape_marks(escape_marks(text)) == text
    assert split_notes(escape_marks(text)) == (text, (), False)


@pytest.mark.parametrize("make", [make_html, make_docx], ids=["html", "docx"])
def test_published_formats_read_markup_words_as_words(make):
    # Word and HTML mark footnotes with superscripts: "[^12]" or "[GAP]" in their words is text.
    whole = Store(FIXTURE_STORE).load("75/59")
    pp1 = whole.paragraph("PP1")
    changed = replace(pp1, text=pp1.text.replace(" ", f" {WORDS} ", 1))
    res = replace(whole, items=tuple(changed if i is pp1 else i for i in whole.items))
    read, _ = read_bytes(make(res), "page")
    first = read.paragraphs[0]
    assert first.text == changed.text and first.notes == pp1.notes and not first.partial
    assert parse_docformat(format_docformat(read)) == read
