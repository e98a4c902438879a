"""A derived cache on disk: results that take long to compute from bytes, kept under a digest of
everything they were computed from.

A file named on the command line is parsed again on every run (tools call ``resdiff compare OLD
NEW`` in loops, one file against many); what its parser made can be kept. An entry is found by
a digest of the input's bytes, of how it is read and of the code that reads it (:func:`code_stamp`),
so an entry can never be stale: a changed file, option or parser gives another key. An entry
holds a checksum of its own bytes and is never believed when that fails (a disk error, a write
cut short, a foreign file): it is then computed again and rewritten.

The cache lives in ``$RESDIFF_CACHE`` if set (empty: no cache), else in the user's cache folder
(``$XDG_CACHE_HOME/resdiff``, by default ``~/.cache/resdiff``) — never beside the files read,
which may be a read-only store, a shared folder or a test's frozen fixtures. A cache that cannot
be written is no error: the run computes as it would without one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL (a few milliseconds of every run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the module
    from hashlib import blake2b

CACHE_ENV = "RESDIFF_CACHE"
_MAGIC = b"resdiff-cache-1\n"
_CHECKSUM_BYTES = 32
# An entry is a parse of one input, which is bounded (resdiff.core.limits.MAX_INPUT_BYTES); a larger
# file in the cache folder is not one of ours and is not read whole.
_MAX_ENTRY_BYTES = 256 * 2**20
# Entries kept in a generation: past this, the least recently used go (reading the whole corpus
# keeps the last few hundred files, some tens of megabytes, not all 1,600).
MAX_ENTRIES = 256
# The mark of a folder made as a generation: the only kind of folder a newer generation removes.
_GENERATION_MARK = ".resdiff-cache-generation"


def cache_folder() -> Path | None:
    """Where derived results are kept, or None when caching is turned off (``RESDIFF_CACHE=``)."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "resdiff"


def code_stamp(*folders: Path) -> bytes:
    """What identifies the code in ``folders`` as it is now: the name, size and modification time
    of each of their Python files (a change to any of them makes every key built on it new)."""
    parts = []
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            parts.append(f"{folder}:missing")
            continue
        for e in entries:
            if e.name.endswith(".py"):
                st = e.stat()
                parts.append(f"{folder.name}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


def cache_key(*parts: bytes) -> str:
    """The name of an entry computed from ``parts`` (each given whole: lengths keep them apart)."""
    h = blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def load_entry(folder: Path, key: str) -> bytes | None:
    """The bytes kept under ``key`` in ``folder``, or None if there are none or they are damaged."""
    try:
        with open(folder / key, "rb") as f:
            data = f.read(_MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    with contextlib.suppress(OSError):  # used now: the last to go when the generation is trimmed
        os.utime(folder / key)
    head = len(_MAGIC) + _CHECKSUM_BYTES
    if len(data) > _MAX_ENTRY_BYTES or not data.startswith(_MAGIC):
        return None
    payload = data[head:]
    if blake2b(payload, digest_size=_CHECKSUM_BYTES).digest() != data[len(_MAGIC) : head]:
        return None
    return payload


def save_entry(folder: Path, key: str, payload: bytes) -> None:
    """Keep ``payload`` under ``key``, whole or not at all (a reader never sees a part of it);
    a folder that cannot be made or written is left as it is, silently.

    ``folder`` is one generation of a cache (named by :func:`code_stamp`'s digest, say): when it is
    made, the generations beside it, whose keys no run of this code can ask for, are removed; it
    keeps at most :data:`MAX_ENTRIES`, the least recently used going first."""
    from resdiff.system.files import staged_file

    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            (folder / _GENERATION_MARK).touch()
            _remove_siblings(folder)
        fd, tmp = staged_file(folder, f".{key}.", ".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + blake2b(payload, digest_size=_CHECKSUM_BYTES).digest() + payload)
            os.replace(tmp, folder / key)
        except BaseException:
            os.unlink(tmp)
            raise
        _trim(folder)
    except OSError:
        pass


def _trim(folder: Path) -> None:
    """Remove the least recently used entries past :data:`MAX_ENTRIES`, and what writers killed
    while writing left (a staged file an hour old is no write in progress)."""
    import time

    entries = []
    stale = time.time_ns() - 3600 * 10**9
    for e in os.scandir(folder):
        with contextlib.suppress(OSError):  # gone meanwhile (another run trimming)
            if not e.is_file(follow_symlinks=False):
                continue
            used = e.stat().st_mtime_ns
            if not e.name.startswith("."):
                entries.append((used, e.name))
            elif e.name.endswith(".tmp") and used < stale:
                os.unlink(e.path)
    for _, name in sorted(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


def _remove_siblings(folder: Path) -> None:
    """Remove the older generations beside ``folder``: only folders this module made (they hold
    its mark), so a cache pointed at a folder of the user's own removes nothing of theirs."""
    import shutil

    for other in folder.parent.iterdir():
        if other != folder and not other.is_symlink() and (other / _GENERATION_MARK).is_file():
            shutil.rmtree(other, ignore_errors=True)
