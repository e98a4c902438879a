"""REF arguments: a file if such a file exists, otherwise a stored symbol."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

from .model import Resolution


def load_ref(ref: str, store: Path | None, warn: Callable[[str], None]) -> Resolution:
    """Load a version named on the command line; ``warn`` receives what an importer noticed."""
    from .errors import VersionNotFound
    from .model import normalise_symbol

    path = Path(ref)
    if path.is_file():
        from .ingest import read_file

        res, report = read_file(path)
        for w in report.warnings:
            warn(f"warning: {path}: {w}")
        return res
    if normalise_symbol(ref) is None:
        raise VersionNotFound(f"{ref!r} is neither a file nor a symbol like 75/59 or A/RES/75/59")
    from .store import Store

    return Store(store).load(ref)
