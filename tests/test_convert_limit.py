"""A .doc conversion that reaches its time limit stops LibreOffice and everything it started, and
removes its temporary folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

import resdiff.ingest.convert as convert
from resdiff.core.errors import ImportFailed
from resdiff.ingest.detect import InputFormat


def test_a_conversion_at_its_time_limit_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fake = tmp_path / "soffice"
    # A LibreOffice that starts a process of its own which keeps writing into the folder, and hangs.
    fake.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do last="$a"; done\n'
        'dir=$(dirname "$last")\n'
        '( while true; do mkdir -p "$dir/out"; touch "$dir/out/x$(date +%N)"; sleep 0.02; done ) &\n'
        "sleep 60\n"
    )
    fake.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(convert, "soffice", lambda: str(fake))
    monkeypatch.setattr(convert, "CONVERT_SECONDS", 1)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with pytest.raises(ImportFailed, match="did not convert"):
        convert.to_docx(b"\xd0\xcf\x11\xe0 a doc", InputFormat.DOC, "x.doc")
    time.sleep(0.3)  # a writer left running would make its files again by now
    assert list(temp.iterdir()) == []
