"""networkx analysis of a govkg graph: the entity view, centrality, communities,
paths, and exports (``kg analyze``, ``kg path``, ``kg neighbours``).

Input everywhere is an rdflib ``Graph`` (or a ``Dataset`` whose default graph
is the union of the documents' graphs) as ``kg.rdf`` builds it, or the
``MultiDiGraph`` :func:`to_networkx` made from one.
"""

from kg.analyze.analysis import (
    AgencyMetrics,
    Analysis,
    Bridge,
    Group,
    MetricRow,
    NodeScore,
    Pair,
    UnitSummary,
    analyze,
)
from kg.analyze.export import annotate, write_gexf, write_graphml
from kg.analyze.graph import CLASSES, resolve_node, simple_undirected, to_networkx
from kg.analyze.measures import co_participation, pagerank
from kg.analyze.paths import (
    Hop,
    Neighbour,
    ego_nodes,
    find_path,
    format_neighbours,
    format_path,
    neighbours,
)
from kg.analyze.report import render_markdown, to_json

__all__ = [
    "AgencyMetrics",
    "Analysis",
    "Bridge",
    "CLASSES",
    "Group",
    "Hop",
    "MetricRow",
    "Neighbour",
    "NodeScore",
    "Pair",
    "UnitSummary",
    "analyze",
    "annotate",
    "co_participation",
    "ego_nodes",
    "find_path",
    "format_neighbours",
    "format_path",
    "neighbours",
    "pagerank",
    "render_markdown",
    "resolve_node",
    "simple_undirected",
    "to_json",
    "to_networkx",
    "write_gexf",
    "write_graphml",
]
