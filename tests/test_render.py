"""Terminal and Markdown renderings of a comparison."""

from __future__ import annotations

import pytest

from resdiff.compare import compare
from resdiff.ingest.structure import build_items
from resdiff.model import Resolution
from resdiff.render import render_comparison
from resdiff.render.changes import render_term, use_colour

OLD = Resolution("A/RES/1/1", adopted="2020-01-01", complete=True, items=build_items([
    "Recalling its resolution 70/1,", "Noting the *report* of the group,",
    "1. Encourages States to share information;", "2. Decides to remain seized of the matter."]))
NEW = Resolution("A/RES/2/1", adopted="2021-01-01", complete=True, items=build_items([
    "Recalling its resolutions 70/1 and 75/1,", "Noting the *report* of the group,",
    "Welcoming cooperation among *regional* organizations,",
    "1. Urges States to share information;", "2. Decides to remain seized of the matter."]))


def test_term_without_colour_marks_edits_in_text():
    out = render_term(compare(OLD, NEW), changed_only=True, colour=False)
    assert out.splitlines()[:2] == ["A/RES/1/1 (2020-01-01, complete) → A/RES/2/1 (2021-01-01, complete)",
                                    "Summary: 2 unchanged, 1 technical, 1 reworded, 1 new"]
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
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render_comparison(compare(OLD, NEW), "pdf")
