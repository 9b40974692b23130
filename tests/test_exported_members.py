"""The public API: ``wiretrace.__all__`` is sorted and complete (as in httpx)."""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import version

import pytest

import wiretrace

INCLUDED_PRIVATE_MEMBERS = {"__version__"}


def _defined_in_wiretrace(obj: object) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return (inspect.isclass(obj) or inspect.isfunction(obj)) and (
        module == "wiretrace" or module.startswith("wiretrace.")
    )


def test_all_is_sorted_and_unique() -> None:
    assert wiretrace.__all__ == sorted(wiretrace.__all__)
    assert len(set(wiretrace.__all__)) == len(wiretrace.__all__)


def test_all_imports_are_exported() -> None:
    public = {
        name
        for name, obj in vars(wiretrace).items()
        if not name.startswith("_") and _defined_in_wiretrace(obj)
    }

    assert sorted(public | INCLUDED_PRIVATE_MEMBERS) == wiretrace.__all__


def test_every_exported_name_exists() -> None:
    for name in wiretrace.__all__:
        assert getattr(wiretrace, name) is not None


def test_version_matches_package_metadata() -> None:
    assert wiretrace.__version__ == version("wiretrace")


@pytest.mark.parametrize(
    "module",
    [
        # sentence alignment
        "wiretrace.align",
        # boilerplate removal
        "wiretrace.clean",
        # findings and quotes
        "wiretrace.discrepancy",
        # file readers
        "wiretrace.ingest",
        # direction of derivation
        "wiretrace.provenance",
        # JSON, text and HTML reports
        "wiretrace.report",
        # sentence splitting
        "wiretrace.segment",
        # tokens and lexicons
        "wiretrace.text",
    ],
)
def test_subpackage_all_is_sorted_and_resolves(module: str) -> None:
    mod = importlib.import_module(module)

    assert mod.__all__ == sorted(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ names missing {name}"


def test_errors_share_one_root() -> None:
    errors = [
        getattr(wiretrace, name)
        for name in wiretrace.__all__
        if name.endswith("Error") and inspect.isclass(getattr(wiretrace, name))
    ]

    assert errors
    assert all(issubclass(e, wiretrace.WiretraceError) for e in errors)
