"""Centrality, communities, components, bridges and co-participation.

Everything here is deterministic: nodes are visited in sorted order, Louvain
and sampled betweenness use :data:`SEED`, and every list is sorted with a
total order (score, then label, then IRI). PageRank is a small pure-Python
power iteration because networkx's own needs SciPy, which govkg does not
depend on.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from kg.analyze.rows import natural_key

__all__ = [
    "SEED",
    "BETWEENNESS_BUDGET",
    "pagerank",
    "betweenness",
    "louvain",
    "bridging_agencies",
    "co_participation",
]

SEED = 20231
#: Work allowed for exact betweenness, in node-visits (sources × (nodes + edges)).
#: Measured here: about 1.4 µs a visit, so ~2.8 s at most; above it, sources are sampled.
BETWEENNESS_BUDGET = 2_000_000
#: Fewest sampled sources when betweenness is sampled.
BETWEENNESS_MIN_K = 32


def pagerank(u: nx.Graph, *, alpha: float = 0.85, tol: float = 1e-9, max_iter: int = 200) -> dict[str, float]:
    """PageRank of an undirected weighted graph (power iteration, dangling mass spread evenly)."""
    nodes = list(u.nodes())
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    out_w = [0.0] * n
    nbrs: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, w in u.edges(data="weight", default=1):
        ia, ib = index[a], index[b]
        nbrs[ia].append((ib, float(w)))
        nbrs[ib].append((ia, float(w)))
        out_w[ia] += w
        out_w[ib] += w
    dangling = [i for i in range(n) if out_w[i] == 0]
    x = [1.0 / n] * n
    for _ in range(max_iter):
        new = [0.0] * n
        for i in range(n):
            if out_w[i]:
                share = alpha * x[i] / out_w[i]
                for j, w in nbrs[i]:
                    new[j] += share * w
        base = (1.0 - alpha) / n + alpha * sum(x[i] for i in dangling) / n
        new = [v + base for v in new]
        err = sum(abs(a - b) for a, b in zip(new, x))
        x = new
        if err < n * tol:
            break
    return {nodes[i]: x[i] for i in range(n)}


def betweenness(u: nx.Graph) -> tuple[dict[str, float], int | None]:
    """Normalised betweenness; sampled (fixed seed) when the exact one would exceed the budget.

    Returns the scores and the number of sampled sources (``None`` when exact).
    """
    n = u.number_of_nodes()
    if n < 3:
        return {v: 0.0 for v in u}, None
    size = n + u.number_of_edges()
    k: int | None = None
    if n * size > BETWEENNESS_BUDGET:
        k = min(n, max(BETWEENNESS_MIN_K, BETWEENNESS_BUDGET // size))
    return nx.betweenness_centrality(u, k=k, normalized=True, seed=SEED if k else None), k


def louvain(u: nx.Graph, rank: dict[str, float]) -> tuple[list[list[str]], float]:
    """Louvain communities (members sorted by PageRank) ordered by size, and their modularity."""
    if u.number_of_edges() == 0:
        parts = [{v} for v in u]
    else:
        parts = nx.community.louvain_communities(u, weight="weight", seed=SEED)
    ordered = [sorted(p, key=lambda v: (-rank.get(v, 0.0), natural_key(v))) for p in parts]
    ordered.sort(key=lambda p: (-len(p), natural_key(p[0])))
    modularity = nx.community.modularity(u, parts, weight="weight") if u.number_of_edges() else 0.0
    return ordered, modularity


def bridging_agencies(u: nx.Graph, classes: dict[str, str]) -> dict[str, int]:
    """Agencies whose removal splits their component, with the number of parts it splits into.

    An articulation point lies in several biconnected blocks; removing it
    leaves one part per block, so one pass over the blocks (O(V+E)) suffices.
    """
    blocks: dict[str, int] = defaultdict(int)
    for block in nx.biconnected_components(u):
        for v in block:
            blocks[v] += 1
    return {
        v: blocks[v]
        for v in nx.articulation_points(u)
        if classes.get(v) == "agency" and blocks[v] > 1
    }


def co_participation(g: nx.MultiDiGraph) -> nx.Graph:
    """Agencies linked when they lead or take part in the same initiative.

    Edge attributes: ``weight`` (number of shared initiatives) and
    ``initiatives`` (their IRIs, sorted).
    """
    members: dict[str, set[str]] = defaultdict(set)
    for s, o, rel in g.edges(data="relation"):
        if rel in ("ledBy", "participant") and g.nodes[s].get("class") == "initiative" \
                and g.nodes[o].get("class") == "agency":
            members[s].add(o)
    net = nx.Graph()
    for agencies in members.values():
        net.add_nodes_from(sorted(agencies, key=natural_key))
    for ini in sorted(members, key=natural_key):
        for a, b in combinations(sorted(members[ini], key=natural_key), 2):
            if net.has_edge(a, b):
                net[a][b]["weight"] += 1
                net[a][b]["initiatives"].append(ini)
            else:
                net.add_edge(a, b, weight=1, initiatives=[ini])
    return net
