"""Analysis written back as RDF (``kg analyze --annotate``), and GraphML / GEXF files.

GraphML and GEXF accept only strings, numbers and booleans as attribute
values: lists and dicts (aliases, sentences, metrics) become JSON strings, so
nothing is lost and Gephi or Cytoscape can still read every field.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.analyze.analysis import Analysis
from kg.errors import StoreError
from kg.rdf.namespace import GKG

__all__ = ["annotate", "graphml_safe", "write_graphml", "write_gexf", "atomic_write_bytes"]


def annotate(graph: Graph | None, analysis: Analysis) -> Graph:
    """A new graph of gkg:pageRank, gkg:degree, gkg:betweenness and gkg:community triples.

    ``graph`` is only used for its namespace bindings; add the result to the
    store (or to a named graph of its own) to query the scores with SPARQL.
    Communities are the index into ``analysis.communities`` (0 is the largest).
    """
    out = Graph()
    if graph is not None:
        for prefix, ns in graph.namespaces():
            out.bind(prefix, ns, override=False)
    out.bind("gkg", str(GKG._NS))
    for iri, s in analysis.scores.items():
        node = URIRef(iri)
        out.add((node, GKG.pageRank, Literal(round(s.pagerank, 10), datatype=XSD.double)))
        out.add((node, GKG.degree, Literal(s.degree, datatype=XSD.integer)))
        out.add((node, GKG.betweenness, Literal(round(s.betweenness, 10), datatype=XSD.double)))
        out.add((node, GKG.community, Literal(s.community, datatype=XSD.integer)))
    return out


def _safe(value: Any) -> Any:
    if isinstance(value, (str, bool, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def graphml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes are strings, numbers or booleans (``None`` dropped)."""
    out = nx.MultiDiGraph()
    out.graph.update({k: _safe(v) for k, v in g.graph.items() if v is not None and k != "metrics"})
    for n, d in g.nodes(data=True):
        attrs = {k: _safe(v) for k, v in d.items() if v is not None}
        attrs["metric_count"] = len(d.get("metrics", ()))
        out.add_node(n, **attrs)
    for s, o, k, d in g.edges(keys=True, data=True):
        out.add_edge(s, o, key=k, **{a: _safe(v) for a, v in d.items() if v is not None})
    return out


def atomic_write_bytes(path: str | Path, write: Callable[[Any], None]) -> Path:
    """Call ``write(binary_file)`` on a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600 files; give the usual mode
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """GraphML for Cytoscape, yEd and Gephi (written atomically)."""
    safe = graphml_safe(g)
    return atomic_write_bytes(path, lambda fh: nx.write_graphml(safe, fh, encoding="utf-8"))


def write_gexf(g: nx.MultiDiGraph, path: str | Path) -> Path:
    """GEXF 1.2 for Gephi (written atomically)."""
    safe = graphml_safe(g)
    return atomic_write_bytes(path, lambda fh: nx.write_gexf(safe, fh, encoding="utf-8"))
