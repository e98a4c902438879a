"""Older Word (.doc) and RTF files, read through LibreOffice.

The Official Document System serves older documents as Word 97-2003 (.doc) files, and some
tools save RTF. Neither is read here directly: LibreOffice, where it is installed, converts the
file to .docx (headless, in a temporary folder with its own profile, within a time limit), and
the Word importer reads that. Without LibreOffice the import fails with one line naming it.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from resdiff.core.errors import ImportFailed
from resdiff.ingest.detect import InputFormat

CONVERT_SECONDS = 120  # LibreOffice's first start in a fresh profile takes several seconds
WHAT = {InputFormat.DOC: "a Word 97-2003 (.doc) file", InputFormat.RTF: "an RTF file"}


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, fmt: InputFormat, source: str) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a .doc or an RTF file)."""
    return convert(
        data,
        str(fmt),
        "docx",
        WHAT[fmt],
        lambda problem: ImportFailed(source, problem),
        "or save the file as .docx",
    )


def convert(
    data: bytes, extension: str, to: str, what: str, error: Callable[[str], Exception], otherwise: str
) -> bytes:
    """The file LibreOffice makes of ``data`` (``what``, a file with ``extension``) in the format ``to``
    ("docx", "pdf"). Each failure is raised as ``error(problem)``; ``otherwise`` says what the user can
    do without LibreOffice."""
    exe = soffice()
    if exe is None:
        raise error(
            f"{'reading' if to == 'docx' else 'writing'} {what} needs LibreOffice (soffice), which is not "
            f"installed; install it (Debian: apt install libreoffice-writer-nogui) {otherwise}"
        )
    with tempfile.TemporaryDirectory(prefix="resdiff-convert-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        src = folder / f"input.{extension}"
        src.write_bytes(data)
        # Its own process group: at the time limit LibreOffice and every process it started are
        # stopped, so that none writes into the folder while it is removed.
        proc = subprocess.Popen(
            [
                exe,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={folder.as_uri()}/profile",
                "--convert-to",
                to,
                "--outdir",
                str(folder / "out"),
                str(src),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            raise error(f"LibreOffice did not convert {what} within {CONVERT_SECONDS} s") from None
        finally:
            _stop_group(proc)
        out = folder / "out" / f"input.{to}"
        if not out.is_file():
            said = (stderr or stdout).decode(errors="replace").strip().splitlines()
            raise error(f"LibreOffice could not convert {what}" + (f" ({said[-1][:200]})" if said else ""))
        return out.read_bytes()


def _stop_group(proc: subprocess.Popen) -> None:
    """Kill what is left of ``proc``'s process group and reap ``proc``."""
    import os
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
