"""The analysis of an entity graph as plain values (what ``kg analyze`` reports)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.analyze.graph import entity_graph
from kg.analyze.measures import (
    betweenness,
    bridging_agencies,
    co_participation,
    louvain,
    pagerank,
)
from kg.analyze.rows import natural_key
from kg.analyze.views import STRUCTURE_CLASSES, simple_undirected

__all__ = [
    "NodeScore",
    "Group",
    "Bridge",
    "Pair",
    "MetricRow",
    "AgencyMetrics",
    "UnitSummary",
    "Analysis",
    "analyze",
]

#: Kinds whose values may be added up within one unit (a sum of rates means nothing).
_ADDITIVE = {"count", "amount"}


@dataclass(frozen=True, slots=True)
class NodeScore:
    """Centrality of one entity; ``community`` and ``component`` index the lists of :class:`Analysis`."""

    iri: str
    label: str
    cls: str
    degree: int
    pagerank: float
    betweenness: float
    community: int
    component: int


@dataclass(frozen=True, slots=True)
class Group:
    """A community or a connected component, named by its most central members."""

    index: int
    name: str
    size: int
    members: tuple[str, ...]  #: up to ten IRIs, most central first
    classes: dict[str, int]


@dataclass(frozen=True, slots=True)
class Bridge:
    """An agency that holds otherwise separate parts of the graph together."""

    iri: str
    label: str
    parts: int  #: parts its component falls into without it
    betweenness: float


@dataclass(frozen=True, slots=True)
class Pair:
    """Two agencies that share initiatives."""

    a: str
    a_label: str
    b: str
    b_label: str
    weight: int
    initiatives: tuple[str, ...]  #: labels


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One metric, flattened for tables."""

    value: float | None
    unit: str
    qualifier: str
    kind: str
    measure: str
    text: str
    about: str
    about_label: str
    sentence: str
    sentence_text: str


@dataclass(frozen=True, slots=True)
class AgencyMetrics:
    iri: str
    label: str
    metrics: tuple[MetricRow, ...]


@dataclass(frozen=True, slots=True)
class UnitSummary:
    unit: str
    count: int
    kinds: dict[str, int]
    minimum: float | None
    maximum: float | None
    total: float | None  #: sum of the count and amount metrics only
    subjects: int  #: distinct entities the metrics are about


@dataclass(slots=True)
class Analysis:
    """Everything ``kg analyze`` reports; lists are sorted and complete (renderers cut them).

    ``nodes``, ``edges``, ``classes``, ``relations``, the scores and the
    communities are about the entities and their typed relations only;
    ``components`` also follow the sections and documents that mention them
    (``sections``, ``documents``, ``mention_links``), ``relation_components``
    counts the components of the typed relations alone.
    """

    nodes: int
    edges: int
    classes: dict[str, int]
    relations: dict[str, int]
    metric_count: int
    scores: dict[str, NodeScore]
    central_agencies: list[NodeScore]
    central_initiatives: list[NodeScore]
    communities: list[Group]
    modularity: float
    components: list[Group]
    bridges: list[Bridge]
    co_agencies: int
    co_links: int
    co_pairs: list[Pair]
    metrics_by_agency: list[AgencyMetrics]
    metrics_by_unit: list[UnitSummary]
    betweenness_sample: int | None = None  #: sampled sources, None when exact
    sections: int = 0
    documents: int = 0
    mention_links: int = 0  #: entity —mentionedIn→ section/document edges
    relation_components: int = 0  #: connected components of the typed relations alone
    unplaced: int = 0  #: entities with neither a relation nor a section or document
    extra: dict[str, Any] = field(default_factory=dict)


def _groups(parts: list[list[str]], g: nx.MultiDiGraph) -> list[Group]:
    out = []
    for i, members in enumerate(parts):
        entities = [v for v in members if g.nodes[v]["class"] not in STRUCTURE_CLASSES]
        top = (entities or members)[:3]
        out.append(Group(
            index=i,
            name=" / ".join(g.nodes[v]["label"] for v in top),
            size=len(members),
            members=tuple(members[:10]),
            classes=dict(sorted(Counter(g.nodes[v]["class"] for v in members).items())),
        ))
    return out


def _metric_rows(g: nx.MultiDiGraph) -> list[MetricRow]:
    """Every metric of the graph (``g.graph["metrics"]``, else the nodes' ``metrics`` lists)."""
    metrics = g.graph.get("metrics")
    if metrics is None:
        metrics = [m for n, d in g.nodes(data=True) if d.get("class") != "metric" for m in d.get("metrics", ())]
    rows = []
    for m in metrics:
        about = m.get("about") or ""
        rows.append(MetricRow(
            value=m.get("value"), unit=m.get("unit") or "", qualifier=m.get("qualifier") or "",
            kind=m.get("kind") or "", measure=m.get("measure") or "", text=m.get("text") or "",
            about=about, about_label=g.nodes[about]["label"] if about in g else "",
            sentence=m.get("sentence") or "", sentence_text=m.get("sentence_text") or "",
        ))
    return rows


def _by_unit(rows: list[MetricRow]) -> list[UnitSummary]:
    groups: dict[str, list[MetricRow]] = defaultdict(list)
    for r in rows:
        groups[r.unit].append(r)
    out = []
    for unit, rs in groups.items():
        values = [r.value for r in rs if r.value is not None]
        add = [r.value for r in rs if r.value is not None and r.kind in _ADDITIVE]
        out.append(UnitSummary(
            unit=unit, count=len(rs),
            kinds=dict(sorted(Counter(r.kind for r in rs).items())),
            minimum=min(values) if values else None, maximum=max(values) if values else None,
            total=sum(add) if add else None, subjects=len({r.about for r in rs if r.about}),
        ))
    out.sort(key=lambda s: (-s.count, s.unit))
    return out


def analyze(graph: Graph | nx.MultiDiGraph) -> Analysis:
    """Analyse an RDF graph (converted with :func:`~kg.analyze.graph.to_networkx`) or its networkx view."""
    g = entity_graph(graph)
    u = simple_undirected(g, structure=False)  # entities and typed relations: what is ranked
    whole = simple_undirected(g)  # with sections and documents: what is connected
    cls = {n: d["class"] for n, d in g.nodes(data=True)}
    rank = pagerank(u)
    between, sample = betweenness(u)
    communities, modularity = louvain(u, rank)
    components = sorted(
        (sorted(c, key=lambda v: (cls[v] in STRUCTURE_CLASSES, -rank.get(v, 0.0), natural_key(v)))
         for c in nx.connected_components(whole)),
        key=lambda c: (-len(c), natural_key(c[0])),
    )
    community_of = {v: i for i, c in enumerate(communities) for v in c}
    component_of = {v: i for i, c in enumerate(components) for v in c}
    structure = Counter(cls[v] for v in whole if cls[v] in STRUCTURE_CLASSES)
    scores = {
        v: NodeScore(
            iri=v, label=g.nodes[v]["label"], cls=cls[v], degree=u.degree(v),
            pagerank=rank[v], betweenness=between.get(v, 0.0),
            community=community_of[v], component=component_of[v],
        )
        for v in sorted(u, key=natural_key)
    }

    def central(kind: str) -> list[NodeScore]:
        return sorted(
            (s for s in scores.values() if s.cls == kind),
            # ties (entities without relations) go to the most often mentioned
            key=lambda s: (-s.pagerank, -s.degree, -len(g.nodes[s.iri].get("sentences", ())), s.label,
                           natural_key(s.iri)),
        )

    bridges = sorted(
        (Bridge(v, g.nodes[v]["label"], parts, between.get(v, 0.0))
         for v, parts in bridging_agencies(u, cls).items()),
        key=lambda b: (-b.parts, -b.betweenness, b.label, natural_key(b.iri)),
    )
    co = co_participation(g)
    pairs = sorted(
        (Pair(a, g.nodes[a]["label"], b, g.nodes[b]["label"], d["weight"],
              tuple(g.nodes[i]["label"] for i in d["initiatives"]))
         for a, b, d in co.edges(data=True)),
        key=lambda p: (-p.weight, p.a_label, p.b_label, natural_key(p.a), natural_key(p.b)),
    )
    rows = _metric_rows(g)
    by_agency: dict[str, list[MetricRow]] = defaultdict(list)
    for r in rows:
        if cls.get(r.about) == "agency":
            by_agency[r.about].append(r)
    agency_metrics = sorted(
        (AgencyMetrics(a, g.nodes[a]["label"], tuple(sorted(
            rs, key=lambda r: (r.measure, r.unit, -(r.value or 0.0), natural_key(r.sentence)))))
         for a, rs in by_agency.items()),
        key=lambda a: (-len(a.metrics), a.label, natural_key(a.iri)),
    )
    return Analysis(
        nodes=u.number_of_nodes(),
        edges=sum(1 for s, o in g.edges() if s in u and o in u),
        classes=dict(sorted(Counter(cls[v] for v in u).items())),
        relations=dict(sorted(Counter(
            r for s, o, r in g.edges(data="relation") if s in u and o in u).items())),
        sections=structure.get("section", 0),
        documents=structure.get("document", 0),
        mention_links=sum(1 for _, _, r in g.edges(data="relation") if r == "mentionedIn"),
        relation_components=nx.number_connected_components(u),
        unplaced=sum(1 for v in whole if whole.degree(v) == 0 and cls[v] not in STRUCTURE_CLASSES),
        metric_count=len(rows),
        scores=scores,
        central_agencies=central("agency"),
        central_initiatives=central("initiative"),
        communities=_groups(communities, g),
        modularity=modularity,
        components=_groups(components, g),
        bridges=bridges,
        co_agencies=co.number_of_nodes(),
        co_links=co.number_of_edges(),
        co_pairs=pairs,
        metrics_by_agency=agency_metrics,
        metrics_by_unit=_by_unit(rows),
        betweenness_sample=sample,
    )
