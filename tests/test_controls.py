"""Control characters in every text field of every format are removed by the one cleaning function
(resdiff.core.validate.clean_controls): at import, when a stored text is read, in manifests; no
writer (Akoma Ntoso, the Word redline, the terminal) ever meets one."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from resdiff.core.errors import ImportFailed
from resdiff.core.model import Heading
from resdiff.core.validate import _CONTROL_RE, strings
from resdiff.formats.docformat import format_docformat
from resdiff.formats.markdown import to_markdown
from resdiff.ingest import read_bytes
from resdiff.store.folder import Store

from .conftest import FIXTURE_STORE
from .official import make_html

WHOLE = Store(FIXTURE_STORE).load("75/59")
CONTROLS = ("\x1b[31m", "\x1b]0;title\x07", "\x00", "\x7f", "\x9b", "\u2028")


def hostile(res=WHOLE, ctl: str = "\x1b[31m"):
    """``res`` with ``ctl`` in every field of text: headings, sponsors, committee, title, paragraphs, notes."""
    items = (Heading(1, "I", f"Scope{ctl} of work"),) + tuple(
        replace(i, text=f"{i.text[:20]}{ctl}{i.text[20:]}") if hasattr(i, "notes") and not i.notes else i
        for i in res.items
    )
    return replace(
        res,
        items=items,
        sponsors=(f"France{ctl}", "Mali"),
        committee=f"First{ctl} Committee",
        title=f"{res.title}{ctl}",
        agenda_item=f"99{ctl}",
    )


@pytest.mark.parametrize("ctl", CONTROLS)
@pytest.mark.parametrize("fmt", ["docformat", "markdown"])
def test_every_field_of_every_own_format_is_cleaned_at_import(fmt: str, ctl: str):
    bad = hostile(ctl=ctl)
    data = (format_docformat(bad) if fmt == "docformat" else to_markdown(bad)).encode("utf-8", "surrogatepass")
    try:
        res, report = read_bytes(data, f"x.{fmt}")
    except ImportFailed:  # NUL: a binary file; a line separator breaks a header line: refused is honest
        assert ctl in ("\x00", "\u2028")
        return
    assert [s for s in strings(res) if _CONTROL_RE.search(s)] == []
    assert any("control character" in w for w in report.warnings)


def test_html_headings_and_text_are_cleaned_at_import():
    data = make_html(WHOLE).replace(b"Recalling", b"Recalling\x1b[31m", 1)
    res, _ = read_bytes(data, "x.html")
    assert not any("\x1b" in s for s in strings(res))


def test_a_stored_text_with_controls_in_its_headings_and_sponsors_is_exported_and_redlined(
    store_copy: Path, tmp_path: Path
):
    path = store_copy / "ied" / "A-RES-75-59.txt"
    path.write_text(format_docformat(hostile(Store(store_copy).load("75/59"))), encoding="utf-8")
    env = {**os.environ, "RESDIFF_STORE": str(store_copy)}
    for args in (
        ["export", "75/59", "--format", "akn", "-o", str(tmp_path / "x.xml")],
        ["compare", "73/67", "75/59", "-o", str(tmp_path / "x.docx")],
        ["show", "75/59"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "resdiff", *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert proc.returncode == 0 and "internal error" not in proc.stderr, (args, proc.stderr)
        assert "\x1b" not in proc.stdout
    assert any("holds control characters" in p for p in Store(store_copy).check())


def test_every_text_of_a_version_is_found_in_field_order():
    """strings() walks every field of every dataclass and tuple: the same texts, in the same order, as
    a plain walk of dataclasses.fields (what it was before it kept each class's fields)."""
    from dataclasses import fields, is_dataclass

    def plain(obj: object) -> list[str]:
        if type(obj) is str:
            return [obj] if obj else []
        if isinstance(obj, tuple):
            return [s for v in obj for s in plain(v)]
        if is_dataclass(obj) and not isinstance(obj, type):
            return [s for f in fields(obj) for s in plain(getattr(obj, f.name))]
        return []

    store = Store(FIXTURE_STORE)
    versions = [store.load(s) for s in ("75/59", "77/64", "79/53")]
    version = replace(versions[0], sponsors=("Chile", ""), sponsors_note="* note", annexes=versions[1].annexes)
    for obj in [*versions, version, (Heading(1, "I", ""), type(version), 3, None), versions[0].footnote_status]:
        assert strings(obj) == plain(obj)
