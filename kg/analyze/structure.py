"""The reports' structure added to the networkx view: Section and Document
nodes, document —hasSection→ section and entity —mentionedIn→ section/document
edges (the shape is described in :mod:`kg.analyze.graph`).

Its own module because it is a separate query (``_entity_sections.rq``) and a
separate pass over the entity nodes :func:`~kg.analyze.graph.to_networkx`
already built; ``to_networkx(structure=False)`` skips it.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.analyze.rows import (
    add_sentence,
    finish_sentences,
    first,
    local_name,
    natural_key,
    select_rows,
)
from kg.rdf.namespace import GKG

__all__ = ["add_structure"]


def add_structure(graph: Graph, g: nx.MultiDiGraph) -> None:
    """Add to ``g`` the section and document nodes of ``graph`` and the hasSection / mentionedIn edges.

    Only sections with an entity in or below them are kept (with their
    ancestors and documents); nodes and edges go in in natural order so that
    the result is deterministic.
    """
    props: dict[str, dict[str, set[str]]] = {}
    part_of: list[tuple[str, str]] = []
    _title, _part, _order, _doc, _sec, _pos = (
        str(DCTERMS.title), str(DCTERMS.isPartOf), str(GKG.order), str(GKG.inDocument),
        str(GKG.inSection), str(GKG.partOfSection))
    for row in select_rows(graph, "_entity_sections"):
        s, p, o = row["s"], row["p"], row["o"]
        if s is None or o is None:
            continue
        if p == _pos:
            part_of.append((s, o))
        else:
            props.setdefault(s, {}).setdefault(p, set()).add(o)
    empty: dict[str, set[str]] = {}
    sections = {s for s, d in props.items() if _order in d or _part in d}

    def doc_of(sec: str) -> str | None:
        d = props.get(sec, empty)
        return first(d.get(_doc, set()), "") or None

    links: dict[tuple[str, str], dict[str, Any]] = {}
    for e, attrs in list(g.nodes(data=True)):
        for sentence, text in zip(attrs.get("sentences", ()), attrs.get("sentence_texts", ())):
            d = props.get(sentence, empty)
            target = first(d.get(_sec, set()) & sections, "") or first(d.get(_doc, set()), "")
            if target:
                add_sentence(links.setdefault((e, target), {}), sentence, text)
    for e, sec in sorted(part_of):
        if e in g and sec in sections:
            links.setdefault((e, sec), {})
    # keep the sections with an entity in or below them, and their ancestors
    parent: dict[str, str] = {}
    for sec in sections:
        d = props[sec]
        up = first(d.get(_part, set()), "") or doc_of(sec) or ""
        if up:
            parent[sec] = up
    keep: set[str] = set()
    for _, target in links:
        node: str | None = target
        while node is not None and node not in keep:
            keep.add(node)
            node = parent.get(node)
    for sec in sorted(keep & sections, key=natural_key):
        doc = doc_of(sec) or parent.get(sec, "")
        if doc:
            keep.add(doc)
    for node in sorted(keep, key=natural_key):
        d = props.get(node, empty)
        if node in sections:
            doc = doc_of(node) or ""
            order = first(d.get(_order, set()), "")
            attrs = {"class": "section", "document": doc, "order": int(order) if order.isdigit() else 0}
        else:
            attrs = {"class": "document"}
        g.add_node(node, label=first(d.get(_title, set()), local_name(node)), aliases=[], kind="",
                   metrics=[], sentences=[], sentence_texts=[], **attrs)
    for node in sorted(keep & sections, key=natural_key):
        doc = g.nodes[node]["document"]
        g.nodes[node]["document_label"] = g.nodes[doc]["label"] if doc in g else local_name(doc)
        up = parent.get(node)
        if up in g:
            g.add_edge(up, node, key="hasSection", relation="hasSection", predicate=_part,
                       sentences=[], sentence_texts=[])
    for e, target in sorted(links, key=lambda k: (natural_key(k[0]), natural_key(k[1]))):
        if target not in g:
            continue
        attrs = links[(e, target)]
        finish_sentences(attrs)
        g.add_edge(e, target, key="mentionedIn", relation="mentionedIn", predicate=str(GKG.mentionedIn), **attrs)
    g.graph["structure"] = True
