"""The Word redline as a delegate sees it: opened in LibreOffice and printed to PDF, then read back as text."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from resdiff.diff.compare import ChangeKind, compare
from resdiff.formats.ooxml import w
from resdiff.render.docx import render_docx
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .official import soffice

STORE = Store(FIXTURE_STORE)


def _flat(text: str) -> str:
    return " ".join(text.split())


def rendered_text(docx: bytes, workdir: Path) -> str:
    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are not installed (.ci/run installs them)")
    src = workdir / "redline.docx"
    src.write_bytes(docx)
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{workdir}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    out = subprocess.run(
        ["pdftotext", str(workdir / "redline.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return _flat(out)


def test_every_footnote_prints_its_own_text_in_libreoffice(tmp_path: Path):
    old, new = STORE.load("72/36"), STORE.load("75/59")
    comp = compare(old, new)
    docx = render_docx(comp)
    text = rendered_text(docx, tmp_path)
    missing = [f.number for f in new.footnotes if f.text and _flat(f.text)[:60] not in text]
    assert missing == [], f"footnotes printed blank or with another text: {missing}"
    # The paragraphs 72/36 does not hold are printed, as plain text rather than tracked insertions.
    unknown = [p for c in comp.changes if c.kind is ChangeKind.UNKNOWN and not c.old for p in c.new]
    assert unknown and all(_flat(p.text)[:50] in text for p in unknown)
    with zipfile.ZipFile(BytesIO(docx)) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    inserted = " ".join("".join(i.itertext()) for i in doc.iter(w("ins")))
    assert not any(_flat(p.text)[:50] in _flat(inserted) for p in unknown)


def test_the_sponsors_note_and_every_footnote_print_their_own_text_in_libreoffice(tmp_path: Path):
    """LibreOffice gives a custom-mark reference the body of the first numbered footnote: the sponsors'
    note is footnote 1 in the file, so that "*" prints the note and each number its own footnote."""
    from resdiff.ingest import read_bytes

    from .undrafts import VARIANTS, make_undraft, undraft_docx

    base = STORE.load("75/59")
    draft, _ = read_bytes(undraft_docx(make_undraft(base, 1, VARIANTS[1])), "L.docx")  # "Iraq:* draft resolution"
    text = rendered_text(render_docx(compare(base, draft)), tmp_path)
    first = _flat(draft.footnotes[0].text)[:50]
    assert f"1 {first}" in text and text.index("On behalf of the States Members") < text.index(first)
    assert f"2 {_flat(draft.footnotes[1].text)[:40]}" in text  # not its neighbour's
    missing = [f.number for f in draft.footnotes if _flat(f.text)[:40] not in text]
    assert missing == []


def test_the_printed_redline_numbers_every_operative_paragraph_as_its_texts_do(tmp_path: Path):
    """`compare -o x.pdf` prints the numbers as text: LibreOffice numbers a list item holding a tracked
    deletion as if the item were gone ("[2.] Strongly encourages", "1.[5.] Underlines" for 79/53's OP2
    and OP4), so Word list numbering, right in Word, printed wrong numbers there."""
    from typer.testing import CliRunner

    from resdiff.cli.app import app

    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are not installed (.ci/run installs them)")
    pdf = tmp_path / "redline.pdf"
    result = CliRunner().invoke(app, ["compare", "77/64", "79/53", "-o", str(pdf), "--store", str(FIXTURE_STORE)])
    assert result.exit_code == 0, result.output
    text = _flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert not re.search(r"\[\d+\.\]", text), "a number printed as LibreOffice's original-number mark"
    old, new = STORE.load("77/64"), STORE.load("79/53")
    for opening in ("Strongly encourages States, where appropriate", "Underlines that, for the issue"):
        a, b = (next(p.number for p in res.paragraphs if p.text.startswith(opening)) for res in (old, new))
        # OLD's number struck, NEW's inserted, then the paragraph: the numbers of both texts.
        assert f"{a}. {b}. {opening}" in text, opening
