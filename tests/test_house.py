"""The house rules that a test can hold (CONTRIBUTING.md): the package's shape, one module of
exceptions with one class per meaning. Imports, ruff and mypy are checked by CI's own commands."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import resdiff
from resdiff.core import errors
from resdiff.core.errors import NotAReference, SeriesNotFound, StoreNotFound, VersionNotFound
from resdiff.store.folder import Store
from resdiff.store.refs import load_ref

from .conftest import FIXTURE_STORE

WINGS = {"core", "system", "formats", "ingest", "diff", "store", "render", "series", "cli"}


def modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(resdiff.__path__, "resdiff.") if not m.name.endswith("__main__")]


def test_the_package_is_its_wings():
    package = Path(resdiff.__file__).parent
    entries = {p.name for p in package.iterdir() if p.name != "__pycache__"}
    assert entries == WINGS | {"__init__.py", "__main__.py"}
    assert {m.split(".")[1] for m in modules()} == WINGS


def test_every_exception_lives_in_core_errors():
    elsewhere = [
        f"{name}.{cls.__name__}"
        for name in modules()
        for cls in vars(importlib.import_module(name)).values()
        if inspect.isclass(cls) and issubclass(cls, BaseException) and cls.__module__ == name
        and name != errors.__name__
    ]  # fmt: skip
    assert elsewhere == []


def test_a_missing_series_and_a_bad_reference_are_not_missing_versions(tmp_path: Path):
    store = Store(FIXTURE_STORE)
    with pytest.raises(SeriesNotFound, match="no series 'nope'"):
        store.manifest("nope")
    with pytest.raises(NotAReference, match="neither a file nor a UN document symbol"):
        load_ref(str(tmp_path / "no-such-file.txt"), FIXTURE_STORE, lambda message: None)
    with pytest.raises(VersionNotFound, match="no stored version '99/1'"):
        store.load("99/1")
    with pytest.raises(StoreNotFound, match="no store at"):  # said "no stored version '75/59'; known: none"
        load_ref("75/59", tmp_path / "no-store", lambda message: None)
    assert not issubclass(SeriesNotFound, VersionNotFound) and not issubclass(NotAReference, VersionNotFound)
