"""A damaged manifest is a problem of that file: `check` names it, other series keep working, and a
manifest's text (notes, labels, titles) never carries control characters to the terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from resdiff.store.folder import Store

DAMAGED = {
    "utf-16": json.dumps({"series": "zz", "title": "Z", "versions": []}).encode("utf-16"),
    "invalid utf-8": b'{"series": "zz", "title": "Z\xff\xfe", "versions": []}',
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "nested object": b'{"series": "zz", "title": "Z", "versions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "not json": b"{versions: ",
    "empty": b"",
    "a list": b"[]",
    "versions not a list": b'{"series": "zz", "title": "Z", "versions": 3}',
    "entry not an object": b'{"series": "zz", "title": "Z", "versions": [1]}',
    "huge number": b'{"series": "zz", "title": "Z", "versions": [{"session": 1e999}]}',
}


def _run(store: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RESDIFF_STORE": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "resdiff", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize("shape", sorted(DAMAGED))
def test_a_damaged_manifest_is_a_problem_of_that_file(store_copy: Path, shape: str):
    (store_copy / "zz").mkdir()
    (store_copy / "zz" / "manifest.json").write_bytes(DAMAGED[shape])
    problems = Store(store_copy).check()
    assert any("zz/manifest.json" in p and "not a valid series manifest" in p for p in problems), problems
    proc = _run(store_copy, "check")
    assert proc.returncode == 1 and "zz/manifest.json" in proc.stderr and "internal error" not in proc.stderr
    for args in (("compare", "73/67", "75/59"), ("show", "75/59"), ("history", "75/59", "--series", "ied")):
        proc = _run(store_copy, *args)
        assert proc.returncode == 0 and "internal error" not in proc.stderr, (args, proc.stderr)
    for args in (("list",), ("series",), ("report", "--out", str(store_copy.parent / "site"))):
        proc = _run(store_copy, *args)  # commands over every series: done, or one line naming the file
        assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert proc.returncode == 0 or "zz/manifest.json" in proc.stderr, (args, proc.stderr)


def test_check_reports_a_version_listed_twice(store_copy: Path):
    path = store_copy / "ied" / "manifest.json"
    data = json.loads(path.read_text())
    data["versions"].insert(1, dict(data["versions"][0]))
    path.write_text(json.dumps(data))
    assert any("A/RES/70/46 is listed more than once" in p for p in Store(store_copy).check())


def test_control_characters_in_a_manifest_are_reported_and_never_shown(store_copy: Path):
    path = store_copy / "ied" / "manifest.json"
    data = json.loads(path.read_text())
    data["title"] = "Countering \x1b[31mIEDs\x1b]0;pwned\x07"
    data["versions"][-1]["note"] = "expected\x1b[2J soon"
    path.write_text(json.dumps(data))
    assert any("holds control characters" in p for p in Store(store_copy).check())
    for args in (("list",), ("history", "75/59", "--series", "ied")):
        proc = _run(store_copy, *args)
        assert "\x1b" not in proc.stdout + proc.stderr and "\x07" not in proc.stdout, args
    shutil.rmtree(store_copy.parent / "site", ignore_errors=True)
