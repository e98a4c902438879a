"""The cache of parsed versions: a file read again is not parsed again, and an entry is believed only
when it is whole and made of the model's own classes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from resdiff.core import limits
from resdiff.core.model import Revisions
from resdiff.ingest import cached, read_bytes, read_file
from resdiff.ingest.detect import InputFormat
from resdiff.system import bounded, cache

from .conftest import ROOT
from .official import make_html
from .test_inputs import WHOLE

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "corpus-json" / "A_RES_77_64.json"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def entries(folder: Path) -> list[Path]:
    """The cache's entries: its files, less the dot files (a generation's mark, a write in progress)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any start of a parsing child fail the test: what is read must come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(bounded, "start_bounded", refuse)


def test_a_file_read_again_comes_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch):
    first = read_file(FIXTURE)
    assert len(entries(folder)) == 1
    no_parsing(monkeypatch)
    again = read_file(FIXTURE)
    assert again == first and again[0].paragraphs


def test_nothing_is_written_beside_the_file_read(folder: Path, tmp_path: Path):
    source = tmp_path / "in" / "77_64.json"
    source.parent.mkdir()
    source.write_bytes(FIXTURE.read_bytes())
    read_file(source)
    read_file(source)
    assert [p.name for p in source.parent.iterdir()] == ["77_64.json"]
    assert len(entries(folder)) == 1


@pytest.mark.parametrize("fmt", ["corpus-json", "html"])
def test_what_is_read_differently_is_kept_apart(folder: Path, fmt: str):
    data = FIXTURE.read_bytes() if fmt == "corpus-json" else make_html(WHOLE)
    read_bytes(data, "a")
    read_bytes(data, "b")  # messages name the file: another name is another entry
    read_bytes(data, "a", symbol="A/RES/99/1")
    read_bytes(data + b" ", "a")
    assert len(entries(folder)) == 4


def test_other_limits_are_not_answered_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """A file read within generous limits may fail within tighter ones: it is read again under them."""
    read_file(FIXTURE)
    monkeypatch.setattr(limits, "PARSE_SECONDS", limits.PARSE_SECONDS / 2)
    read_file(FIXTURE)
    assert len(entries(folder)) == 2


def damage(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x20
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["magic", "checksum", "payload", "cut short", "empty"])
def test_a_damaged_entry_is_parsed_again_and_rewritten(folder: Path, where: str):
    first = read_file(FIXTURE)
    (entry,) = entries(folder)
    good = entry.read_bytes()
    if where == "cut short":
        entry.write_bytes(good[: len(good) // 2])
    elif where == "empty":
        entry.write_bytes(b"")
    else:
        damage(entry, {"magic": 3, "checksum": len(cache._MAGIC) + 5, "payload": len(good) - 40}[where])
    kept = cached.entry_for(InputFormat.CORPUS_JSON, FIXTURE.read_bytes(), str(FIXTURE), None, Revisions.CURRENT)
    assert kept is not None and kept[0] / kept[1] == entry
    assert cached.load(kept) is None
    assert read_file(FIXTURE) == first
    assert entry.read_bytes() == good


class Planted:
    """What a foreign pickle could do when loaded: call any function (here, make a folder)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.mkdir, (str(self.marker),))


@pytest.mark.parametrize("outcome", ["planted", "planted in a tuple", "text", "a version alone", "no report"])
def test_an_entry_that_is_not_a_parsed_version_is_not_believed(folder: Path, tmp_path: Path, outcome: str):
    first = read_file(FIXTURE)
    (entry,) = entries(folder)
    marker = tmp_path / "planted"
    payload = pickle.dumps(
        {
            "planted": Planted(marker),
            "planted in a tuple": (first[0], Planted(marker)),
            "text": "not a version",
            "a version alone": (first[0],),
            "no report": (first[0], "report"),
        }[outcome]
    )
    cache.save_entry(entry.parent, entry.name, payload)  # whole, with a right checksum
    assert cache.load_entry(entry.parent, entry.name) == payload
    assert read_file(FIXTURE) == first
    assert not marker.exists()


def test_no_cache_when_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(cache.CACHE_ENV, "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.cache_folder() is None
    read_file(FIXTURE)
    assert not any(tmp_path.rglob("*"))


def test_the_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "resdiff"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_folder() == tmp_path / "home" / ".cache" / "resdiff"


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert read_file(FIXTURE)[0].paragraphs == read_file(FIXTURE)[0].paragraphs


def test_changed_code_is_a_new_generation_and_the_old_one_goes(tmp_path: Path):
    code = tmp_path / "code"
    code.mkdir()
    (code / "parse.py").write_text("A = 1\n")
    before = cache.code_stamp(code)
    (code / "parse.py").write_text("A = 22\n")
    assert cache.code_stamp(code) != before
    base = tmp_path / "cache"
    cache.save_entry(base / "old", "k", b"x")
    cache.save_entry(base / "new", "k", b"y")
    assert [p.name for p in base.iterdir()] == ["new"]
    assert cache.load_entry(base / "new", "k") == b"y"


def test_a_new_generation_removes_only_generations(tmp_path: Path):
    """RESDIFF_CACHE may name a folder that holds the user's own folders: they stay."""
    base = tmp_path / "cache"
    (base / "notes").mkdir(parents=True)
    (base / "notes" / "draft.docx").write_bytes(b"mine")
    cache.save_entry(base / "old", "k", b"x")
    cache.save_entry(base / "new", "k", b"y")
    assert sorted(p.name for p in base.iterdir()) == ["new", "notes"]
    assert (base / "notes" / "draft.docx").read_bytes() == b"mine"


def test_the_command_gives_the_same_json_from_the_cache(folder: Path):
    other = Path(__file__).resolve().parent / "fixtures" / "corpus-json" / "A_RES_78_248.json"
    argv = [sys.executable, "-m", "resdiff", "compare", str(FIXTURE), str(other), "--format", "json"]
    env = dict(os.environ, RESDIFF_CACHE=str(folder))
    runs = [subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, check=True).stdout for _ in range(2)]
    assert len(entries(folder)) == 2
    assert runs[0] == runs[1] and runs[0].startswith(b"{")


def test_a_generation_keeps_the_most_recently_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    folder = tmp_path / "gen"
    for k in range(3):
        cache.save_entry(folder, f"k{k}", b"x")
        os.utime(folder / f"k{k}", ns=(k * 10**9, k * 10**9))  # k0 the oldest
    assert cache.load_entry(folder, "k0") == b"x"  # used again: now the newest
    cache.save_entry(folder, "k3", b"y")
    assert [p.name for p in entries(folder)] == ["k0", "k2", "k3"]


def test_an_entry_is_written_without_loading_tempfile(tmp_path: Path):
    """A file read for the first time is parsed in a child that keeps the outcome: staging the entry
    does not load tempfile (random, shutil and the compression modules, milliseconds of each child)."""
    script = (
        "import sys\nfrom resdiff.system import cache\n"
        f"cache.save_entry(cache.Path({str(tmp_path / 'gen')!r}), 'k', b'x')\n"
        f"print('tempfile' in sys.modules, cache.load_entry(cache.Path({str(tmp_path / 'gen')!r}), 'k'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", "b'x'"]


def test_what_a_killed_writer_left_goes_once_it_is_old(tmp_path: Path):
    folder = tmp_path / "gen"
    cache.save_entry(folder, "k0", b"x")
    old, fresh = folder / ".k1.abc.tmp", folder / ".k2.def.tmp"
    old.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(old, ns=(0, 0))
    cache.save_entry(folder, "k1", b"y")
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == [".k2.def.tmp"]
    assert [p.name for p in entries(folder)] == ["k0", "k1"]
