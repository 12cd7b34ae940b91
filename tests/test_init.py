"""The public API of the package: small, documented, imported lazily."""

import subprocess
import sys

import kg


def test_public_names_resolve_to_the_stage_functions():
    from kg.pipeline import build
    from kg.rdf.store import open_graph

    assert kg.build is build
    assert kg.load is open_graph
    for name in kg.__all__:
        assert getattr(kg, name) is not None


def test_submodules_are_not_shadowed_by_api_functions():
    # A public function named like a submodule made `from . import analyze`
    # hand the CLI a function (kg analyze and kg query crashed).
    import importlib
    import types

    for name in ("query", "analyze", "validate", "viz", "pipeline"):
        assert isinstance(importlib.import_module(f"kg.{name}"), types.ModuleType)
    from kg import analyze, query

    assert isinstance(analyze, types.ModuleType) and isinstance(query, types.ModuleType)
    assert not set(kg.__all__) & {"query", "analyze", "validate", "viz", "pipeline"}


def test_unknown_attribute_raises_attribute_error():
    try:
        kg.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_importing_kg_does_not_import_the_heavy_stages():
    code = "import sys, kg; print(any(m.startswith(('rdflib', 'networkx', 'pyvis')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
