"""REF arguments: a file if such a file exists, otherwise a stored symbol."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

from .model import Resolution


def load_ref(ref: str, store: Path | None, warn: Callable[[str], None]) -> Resolution:
    """Load a version named on the command line; ``warn`` receives what an importer noticed."""
    from .errors import VersionNotFound
    from .symbol import Symbol

    path = Path(ref)
    if path.is_file():
        from .ingest import read_file

        res, report = read_file(path)
        for w in report.warnings:
            warn(f"warning: {path}: {w}")
        return res
    if Symbol.find(ref) is None:
        raise VersionNotFound(f"{ref!r} is neither a file nor a UN document symbol (like 75/59, A/RES/75/59 "
                              "or A/C.1/77/L.37)")
    from .store import Store

    return Store(store).load(ref)
