"""Parsed versions kept in the cache (:mod:`resdiff.system.cache`), so that a file read again is not parsed again.

An entry is the finished outcome of reading a structured file — the version and what the importer
noticed — pickled. Its key is a digest of the file's bytes, its name (messages name it), the
symbol and revisions asked for, the format, the parsing limits, Python's version and the code that parses: resdiff's
``core``, ``system``, ``formats`` and ``ingest`` (all the code a parser may use; the import
contract keeps it so) and, for the formats read with them, lxml and pdfminer. An entry is loaded
by an unpickler that makes nothing but the model's own classes, and is believed only if it is a
version and a report: a damaged or foreign entry is parsed again, never an error.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from resdiff.core import limits, model
from resdiff.core.model import ImportReport, Resolution, Revisions
from resdiff.ingest.detect import InputFormat
from resdiff.system.bounded import pickle  # the C pickler alone (see there)
from resdiff.system.cache import cache_folder, cache_key, code_stamp, load_entry, save_entry

# Where an entry is kept: the generation of the cache (the code's stamp) and the entry's name.
Entry = tuple[Path, str]

_PACKAGE = Path(__file__).resolve().parents[1]
_PARSING_CODE = (_PACKAGE, _PACKAGE / "core", _PACKAGE / "system", _PACKAGE / "formats", _PACKAGE / "ingest")
_LIBRARIES = {
    InputFormat.PDF: ("pdfminer",),
    InputFormat.DOCX: ("lxml",),
    InputFormat.AKN: ("lxml",),
    InputFormat.HTML: ("lxml",),
}
# What an entry may be made of: the model's classes, nothing else.
_MODEL_CLASSES = frozenset(
    {
        "Resolution",
        "Annex",
        "Paragraph",
        "Gap",
        "Heading",
        "NoteRef",
        "Footnote",
        "ImportReport",
        "Part",
        "FootnoteStatus",
    }
)


def entry_for(fmt: InputFormat, data: bytes, source: str, full: str | None, revisions: Revisions) -> Entry | None:
    """Where the outcome of reading ``data`` is kept, or None when there is no cache."""
    base = cache_folder()
    if base is None:
        return None
    stamp = _stamp(_LIBRARIES.get(fmt, ()))
    generation = cache_key(stamp)[:16]
    # The limits too: a file read within generous ones may fail within tighter ones.
    bounds = repr(sorted((k, v) for k, v in vars(limits).items() if k.isupper())).encode()
    options = f"{fmt}\n{full or ''}\n{revisions}".encode()
    key = cache_key(stamp, bounds, options, source.encode(), data)
    return base / "parsed" / generation, key


@functools.cache
def _stamp(libraries: tuple[str, ...]) -> bytes:
    """The parsing code and the ``libraries`` as they are (looked at once a run: a comparison reads two files)."""
    return code_stamp(*_PARSING_CODE) + _library_stamp(libraries) + sys.version.encode()


def load(entry: Entry) -> tuple[Resolution, ImportReport] | None:
    """The outcome kept in ``entry``, or None (none kept, or not believed)."""
    payload = load_entry(*entry)
    if payload is None:
        return None
    import io

    try:
        outcome = _ModelUnpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - whatever a damaged entry makes the unpickler raise, it is parsed again
        return None
    if (
        type(outcome) is tuple
        and len(outcome) == 2
        and type(outcome[0]) is Resolution
        and type(outcome[1]) is ImportReport
    ):
        return outcome
    return None


def save(entry: Entry, outcome: tuple[Resolution, ImportReport]) -> None:
    save_entry(*entry, pickle.dumps(outcome, protocol=-1))  # -1: the highest protocol


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if module == model.__name__ and name in _MODEL_CLASSES:
            found: type = getattr(model, name)
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a parsed version")


def _library_stamp(names: tuple[str, ...]) -> bytes:
    """The installed versions of the libraries ``names``, as the files they are loaded from."""
    if not names:
        return b""
    import importlib.util
    import os

    parts = []
    for name in names:
        origin = None
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec else None
            st = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            st = None
        parts.append(f"{name}:{origin}:{st.st_size}:{st.st_mtime_ns}" if st else f"{name}:none")
    return "\n".join(parts).encode()
