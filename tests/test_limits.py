"""The limits README states are kept: standard input is read with a bound, text files are parsed
inside the bounded child, and a comparison past the alignment limits says that it paired only
identical paragraphs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from resdiff.core import limits
from resdiff.core.blocks import build_items
from resdiff.core.errors import ImportFailed
from resdiff.core.model import Resolution
from resdiff.diff.compare import compare
from resdiff.ingest import read_bytes
from resdiff.render.changes import render_json, summary_line

from .conftest import FIXTURE_STORE


def test_standard_input_is_read_with_a_bound(tmp_path: Path):
    env = {**os.environ, "RESDIFF_STORE": str(FIXTURE_STORE)}
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "resdiff", "compare", "-", "75/59"],
            stdin=zero,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    assert proc.returncode == 1 and "standard input" in proc.stderr and "Traceback" not in proc.stderr


def test_a_text_file_is_parsed_within_the_time_bound(monkeypatch: pytest.MonkeyPatch):
    import resdiff.ingest as ingest

    def slow(*args):
        import time

        time.sleep(30)

    monkeypatch.setattr(limits, "PARSE_SECONDS", 1.0)
    monkeypatch.setattr(limits, "TEXT_IN_PROCESS_BYTES", 1000)  # the file below stands for a far larger one
    monkeypatch.setattr(ingest, "read_text", slow)  # stands for a parser that takes too long
    text = (FIXTURE_STORE / "ied" / "A-RES-75-59.txt").read_bytes()
    with pytest.raises(ImportFailed, match="took longer than 1 s"):
        read_bytes(text, "big.txt")


def test_past_the_paragraph_limit_a_comparison_says_it_paired_only_identical_paragraphs():
    many = [f"Noting item number {k} of the list," for k in range(limits.MAX_ALIGN_PARAGRAPHS + 100)]
    a = Resolution("A/RES/99/1", items=build_items(many))
    b = Resolution("A/RES/99/2", items=build_items([p.replace("Noting", "Noting also") for p in many]))
    comp = compare(a, b)
    assert comp.exact_only and "only identical paragraphs were paired" in summary_line(comp)
    assert json.loads(render_json(comp))["exact_matches_only"] is True
    small = compare(
        Resolution("A/RES/99/1", items=build_items(many[:5])), Resolution("A/RES/99/2", items=build_items(many[:5]))
    )
    assert not small.exact_only and "exact_matches_only" not in json.loads(render_json(small))
