"""Reading and parsing within bounds: the machinery of the limits in :mod:`resdiff.core.limits`.

Files named on the command line are read only if they are regular files of a bounded size
(:func:`read_input`); the parsers of binary formats run in a child process with a time and memory
budget per document (:func:`run_bounded`, :func:`start_bounded`). Downloads have theirs in
:mod:`resdiff.system.http`, and comparison applies its own at the entry of
:func:`resdiff.diff.align.align_paragraphs` and :func:`resdiff.diff.worddiff.word_diff`. A limit
reached is one clear error, never a hang, a crash or an unbounded read.
"""

from __future__ import annotations

import gc
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

try:  # the C pickler alone, what pickle.dumps and loads are: pickle.py (its Python classes) costs
    # every run a millisecond or more
    import _pickle as pickle
except ImportError:  # pragma: no cover - a Python without the module
    import pickle  # type: ignore[no-redef]

from resdiff.core import limits
from resdiff.core.errors import ImportFailed, ResdiffError
from resdiff.core.limits import MAX_INPUT_BYTES

TYPE_CHECKING = False
if TYPE_CHECKING:  # for type checkers only: importing typing costs every run of resdiff a few milliseconds
    from typing import Any


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; device files, FIFOs, sockets and
    folders are refused before they are opened (reading /dev/zero or a FIFO with no writer
    would never end)."""
    source = str(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ImportFailed(source, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise ImportFailed(source, f"is {_kind(st.st_mode)}, not a regular file; resdiff reads files only")
        if st.st_size > limit:
            raise ImportFailed(source, f"file too large ({st.st_size} bytes; the limit is {limit})")
        # O_NONBLOCK: should the path have been swapped for a FIFO since stat, open does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ImportFailed(source, "is not a regular file; resdiff reads files only")
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise ImportFailed(source, "no such file") from None
    except PermissionError:
        raise ImportFailed(source, "permission denied") from None
    except OSError as e:
        raise ImportFailed(source, f"cannot be read ({e.strerror or e})") from None
    if len(data) > limit:
        raise ImportFailed(source, f"file too large (over the limit of {limit} bytes)")
    return data


def read_stdin(limit: int = MAX_INPUT_BYTES) -> bytes:
    """Standard input, at most ``limit`` bytes of it (``< /dev/zero`` ends too)."""
    import sys

    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = (
            sys.stdin.buffer.read1(1 << 20) if hasattr(sys.stdin.buffer, "read1") else sys.stdin.buffer.read(1 << 20)
        )
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise ImportFailed("stdin", f"more than {limit} bytes on standard input (the limit); a resolution is far smaller")


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def run_bounded(
    fn: Callable[..., Any], *args: Any, source: str, what: str, seconds: float | None = None, memory: int | None = None
) -> Any:
    """``fn(*args)`` in a child process limited to ``seconds`` and ``memory`` more bytes.

    Parsers of damaged files can loop (a PDF whose objects refer to each other) or allocate
    without end (a compression bomb); a child process is the one place both can be stopped
    whatever the parser does. A :class:`ResdiffError` raised by ``fn`` is raised again here.
    The limits default to :data:`resdiff.core.limits.PARSE_SECONDS` and
    :data:`resdiff.core.limits.PARSE_MEMORY_BYTES` as they are at call time.
    Where fork is unavailable, ``fn`` runs in this process without the bounds.
    """
    return start_bounded(fn, *args, source=source, what=what, seconds=seconds, memory=memory)()


def start_bounded(
    fn: Callable[..., Any], *args: Any, source: str, what: str, seconds: float | None = None, memory: int | None = None
) -> Callable[[], Any]:
    """:func:`run_bounded` begun: the child starts now, and calling the result waits for its
    outcome. Two documents begun one after the other are parsed at the same time (a comparison
    reads two); give every result to :func:`wait_all` so that no child is left behind."""
    seconds = limits.PARSE_SECONDS if seconds is None else seconds
    memory = limits.PARSE_MEMORY_BYTES if memory is None else memory
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        result = fn(*args)
        return lambda: result
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send the pickled outcome, leave without cleanup
        code = 0
        try:
            os.close(read_end)
            # What the parent made is never garbage here: collections need not walk it (nor touch,
            # and so copy, its memory pages). The parser's own garbage is collected as in a process
            # of its own, whatever the parent chose for itself (a JSON comparison turns it off).
            gc.freeze()
            gc.enable()
            _limit_memory(memory)
            _limit_cpu(seconds)
            try:
                outcome: tuple[object, ...] = ("ok", fn(*args))
            except ImportFailed as e:
                outcome = ("failed", e.source, e.problem)
            except ResdiffError as e:
                outcome = ("error", type(e), str(e))
            except MemoryError:
                outcome = ("memory",)
            except RecursionError:
                outcome = ("failed", source, f"the {what} is nested too deeply to be read")
            except Exception as e:  # noqa: BLE001 - reported in the parent as one line
                outcome = ("failed", source, f"the {what} could not be read ({type(e).__name__}: {e})")
            try:
                payload = pickle.dumps(outcome)
            except MemoryError:
                payload = pickle.dumps(("memory",))
            with os.fdopen(write_end, "wb") as f:
                f.write(payload)
        except BaseException:  # noqa: BLE001 - the child must never return into the caller's code
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + seconds
    return lambda: _outcome(pid, read_end, deadline, seconds, memory, source, what)


def _outcome(pid: int, read_end: int, deadline: float, seconds: float, memory: int, source: str, what: str) -> Any:
    # Imported here, where a child is waited for: a comparison of two versions from the cache of
    # parsed versions starts none, and signal makes its enums at import (a millisecond or two).
    import select
    import signal

    chunks: list[bytes] = []
    timed_out = False
    with os.fdopen(read_end, "rb", buffering=0) as f:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([f], [], [], left)
            if not ready:
                continue
            chunk = f.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        raise ImportFailed(
            source,
            f"reading the {what} took longer than {seconds:.0f} s; it is damaged or far larger than a resolution",
        )
    if not chunks:
        reason = (
            "ran out of memory"
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            else f"stopped (status {status})"
        )
        raise ImportFailed(source, f"reading the {what} {reason}; it is damaged or far larger than a resolution")
    outcome = pickle.loads(b"".join(chunks))
    if outcome[0] == "ok":
        return outcome[1]
    if outcome[0] == "failed":
        raise ImportFailed(outcome[1], outcome[2])
    if outcome[0] == "memory":
        raise ImportFailed(
            source,
            f"reading the {what} needed more than {memory // 2**20} MB of memory; "
            "it is damaged or far larger than a resolution",
        )
    raise outcome[1](outcome[2])


def wait_all(pending: list[Callable[[], Any]]) -> list[Any]:
    """The outcomes of children begun with :func:`start_bounded`, in order; every one is waited
    for before the first error among them is raised."""
    outcomes: list[Any] = []
    error: BaseException | None = None
    for collect in pending:
        try:
            outcomes.append(collect())
        except BaseException as e:  # noqa: BLE001 - raised below, once every child is reaped
            error = error or e
    if error is not None:
        raise error
    return outcomes


def _limit_cpu(seconds: float) -> None:
    """A child whose parent is gone (it stopped on another file's error, or was killed) still ends:
    past the parsing time and a little more of CPU, the kernel stops it."""
    _lower_limit("RLIMIT_CPU", int(seconds) + 5)


def _limit_memory(extra: int) -> None:
    """Cap the address space at what the process uses now plus ``extra`` bytes."""
    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # pragma: no cover - not Linux: time bound only
        return
    _lower_limit("RLIMIT_AS", used + extra)


def _lower_limit(name: str, limit: int) -> None:
    """Set the soft limit of the resource ``name`` (of the ``resource`` module) to ``limit``, or to
    the hard limit if that is lower; where there is no such limit (not Linux), nothing is set."""
    try:
        import resource

        which = getattr(resource, name)
        _soft, hard = resource.getrlimit(which)
        resource.setrlimit(which, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    except (OSError, ValueError, ImportError, AttributeError):  # pragma: no cover - not Linux
        pass
