"""A fast, deterministic 2-D layout for the map, in pure Python.

networkx's layouts need NumPy/SciPy (not govkg dependencies) and
``spring_layout`` took 196 s on 10k nodes. This one is linear per iteration:

1. each connected component starts from a radial tree layout (breadth-first
   from its best-connected node, each subtree a wedge as wide as its size),
   with each BFS layer spread over an annulus whose area matches its node
   count, so the start is already untangled and evenly dense;
2. a few Fruchterman–Reingold iterations refine it, with repulsion only
   between nodes in neighbouring grid cells (the "grid variant" of the
   original paper) so an iteration costs O(V + E);
3. components are packed in rows, largest first.

Coordinates are in units of the ideal edge length; the caller scales them.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from typing import Hashable, Iterable, Mapping

import networkx as nx

__all__ = ["layout", "ITERATION_BUDGET"]

#: Node-iterations spent on force refinement per component (n × iterations).
ITERATION_BUDGET = 60_000
#: Node-iterations for the whole map: many small components (one per report) share it.
TOTAL_BUDGET = 200_000
#: Maps of up to this many nodes get exact repulsion in their small components.
_EXACT_TOTAL = 1000
_MAX_ITER = 50
_MIN_ITER = 6
#: Components up to this size get exact all-pairs repulsion.
_EXACT = 150
#: Area per node of the starting layout, in squared ideal edge lengths.
_AREA = 2.5
_GOLDEN = 0.6180339887498949
#: Distance between neighbouring leaves on a hub's starting ring.
_LEAF_GAP = 0.8


def _radial(nodes: list[Hashable], adj: dict[Hashable, list[Hashable]], degree: dict[Hashable, int],
            hub: dict[Hashable, int]) -> dict[Hashable, tuple[float, float]]:
    root = nodes[min(range(len(nodes)), key=lambda i: (hub.get(nodes[i], len(hub)), -degree[nodes[i]], i))]
    parent: dict[Hashable, Hashable | None] = {root: None}
    layer: dict[Hashable, int] = {root: 0}
    order = [root]
    children: dict[Hashable, list[Hashable]] = defaultdict(list)
    queue = deque([root])
    while queue:
        v = queue.popleft()
        for w in adj[v]:
            if w not in parent:
                parent[w] = v
                layer[w] = layer[v] + 1
                children[v].append(w)
                order.append(w)
                queue.append(w)
    size: dict[Hashable, int] = {}
    for v in reversed(order):
        size[v] = 1 + sum(size[c] for c in children[v])
    # annulus radii: layers up to L fill a disc of area = their node count
    counts: dict[int, int] = defaultdict(int)
    for v in order:
        counts[layer[v]] += 1
    radii = [0.0]
    total = 0
    for depth in range(max(counts) + 1):
        total += counts[depth]
        radii.append(max(radii[-1] + 1.0, math.sqrt(total * _AREA / math.pi)))
    wedge: dict[Hashable, tuple[float, float]] = {root: (0.0, 2 * math.pi)}
    pos: dict[Hashable, tuple[float, float]] = {root: (0.0, 0.0)}
    seen_in_layer: dict[int, int] = defaultdict(int)
    for v in order:
        start, width = wedge[v]
        if v is not root:
            depth = layer[v]
            inner, outer = radii[depth], radii[depth + 1]
            seen_in_layer[depth] += 1
            frac = (seen_in_layer[depth] * _GOLDEN) % 1.0
            r = inner + (outer - inner) * (0.15 + 0.7 * frac)
            angle = start + width / 2
            pos[v] = (r * math.cos(angle), r * math.sin(angle))
        kids = children[v]
        if kids:
            inside = sum(size[c] for c in kids)
            offset = start
            for c in kids:
                share = width * size[c] / inside
                wedge[c] = (offset, share)
                offset += share
    return pos


def _leaf_rings(pos: dict[Hashable, tuple[float, float]], adj: dict[Hashable, list[Hashable]],
                degree: dict[Hashable, int], hubs: list[Hashable]) -> None:
    """Start each hub's leaves (nodes linked to it alone) on a ring around it, not in a wedge beyond it."""
    for h in hubs:
        leaves = [v for v in adj[h] if degree[v] == 1]
        if not leaves:
            continue
        r = max(1.0, _LEAF_GAP * len(leaves) / (2 * math.pi))
        hx, hy = pos[h]
        for i, v in enumerate(leaves):
            a = 2 * math.pi * (i + 0.5) / len(leaves)
            pos[v] = (hx + r * math.cos(a), hy + r * math.sin(a))


def _refine(nodes: list[Hashable], pos: dict[Hashable, tuple[float, float]],
            edges: list[tuple[int, int]], iterations: int, *, exact: bool) -> list[tuple[float, float]]:
    """Fruchterman–Reingold steps; a node's pull is divided by its degree so hubs don't swallow their leaves."""
    n = len(nodes)
    deg = [0] * n
    for a, b in edges:
        deg[a] += 1
        deg[b] += 1
    inv = [1.0 / d if d else 0.0 for d in deg]
    xs = [pos[v][0] for v in nodes]
    ys = [pos[v][1] for v in nodes]
    k = 1.0
    k2 = k * k
    if exact:  # small: every pair repels (one cell), as in plain Fruchterman–Reingold
        cell, reach2 = 1e9, math.inf
    else:
        cell = 2.0 * k
        reach2 = cell * cell
    t0 = min(3.0, max(1.0, math.sqrt(n) * k / 8.0))
    floor = math.floor
    sqrt = math.sqrt
    for it in range(iterations):
        temp = t0 * (1.0 - it / iterations) + 0.05
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(floor(xs[i] / cell), floor(ys[i] / cell))].append(i)
        for (cx, cy), members in grid.items():
            near: list[int] = []
            for ox in (-1, 0, 1):
                for oy in (-1, 0, 1):
                    other = grid.get((cx + ox, cy + oy))
                    if other:
                        near.extend(other)
            for i in members:
                xi, yi = xs[i], ys[i]
                fx = fy = 0.0
                for j in near:
                    if j == i:
                        continue
                    ex = xi - xs[j]
                    ey = yi - ys[j]
                    d2 = ex * ex + ey * ey
                    if d2 < reach2:
                        if d2 < 1e-6:
                            ex, ey, d2 = (0.01 if i > j else -0.01), 0.01 * ((i * 7 + j) % 3 - 1), 1e-4
                        f = k2 / d2
                        fx += ex * f
                        fy += ey * f
                dx[i] += fx
                dy[i] += fy
        for a, b in edges:
            ex = xs[a] - xs[b]
            ey = ys[a] - ys[b]
            f = sqrt(ex * ex + ey * ey) / k
            fa, fb = f * inv[a], f * inv[b]
            dx[a] -= ex * fa
            dy[a] -= ey * fa
            dx[b] += ex * fb
            dy[b] += ey * fb
        for i in range(n):
            d = sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if d > 0:
                s = min(d, temp) / d
                xs[i] += dx[i] * s
                ys[i] += dy[i] * s
    return list(zip(xs, ys))


def _component(u: nx.Graph, nodes: list[Hashable], hub: dict[Hashable, int], total: int
               ) -> dict[Hashable, tuple[float, float]]:
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    rank = {v: i for i, v in enumerate(nodes)}
    # hubs first: the tree reaches each section from its document before any entity
    # reaches it, so the section's wedge holds the entities it mentions
    adj = {v: sorted(u[v], key=lambda w: (w not in hub, rank[w])) for v in nodes}
    degree = {v: len(adj[v]) for v in nodes}
    start = _radial(nodes, adj, degree, hub)
    _leaf_rings(start, adj, degree, [v for v in nodes if v in hub])
    # from the sorted adjacency, each edge once as (lower, higher): u.subgraph(nodes).edges()
    # iterates a set of nodes when the part is small, so its order (and with it the float
    # sums of the force steps) changed with PYTHONHASHSEED
    edges = sorted((rank[v], rank[w]) for v in nodes for w in adj[v] if rank[v] < rank[w])
    iterations = max(_MIN_ITER, min(_MAX_ITER, ITERATION_BUDGET // n, TOTAL_BUDGET // max(total, 1)))
    placed = _refine(nodes, start, edges, iterations, exact=n <= _EXACT and total <= _EXACT_TOTAL)
    return dict(zip(nodes, placed))


def layout(u: nx.Graph, *, gap: float = 2.0, single_gap: float = 1.0,
           hubs: Iterable[Hashable] = (), groups: Mapping[Hashable, Hashable] | None = None
           ) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of the undirected graph ``u`` (deterministic for a given node order).

    ``hubs`` (sections and documents, in order of preference) root the
    radial start of their component and are reached first, so what they
    mention starts in their wedge and the force steps keep it around them.
    ``groups`` (node → group, e.g. its document) lays each group out on its
    own, from the edges inside it, and packs the groups like components: a
    corpus becomes one cluster per report instead of one hairball held
    together by the agencies every report names.

    Components of two or more nodes are packed in rows, largest first; nodes
    with no relation at all follow in a tight grid (``single_gap`` apart), so
    that thousands of them don't push the connected part out of view.
    """
    if groups is not None:
        inner = nx.Graph()
        inner.add_nodes_from(u.nodes())
        inner.add_edges_from((a, b) for a, b in u.edges()
                             if groups.get(a) is not None and groups.get(a) == groups.get(b))
        u = inner
    order = {v: i for i, v in enumerate(u.nodes())}
    hub = {v: i for i, v in enumerate(h for h in hubs if h in order)}
    comps = [sorted(c, key=order.__getitem__) for c in nx.connected_components(u)]
    comps.sort(key=lambda c: (-len(c), order[c[0]]))
    singles = [c[0] for c in comps if len(c) == 1]
    boxes = []
    for comp in comps:
        if len(comp) == 1:
            continue
        pos = _component(u, comp, hub, u.number_of_nodes())
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        x0, y0 = min(xs), min(ys)
        boxes.append(({v: (x - x0, y - y0) for v, (x, y) in pos.items()}, max(xs) - x0, max(ys) - y0))
    area = sum((w + gap) * (h + gap) for _, w, h in boxes)
    row_width = max([math.sqrt(area) * 1.3, math.sqrt(len(singles)) * single_gap]
                    + [w for _, w, _ in boxes[:1]])
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for v, (px, py) in pos.items():
            out[v] = (px + x, py + y)
        x += w + gap
        row_height = max(row_height, h)
    top = y + row_height + (gap if boxes else 0.0)
    columns = max(1, int(row_width / single_gap) + 1)
    for i, v in enumerate(singles):
        out[v] = ((i % columns) * single_gap, top + (i // columns) * single_gap)
    return out
