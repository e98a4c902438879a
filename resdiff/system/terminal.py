"""Output on a terminal: UTF-8 whatever the locale, and long output through a pager, as git does.

``$RESDIFF_PAGER``, else ``$PAGER``, else ``less``; ``less`` gets ``LESS=FRX`` unless the user
set ``$LESS`` (F: quit at once when the text fits on one screen, R: show colours, X: leave the
text on the screen). Output that is not a terminal, or ``--no-pager``, is written as it is.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # importing typing costs every run of resdiff a few milliseconds (see system.bounded)
    from typing import TextIO


def pager_command(environ: dict[str, str] | None = None) -> str | None:
    """The pager to run, or None for none ("cat" or an empty value mean none, as in git)."""
    env = os.environ if environ is None else environ
    command = env.get("RESDIFF_PAGER", env.get("PAGER", "less")).strip()
    if not command or command == "cat":
        return None
    import shlex  # here and below, imported only when output may be paged: every run imports this module
    import shutil

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return None
    return command if shutil.which(program) else None


def page(text: str, stream: TextIO | None = None, environ: dict[str, str] | None = None) -> None:
    """Write ``text`` to ``stream`` (stdout), through the pager when it is a terminal and the text is
    longer than the screen."""
    stream = stream or sys.stdout
    env = dict(os.environ if environ is None else environ)
    command = pager_command(env) if stream.isatty() else None
    import shutil

    rows = shutil.get_terminal_size().lines
    if command is None or text.count("\n") < rows:
        stream.write(text)
        return
    env.setdefault("LESS", "FRX")
    stream.flush()
    import subprocess

    proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    assert proc.stdin is not None  # stdin=PIPE
    try:
        proc.stdin.write(text.encode("utf-8", "replace"))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager before the end: nothing wrong
    proc.wait()


def stdout_utf8() -> None:
    """Write UTF-8 to stdout and stderr whatever the locale: under LC_ALL=POSIX with Python's
    UTF-8 mode off they are ASCII, and a '→' or a curly quote would end the command."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream already detached
                pass
