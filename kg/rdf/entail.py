"""RDFS entailment kept beside the data: subclass and subproperty closure.

For each data graph ``G`` the graph ``G/inferred`` holds the ``rdf:type``
triples implied by ``rdfs:subClassOf`` and the triples implied by
``rdfs:subPropertyOf`` (transitively, ``+`` paths over the ontology graph), so
that ``?x a org:Organization`` finds every ``gkg:Agency`` by index lookup.
These are SPARQL Update texts, so that :mod:`kg.rdf.store` can run them in
the same transaction as the document they derive from.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import RDFS

from kg.rdf.namespace import ONTOLOGY_GRAPH, mint

__all__ = ["INFERRED_SUFFIX", "inferred_graph_iri", "entailment_update", "entail"]

INFERRED_SUFFIX = "/inferred"


def inferred_graph_iri(graph: str) -> str:
    """The graph holding what RDFS entailment adds to ``graph``."""
    return graph + INFERRED_SUFFIX


def _rules(src: str | None, target: str, guard: str = "") -> str:
    """SPARQL Update adding the RDFS closure of graph ``src`` (None: the default graph) to ``target``."""
    ont = f"<{ONTOLOGY_GRAPH}>"

    def where(pattern: str) -> str:
        return f"GRAPH {src} {{ {pattern} }} {guard}" if src else pattern

    return f"""
INSERT {{ GRAPH {target} {{ ?x a ?super }} }} WHERE {{
  {where("?x a ?c")}
  GRAPH {ont} {{ ?c <{RDFS.subClassOf}>+ ?super }}
  FILTER(?super != ?c)
}} ;
INSERT {{ GRAPH {target} {{ ?s ?q ?o }} }} WHERE {{
  {where("?s ?p ?o")}
  GRAPH {ont} {{ ?p <{RDFS.subPropertyOf}>+ ?q }}
  FILTER(?q != ?p)
}}"""


def entailment_update(graph: str) -> str:
    """The update adding the closure of one data graph to its inferred graph."""
    return _rules(f"<{graph}>", f"<{inferred_graph_iri(graph)}>")


def entail(store: ox.Store) -> None:
    """Recompute the RDFS closure of every data graph against the loaded ontology.

    Triples in the default graph (files without named graphs) get theirs in
    ``id:graph/default/inferred``.
    """
    drops = [
        f"DROP SILENT GRAPH <{g.value}>"
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value.endswith(INFERRED_SUFFIX)
    ]
    guard = (
        f'FILTER(?g != <{ONTOLOGY_GRAPH}> && !STRENDS(STR(?g), "{INFERRED_SUFFIX}"))'
        f' BIND(IRI(CONCAT(STR(?g), "{INFERRED_SUFFIX}")) AS ?ig)'
    )
    default_inf = inferred_graph_iri(str(mint("graph", "default")))
    store.update(" ;\n".join([*drops, _rules("?g", "?ig", guard), _rules(None, f"<{default_inf}>")]))
