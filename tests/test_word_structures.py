"""Word structures read as Word prints them: a text box once (mc:AlternateContent's choice, not its
fallback too), hidden text (w:vanish) left out, two w:num instances of one list counting on,
decimalZero numbering, numbered paragraphs in a table."""

from __future__ import annotations

import io
import zipfile

import pytest

from resdiff.core.errors import ImportFailed
from resdiff.ingest import read_bytes
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .official import make_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WHOLE = Store(FIXTURE_STORE).load("75/59")


def _with_document(docx: bytes, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            z.writestr(item, edit(data.decode()).encode() if item.filename == "word/document.xml" else data)
    return out.getvalue()


def _first_run_after(xml: str, words: str, insert: str) -> str:
    k = xml.index(words)
    end = xml.index("</w:r>", k) + len("</w:r>")
    return xml[:end] + insert + xml[end:]


def _joined(data: bytes) -> str:
    res, _ = read_bytes(data, "x.docx")
    return " ".join(p.text for p in res.paragraphs)


def test_a_text_box_is_read_once():
    box = (
        f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>Boxed aside words</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed aside words</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    data = _with_document(make_docx(WHOLE), lambda xml: _first_run_after(xml, "Recalling", box))
    assert _joined(data).count("Boxed aside words") == 1


def test_hidden_text_is_left_out():
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> HIDDEN-EDITOR-NOTE</w:t></w:r>'
    data = _with_document(make_docx(WHOLE), lambda xml: _first_run_after(xml, "Recalling", hidden))
    joined = _joined(data)
    assert "HIDDEN-EDITOR-NOTE" not in joined and "Recalling" in joined


def _numbered_docx(paragraphs: list[tuple[str | None, str]], numbering: str, table: bool = False) -> bytes:
    """A resolution whose operative paragraphs are numbered by Word: (numId or None, text) each."""

    def para(num: str | None, text: str) -> str:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
        return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

    head = [para(None, t) for t in ("United Nations", "A/RES/75/59", "The General Assembly,")]
    head.append(para(None, "Recalling its resolutions,"))
    ops = [para(n, t) for n, t in paragraphs]
    if table:
        ops = ["<w:tbl>" + "".join(f"<w:tr><w:tc>{p}</w:tc></w:tr>" for p in ops) + "</w:tbl>"]
    tail = [para(None, "37th plenary meeting"), para(None, "7 December 2020")]
    document = f'<w:document xmlns:w="{W}"><w:body>{"".join(head + ops + tail)}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
    return out.getvalue()


def _abstract(fmt: str = "decimal", text: str = "%1.") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
    )


OPS = ["Decides to act;", "Requests a report;", "Invites States to act;", "Decides to remain seized of the matter."]


def _numbers(data: bytes) -> list[int | None]:
    res, _ = read_bytes(data, "x.docx")
    return [p.number for p in res.paragraphs if p.part.value == "operative"]


def test_two_instances_of_one_list_count_on():
    numbering = _abstract() + (
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
    )
    data = _numbered_docx([("1", OPS[0]), ("1", OPS[1]), ("2", OPS[2]), ("2", OPS[3])], numbering)
    assert _numbers(data) == [1, 2, 3, 4]


def test_an_instance_that_restarts_the_list_starts_again():
    numbering = _abstract() + (
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    data = _numbered_docx([("1", OPS[0]), ("1", OPS[1]), ("2", OPS[2]), ("2", OPS[3])], numbering)
    with pytest.raises(ImportFailed, match="OP1 appears twice"):  # printed 1, 2, 1, 2: read as printed, refused
        read_bytes(data, "x.docx")


@pytest.mark.parametrize("table", [False, True])
def test_decimal_zero_numbering_and_numbered_paragraphs_in_a_table(table: bool):
    numbering = _abstract("decimalZero", "%1.") + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    data = _numbered_docx([("1", t) for t in OPS], numbering, table=table)
    assert _numbers(data) == [1, 2, 3, 4]
