"""kg.analyze on a hand-made graph (tests/fixtures/viz_small.ttl) of the documented shape."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from rdflib import Dataset, Graph, URIRef

import kg.analyze.measures as measures
from kg.analyze import (
    analyze,
    annotate,
    find_path,
    format_path,
    neighbours,
    render_markdown,
    resolve_node,
    simple_undirected,
    to_json,
    to_networkx,
    write_gexf,
    write_graphml,
)
from kg.errors import QueryError
from kg.rdf.namespace import GKG, ORG

FIXTURE = Path(__file__).parent / "fixtures" / "viz_small.ttl"
ID = "https://w3id.org/govkg/id/"
SFT = ID + "agency/甘肃省司法厅"
GOV = ID + "agency/甘肃省人民政府"
HOSTILE = ID + "agency/hostile-script"


@pytest.fixture(scope="module")
def rdf() -> Graph:
    g = Graph()
    g.parse(FIXTURE)
    return g


@pytest.fixture(scope="module")
def nxg(rdf: Graph) -> nx.MultiDiGraph:
    return to_networkx(rdf)


@pytest.fixture(scope="module")
def result(nxg: nx.MultiDiGraph):
    return analyze(nxg)


def _edge_set(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(s, k, o) for s, o, k in g.edges(keys=True)}


# --- to_networkx ------------------------------------------------------------------


def test_nodes_are_the_entities_with_labels_classes_aliases(nxg: nx.MultiDiGraph) -> None:
    classes = nx.get_node_attributes(nxg, "class")
    assert len(nxg) == 18
    assert sorted(set(classes.values())) == ["agency", "initiative", "person", "place", "policy", "post", "work"]
    assert nxg.nodes[GOV]["label"] == "甘肃省人民政府"
    assert nxg.nodes[GOV]["aliases"] == sorted(["省政府", "甘肃省政府"])
    assert nxg.nodes[GOV]["kind"] == "government"
    assert nxg.nodes[HOSTILE]["label"] == "<script>window.__xss=1</script>司法局"
    # no metric, sentence or document became a node
    assert not any("/metric/" in n or "/sentence/" in n or n.endswith("/doc/viz") for n in nxg)
    assert list(nxg) == sorted(nxg, key=lambda n: measures.natural_key(n))


def test_edges_are_typed_relations_with_their_sentences(nxg: nx.MultiDiGraph) -> None:
    assert nxg.number_of_edges() == 20
    led = nxg.get_edge_data(ID + "initiative/八五普法", SFT)["ledBy"]
    assert led["relation"] == "ledBy" and led["predicate"] == str(GKG.ledBy)
    assert led["sentences"] == [ID + "doc/viz/sentence/1", ID + "doc/viz/sentence/8"]
    assert led["sentence_texts"][0].startswith("省司法厅牵头开展")
    # stated without an rdf:Statement: an edge with no sentence
    assert nxg.get_edge_data(SFT, ID + "place/甘肃省")["location"]["sentences"] == []
    # org:heldBy is the inverse of the stated org:holds: one edge, not two
    post = ID + "post/甘肃省人民政府/省长"
    assert nxg.has_edge(ID + "person/任振鹤", post, key="holds")
    assert not nxg.has_edge(post, ID + "person/任振鹤")


def test_metrics_are_attached_to_what_they_are_about(nxg: nx.MultiDiGraph) -> None:
    metrics = nxg.nodes[SFT]["metrics"]
    assert [(m["value"], m["unit"], m["qualifier"]) for m in metrics] == [(90000000.0, "元", "over"), (12.4, "%", "approx")]
    assert metrics[0]["sentence_text"].startswith("全年投入法律援助经费")
    assert len(nxg.graph["metrics"]) == 5  # including the one about nothing
    assert sum(len(d["metrics"]) for _, d in nxg.nodes(data=True)) == 4


def test_metrics_as_nodes(rdf: Graph) -> None:
    g = to_networkx(rdf, metrics_as_nodes=True)
    metric_nodes = [n for n, d in g.nodes(data=True) if d["class"] == "metric"]
    assert len(metric_nodes) == 5
    about = [(s, o) for s, o, k in g.edges(keys=True) if k == "about"]
    assert len(about) == 4 and (ID + "doc/viz/metric/1", SFT) in about


def test_union_dataset_gives_the_same_graph(rdf: Graph, nxg: nx.MultiDiGraph) -> None:
    ds = Dataset(store="Oxigraph", default_union=True)
    ds.graph(URIRef(ID + "graph/a")).parse(FIXTURE, format="ox-turtle")
    ds.graph(URIRef(ID + "graph/b")).parse(FIXTURE, format="ox-turtle")  # same facts twice
    other = to_networkx(ds)
    assert list(other.nodes(data=True)) == list(nxg.nodes(data=True))
    assert list(other.edges(keys=True, data=True)) == list(nxg.edges(keys=True, data=True))


# --- analyze ----------------------------------------------------------------------


def test_counts(result) -> None:
    assert result.nodes == 18 and result.edges == 20 and result.metric_count == 5
    assert result.classes == {"agency": 7, "initiative": 4, "person": 1, "place": 2, "policy": 2, "post": 1, "work": 1}
    assert result.relations["participant"] == 6 and result.relations["issuedBy"] == 3


def test_pagerank_matches_networkx(nxg: nx.MultiDiGraph, result) -> None:
    expected = _pagerank_python(simple_undirected(nxg), weight="weight", tol=1e-12)
    for iri, score in result.scores.items():
        assert score.pagerank == pytest.approx(expected[iri], abs=1e-7)
    ranks = [s.pagerank for s in result.central_agencies]
    assert ranks == sorted(ranks, reverse=True)
    assert {s.cls for s in result.central_initiatives} == {"initiative"}


def test_communities_partition_the_graph(nxg: nx.MultiDiGraph, result) -> None:
    u = simple_undirected(nxg)
    parts: dict[int, set[str]] = {}
    for iri, s in result.scores.items():
        parts.setdefault(s.community, set()).add(iri)
    assert sum(len(p) for p in parts.values()) == len(u)
    assert result.modularity == pytest.approx(nx.community.modularity(u, parts.values(), weight="weight"))
    assert [c.size for c in result.communities] == sorted((c.size for c in result.communities), reverse=True)
    top = result.communities[0]
    assert top.name.split(" / ")[0] == nxg.nodes[top.members[0]]["label"]


def test_components_and_bridges(nxg: nx.MultiDiGraph, result) -> None:
    assert [c.size for c in result.components] == [15, 2, 1]
    u = simple_undirected(nxg)
    bridges = {b.iri: b.parts for b in result.bridges}
    assert SFT in bridges
    for iri, parts in bridges.items():
        cut = u.copy()
        cut.remove_node(iri)
        assert nx.number_connected_components(cut) == nx.number_connected_components(u) + parts - 1
        assert nxg.nodes[iri]["class"] == "agency"


def test_co_participation(result) -> None:
    first = result.co_pairs[0]
    assert {first.a, first.b} == {SFT, GOV} and first.weight == 2
    assert sorted(first.initiatives) == ["“八五”普法", "公共法律服务平台"]
    assert result.co_agencies == 6 and result.co_links == 7


def test_metric_tables(result) -> None:
    units = {u.unit: u for u in result.metrics_by_unit}
    assert units["%"].count == 2 and units["%"].total is None  # rates are not added up
    assert units["元"].total == 90000000.0
    assert result.metrics_by_agency[0].iri == SFT and len(result.metrics_by_agency[0].metrics) == 2


def test_sampled_betweenness_is_deterministic(nxg: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(measures, "BETWEENNESS_BUDGET", 10)
    monkeypatch.setattr(measures, "BETWEENNESS_MIN_K", 5)
    a, b = analyze(nxg), analyze(nxg)
    assert a.betweenness_sample == 5
    assert to_json(a) == to_json(b)


def test_reports_escape_and_are_stable(nxg: nx.MultiDiGraph, result) -> None:
    md = render_markdown(result)
    assert "## Most central agencies" in md and "| 甘肃省人民政府 |" in md
    assert "<script" not in md and "<img" not in md and "&lt;script&gt;" in md
    data = to_json(result)
    assert json.dumps(data, ensure_ascii=False) == json.dumps(to_json(analyze(nxg)), ensure_ascii=False)
    assert len(data["scores"]) == 18


# --- paths ------------------------------------------------------------------------


def test_find_path_hops_follow_real_relations(nxg: nx.MultiDiGraph) -> None:
    hops = find_path(nxg, "任振鹤", "兰州市")
    assert hops[0].source == ID + "person/任振鹤" and hops[-1].target == ID + "place/兰州市"
    for prev, hop in zip(hops, hops[1:]):
        assert prev.target == hop.source
    for hop in hops:
        s, o = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
        assert nxg.has_edge(s, o, key=hop.relation)
    assert any(hop.sentence_texts for hop in hops)
    assert format_path(hops).startswith("1. 任振鹤 —holds→ 省长")


def test_find_path_edge_cases(nxg: nx.MultiDiGraph) -> None:
    assert find_path(nxg, "陇东学院", "甘肃省司法厅") == []  # different components
    with pytest.raises(QueryError, match="no entity"):
        find_path(nxg, "不存在的机构", "甘肃省司法厅")
    with pytest.raises(QueryError, match="ambiguous"):
        resolve_node(nxg, "司法")
    assert resolve_node(nxg, "省司法厅") == SFT  # alias
    assert resolve_node(nxg, SFT) == SFT


def test_neighbours(nxg: nx.MultiDiGraph) -> None:
    near = neighbours(nxg, "省司法厅", 1)
    assert {n.label for n in near} == {"“八五”普法", "公共法律服务平台", "行政复议改革", "甘肃省"}
    far = neighbours(nxg, "省司法厅", 2)
    assert {n.iri for n in near} < {n.iri for n in far}
    assert max(n.distance for n in far) == 2
    assert all(n.via.target == n.iri for n in far)


# --- annotate and exports ---------------------------------------------------------


def test_annotate_lets_sparql_use_the_scores(rdf: Graph, result) -> None:
    ann = annotate(rdf, result)
    assert len(ann) == 4 * 18
    rows = list(ann.query(
        "PREFIX gkg: <https://w3id.org/govkg/ontology#> "
        "SELECT ?e ?r WHERE { ?e gkg:pageRank ?r } ORDER BY DESC(?r) LIMIT 1"
    ))
    top = max(result.scores.values(), key=lambda s: s.pagerank)
    assert str(rows[0][0]) == top.iri
    assert ann.value(URIRef(SFT), GKG.community).toPython() == result.scores[SFT].community


@pytest.mark.parametrize("writer,reader", [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_graph_exports_round_trip(nxg: nx.MultiDiGraph, tmp_path: Path, writer, reader) -> None:
    path = writer(nxg, tmp_path / "out" / "graph.x")
    assert sorted(p.name for p in path.parent.iterdir()) == ["graph.x"]  # no temporary file left
    back = reader(path)
    assert back.number_of_nodes() == 18 and back.number_of_edges() == 20
    node = back.nodes[SFT]
    assert json.loads(node["aliases"]) == ["省司法厅"]
    assert json.loads(node["metrics"])[0]["unit"] == "元"
    for _, d in back.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())


def test_no_iri_strings_for_ontology_terms_in_queries() -> None:
    """The .rq files' prefixes are the namespaces kg.rdf.namespace defines."""
    from kg.analyze.graph import QUERY_DIR

    for name in ("_entity_nodes", "_entity_edges", "_entity_metrics"):
        text = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")
        assert f"PREFIX gkg: <{GKG._NS}>" in text
        if "org:" in text:
            assert f"PREFIX org: <{ORG}>" in text
