"""govkg: knowledge graphs from Chinese government reports.

The pipeline, one stage per module, data flowing one way::

    ingest → segment → extract → resolve → rdf → query / analyze / viz / export

The public API, for use from Python (each name is imported on first use, so
``import kg`` stays cheap for the command line)::

    import kg
    result = kg.build(["data/corpus"], Path("out"))     # files → out/graph.ttl …
    resolved = kg.extract_file("report.txt")            # one report, resolved
    source = kg.load(graph_file=Path("out/graph.trig")) # a graph to read
    rows = kg.query(source, "SELECT …")                  # SPARQL
    report = kg.analyze(source.rdflib())                # networkx analysis
    kg.visualize(source.rdflib(), Path("out/graph.html"))
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = ["build", "extract_file", "load", "query", "analyze", "visualize", "validate", "__version__"]

#: public name → (module, attribute)
_API = {
    "build": ("kg.pipeline", "build"),
    "extract_file": ("kg.pipeline", "extract_file"),
    "load": ("kg.rdf.store", "open_graph"),
    "query": ("kg.query", "run"),
    "analyze": ("kg.analyze", "analyze"),
    "visualize": ("kg.viz", "write_html"),
    "validate": ("kg.validate", "validate"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attr = _API[name]
    except KeyError:
        raise AttributeError(f"module 'kg' has no attribute {name!r}") from None
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value
