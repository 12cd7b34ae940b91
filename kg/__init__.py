"""govkg: knowledge graphs from Chinese government reports.

The pipeline, one stage per module, data flowing one way::

    ingest → segment → extract → resolve → rdf → query / analyze / viz / export

The public API, for use from Python (each name is imported on first use, so
``import kg`` stays cheap for the command line)::

    import kg
    result = kg.build(["data/corpus"], Path("out"))     # files → out/graph.ttl …
    resolved = kg.extract_file("report.txt")            # one report, resolved
    source = kg.load(graph_file=Path("out/graph.trig")) # a graph to read
    rows = kg.query_graph(source, "SELECT …")            # SPARQL
    report = kg.analyze_graph(source.rdflib())          # networkx analysis
    kg.visualize(source.rdflib(), Path("out/graph.html"))

No public name is also the name of a submodule (``kg.query``, ``kg.analyze``
and ``kg.validate`` are modules), so ``from kg import analyze`` keeps giving
the module.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "build",
    "extract_file",
    "load",
    "query_graph",
    "analyze_graph",
    "visualize",
    "validate_graph",
    "__version__",
]

#: public name → (module, attribute)
_API = {
    "build": ("kg.pipeline", "build"),
    "extract_file": ("kg.pipeline", "extract_file"),
    "load": ("kg.rdf.store", "open_graph"),
    "query_graph": ("kg.query", "run"),
    "analyze_graph": ("kg.analyze", "analyze"),
    "visualize": ("kg.viz", "write_html"),
    "validate_graph": ("kg.validate", "validate"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'kg' has no attribute {name!r}") from None
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value
