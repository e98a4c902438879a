"""Terminal and Markdown renderings of a comparison."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from resdiff.core.blocks import build_items
from resdiff.core.model import Footnote, Resolution
from resdiff.diff.compare import compare
from resdiff.render import render_comparison
from resdiff.render.changes import render_term, use_colour

OLD = Resolution(
    "A/RES/1/1",
    adopted="2020-01-01",
    complete=True,
    items=build_items(
        [
            "Recalling its resolution 70/1,",
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
    items=build_items(
        [
            "Recalling its resolutions 70/1 and 75/1,",
            "Noting the *report* of the group,",
            "Welcoming cooperation among *regional* organizations,",
            "1. Urges States to share information;",
            "2. Decides to remain seized of the matter.",
        ]
    ),
)


def test_term_without_colour_marks_edits_in_text():
    out = render_term(compare(OLD, NEW), changed_only=True, colour=False)
    assert out.splitlines()[:2] == [
        "A/RES/1/1 (2020-01-01, complete) → A/RES/2/1 (2021-01-01, complete)",
        "Summary: 2 unchanged, 1 technical, 1 reworded, 1 new",
    ]
    assert "PP1 → PP1  technical  similarity" in out
    assert "Recalling its [-resolution-]{+resolutions+} 70/1{+ and 75/1+}," in out
    assert "— → PP3  new" in out
    assert "OP1 → OP1  reworded · lead strengthened: Encourages → Urges" in out
    assert "[-Encourages-]{+Urges+} States" in out
    assert "Decides" not in out  # unchanged paragraphs hidden
    assert "\033[" not in out


def test_term_colour_and_no_color(monkeypatch: pytest.MonkeyPatch):
    assert "\033[31;9m" in render_term(compare(OLD, NEW), colour=True)

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour()


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="unknown format 'odt'"):
        render_comparison(compare(OLD, NEW), "odt")


FN_OLD = Resolution(
    "A/RES/75/59",
    complete=True,
    items=build_items(
        [
            "Recalling its resolution 70/1,",
            "1. Takes note of the report of the Secretary-General;[^1]",
            "2. Encourages States to share information;",
            "3. Decides to remain seized of the matter.",
        ]
    ),
    footnotes=(Footnote(1, "A/75/175."),),
)
FN_NEW = Resolution(
    "A/RES/77/64",
    complete=True,
    items=build_items(
        [
            "Recalling its resolution 70/1,",
            "1. Takes note of the report of the Secretary-General;[^1]",
            "2. Decides to remain seized of the matter.",
            "3. Encourages States to share information;[^2]",
        ]
    ),
    footnotes=(Footnote(1, "A/77/188."), Footnote(2, "See A/77/1.")),
)


def test_footnote_and_move_changes_are_shown_in_every_format():
    """A footnote's text changed (A/75/175 → A/77/188), a mark added, and a paragraph moved: each is
    named and shown, not a bare "editorial"."""
    comp = compare(FN_OLD, FN_NEW)
    term = render_term(comp, changed_only=True, colour=False)
    assert "OP1 → OP1  technical · footnote 1 text changed" in term
    assert "    footnote 1 text changed: [-A/75/175-]{+A/77/188+}." in term
    assert "footnote 2 added" in term and "    footnote 2 added: {+See A/77/1.+}" in term
    assert "moved from OP3" in term and "(1 of these moved)" in term
    md = render_comparison(comp, "md", changed_only=True)
    assert "*Footnote 1 text changed*: <del>A/75/175</del> <ins>A/77/188</ins>." in md
    assert "*Footnote 2 added*: <ins>See A/77/1.</ins>" in md
    assert "1 moved" in md.splitlines()[2] and "1 footnote changed, 1 new footnote" in md.splitlines()[2]
    assert "moved from OP3" in md
    data = json.loads(render_comparison(comp, "json", changed_only=True))
    labels = [c["label"] for c in data["changes"]]
    assert any("footnote 1 text changed" in label for label in labels)
    assert any("moved from OP3" in label for label in labels) and data["summary"]["moved"] == 1
    html = render_comparison(comp, "html")
    assert "footnote 1 text changed" in html and "footnote 2 added" in html
    change_list = html.split('<ol class="change-list">', 1)[1].split("</ol>", 1)[0]
    assert "moved from OP3" in change_list and "footnote 1 text changed" in change_list
    docx = render_comparison(comp, "docx")
    comments = zipfile.ZipFile(io.BytesIO(docx)).read("word/comments.xml").decode()
    assert "Footnote 1 text changed: “A/75/175.” → “A/77/188.”" in comments
    assert "Footnote 2 added: “See A/77/1.”" in comments
