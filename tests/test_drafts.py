"""Drafts as delegates hold them: every shape compares with the resolution it builds on, straight away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resdiff.cli.app import app
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.ingest import read_bytes
from resdiff.ingest.word import docx_paragraphs

from .conftest import FIXTURE_STORE
from .drafts import VARIANTS, draft_docx, draft_pasted, draft_plain, make_draft, make_revision, variant_bytes
from .pairs import found_links

BASE = parse_docformat((FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text(encoding="utf-8"))


def run(*args: str, input: str | None = None):
    from typer.testing import CliRunner

    return CliRunner().invoke(app, [*args, "--store", str(FIXTURE_STORE)], input=input)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", range(4))
def test_every_shape_of_a_draft_compares_right_with_the_resolution(variant: str, seed: int):
    draft = make_draft(BASE, seed)
    res, _ = read_bytes(variant_bytes(draft, variant), f"draft.{variant}")
    links, _unchanged = found_links(BASE, res)
    assert links == draft.truth.links
    if variant != "plain":  # the plain text has no masthead
        assert (res.symbol, res.sponsors, res.title) == (draft.res.symbol, draft.res.sponsors, draft.res.title)
        assert res.agenda_item == draft.agenda_item
    if variant.startswith("docx"):  # real footnotes come through
        assert [f.text for f in res.footnotes] == [f.text for f in draft.res.footnotes]


@pytest.mark.parametrize("seed", range(3))
def test_a_revision_compares_with_its_draft_and_names_the_new_sponsors(seed: int):
    draft = make_draft(BASE, seed)
    rev = make_revision(draft, seed)
    old, _ = read_bytes(draft_docx(draft, "list"), "L.docx")
    new, _ = read_bytes(draft_docx(rev, "hand"), "Rev1.docx")
    assert new.symbol.endswith("/Rev.1")
    links, _ = found_links(old, new)
    assert links == rev.truth.links
    from resdiff.diff.compare import compare

    change = compare(old, new).sponsors
    added = tuple(s for s in rev.res.sponsors if s not in draft.res.sponsors)
    assert change.added == added and change.removed == ()
    assert change.sentence(new.short).startswith(f"{new.symbol} adds ")


def test_word_list_numbering_reads_as_the_printed_numbers():
    draft = make_draft(BASE, 1)
    paragraphs, _notes, _styles = docx_paragraphs(draft_docx(draft, "list"), "d.docx")
    body = paragraphs[paragraphs.index("The General Assembly,") + 1 :]
    numbered = [p.split(" ", 1)[0] for p in body if p[:1] in "0123456789("]
    expected = [f"({p.sub[-1]})" if p.sub else f"{p.number}." for p in draft.res.paragraphs if p.part == "operative"]
    assert numbered == expected


def test_compare_a_stored_resolution_with_a_word_draft(tmp_path: Path):
    draft = make_draft(BASE, 2)
    path = tmp_path / "L37.docx"
    path.write_bytes(draft_docx(draft, "list"))
    result = run("compare", "75/59", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["new"]["symbol"] == draft.res.symbol and data["old"]["symbol"] == "A/RES/75/59"
    assert data["sponsors"]["new"] == list(draft.res.sponsors)


def test_a_text_without_symbol_is_named_by_its_file_and_labels_rename_either_side(tmp_path: Path):
    path = tmp_path / "my draft.txt"
    path.write_text(draft_plain(make_draft(BASE, 3)), encoding="utf-8")
    result = run("compare", "75/59", str(path), "--changed-only")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("A/RES/75/59 (2020-12-07, complete) → my draft.txt (")
    result = run(
        "compare", "75/59", str(path), "--old-label", "last year", "--new-label", "Friday draft", "--format", "md"
    )
    assert result.stdout.startswith("# last year → Friday draft")


def test_standard_input_and_the_wrong_order_warning():
    draft = make_draft(BASE, 0)
    result = run("compare", "75/59", "-", "--format", "json", input=draft_pasted(draft))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"]["symbol"] == draft.res.symbol
    result = run("compare", "-", "75/59", input=draft_pasted(draft))
    assert result.exit_code == 0
    assert "warning: OLD A/C.1/77/" in result.stderr and "later session than NEW 75/59" in result.stderr
    assert run("compare", "-", "-", input="x").exit_code == 1


def test_the_fast_path_reads_drafts_too(tmp_path: Path, capsys):
    from resdiff.cli.entry import fast_compare

    path = tmp_path / "L37.docx"
    path.write_bytes(draft_docx(make_draft(BASE, 2), "hand"))
    assert fast_compare(["compare", str(path), "75/59", "--format", "json", "--store", str(FIXTURE_STORE)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["old"]["symbol"].startswith("A/C.1/77/L.")
    assert "later session than NEW" in captured.err


def test_a_word_draft_without_a_sponsors_line_keeps_its_title_and_its_items_title():
    """Without "Australia, France and Nigeria: draft resolution" the masthead still ends on the agenda
    item's title and the draft's (both were lost: title [GAP])."""
    draft = make_draft(BASE, 5)
    res, _ = read_bytes(draft_docx(draft, sponsors=False), "L.docx")
    assert (res.title, res.agenda_title, res.sponsors) == (draft.res.title, "General and complete disarmament", ())
    assert [p.text for p in res.paragraphs] == [p.text for p in read_bytes(draft_docx(draft), "L.docx")[0].paragraphs]


def test_a_draft_keeps_its_masthead_through_the_text_format_and_the_store(tmp_path: Path):
    import shutil

    draft = make_draft(BASE, 5)
    res, _ = read_bytes(draft_docx(draft), "L.docx")
    assert parse_docformat(format_docformat(res)) == res
    store = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, store)
    path = tmp_path / "L.docx"
    path.write_bytes(draft_docx(draft))
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["import", str(path), "--series", "ied", "--store", str(store)])
    assert result.exit_code == 0, result.output
    stored = (store / "ied" / (res.parsed_symbol.stem + ".txt")).read_text(encoding="utf-8")
    assert f"sponsors: {' ; '.join(draft.res.sponsors)}" in stored


def test_list_numbering_given_by_a_style_with_a_start_override():
    """Numbering set on a paragraph style (as UN templates do), restarting at 3, sub-level "(a)"."""
    import io
    import zipfile

    from .official import W, _xml, a

    def para(text, style=None, ilvl=None):
        ppr = [W.pStyle(**{a("val"): style})] if style else []
        if ilvl is not None:
            ppr.append(W.numPr(W.ilvl(**{a("val"): str(ilvl)})))
        return W.p(W.pPr(*ppr), W.r(W.t(text)))

    body = W.body(
        para("The General Assembly,"),
        para("Recalling its resolution 70/46,"),
        para("Decides to do this;", "OpPara"),
        para("States to do that;", "OpPara", ilvl=1),
        para("Decides to remain seized of the matter.", "OpPara"),
    )
    styles = W.styles(
        W.style(W.pPr(W.numPr(W.numId(**{a("val"): "4"}))), **{a("styleId"): "OpBase"}),
        W.style(W.basedOn(**{a("val"): "OpBase"}), **{a("styleId"): "OpPara"}),
    )
    numbering = W.numbering(
        W.abstractNum(
            W.lvl(W.numFmt(**{a("val"): "decimal"}), W.lvlText(**{a("val"): "%1)"}), **{a("ilvl"): "0"}),
            W.lvl(W.numFmt(**{a("val"): "lowerLetter"}), W.lvlText(**{a("val"): "%2)"}), **{a("ilvl"): "1"}),
            **{a("abstractNumId"): "0"},
        ),
        W.num(
            W.abstractNumId(**{a("val"): "0"}),
            W.lvlOverride(W.startOverride(**{a("val"): "3"}), **{a("ilvl"): "0"}),
            **{a("numId"): "4"},
        ),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", _xml(W.document(body)))
        z.writestr("word/styles.xml", _xml(styles))
        z.writestr("word/numbering.xml", _xml(numbering))
    paragraphs, _, _ = docx_paragraphs(buffer.getvalue(), "styled.docx")
    assert paragraphs[2:] == [
        "3. Decides to do this;",
        "(a) States to do that;",
        "4. Decides to remain seized of the matter.",
    ]
