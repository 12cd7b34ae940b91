"""Helpers for the tests that check the real sample's graph (test_sample_graph.py,
test_query_sample.py): build it, and ask it small independent SPARQL questions.

The independent questions are deliberately simpler than the named questions
in ontology/queries/: they state one fact each, so that a named question's
answer can be checked against them rather than against itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from conftest import SAMPLE
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.pipeline import build
from kg.rdf.namespace import GKG, ORG, PROV, unit_iri
from kg.rdf.store import GraphSource, open_graph

__all__ = ["PREFIXES", "build_sample", "iri", "label", "local_name", "select", "unit"]

#: The prefixes the independent questions use, from kg.rdf.namespace and rdflib.
PREFIXES = "\n".join(
    f"PREFIX {p}: <{ns}>"
    for p, ns in (("gkg", str(GKG._NS)), ("skos", str(SKOS)), ("rdf", str(RDF)), ("prov", str(PROV)),
                  ("dcterms", str(DCTERMS)), ("org", str(ORG)))
) + "\n"


def build_sample(out: Path) -> GraphSource:
    """Build the sample report into ``out`` (no report, no visualisation) and open graph.trig."""
    result = build([SAMPLE], out, report=False, viz=False)
    assert not result.failures, [d.error for d in result.failures]
    return open_graph(graph_file=out / "graph.trig")


def select(src: GraphSource, body: str, **bindings: Any) -> list[dict[str, Any]]:
    """Run ``PREFIXES + body`` on the union of the document graphs, with variables
    bound to pyoxigraph terms in a VALUES block at the top of its (first) WHERE
    group; rows as {variable: term} (unbound variables left out)."""
    if bindings:
        block = f"VALUES ({' '.join('?' + k for k in bindings)}) {{ ({' '.join(map(str, bindings.values()))}) }}"
        head, sep, tail = body.partition("WHERE {")
        assert sep, "the query needs a WHERE { group to bind variables in"
        body = f"{head}WHERE {{ {block}{tail}"
    res = src.store.query(PREFIXES + body, use_default_graph_as_union=True)
    names = [v.value for v in res.variables]
    return [{n: t for n, t in zip(names, row) if t is not None} for row in res]


def label(text: str) -> ox.Literal:
    """A @zh literal, as skos labels and titles are written."""
    return ox.Literal(text, language="zh")


def unit(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(unit_iri(name)))


def iri(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def local_name(term: Any) -> str:
    """``gkg:policy_measures`` → ``policy_measures`` (the part after # or the last /)."""
    value = term.value if hasattr(term, "value") else str(term)
    return value.rsplit("#", 1)[-1] if "#" in value else value.rsplit("/", 1)[-1]
