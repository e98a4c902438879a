"""Extracted-text layouts of a stored resolution, as other tools and other pages would give them.

A published resolution reaches users as text extracted by pdftotext (with or without
``-layout``), copied from a PDF viewer or read by OCR. The words are the same; what changes is
the layout around them: page length and line width, page furniture (running heads, page feet
with job and page numbers, form feeds) or none, blank lines between paragraphs or none,
indentation, the form of the footnote marks (misread glyphs, glyph plus digit, digits glued or
spaced, superscript digits), how footnote bodies are numbered at the page foot (inline, on a
lone line, by glyph), footnotes running on to the next page, a masthead or only the title line.

:func:`text_layouts` gives a list of :class:`TextLayout` covering every option; :func:`render`
lays a Resolution out in one of them. Importing the result must give back the stored text,
footnotes included (tests/test_layouts.py, bench/ingest_layouts.py).
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, replace
from datetime import date

from resdiff.core.model import Resolution

MARKS = ("glyph", "glyph-digit", "glued", "spaced", "superscript", "glued-after-punctuation")
NOTE_NUMBERS = ("inline", "lone", "glyph", "superscript")
HEADS = ("none", "symbol", "symbol+title", "title")
FEET = ("none", "job+page", "page", "job", "page+job", "job/page on two lines", "job+barcode")
INDENTS = ("none", "first-line", "page-start", "margin")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# What OCR reads for a superscript digit (seen in the seed extraction of 75/59).
_GLYPHS = {"1": "!'’°", "2": "?", "3": "*", "4": "*", "5": "%", "6": "°", "7": "’", "8": "®", "9": "°", "0": "°"}


@dataclass(frozen=True)
class TextLayout:
    width: int = 90
    page_lines: int = 50
    blank_lines: bool = True  # a blank line between paragraphs (and between footnotes)
    indent: str = "none"
    head: str = "none"
    foot: str = "none"
    form_feed: bool = False
    marks: str = "glued-after-punctuation"
    note_numbers: str = "inline"
    masthead: bool = False
    rule: bool = False  # a line of underscores above the footnotes
    foot_gap: bool = True  # a blank line between the page text and its footnotes
    run_on: bool = False  # footnotes that do not fit continue at the next page's foot
    op_gap: str = " "  # between an operative number and its text ("\t" → spaces in -layout output)
    seed: int = 0

    @property
    def name(self) -> str:
        parts = [
            f"w{self.width}",
            f"p{self.page_lines}",
            "blank" if self.blank_lines else "noblank",
            f"indent={self.indent}",
            f"head={self.head}",
            f"foot={self.foot}",
            f"marks={self.marks}",
            f"notes={self.note_numbers}",
        ]
        parts += [
            flag
            for flag, on in (
                ("ff", self.form_feed),
                ("masthead", self.masthead),
                ("rule", self.rule),
                ("run-on", self.run_on),
                ("no-foot-gap", not self.foot_gap),
            )
            if on
        ]
        return " ".join(parts)

    @property
    def page_signals(self) -> bool:
        return self.form_feed or self.head != "none" or self.foot != "none" or self.indent == "page-start"


def text_layouts(count: int = 60, seed: int = 11) -> list[TextLayout]:
    """``count`` layouts, cycling through every value of every option (at least once each)."""
    rng = random.Random(seed)

    def spread(values) -> list:
        # Every value about equally often, in an order of its own so that options do not move in step.
        column = [values[k % len(values)] for k in range(count)]
        rng.shuffle(column)
        return column

    columns = zip(
        *(
            spread(v)
            for v in (
                MARKS,
                NOTE_NUMBERS,
                HEADS,
                FEET,
                INDENTS,
                (70, 80, 90, 100, 60),
                (40, 50, 60, 66, 45),
                (True, True, False),
                (True, False),
                (True, False, False, False),
                (True, True, False, False, False),
                (True, True, True, True, True, True, False),
                (True, False, False),
                ("  ", " ", "\t"),
            )
        )
    )
    out = []
    for marks, numbers, head, foot, indent, width, page, blank, ff, masthead, rule, gap, run_on, op_gap in columns:
        layout = TextLayout(
            width=width,
            page_lines=page,
            blank_lines=blank,
            indent=indent,
            head=head,
            foot=foot,
            form_feed=ff,
            marks=marks,
            note_numbers=numbers,
            masthead=masthead,
            rule=rule,
            foot_gap=gap,
            run_on=run_on,
            op_gap=op_gap,
            seed=rng.randrange(10**6),
        )
        out.append(_sensible(layout))
    return out


def _sensible(layout: TextLayout) -> TextLayout:
    """Combinations no extraction gives are adjusted, and said why."""
    if layout.indent == "page-start":
        # The one-space indent at a page start is an OCR artefact of pages whose furniture was dropped.
        layout = replace(layout, form_feed=False, head="none", foot="none")
    if layout.run_on and not layout.page_signals:
        # Without any page signal, text cannot show where one page's foot ends and the next begins.
        layout = replace(layout, run_on=False)
    if layout.run_on and not (layout.foot_gap or layout.rule):
        # A footnote's continuation is told from the page's text by the space above the foot.
        layout = replace(layout, foot_gap=True)
    return layout


def _mark(n: int, style: str, rng: random.Random) -> str:
    """The printed mark of footnote ``n`` (with its space when set off by one)."""
    digits = str(n)
    if style == "superscript":
        return digits.translate(_SUPERSCRIPT)
    if style == "glyph":
        return "".join(rng.choice(_GLYPHS[d]) for d in digits)
    if style == "glyph-digit":
        return rng.choice(_GLYPHS[digits[0]]) + digits[1:] if len(digits) > 1 else rng.choice(_GLYPHS[digits])
    if style == "spaced":
        return " " + digits
    return digits  # glued (to a word or to punctuation)


_OPEN, _CLOSE = "\ue000", "\ue001"  # around a mark while wrapping, to know which line it lands on
_NBSP = "\u00a0"


def _marked_text(para, layout: TextLayout, rng: random.Random) -> str:
    out, pos = [], 0
    for ref in para.notes:
        out.append(para.text[pos : ref.offset])
        mark = _mark(ref.number, layout.marks, rng)
        if mark.startswith(" "):  # set off by a space, but printed on the word's line
            out.append(f"{_NBSP}{_OPEN}{mark[1:]}{_CLOSE}")
        else:
            out.append(f"{_OPEN}{mark}{_CLOSE}")
        pos = ref.offset
    out.append(para.text[pos:])
    return "".join(out)


def _wrap(text: str, width: int, first: str = "") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, break_long_words=False, break_on_hyphens=True)


def _note_lines(number: int, text: str, layout: TextLayout, rng: random.Random) -> list[str]:
    width = layout.width
    if layout.note_numbers == "lone":
        return [str(number), *_wrap(text, width)]
    label = {
        "inline": str(number),
        "superscript": str(number).translate(_SUPERSCRIPT),
        "glyph": _mark(number, "glyph", rng),
    }[layout.note_numbers]
    return _wrap(f"{label} {text}", width)


def _date(iso: str | None) -> str:
    d = date.fromisoformat(iso or "2020-12-07")
    return f"{d.day} {d.strftime('%B %Y')}"


MASTHEAD_FIELDS = {"agenda_item": "103 (ee)", "committee_report": "A/75/399"}


def _masthead(res: Resolution, layout: TextLayout) -> list[list[str]]:
    title = _wrap(f"{res.short}. {res.title}", min(layout.width, 60))
    if not layout.masthead:
        return [title]
    first = (
        ["United Nations", f"A/RES/{res.short}"] if layout.seed % 2 else [f"United Nations{' ' * 30}A/RES/{res.short}"]
    )
    return [
        first + ["General Assembly", "Distr.: General 14 December 2020"],
        ["Seventy-fifth session", f"Agenda item {MASTHEAD_FIELDS['agenda_item']}"],
        [f"Resolution adopted by the General Assembly on {_date(res.adopted)}"],
        [f"[on the report of the First Committee ({MASTHEAD_FIELDS['committee_report']})]"],
        title,
    ]


def render(res: Resolution, layout: TextLayout) -> str:
    """``res`` laid out as extracted text in ``layout``."""
    rng = random.Random(layout.seed)
    blocks: list[list[tuple[str, list[int]]]] = [
        [(line, []) for line in lines] for lines in _masthead(res, layout) + [["The General Assembly,"]]
    ]
    first = "    " if layout.indent == "first-line" else ""
    for item in res.paragraphs:
        text = _marked_text(item, layout, rng)
        if item.sub:
            text = f"({item.sub[-1]}) {text}"
        elif item.number is not None:
            gap = " " * rng.choice((4, 5)) if layout.op_gap == "\t" else layout.op_gap
            text = f"{item.number}.{gap}{text}"
        refs = iter(n.number for n in item.notes)
        block = []
        for line in _wrap(text, layout.width, first):
            numbers = [next(refs) for _ in range(line.count(_OPEN))]
            block.append((line.replace(_OPEN, "").replace(_CLOSE, "").replace(_NBSP, " "), numbers))
        blocks.append(block)
    blocks.append([(res.meeting or "", []), (_date(res.adopted), [])])
    notes = {f.number: _note_lines(f.number, f.text or "", layout, rng) for f in res.footnotes}
    return _paginate(res, blocks, notes, layout)


def _paginate(res: Resolution, blocks, notes: dict[int, list[str]], layout: TextLayout) -> str:
    pages: list[tuple[list[str], list[list[str]]]] = []  # (text lines, footnotes: lines of each)
    body: list[str] = []
    foot: list[list[str]] = []
    carry: list[list[str]] = []  # the rest of a footnote that ran on from the previous page
    placed: set[int] = set()

    def foot_size(parts: list[list[str]]) -> int:
        if not parts:
            return 0
        between = len(parts) - 1 if layout.blank_lines else 0
        return sum(map(len, parts)) + between + layout.foot_gap + layout.rule

    def close() -> None:
        nonlocal body, foot, carry
        pages.append((body, carry + foot))
        body, foot, carry = [], [], []

    for block in blocks:
        if body and layout.blank_lines:
            body.append("")
        for line, numbers in block:
            new = [notes[n] for n in numbers if n not in placed]
            room = layout.page_lines - len(body) - 1
            if body and foot_size(carry + foot + new) > room:
                cut = _run_on_cut(carry + foot + new, room, layout) if layout.run_on and new else None
                if cut is None:
                    if body[-1] == "":
                        body.pop()
                    close()
                else:
                    body.append(line)
                    placed.update(numbers)
                    parts, rest = cut
                    pages.append((body, parts))
                    body, foot, carry = [], [], [rest]
                    continue
            body.append(line)
            placed.update(numbers)
            foot += new
    close()
    return _print_pages(res, pages, layout)


def _run_on_cut(parts: list[list[str]], room: int, layout: TextLayout):
    """Split the footnotes so that they fill ``room`` lines and the last one runs on, or None."""
    used = layout.foot_gap + layout.rule
    for k, part in enumerate(parts):
        extra = 1 if (k and layout.blank_lines) else 0
        if used + extra + len(part) <= room:
            used += extra + len(part)
            continue
        take = room - used - extra
        # Cut inside a footnote's text: at least its number line and one line of text stay.
        least = 2 if layout.note_numbers == "lone" else 1
        if k != len(parts) - 1 or take < least or take >= len(part):
            return None
        return parts[:k] + [part[:take]], part[take:]
    return None


def _furniture_foot(res: Resolution, page: int, total: int, layout: TextLayout) -> list[str]:
    job, num = "20-16437", f"{page}/{total}"
    wide = " " * 40 if layout.indent == "margin" else " "
    return {
        "none": [],
        "job+page": [f"{job}{wide}{num}"],
        "page": [num],
        "job": [job],
        "page+job": [f"{num}{wide}{job}"],
        "job/page on two lines": [job, num],
        "job+barcode": [f"{job} (E) 141220", "*2016437*"],
    }[layout.foot]


def _head(res: Resolution, layout: TextLayout) -> list[str]:
    wide = " " * 20 if layout.indent == "margin" else " "
    return {
        "none": [],
        "symbol": [f"A/RES/{res.short}"],
        "symbol+title": [f"A/RES/{res.short}{wide}{res.title}"],
        "title": [res.title or ""],
    }[layout.head]


def _print_pages(res: Resolution, pages, layout: TextLayout) -> str:
    out: list[str] = []
    total = len(pages)
    for k, (body, foot) in enumerate(pages, 1):
        page: list[str] = []
        if k > 1:
            page += _head(res, layout)
            if page:
                page.append("")
        text = list(body)
        if k > 1 and layout.indent == "page-start" and text:
            text[0] = " " + text[0]
        page += text
        if foot:
            if layout.foot_gap:
                page.append("")
            if layout.rule:
                page.append("_" * 20)
            for i, part in enumerate(foot):
                if i and layout.blank_lines:
                    page.append("")
                page += part
        furniture = _furniture_foot(res, k, total, layout)
        if furniture:
            page += [""] + furniture
        if layout.indent == "margin":
            page = [("     " + line) if line else line for line in page]
        if k > 1 and layout.form_feed:
            page[0] = "\f" + page[0]
        out += page
    return "\n".join(out) + "\n"


def mismatch(got: Resolution, want: Resolution, layout: TextLayout | None) -> str | None:
    """Why an import of ``render(want, layout)`` is not exactly ``want``, or None if it is."""
    for field in ("symbol", "title", "adopted", "meeting"):
        if getattr(got, field) != getattr(want, field):
            return f"{field}: {getattr(got, field)!r} != {getattr(want, field)!r}"
    if layout is not None and layout.masthead:
        for field, value in MASTHEAD_FIELDS.items():
            if getattr(got, field) != value:
                return f"{field}: {getattr(got, field)!r} != {value!r}"
    got_p, want_p = got.paragraphs, want.paragraphs
    for p, q in zip(got_p, want_p):
        if (p.id, p.text, p.notes) != (q.id, q.text, q.notes):
            at = next((k for k, (a, b) in enumerate(zip(p.text, q.text)) if a != b), min(len(p.text), len(q.text)))
            return (
                f"{q.id}: got {p.id} …{p.text[max(0, at - 30) : at + 30]!r}… notes {p.note_numbers}, "
                f"want …{q.text[max(0, at - 30) : at + 30]!r}… {q.note_numbers}"
            )
    if len(got_p) != len(want_p):
        return f"{len(got_p)} paragraphs, want {len(want_p)}"
    want_notes = tuple(f for f in want.footnotes if f.text is not None)
    if got.footnotes != want_notes:
        diff = next(
            (f"footnote {a.number}: {a.text!r} != {b.text!r}" for a, b in zip(got.footnotes, want_notes) if a != b),
            f"{len(got.footnotes)} footnotes, want {len(want_notes)}",
        )
        return diff
    return None


def seed_variants(seed: str) -> dict[str, str]:
    """The seed extraction of 75/59 (a one-space indent at each page start, blank lines between
    paragraphs) as other extractions would give it: without the indent, with a running head and a
    page foot at each page break instead, without blank lines, with form feeds."""
    lines = seed.split("\n")
    starts = {
        k
        for k, line in enumerate(lines)
        if k > 3 and line.startswith(" ") and not line.startswith("  ") and line.strip() != "Resolution 70/1."
    }
    unindented = [line[1:] if k in starts else line for k, line in enumerate(lines)]
    furnished: list[str] = []
    for k, line in enumerate(unindented):
        if k in starts:
            page = len([s for s in starts if s <= k])
            furnished += [
                f"20-16437 {page}/8",
                "",
                "A/RES/75/59 Countering the threat posed by improvised explosive devices",
                "",
            ]
        furnished.append(line)
    form_feeds = ["\f" + line if k in starts else line for k, line in enumerate(unindented)]
    return {
        "as extracted": seed,
        "no page-start indent": "\n".join(unindented),
        "running head and page foot": "\n".join(furnished),
        "running head and page foot, no blank lines": "\n".join(furnished).replace("\n\n", "\n"),
        "form feeds": "\n".join(form_feeds),
        "form feeds, no blank lines": "\n".join(form_feeds).replace("\n\n", "\n"),
    }
