"""SHACL validation of a govkg graph with pySHACL.

The data (a Graph, or a Dataset whose graphs are validated as one union) is
copied into an rdflib memory graph, the fastest store for pySHACL's many small
lookups, and the ontology is mixed in as ``ont_graph`` so that ``sh:class``
sees ``rdfs:subClassOf`` and the unit and kind concepts it defines. No RDFS
inference by default: ``rdfs:range`` entailment would type every object of
``gkg:issuedBy`` as an agency and so make the ``sh:class`` checks vacuous (and
it costs more than the validation itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset
from rdflib.namespace import DCTERMS, RDF, SH, XSD

from .errors import InputError
from .rdf.namespace import GKG
from .rdf.source import from_ox
from .resources import ONTOLOGY_DIR

__all__ = ["validate", "ValidationReport", "SHAPES", "ONTOLOGY"]

_HERE = ONTOLOGY_DIR
#: The shapes :func:`validate` uses when given none.
SHAPES = _HERE / "shapes.ttl"
#: The ontology mixed into the data during validation.
ONTOLOGY = _HERE / "govkg.ttl"


@dataclass
class ValidationReport:
    """What validation found: ``results`` are sorted one-line strings (focus node, path, message)."""

    conforms: bool
    results: list[str] = field(default_factory=list)
    text: str = ""


def _oxigraph_of(g: Graph) -> ox.Store | None:
    inner = getattr(g.store, "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


def _triples(data: Graph) -> Iterable[tuple[Any, Any, Any]]:
    """Every triple of ``data``; for a Dataset the union of all its graphs."""
    store = _oxigraph_of(data)
    if store is not None:
        if isinstance(data, (Dataset, ConjunctiveGraph)):
            quads: Iterator[ox.Quad] = store.quads_for_pattern(None, None, None)
        else:
            quads = store.quads_for_pattern(None, None, None, ox.NamedNode(str(data.identifier)))
        return ((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads)
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        return (q[:3] for q in data.quads((None, None, None, None)))
    return iter(data)


def _load(path: Path, what: str) -> Graph:
    if not path.is_file():
        raise InputError(path, f"no such {what} file")
    try:
        return Graph().parse(path, format="turtle")
    except SyntaxError as exc:  # rdflib's parse errors derive from it
        raise InputError(path, f"not valid Turtle: {exc}") from None


def _short(g: Graph, term: Any) -> str:
    if isinstance(term, URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except ValueError:
            return f"<{term}>"
    if isinstance(term, BNode):
        return "[]"
    return str(term.n3(g.namespace_manager)) if term is not None else "-"


def _result_lines(results: Graph) -> list[str]:
    results.bind("gkg", str(GKG._NS))
    results.bind("dcterms", str(DCTERMS))
    results.bind("xsd", str(XSD))
    lines = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        severity = results.value(r, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        value = results.value(r, SH.value)
        level = str(severity).rpartition("#")[2] if severity is not None else "Violation"
        line = f"{level}: <{focus}> {_short(results, path)}: {'; '.join(messages) or 'constraint failed'}"
        if value is not None and value != focus:
            line += f" (value {_short(results, value)})"
        lines.add(line)
    return sorted(lines)


def validate(
    data_graph: Graph,
    shapes: Path | None = None,
    *,
    inference: str = "none",
    ontology: Path | None = ONTOLOGY,
) -> ValidationReport:
    """Validate ``data_graph`` against ``shapes`` (default :data:`SHAPES`).

    Warnings and infos do not make the graph non-conforming; violations do.
    ``inference`` is passed to pySHACL ("none", "rdfs", …).
    """
    from pyshacl import validate as shacl_validate

    shapes_graph = _load(Path(shapes) if shapes is not None else SHAPES, "shapes")
    ont = _load(Path(ontology), "ontology") if ontology is not None else None
    data = Graph()
    data.addN((s, p, o, data) for s, p, o in _triples(data_graph))
    conforms, results_graph, text = shacl_validate(
        data,
        shacl_graph=shapes_graph,
        ont_graph=ont,
        inference=inference,
        inplace=True,
        allow_warnings=True,
        allow_infos=True,
    )
    return ValidationReport(bool(conforms), _result_lines(results_graph), str(text))
