"""Writing files whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

# The name pattern of a file staged by write_atomically: ".NAME.RANDOM.tmp" beside its target.
STAGING_GLOB = ".*.tmp"


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
        raise OutputRefused(f"{path} is a folder; give a file name, e.g. {path / 'changes.html'}")
    if not path.parent.is_dir():
        raise OutputRefused(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


def write_atomically(files: Mapping[Path, str | bytes]) -> None:
    """Write every file or none: each is staged as a temporary file beside its target, then all
    are renamed into place, so a reader never sees a half-written file."""
    import tempfile

    staged: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # STAGING_GLOB
            staged.append((tmp, path))
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        mode = 0o666 & ~_umask()  # what open() would have given, not mkstemp's private 0600
        for tmp, path in staged:
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for the duration: writers of one store take turns, so
    none reads a manifest another is about to replace. The lock is taken on the folder itself
    (no lock file to leave behind) and goes with the process, so a killed writer never leaves
    the store locked."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
