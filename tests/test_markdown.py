"""Markdown: a comparison a monitor can paste (checked with a CommonMark renderer), and the export of
one version, which `resdiff import` reads back unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from resdiff.cli.app import app
from resdiff.core.blocks import build_items
from resdiff.core.errors import ImportFailed
from resdiff.core.model import Footnote, Resolution
from resdiff.core.validate import content_problems
from resdiff.diff.compare import compare
from resdiff.formats.docformat import format_docformat, parse_docformat
from resdiff.formats.markdown import _plain, block_safe, md_escape, to_markdown
from resdiff.ingest import read_bytes
from resdiff.render.markdown import render_comparison_md
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .pairs import make_pair

STORE = Store(FIXTURE_STORE)
SYMBOLS = ["70/46", "71/72", "72/36", "73/67", "75/59"]
runner = CliRunner()

# CommonMark as specified, and CommonMark with GitHub's tables and strikethrough: both must agree.
COMMONMARK = MarkdownIt("commonmark")
GITHUB = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered(md: str, parser: MarkdownIt = COMMONMARK):
    return lxml_html.fromstring(f"<div>{parser.render(md)}</div>")


def visible(el, drop: str) -> str:
    """The text of ``el`` as a reader sees it, without the ``drop`` elements (del or ins)."""
    copy = lxml_html.fromstring(lxml_html.tostring(el))
    for d in copy.iter(drop):
        d.drop_tree()
    return norm(copy.text_content())


def norm(text: str) -> str:
    """Spacing as a reader compares it (a space between a deleted and an inserted word is no change)."""
    return re.sub(r" ([,.;:])", r"\1", " ".join(text.split()))


OLD = Resolution(
    "A/RES/1/1",
    adopted="2020-01-01",
    complete=True,
    sources=("https://example.org/a_b?x=1",),
    items=build_items(
        [
            "Recalling its resolution 70/1,",
            "Expressing grave concern over the devastation, and, in this regard, stressing the need,",
            "Noting the *report* of the group,",
            "1. Encourages States to share information;",
            "2. Decides to remain seized of the matter.",
        ]
    ),
)
NEW = Resolution(
    "A/RES/2/1",
    adopted="2021-01-01",
    complete=True,
    sources=("2/1 as typed by hand <notes>",),
    items=build_items(
        [
            "Recalling its resolutions 70/1 and 75/1,",
            "Expressing grave concern over the devastation, and in this regard stressing the need,",
            "Noting the *report* of the group,",
            "Welcoming cooperation among *regional* organizations,",
            "1. Urges States to share information;",
            "2. Decides to remain seized of the matter.",
        ]
    ),
)


def test_summary_paragraph_comes_first():
    md = render_comparison_md(compare(OLD, NEW))
    doc = rendered(md)
    assert doc.find("h1").text_content() == "1/1 → 2/1"
    first = doc.find("p").text_content()
    assert first == (
        "From 1/1 to 2/1: 1 new preambular paragraph, 1 reworded, 1 lead strengthened, "
        "1 technical update, 1 editorial change; 2 unchanged."
    )


def test_changes_with_paragraph_ids_in_both_versions_and_sources_at_the_end():
    md = render_comparison_md(compare(OLD, NEW))
    assert "**OP1 of 2/1** (OP1 of 1/1): reworded · lead strengthened: Encourages → Urges" in md
    assert "> <del>Encourages</del> <ins>Urges</ins> States to share information;" in md
    assert "**PP4 of 2/1** (not in 1/1): new" in md
    assert md.rstrip().endswith(
        "## Sources\n\n- 1/1: <https://example.org/a_b?x=1>\n- 2/1: 2/1 as typed by hand \\<notes\\>".rstrip()
    )
    doc = rendered(md)
    assert doc.findall("h2")[-1].text_content() == "Sources"
    assert [li.text_content() for li in doc.findall(".//ul/li")] == [
        "1/1: https://example.org/a_b?x=1",
        "2/1: 2/1 as typed by hand <notes>",
    ]
    # Text that looks like Markdown is shown as itself.
    assert "Welcoming cooperation among *regional* organizations," in doc.text_content()
    # Unchanged paragraphs: one line per run, or nothing with --changed-only.
    assert "1 paragraph unchanged: PP3 of 2/1 (PP3 of 1/1)" in md
    assert "unchanged:" not in render_comparison_md(compare(OLD, NEW), changed_only=True)


@pytest.mark.parametrize("parser", [COMMONMARK, GITHUB], ids=["commonmark", "github"])
def test_deleted_punctuation_renders_as_a_deletion_not_as_tildes(parser: MarkdownIt):
    md = render_comparison_md(compare(OLD, NEW))
    assert "~~" not in md
    assert "devastation, and<del>,</del> in this regard<del>,</del> stressing" in md
    doc = rendered(md, parser)
    assert sorted(d.text_content() for d in doc.iter("del")) == [",", ",", "Encourages", "resolution"]
    assert "~" not in doc.text_content() and "\\" not in doc.text_content()


def test_generated_pairs_render_in_commonmark_to_both_texts():
    """Over many generated pairs: each quoted paragraph, read without its insertions, is the old text,
    and without its deletions the new text; nothing renders as code, nothing leaks markup."""
    base = STORE.load("75/59")
    checked = 0
    for seed in range(15):
        old, new, _ = make_pair(base, seed)
        comp = compare(old, new)
        md = render_comparison_md(comp)
        doc = rendered(md)
        assert not doc.findall(".//pre") and not doc.findall(".//code"), seed
        quotes = doc.findall(".//blockquote")
        bodies = [c for c in comp.changes if c.kind.value not in ("unchanged", "unknown")]
        assert len(quotes) == len(bodies), seed
        for q, c in zip(quotes, bodies):
            old_text = norm(" ".join(p.text for p in c.old))
            new_text = norm(" ".join(p.text for p in c.new))
            if c.kind.value == "new":
                assert visible(q, "del") == new_text, seed
            elif c.kind.value == "dropped":
                assert visible(q, "ins") == old_text, seed
            else:
                assert visible(q, "ins") == old_text and visible(q, "del") == new_text, seed
            checked += 1
    assert checked > 60


def test_runs_of_paragraphs_not_compared_are_one_line():
    md = render_comparison_md(compare(STORE.load("72/36"), STORE.load("75/59")))
    assert "12 paragraphs not compared: not held in 72/36 (PP14–PP24, OP1 of 75/59)" in md
    assert "6 paragraphs not compared: not held in 72/36 (PP1–PP6 of 75/59)" in md
    assert "unknown" not in md
    assert md.splitlines()[2].startswith("From 72/36 to 75/59: 1 new preambular paragraph,")
    md = render_comparison_md(compare(STORE.load("73/67"), STORE.load("75/59")))
    assert "49 paragraphs not compared: not held in 73/67 (PP7–PP24, OP1–OP31 of 75/59)" in md
    assert len(md.splitlines()) < 30


def test_a_fragment_held_in_part_is_not_quoted():
    old = Resolution("A/RES/1/1", complete=False, items=build_items(["Recalling its resolution 70/1,", "E[GAP]"]))
    new = Resolution(
        "A/RES/2/1",
        complete=True,
        items=build_items(["Recalling its resolution 70/1,", "Encouraging States to share information,"]),
    )
    md = render_comparison_md(compare(old, new))
    assert "> E" not in md and '"E"' not in md
    assert "**PP2 of 2/1** (PP2 of 1/1): only its beginning is held in 1/1, and that part is unchanged" in md


@given(st.text(alphabet="ab *_[]<>#|\\&;`~.-+=1()!", min_size=1, max_size=40))
def test_escape_round_trip(text: str):
    assert _plain(md_escape(text), drop_emphasis=False) == text  # the reader undoes the escapes
    if text.strip():
        shown = rendered(block_safe(md_escape(text))).text_content()
        assert norm(shown) == norm(text)


# -- the export of one version, read back ------------------------------------------------


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_markdown_export_reads_back_unchanged(symbol: str):
    res = STORE.load(symbol)
    md = to_markdown(res)
    assert read_bytes(md.encode(), "x.md")[0] == res
    doc = rendered(md)
    assert not doc.findall(".//pre") and doc.find("h1") is not None


_WORDS = st.text(alphabet="abcdefg *_[]<>#|\\&;`~.,-+=1()!", min_size=1, max_size=50)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(_WORDS, min_size=1, max_size=5),
    partial=st.booleans(),
    gap=st.booleans(),
    note=st.one_of(st.none(), st.text(alphabet="abc *_[]<>&#.", min_size=1, max_size=20)),
)
def test_markdown_export_round_trip_on_generated_texts(texts: list[str], partial: bool, gap: bool, note: str | None):
    blocks = [f"Recalling {t.strip()}," for t in texts]
    blocks[0] = blocks[0][:-1] + ",[^1]"
    if gap:
        blocks.append("[GAP]")
    blocks += [
        "1. Encourages States (a) to act;",
        "(a) to share information;",
        "(i) at once;",
        "2. Decides" + (" to remain[GAP]" if partial else " to remain seized."),
    ]
    res = Resolution(
        "A/RES/99/1",
        title="A *title* [x]",
        adopted="2024-01-02",
        meeting="5th plenary meeting",
        sources=("https://example.org/a_b", "notes by <hand>"),
        provenance=("typed #1",),
        items=build_items(blocks),
        footnotes=(Footnote(1, note),),
        footnote_gap=gap,
    )
    try:
        held = parse_docformat(format_docformat(res)) == res
    except ImportFailed:
        held = False  # e.g. a footnote whose text is only spaces
    if not held or content_problems(res, "generated"):
        # a text the resdiff text format cannot hold either (e.g. a paragraph beginning "1. "), or one
        # `check` rejects (a footnote gap in footnotes marked held), which import repairs and says so
        return
    assert read_bytes(to_markdown(res).encode(), "x.md")[0] == res


def test_import_reads_its_own_markdown_export(tmp_path: Path):
    out = tmp_path / "75-59.md"
    result = runner.invoke(app, ["export", "75/59", "--format", "md", "-o", str(out), "--store", str(FIXTURE_STORE)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# 75/59. Countering the threat")
    store = tmp_path / "store"
    store.mkdir()
    (store / "ied").mkdir()
    (store / "ied" / "manifest.json").write_text((FIXTURE_STORE / "ied" / "manifest.json").read_text())
    result = runner.invoke(app, ["import", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert (store / "ied" / "A-RES-75-59.txt").read_text() == (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_text()


def test_a_broken_markdown_export_is_one_line(tmp_path: Path):
    md = to_markdown(STORE.load("73/67")).replace("- Text: partial", "- Colour: blue")
    bad = tmp_path / "bad.md"
    bad.write_text(md)
    result = runner.invoke(app, ["show", str(bad)])
    assert result.exit_code == 1
    assert re.fullmatch(r"Error: .*bad\.md: About this text: unknown item 'Colour'\n", result.output)


def test_readme_shows_the_markdown_of_a_real_pair():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- markdown-example -->\n````markdown\n", 1)[1].split("````", 1)[0]
    assert block == render_comparison_md(compare(STORE.load("75/59"), STORE.load("77/64")), changed_only=True)
