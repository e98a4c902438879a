"""A short fuzz run in CI: seeded mutations of the real texts in every input format (text, resdiff
text format, Markdown, HTML, Akoma Ntoso, Word and PDF bytes) through import, the store and every
writer. bench/fuzz.py runs the same oracle over thousands of inputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import snapshot
from .hostile import FORMATS, defects, hostile_inputs, run_one, tally

N = 70  # ten of each format: about 15 s


def test_hostile_inputs_are_refused_or_stored_never_crash_hang_or_corrupt(tmp_path: Path):
    results = [run_one(item, tmp_path, seconds=60) for item in hostile_inputs(N, seed=20261129)]
    assert defects(results) == [], tally(results)
    counts = tally(results)
    assert counts.get("refused", 0) > 0 and counts.get("stored", 0) > 0  # the mutator reaches both sides


def test_hostile_files_get_one_line_from_the_command_line(tmp_path: Path, store_copy: Path):
    items = list(hostile_inputs(len(FORMATS) * 2, seed=5))
    before = snapshot(store_copy)
    env = {**os.environ, "RESDIFF_STORE": str(store_copy)}
    for item in items:
        path = tmp_path / item.name
        path.write_bytes(item.data)
        proc = subprocess.run(
            [sys.executable, "-m", "resdiff", "import", str(path), "--symbol", "75/61", "--series", "ied"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert "Traceback" not in proc.stderr and proc.returncode in (0, 1), (item.name, proc.stderr)
        if proc.returncode == 1:
            errors = [line for line in proc.stderr.splitlines() if not line.startswith("warning:")]
            assert len(errors) == 1 and errors[0].startswith("Error:"), (item.name, proc.stderr)
    after = snapshot(store_copy)
    changed = {k for k in after.keys() | before.keys() if after.get(k) != before.get(k)}
    assert changed <= {"ied/A-RES-75-61.txt", "ied/manifest.json"}  # only what a successful import adds
    assert subprocess.run([sys.executable, "-m", "resdiff", "check"], env=env, capture_output=True).returncode == 0
