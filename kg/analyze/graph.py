"""The networkx view of a govkg graph: entities as nodes, relations as edges,
and (by default) the sections and documents that mention them.

:func:`to_networkx` reads any graph ``kg.rdf`` built (one report or the whole
corpus; an rdflib ``Graph`` or a ``Dataset`` whose default graph is the union)
with three SPARQL queries from ``ontology/queries/_entity_*.rq`` instead of
``rdflib_to_networkx_*``, which is 5× slower and turns every literal into a node.

Node keys are IRI strings. Node attributes: ``label``, ``class`` (agency, policy,
work, initiative, person, place, post; metric with ``metrics_as_nodes``),
``kind`` (the concept's suffix: ``court``, ``plan``), ``aliases``, ``sentences``
and ``sentence_texts`` (aligned lists: where it is mentioned) and ``metrics`` (a
list of dicts: value, unit, qualifier, kind, text, measure, period, sentence,
sentence_text, iri). ``g.graph["metrics"]`` lists every metric, including
those about nothing the graph holds. Edge key and ``relation`` attribute: the predicate's local
name (``ledBy``); ``predicate`` the full IRI; ``sentences``/``sentence_texts``
from the ``rdf:Statement`` nodes that state it.

With ``structure=True`` (the default) the view also holds the reports'
structure, read with one more query (``_entity_sections.rq``): Section nodes
(class ``section``: label the title, ``document`` and ``document_label``,
``order``) and Document nodes (class ``document``: label the title or the
id), with edges document —hasSection→ section (nested sections hang from
their enclosing section), entity —mentionedIn→ section (the sentences that
mention it there as ``sentences``/``sentence_texts``; also from
gkg:partOfSection) and entity —mentionedIn→ document for sentences outside
any section. Only sections with an entity in them or below them are kept.
Relations between entities are *typed* (:func:`is_structure` is False);
analysis ranks entities on the typed ones only.

This module builds the entity view (entities, relations, metrics); the
structure pass is :mod:`kg.analyze.structure`, query rows and attribute values
come from :mod:`kg.analyze.rows`, and what is done with a built view
(:func:`simple_undirected`, :func:`resolve_node`) is :mod:`kg.analyze.views`.
Their public names are re-exported here, where callers import them from.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.analyze.rows import (
    QUERY_DIR,
    add_sentence,
    concept,
    finish_sentences,
    local_name,
    natural_key,
    select_rows,
)
from kg.analyze.structure import add_structure
from kg.analyze.views import (
    STRUCTURE_CLASSES,
    STRUCTURE_RELATIONS,
    is_structure,
    resolve_node,
    simple_undirected,
)
from kg.rdf.namespace import GKG, ORG, PROV

__all__ = [
    "CLASSES",
    "STRUCTURE_CLASSES",
    "STRUCTURE_RELATIONS",
    "is_structure",
    "to_networkx",
    "entity_graph",
    "simple_undirected",
    "resolve_node",
    "local_name",
    "natural_key",
    "QUERY_DIR",
]

#: Entity classes and the short names used as the ``class`` attribute, in display order.
CLASSES: dict[URIRef, str] = {
    GKG.Agency: "agency",
    GKG.Initiative: "initiative",
    GKG.Policy: "policy",
    GKG.Work: "work",
    GKG.Person: "person",
    GKG.Post: "post",
    ORG.Post: "post",
    GKG.Place: "place",
}


_METRIC_FIELDS: dict[str, str] = {
    str(GKG.about): "about",
    str(GKG.value): "value",
    str(GKG.unit): "unit",
    str(GKG.qualifier): "qualifier",
    str(GKG.metricKind): "kind",
    str(GKG.text): "text",
    str(GKG.measure): "measure",
    str(GKG.period): "period",
    str(PROV.wasDerivedFrom): "sentence",
}


def _metric_value(field: str, v: object) -> Any:
    if field == "value":
        try:
            return float(v)
        except ValueError:
            return None
    if field == "unit":
        return local_name(str(v))  # units are minted as id:unit/{unit}
    if field in ("qualifier", "kind"):
        return concept(v)
    return str(v)


def _metric_rows(graph: Graph) -> list[dict[str, Any]]:
    """One dict per metric, sorted by IRI; of several values of a field the smallest is kept."""
    metrics: dict[str, dict[str, Any]] = {}
    for row in select_rows(graph, "_entity_metrics"):
        iri = str(row["m"])
        m = metrics.get(iri)
        if m is None:
            m = metrics[iri] = {"iri": iri, **{f: None for f in _METRIC_FIELDS.values()}, "sentence_text": None}
        field = _METRIC_FIELDS.get(row["p"])
        if field is None or row["v"] is None:
            continue
        val = _metric_value(field, row["v"])
        if val is not None and (m[field] is None or str(val) < str(m[field])):
            m[field] = val
            if field == "sentence":
                m["sentence_text"] = row["label"]
    return [metrics[k] for k in sorted(metrics, key=natural_key)]


def to_networkx(graph: Graph, *, metrics_as_nodes: bool = False, structure: bool = True) -> nx.MultiDiGraph:
    """The entity graph of ``graph`` as a ``MultiDiGraph`` (see the module doc).

    Nodes and edges are inserted in sorted order, so that every algorithm run
    on the result (Louvain, layouts) is deterministic. ``structure=False``
    leaves out the sections and documents (the entity-only view). With
    ``metrics_as_nodes`` each metric is also a node (class ``metric``) with an
    ``about`` edge to its entity; it stays in its entity's ``metrics`` list too.
    """
    nodes: dict[str, dict[str, Any]] = {}
    rank = {str(cls): i for i, cls in enumerate(CLASSES)}
    names = {str(cls): name for cls, name in CLASSES.items()}
    classes: dict[str, str] = {}
    _pref, _alt, _rdfs, _kind, _mentioned = (
        str(SKOS.prefLabel), str(SKOS.altLabel), str(RDFS.label), str(GKG.kind), str(GKG.mentionedIn))
    for row in select_rows(graph, "_entity_nodes"):
        iri = str(row["e"])
        attrs = nodes.setdefault(iri, {"_labels": set(), "_alts": set(), "_kinds": set()})
        cls = row["class"]
        if iri not in classes or rank[cls] < rank[classes[iri]]:
            classes[iri] = cls
        p, v = row["p"], row["v"]
        if p is None or v is None:
            continue
        if p == _pref or p == _rdfs:
            attrs["_labels"].add((0 if p == _pref else 1, v))
        elif p == _alt:
            attrs["_alts"].add(v)
        elif p == _kind:
            attrs["_kinds"].add(concept(v))
        elif p == _mentioned:
            add_sentence(attrs, v, row["text"])

    g = nx.MultiDiGraph()
    for iri in sorted(nodes, key=natural_key):
        attrs = nodes[iri]
        labels = sorted(attrs.pop("_labels"))
        label = labels[0][1] if labels else local_name(iri)
        aliases = sorted(attrs.pop("_alts") - {label})
        kinds = sorted(attrs.pop("_kinds"))
        finish_sentences(attrs)
        g.add_node(
            iri,
            label=label,
            aliases=aliases,
            kind=kinds[0] if kinds else "",
            metrics=[],
            **{"class": names[classes[iri]]},
            **attrs,
        )

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in select_rows(graph, "_entity_edges"):
        s, o = str(row["s"]), str(row["o"])
        if s not in g or o not in g:
            continue
        key = (s, str(row["p"]), o)
        attrs = edges.setdefault(key, {})
        add_sentence(attrs, row["sentence"], row["text"])
    held_by, holds = str(ORG.heldBy), str(ORG.holds)
    for s, p, o in sorted(edges, key=lambda k: (natural_key(k[0]), k[1], natural_key(k[2]))):
        if p == held_by and (o, holds, s) in edges:
            continue  # the inverse of a stated org:holds: one edge per person/post pair
        attrs = edges[(s, p, o)]
        finish_sentences(attrs)
        rel = local_name(p)
        g.add_edge(s, o, key=rel, relation=rel, predicate=p, **attrs)

    if structure:
        add_structure(graph, g)
    g.graph["metrics"] = metrics = _metric_rows(graph)
    for m in metrics:
        about = m["about"]
        if about in g:
            g.nodes[about]["metrics"].append(m)
        if metrics_as_nodes:
            label = m["text"] or f"{m['value']}{m['unit'] or ''}"
            g.add_node(
                m["iri"],
                label=label,
                aliases=[],
                kind=m["kind"] or "",
                metrics=[m],
                sentences=[m["sentence"]] if m["sentence"] else [],
                sentence_texts=[m["sentence_text"] or ""] if m["sentence"] else [],
                **{"class": "metric"},
            )
            if about in g:
                g.add_edge(
                    m["iri"], about, key="about", relation="about", predicate=str(GKG.about),
                    sentences=list(g.nodes[m["iri"]]["sentences"]),
                    sentence_texts=list(g.nodes[m["iri"]]["sentence_texts"]),
                )
    return g


def entity_graph(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` itself if it is already a networkx view, else :func:`to_networkx` of it."""
    if isinstance(graph, nx.Graph):
        return graph
    return to_networkx(graph)

