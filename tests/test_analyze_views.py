"""kg.analyze.views: structure vs entity nodes, the weighted simple graph, and name lookup."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analyze.views import (
    STRUCTURE_RELATIONS,
    is_structure,
    resolve_node,
    simple_undirected,
)
from kg.errors import QueryError

A, B, C, M, S, D = "id/agency/a", "id/agency/b", "id/person/c", "id/metric/1", "id/section/1", "id/doc/1"


@pytest.fixture()
def view() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(A, label="甘肃省司法厅", aliases=["省司法厅"], **{"class": "agency"})
    g.add_node(B, label="兰州市司法局", aliases=[], **{"class": "agency"})
    g.add_node(C, label="任振鹤", aliases=[], **{"class": "person"})
    g.add_node(M, label="98.5%", aliases=[], **{"class": "metric"})
    g.add_node(S, label="司法厅工作", aliases=[], **{"class": "section"})
    g.add_node(D, label="报告", aliases=[], **{"class": "document"})
    g.add_edge(A, B, key="ledBy")
    g.add_edge(B, A, key="participant")  # the other direction: same undirected pair
    g.add_edge(A, A, key="sameAs")  # a self-loop
    g.add_edge(M, A, key="about")
    g.add_edge(A, S, key="mentionedIn")
    g.add_edge(D, S, key="hasSection")
    return g


def test_is_structure(view: nx.MultiDiGraph) -> None:
    assert [n for n in view if is_structure(view, n)] == [S, D]
    assert STRUCTURE_RELATIONS == {"hasSection", "mentionedIn"}


def test_simple_undirected_counts_relations_as_weight(view: nx.MultiDiGraph) -> None:
    u = simple_undirected(view)
    assert set(u) == {A, B, C, S, D}  # metrics left out
    assert u[A][B]["weight"] == 2 and not u.has_edge(A, A)
    assert u.has_edge(A, S) and u.has_edge(D, S)


def test_simple_undirected_without_structure_or_outside_include(view: nx.MultiDiGraph) -> None:
    assert set(simple_undirected(view, structure=False)) == {A, B, C}
    small = simple_undirected(view, include=[A, S, M])
    assert set(small) == {A, S} and list(small.edges()) == [(A, S)]


@pytest.mark.parametrize(
    ("name", "node"),
    [(A, A), ("兰州市司法局", B), ("省司法厅", A), (" 任振 ", C), ("报告", D)],
)
def test_resolve_node_by_iri_label_alias_or_part(view: nx.MultiDiGraph, name: str, node: str) -> None:
    assert resolve_node(view, name) == node


def test_entities_win_over_sections_and_ambiguity_is_an_error(view: nx.MultiDiGraph) -> None:
    # "司法厅" is in one entity label and one section title: the entity wins
    assert resolve_node(view, "司法厅") == A
    with pytest.raises(QueryError, match="ambiguous") as err:
        resolve_node(view, "司法")
    assert A in str(err.value) and B in str(err.value)
    with pytest.raises(QueryError, match="no entity"):
        resolve_node(view, "不存在")
