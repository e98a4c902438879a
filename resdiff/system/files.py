"""Writing files whole or not at all."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from resdiff.core.errors import quoted

# The name pattern of a file staged by write_atomically: ".NAME.RANDOM.tmp" beside its target.
STAGING_GLOB = ".*.tmp"
# A write of several files names its staged files here before renaming them (see write_atomically).
_JOURNAL = ".resdiff-journal"


def write_output(content: str | bytes, output: Path | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or '-'."""
    import sys

    if output is None or str(output) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return
    write_atomically({check_output_path(Path(output)): content})


def check_output_path(path: Path) -> Path:
    """A file named with ``-o`` must be a file in a folder that exists: no folder is made on the way."""
    from resdiff.core.errors import OutputRefused

    if path.is_dir():
        raise OutputRefused(f"{quoted(path)} is a folder; give a file name, e.g. {quoted(path / 'changes.html')}")
    if not path.parent.is_dir():
        raise OutputRefused(f"cannot write {quoted(path)}: the folder {quoted(path.parent)} does not exist")
    return path


def write_atomically(files: Mapping[Path, str | bytes], sync: bool = True) -> None:
    """Write every file or none: each is staged as a temporary file beside its target, then all
    are renamed into place, so a reader never sees a half-written file.

    Atomic replacement is for regular files: a target that is a device or a FIFO (or a link to one,
    as /dev/null and /dev/stdout are) is written to, never replaced, and a link to a regular file
    stays a link (its target is replaced). Several files are renamed under a journal that names
    them, so that a write killed among its renames is completed by the next writer
    (:func:`recover`, which :func:`locked` runs).

    ``sync=False`` does not wait for the disk (no fsync): for files checked whenever they are read
    (the precedent index keeps its checksums), which a crash may leave stale but never believed.
    """
    staged: list[tuple[str, Path]] = []
    direct: list[tuple[Path, bytes]] = []
    journal: str | None = None
    try:
        for path, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            target, special = _target(Path(path))
            if special:
                direct.append((target, data))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = staged_file(target.parent, f".{target.name}.", ".tmp")  # STAGING_GLOB
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                if sync:
                    os.fsync(f.fileno())
        mode = 0o666 & ~_umask()  # what open() would have given, not mkstemp's private 0600
        for tmp, _ in staged:
            os.chmod(tmp, mode)
        if len(staged) > 1:
            home = Path(os.path.commonpath([str(t.parent) for _, t in staged]))
            # A journal cut short by a kill does not parse: recover() then removes the staged files.
            import json

            fd, journal = staged_file(home, f"{_JOURNAL}.", ".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump([[os.path.relpath(tmp, home), os.path.relpath(t, home)] for tmp, t in staged], f)
                f.flush()
                if sync:
                    os.fsync(f.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
        for path, data in direct:
            _write_special(path, data)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        if journal is not None and os.path.exists(journal):
            os.unlink(journal)


def staged_file(folder: str | Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new empty file in ``folder``, named ``prefix`` + random + ``suffix`` and open for writing:
    ``(descriptor, absolute path)``, made as ``tempfile.mkstemp`` makes one (mode 0600, never a file
    or link that exists) without loading tempfile, which brings random, shutil and three compression
    modules: milliseconds of a run that writes one file (``compare -o``, a cache entry)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    while True:
        path = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(path, flags, 0o600), os.path.abspath(path)
        except FileExistsError:  # the name is taken: draw another
            continue


def _target(path: Path) -> tuple[Path, bool]:
    """Where a write to ``path`` lands, and whether it is a special file (written to in place).

    A link is followed: the link stays and what it names is written. A device, a FIFO or a socket
    is never replaced by a regular file."""
    from resdiff.core.errors import OutputRefused

    try:
        st = os.stat(path)  # follows links, /proc/self/fd/1 included
    except FileNotFoundError:
        return (Path(os.path.realpath(path)) if path.is_symlink() else path), False
    except OSError as e:
        raise OutputRefused(f"cannot write {quoted(path)} ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputRefused(f"{quoted(path)} is a folder; give a file name")
    if not stat.S_ISREG(st.st_mode):
        return path, True
    return (Path(os.path.realpath(path)) if path.is_symlink() else path), False


def _write_special(path: Path, data: bytes) -> None:
    """Write ``data`` to a device or FIFO as it is; a full device is an error, as is a FIFO that
    nobody reads (opening it would wait for ever)."""
    import errno

    from resdiff.core.errors import OutputRefused

    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise OutputRefused(f"cannot write {quoted(path)}: it is a FIFO that no process reads") from None
        raise OutputRefused(f"cannot write {quoted(path)} ({e.strerror or e})") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise OutputRefused(f"cannot write {quoted(path)}: no space left on the device") from None
        raise OutputRefused(f"cannot write {quoted(path)} ({e.strerror or e})") from None
    finally:
        os.close(fd)


def recover(folder: Path) -> None:
    """Complete the writes of several files that were killed among their renames (their journal
    names every staged file), then remove what killed writes left staged. Only for a writer that
    holds the lock of ``folder``: no other write is under way in it."""
    import json

    for journal in _two_levels(folder, f"{_JOURNAL}.*.json"):
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pairs = []
        for tmp, target in pairs if isinstance(pairs, list) else []:
            if (journal.parent / tmp).exists():
                os.replace(journal.parent / tmp, journal.parent / target)
        journal.unlink(missing_ok=True)
    for leftover in leftovers(folder):
        leftover.unlink(missing_ok=True)


def leftovers(folder: Path) -> list[Path]:
    """Files that writes killed before their renames left in ``folder`` and its sub-folders (a
    store's series, a site's series and sessions: writers go no deeper)."""
    return _two_levels(folder, STAGING_GLOB) + _two_levels(folder, f"{_JOURNAL}.*.json")


def _two_levels(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in [*folder.glob(pattern), *folder.glob(f"*/{pattern}")] if p.is_file())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for the duration: writers of one store take turns, so
    none reads a manifest another is about to replace. The lock is taken on the folder itself
    (no lock file to leave behind) and goes with the process, so a killed writer never leaves
    the store locked; what a killed writer left half done is completed or removed first."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        recover(folder)
        yield
    finally:
        os.close(fd)
