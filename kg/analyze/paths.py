"""How two entities are connected (``kg path``) and what surrounds one (``kg neighbours``).

Both walk the undirected graph (a relation links its two ends whichever way
it is stated) and report each hop with the relation as stated and the
sentences that state it. Typed relations are preferred: a path takes as few
hops through sections and documents (``mentioned in section …``) as it can,
then as few hops in all; among equally near neighbours typed ones come first.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph

from kg.analyze.graph import entity_graph
from kg.analyze.rows import natural_key
from kg.analyze.views import STRUCTURE_CLASSES, resolve_node, simple_undirected

__all__ = ["Hop", "Neighbour", "find_path", "neighbours", "ego_nodes", "format_path", "format_neighbours"]


@dataclass(frozen=True, slots=True)
class Hop:
    """One step from ``source`` to ``target``.

    ``forward`` tells whether the relation is stated ``source relation target``
    (True) or ``target relation source`` (False).
    """

    source: str
    source_label: str
    target: str
    target_label: str
    relation: str
    forward: bool
    sentences: tuple[str, ...]  #: sentence IRIs
    sentence_texts: tuple[str, ...]
    source_cls: str = ""
    target_cls: str = ""

    def describe(self) -> str:
        """``甘肃省司法厅 ←ledBy— “八五”普法``: the hop in the direction it is stated.

        Structure hops read as text: ``X mentioned in section 「title」``,
        ``section 「title」 mentions X``, ``document 「t」 has section 「t」``.
        """
        if self.relation in ("mentionedIn", "hasSection"):
            a = self._name(self.source_label, self.source_cls)
            b = self._name(self.target_label, self.target_cls)
            if self.relation == "hasSection":
                return f"{a} has section {b}" if self.forward else f"{a} is a section of {b}"
            return f"{a} mentioned in {b}" if self.forward else f"{a} mentions {b}"
        if self.forward:
            return f"{self.source_label} —{self.relation}→ {self.target_label}"
        return f"{self.source_label} ←{self.relation}— {self.target_label}"

    @staticmethod
    def _name(label: str, cls: str) -> str:
        return f"{cls} 「{label}」" if cls in STRUCTURE_CLASSES else label


@dataclass(frozen=True, slots=True)
class Neighbour:
    """An entity ``distance`` hops from the centre, reached by ``via`` (the last hop)."""

    iri: str
    label: str
    cls: str
    distance: int
    via: Hop


def _hop(g: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The hop a→b, from the first relation between them (sorted: forward ones first)."""
    options = []
    for s, o, forward in ((a, b, True), (b, a, False)):
        for key, d in (g.get_edge_data(s, o) or {}).items():
            options.append((not forward, d.get("relation", key), forward, d))
    options.sort(key=lambda t: (t[0], t[1]))
    _, rel, forward, d = options[0]
    return Hop(
        source=a, source_label=g.nodes[a]["label"], target=b, target_label=g.nodes[b]["label"],
        relation=rel, forward=forward,
        sentences=tuple(d.get("sentences", ())), sentence_texts=tuple(d.get("sentence_texts", ())),
        source_cls=g.nodes[a].get("class", ""), target_cls=g.nodes[b].get("class", ""),
    )


def _structural(u: nx.Graph, a: str, b: str) -> int:
    return int(u.nodes[a].get("s", False) or u.nodes[b].get("s", False))


def _undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """:func:`simple_undirected` with structure nodes flagged (node attribute ``s``)."""
    u = simple_undirected(g)
    for v in u:
        u.nodes[v]["s"] = g.nodes[v].get("class") in STRUCTURE_CLASSES
    return u


def _sorted_adjacency(u: nx.Graph) -> dict[str, list[str]]:
    """Neighbours in a fixed order: over typed relations first, then by IRI."""
    return {v: sorted(u[v], key=lambda w: (_structural(u, v, w), natural_key(w))) for v in u}


def find_path(graph: Graph | nx.MultiDiGraph, a: str, b: str) -> list[Hop]:
    """A cheapest chain of relations from ``a`` to ``b`` (labels, aliases or IRIs).

    A chain of typed relations if there is one, else the one with the fewest
    hops through sections and documents. Deterministic (sorted neighbours,
    ordered ties). Returns ``[]`` when
    the two are not connected or are the same entity; raises
    :class:`~kg.errors.QueryError` when a name matches nothing or several.
    """
    g = entity_graph(graph)
    src, dst = resolve_node(g, a), resolve_node(g, b)
    if src == dst:
        return []
    u = _undirected(g)
    adj = _sorted_adjacency(u)
    # Dijkstra on (structure hops, hops), compared in that order; a sequence number orders ties
    parent: dict[str, str | None] = {src: None}
    best = {src: (0, 0)}
    heap = [((0, 0), 0, src)]
    seq = 0
    done: set[str] = set()
    while heap:
        cost, _, v = heapq.heappop(heap)
        if v in done:
            continue
        done.add(v)
        if v == dst:
            break
        for w in adj[v]:
            c = (cost[0] + _structural(u, v, w), cost[1] + 1)
            if w not in done and (w not in best or c < best[w]):
                best[w] = c
                parent[w] = v
                seq += 1
                heapq.heappush(heap, (c, seq, w))
    if dst not in done:
        return []
    chain = [dst]
    while parent[chain[-1]] is not None:
        chain.append(parent[chain[-1]])  # type: ignore[arg-type]
    chain.reverse()
    return [_hop(g, x, y) for x, y in zip(chain, chain[1:])]


def ego_nodes(g: nx.MultiDiGraph, centre: str, depth: int) -> dict[str, tuple[int, str | None]]:
    """Entities within ``depth`` hops of ``centre``: node → (distance, the node it was reached from)."""
    if depth < 0:
        depth = 0
    u = _undirected(g)
    adj = _sorted_adjacency(u)
    seen: dict[str, tuple[int, str | None]] = {centre: (0, None)}
    queue = deque([centre])
    while queue:
        v = queue.popleft()
        dist = seen[v][0]
        if dist >= depth:
            continue
        for w in adj.get(v, ()):
            if w not in seen:
                seen[w] = (dist + 1, v)
                queue.append(w)
    return seen


def neighbours(graph: Graph | nx.MultiDiGraph, x: str, depth: int = 1) -> list[Neighbour]:
    """What lies within ``depth`` hops of ``x``, nearest first, then by class and label."""
    g = entity_graph(graph)
    centre = resolve_node(g, x)
    found = ego_nodes(g, centre, depth)
    out = [
        Neighbour(
            iri=v, label=g.nodes[v]["label"], cls=g.nodes[v]["class"], distance=dist,
            via=_hop(g, prev, v),
        )
        for v, (dist, prev) in found.items()
        if prev is not None
    ]
    out.sort(key=lambda n: (n.distance, n.cls, n.label, natural_key(n.iri)))
    return out


def format_path(hops: list[Hop]) -> str:
    """``kg path`` output: one line per hop, then its source sentences indented."""
    if not hops:
        return "no path"
    lines = []
    for i, hop in enumerate(hops, 1):
        lines.append(f"{i}. {hop.describe()}")
        lines += [f"   「{text}」" for text in hop.sentence_texts if text]
    return "\n".join(lines)


def format_neighbours(found: list[Neighbour]) -> str:
    """``kg neighbours`` output: distance, class, label, and the hop that reaches it."""
    if not found:
        return "no neighbours"
    return "\n".join(f"{n.distance}\t{n.cls}\t{n.label}\t{n.via.describe()}" for n in found)
