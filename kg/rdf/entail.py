"""RDFS entailment kept beside the data: subclass and subproperty closure.

For each data graph ``G`` the graph ``G/inferred`` holds the ``rdf:type``
triples implied by ``rdfs:subClassOf`` and the triples implied by
``rdfs:subPropertyOf`` (transitively, ``+`` paths over the ontology graph), so
that ``?x a org:Organization`` finds every ``gkg:Agency`` by index lookup.
:func:`entail` recomputes every graph's closure with SPARQL Update (when the
ontology changes); :class:`Closure` computes one document's in Python, so
that :mod:`kg.rdf.store` can insert it in the same transaction as the
document (the SPARQL rules took as long as the insert itself, ~0.5 s a report).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS

from kg.rdf.namespace import ONTOLOGY_GRAPH, mint

__all__ = ["INFERRED_SUFFIX", "inferred_graph_iri", "entail", "Closure"]

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


@dataclass(frozen=True)
class Closure:
    """The ontology's subclass and subproperty closure, applied to triples in Python.

    ``superclasses[c]`` and ``superproperties[p]`` hold every strict ancestor
    (the ``+`` paths of the SPARQL rules, without the term itself), so
    :meth:`infer` adds exactly what :func:`entail`'s SPARQL rules add to a graph.
    """

    superclasses: dict[ox.NamedNode, tuple[ox.NamedNode, ...]]
    superproperties: dict[ox.NamedNode, tuple[ox.NamedNode, ...]]

    @classmethod
    def from_store(cls, store: ox.Store) -> "Closure":
        """The closure of the ontology loaded in ``store``'s :data:`ONTOLOGY_GRAPH`."""
        ont = ox.NamedNode(str(ONTOLOGY_GRAPH))

        def ancestors(predicate: str) -> dict[ox.NamedNode, tuple[ox.NamedNode, ...]]:
            parents: dict[ox.NamedNode, set[ox.NamedNode]] = {}
            for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ont):
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                    parents.setdefault(q.subject, set()).add(q.object)
            out = {}
            for term in parents:
                seen: set[ox.NamedNode] = set()
                todo = list(parents[term])
                while todo:
                    t = todo.pop()
                    if t not in seen:
                        seen.add(t)
                        todo.extend(parents.get(t, ()))
                seen.discard(term)
                if seen:
                    out[term] = tuple(sorted(seen, key=str))
            return out

        return cls(ancestors(str(RDFS.subClassOf)), ancestors(str(RDFS.subPropertyOf)))

    def infer(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """What the rules add to a graph holding ``triples``, without repeats."""
        rdf_type = _RDF_TYPE
        out: dict[ox.Triple, None] = {}
        for t in triples:
            p = t.predicate
            if p == rdf_type:
                for sup in self.superclasses.get(t.object, ()):  # type: ignore[call-overload]
                    out[ox.Triple(t.subject, rdf_type, sup)] = None
            for q in self.superproperties.get(p, ()):  # type: ignore[call-overload]
                out[ox.Triple(t.subject, q, t.object)] = None
        return list(out)


_RDF_TYPE = ox.NamedNode(str(RDF.type))
