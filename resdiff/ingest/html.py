"""Import HTML copies of resolutions (the UN's pages of older resolutions, and copies of them).

Paragraphs are the page's block elements; footnote marks are ``<sup>`` numbers or the old
``1/`` style; footnote bodies are the paragraphs that open with such a number. Parsed with
lxml.html without network access; scripts, styles and comments are dropped, never run.
"""

from __future__ import annotations

import re

from resdiff.core.blocks import marks_from_placeholders, unescape_marks
from resdiff.core.errors import ImportFailed
from resdiff.core.model import ImportReport, Resolution
from resdiff.ingest.decode import decode_text
from resdiff.ingest.document import resolution_from_paragraphs

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "td", "th", "pre", "blockquote", "dd", "dt"}
_SLASH_MARK_RE = re.compile(r"(?<=[^\s\d/])\s?(\d{1,2})/(?=[\s,;.:]|$)")
_NOTE_BODY_RE = re.compile(r"^(?:\[\^(\d{1,3})\]|(\d{1,3})/(?=\s))\s*(.*)$")


# What an exponent stands on: a unit of measure (m<sup>2</sup>, km<sup>3</sup>). Not a number: a mark
# follows a symbol often enough ("resolution 75/59<sup>1</sup>").
_EXPONENT_BASE_RE = re.compile(r"\b(?:m|cm|mm|km|dm|ft|mi|yd)$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _text(el) -> str:
    """Text of a block element, with <sup> numbers as [^N] attached to the word before them."""
    out: list[str] = [el.text or ""]
    for child in el:
        if child.tag in _BLOCKS:
            break  # nested blocks are paragraphs of their own
        content = child.text_content().strip()
        if child.tag == "sup" and content.isdigit() and _EXPONENT_BASE_RE.search(out[-1]):
            out.append(content.translate(_SUPERSCRIPT))  # m², 10⁶: an exponent, not footnote mark 2
        elif child.tag == "sup" and content.isdigit():
            out[-1] = out[-1].rstrip() if out and out[-1].strip() else out[-1]
            out.append(f"\0{content}\0")
        elif child.tag == "br":
            out.append("\n")
        else:
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def parse_html(data: bytes, source: str, symbol: str | None = None) -> tuple[Resolution, ImportReport]:
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, remove_blank_text=False)
    # Decode as the other text importers do (BOM, UTF-8, cp1252), then drop any declaration of it.
    warnings: list[str] = []
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_text(data, source, warnings))
    if re.search(r"<!ENTITY", text, re.IGNORECASE):
        raise ImportFailed(
            source,
            "HTML with entity declarations is not accepted: entities could read local files or expand without bound",
        )
    try:
        doc = lxml.html.document_fromstring(text, parser)
    except (etree.ParserError, ValueError) as e:
        raise ImportFailed(source, f"not readable HTML: {e}") from None
    for bad in doc.xpath("//script|//style|//head|//noscript|//template"):
        bad.drop_tree()
    paragraphs: list[str] = []
    for el in doc.iter(*_BLOCKS):
        if el.tag in ("div", "td", "th", "blockquote") and any(c.tag in _BLOCKS for c in el.iterdescendants()):
            continue
        text = _text(el)
        pieces = re.split(r"\n\s*\n", text) if el.tag == "pre" else [text]
        # Marks are placeholders until the words are escaped: "[^12]" written in the page is text.
        paragraphs += [
            marks_from_placeholders(" ".join(_SLASH_MARK_RE.sub("\0\\1\0", " ".join(p.split())).split()))
            for p in pieces
        ]
    body, footnotes = [], {}
    for p in paragraphs:
        m = _NOTE_BODY_RE.match(p)
        if m:
            footnotes[int(m.group(1) or m.group(2))] = unescape_marks(m.group(3)) or None  # text, not a block
        else:
            body.append(p)
    return resolution_from_paragraphs(body, footnotes, source, symbol, warnings)
