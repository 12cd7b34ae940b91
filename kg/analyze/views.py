"""What the analysis, paths and map do with a built networkx view: tell
structure nodes from entities, collapse it to a weighted simple graph, and
find the node a user names.

Pure networkx (no RDF): split from :mod:`kg.analyze.graph`, which builds the
view, so that these helpers can be used on any view however it was made.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.analyze.rows import natural_key
from kg.errors import QueryError

__all__ = [
    "STRUCTURE_CLASSES",
    "STRUCTURE_RELATIONS",
    "is_structure",
    "simple_undirected",
    "resolve_node",
]

#: Classes of the structure nodes (not entities: never ranked as such).
STRUCTURE_CLASSES: frozenset[str] = frozenset({"section", "document"})
#: Relations of the structure edges (everything else links two entities).
STRUCTURE_RELATIONS: frozenset[str] = frozenset({"hasSection", "mentionedIn"})


def is_structure(g: nx.MultiDiGraph, node: str) -> bool:
    """Whether ``node`` is a section or document node (not an entity or metric)."""
    return g.nodes[node].get("class") in STRUCTURE_CLASSES


def simple_undirected(g: nx.MultiDiGraph, *, include: Iterable[str] | None = None,
                      structure: bool = True) -> nx.Graph:
    """Undirected simple graph of the entities (metric nodes left out).

    ``structure=False`` leaves out the section and document nodes too: what
    is left are the entities and their typed relations.

    Edge ``weight`` is the number of relations between the two nodes; used for
    centrality, communities, components and paths, where direction and
    parallel relations would only add noise.
    """
    keep = set(include) if include is not None else None
    u = nx.Graph()
    for n, d in g.nodes(data=True):
        cls = d.get("class")
        if cls != "metric" and (structure or cls not in STRUCTURE_CLASSES) and (keep is None or n in keep):
            u.add_node(n)
    for s, o in g.edges():
        if s in u and o in u and s != o:
            if u.has_edge(s, o):
                u[s][o]["weight"] += 1
            else:
                u.add_edge(s, o, weight=1)
    return u


def resolve_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by ``name``: an IRI, a label, an alias, or a unique part of a label.

    Tried in that order, entities before sections and documents (whose long
    titles would make many a name ambiguous); the first tier with exactly one
    match wins. Raises
    :class:`~kg.errors.QueryError` when nothing matches or a tier is ambiguous
    (the message lists the candidates so that the user can pass an IRI).
    """
    if name in g:
        return name
    needle = name.strip()
    tiers: list[list[str]] = []
    for wanted in (False, True):
        nodes = [(n, d) for n, d in g.nodes(data=True) if (d.get("class") in STRUCTURE_CLASSES) == wanted]
        tiers += [
            [n for n, d in nodes if d.get("label") == needle],
            [n for n, d in nodes if needle in d.get("aliases", ())],
            [n for n, d in nodes if needle and needle in d.get("label", "")],
        ]
    for tier in tiers:
        found = sorted(set(tier), key=natural_key)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            shown = "; ".join(f"{g.nodes[n]['label']} <{n}>" for n in found[:8])
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            raise QueryError(f"{name!r} is ambiguous: {shown}{more}")
    raise QueryError(f"no entity called {name!r} in the graph")
