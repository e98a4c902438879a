"""Run a script in a report page in headless Chromium and read back what it found.

The page is copied with the script added at its end; Chromium loads the copy, lets scripts and
timers run (``--virtual-time-budget``), and prints the DOM, in which the script left its answer
as JSON in ``<pre id="resdiff-result">``. No driver or extra package is needed.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
NO_CHROMIUM = "chromium is not installed (.ci/run installs Debian's chromium)"

_RESULT = re.compile(r'<pre id="resdiff-result">(.*?)</pre>', re.S)


def flags(profile: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]


def run_in_page(
    page: Path,
    script: str,
    tmp: Path,
    width: int = 1280,
    height: int = 900,
    libraries: tuple[Path, ...] = (),
    fragment: str = "",
) -> object:
    """Load ``page`` in a frame ``width``×``height`` CSS pixels wide (a phone is narrower than the
    smallest headless window), run ``script`` in it (JavaScript that calls ``report(value)``, perhaps
    later, from a promise) and return ``value``. ``fragment`` ("#id") is added to the page's address."""
    libs = "".join(f"<script>{lib.read_text(encoding='utf-8')}</script>\n" for lib in libraries)
    probe = (
        f"{libs}<script>function report(value) {{ parent.report(value); }}\n"
        f"window.addEventListener('load', function () {{ {script} }});</script>\n"
    )
    copy = tmp / f"probe-{page.name}"
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8")
    frame = tmp / f"frame-{page.name}"
    frame.write_text(
        f"<!DOCTYPE html><html><body style='margin:0'><iframe src='{copy.name}{fragment}' title='probe' "
        f"style='border:0;width:{width}px;height:{height}px'></iframe><script>function report(value) "
        "{ var pre = document.createElement('pre'); pre.id = 'resdiff-result'; "
        "pre.textContent = JSON.stringify(value); document.body.appendChild(pre); }</script>"
        "</body></html>",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            CHROMIUM,
            *flags(tmp / "profile"),
            "--allow-file-access-from-files",
            f"--window-size={max(width, 800)},{height + 100}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            frame.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    found = _RESULT.search(done.stdout)
    if found is None:
        raise AssertionError(f"the probe reported nothing; chromium said: {done.stderr[-2000:]}")
    return json.loads(html.unescape(found.group(1)))


def print_to_pdf(page: Path, pdf: Path, tmp: Path) -> None:
    done = subprocess.run(
        [CHROMIUM, *flags(tmp / "profile"), "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert pdf.is_file() and pdf.stat().st_size > 1000, done.stderr[-2000:]


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (pdftotext), whitespace collapsed."""
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]
