"""A progress bar on stderr for long runs, shown only on a terminal (never in pipes or logs)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``with Progress("importing", total) as bar: bar.advance(name)``; silent when not a terminal."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, enabled: bool | None = None):
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self._last = 0.0

    def __enter__(self) -> Progress:
        return self

    def advance(self, what: str = "", by: int = 1) -> None:
        self.done += by
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return  # redrawing costs more than the work on small items
        self._last = now
        width = 30
        filled = width * self.done // max(self.total, 1)
        line = f"\r{self.label} [{'#' * filled}{' ' * (width - filled)}] {self.done}/{self.total} {what[:30]:<30}"
        self.stream.write(line)
        self.stream.flush()

    def __exit__(self, *exc: object) -> None:
        if self.enabled and self.done:
            self.stream.write("\r" + " " * (len(self.label) + 80) + "\r")
            self.stream.flush()
