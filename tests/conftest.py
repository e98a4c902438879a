from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A frozen copy of the store: tests never read the live versions/ (it changes as texts are found;
# `resdiff check` validates it in CI).
FIXTURE_STORE = Path(__file__).resolve().parent / "fixtures" / "store"
# shared/ sits beside the checkout (for developers and in CI).
SHARED = Path(os.environ.get("RESDIFF_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (set RESDIFF_SHARED)")
    return CORPUS


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture store."""
    dest = tmp_path / "versions"
    shutil.copytree(FIXTURE_STORE, dest)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pytest_configure(config: pytest.Config) -> None:
    """Parsed versions are cached (resdiff.system.cache) in a folder of the run's own, never in the
    user's cache: every command a test runs, in process or as a child, from collection on, inherits it.
    (Set here, not on import: a bench that imports the tests' helpers keeps its own setting.)"""
    os.environ["RESDIFF_CACHE"] = tempfile.mkdtemp(prefix="resdiff-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("RESDIFF_CACHE", ""), ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def fixtures_stay_frozen():
    """Fail the run if any test wrote into tests/fixtures (an index or cache built beside the fixture
    store once made a later test's copy of it differ: tests write to copies under tmp_path)."""
    folder = Path(__file__).resolve().parent / "fixtures"
    before = snapshot(folder)
    yield
    after = snapshot(folder)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"tests wrote into tests/fixtures: {changed[:5]}"
