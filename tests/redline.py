"""Read a Word redline back as the tests check it: the text after accepting or rejecting every revision."""

from __future__ import annotations

import re

from resdiff.core.model import Resolution
from resdiff.ingest.word import docx_paragraphs
from resdiff.render.docx import FRAME_STYLES


def revision_view(docx: bytes, accept: bool) -> list[str]:
    """The paragraphs' text after accepting (or rejecting) every revision, as the importer reads it.

    Skips the masthead, the section headings and the change list (keeps paragraphs not compared), and leaves out footnote references;
    numbers read as "7.\t" (list numbering reads "7. ").
    """
    paragraphs, _notes, styles = docx_paragraphs(docx, "redline", "current" if accept else "original")
    return [
        re.sub(r"^(\d+\.|\([a-z]+\)) ", "\\1\t", re.sub(r"\[\^\d+\]", "", p))
        for p, style in zip(paragraphs, styles)
        if style not in FRAME_STYLES or style == "NotCompared"  # text shown, whichever way
    ]


def paragraph_lines(res: Resolution) -> list[str]:
    """A resolution's paragraphs as a redline prints them: "7.\\ttext", "(a)\\ttext"."""
    out = []
    for p in res.paragraphs:
        label = f"({p.sub[-1]})\t" if p.sub else f"{p.number}.\t" if p.number is not None else ""
        out.append(label + p.text)
    return out
