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
def flat(rdf: Graph) -> nx.MultiDiGraph:
    """The entity-only view (no sections or documents)."""
    return to_networkx(rdf, structure=False)


@pytest.fixture(scope="module")
def result(nxg: nx.MultiDiGraph):
    return analyze(nxg)


def _edge_set(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(s, k, o) for s, o, k in g.edges(keys=True)}


# --- to_networkx ------------------------------------------------------------------


def test_nodes_are_the_entities_with_labels_classes_aliases(flat: nx.MultiDiGraph) -> None:
    nxg = flat
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


def test_edges_are_typed_relations_with_their_sentences(flat: nx.MultiDiGraph) -> None:
    nxg = flat
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


def test_structure_nodes_and_edges(nxg: nx.MultiDiGraph, flat: nx.MultiDiGraph) -> None:
    doc, s1, s2, s3 = ID + "doc/viz", ID + "doc/viz/section/1", ID + "doc/viz/section/2", ID + "doc/viz/section/3"
    extra = set(nxg) - set(flat)
    assert extra == {doc, s1, s2, s3}  # section 4 mentions no entity: left out
    assert nxg.nodes[doc]["class"] == "document" and nxg.nodes[doc]["label"] == "测试报告"
    assert nxg.nodes[s2]["class"] == "section" and nxg.nodes[s2]["label"].endswith("专项治理")
    assert nxg.nodes[s3]["document"] == doc and nxg.nodes[s3]["document_label"] == "测试报告"
    # the hierarchy: document → sections, nested section under its parent
    assert {(s, o) for s, o, k in nxg.edges(keys=True) if k == "hasSection"} == {(doc, s1), (doc, s2), (s2, s3)}
    # an entity links to each section that mentions it, with those sentences
    sft = nxg.get_edge_data(SFT, s1)["mentionedIn"]
    assert sft["sentences"] == [ID + "doc/viz/sentence/1", ID + "doc/viz/sentence/4"]
    assert sft["sentence_texts"][1].startswith("省法院会同省司法厅")
    # sentence 8 is in no section: the document itself
    assert nxg.get_edge_data(SFT, doc)["mentionedIn"]["sentences"] == [ID + "doc/viz/sentence/8"]
    assert nxg.has_edge(ID + "agency/陇东学院", s3) and not nxg.has_edge(ID + "agency/陇东学院", s2)
    # typed relations are the same in both views; 法治日报 is mentioned nowhere
    typed = {(s, k, o) for s, o, k in nxg.edges(keys=True) if k not in ("hasSection", "mentionedIn")}
    assert typed == _edge_set(flat)
    assert nxg.degree(ID + "work/法治日报") == 0


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
    expected = _pagerank_python(simple_undirected(nxg, structure=False), weight="weight", tol=1e-12)
    for iri, score in result.scores.items():
        assert score.pagerank == pytest.approx(expected[iri], abs=1e-7)
    ranks = [s.pagerank for s in result.central_agencies]
    assert ranks == sorted(ranks, reverse=True)
    assert {s.cls for s in result.central_initiatives} == {"initiative"}
    assert not {s.cls for s in result.scores.values()} & {"section", "document"}  # only entities are ranked


def test_communities_partition_the_graph(nxg: nx.MultiDiGraph, result) -> None:
    u = simple_undirected(nxg, structure=False)
    parts: dict[int, set[str]] = {}
    for iri, s in result.scores.items():
        parts.setdefault(s.community, set()).add(iri)
    assert sum(len(p) for p in parts.values()) == len(u)
    assert result.modularity == pytest.approx(nx.community.modularity(u, parts.values(), weight="weight"))
    assert [c.size for c in result.communities] == sorted((c.size for c in result.communities), reverse=True)
    top = result.communities[0]
    assert top.name.split(" / ")[0] == nxg.nodes[top.members[0]]["label"]


def test_components_and_bridges(nxg: nx.MultiDiGraph, result) -> None:
    # sections and the document join the three relation components; 法治日报 stays alone
    assert [c.size for c in result.components] == [21, 1]
    assert result.relation_components == 3 and result.unplaced == 1
    assert result.sections == 3 and result.documents == 1 and result.mention_links == 18
    assert result.components[0].members[0] in result.scores  # named after an entity
    u = simple_undirected(nxg, structure=False)
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


def test_find_path_through_a_section(nxg: nx.MultiDiGraph, flat: nx.MultiDiGraph) -> None:
    assert find_path(flat, "陇东学院", "甘肃省司法厅") == []  # no chain of typed relations
    hops = find_path(nxg, "陇东学院", "甘肃省司法厅")
    assert hops[0].relation == "mentionedIn" and hops[0].target_cls == "section"
    assert hops[0].describe() == "陇东学院 mentioned in section 「高校法治研究」"
    assert hops[0].sentence_texts == ("陇东学院发布《陇东学院法治研究计划》。",)
    assert hops[-1].target == SFT
    for hop in hops:
        s, o = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
        assert nxg.has_edge(s, o, key=hop.relation)
    # typed relations are preferred: 任振鹤 and 兰州市 share the document, yet the path is typed
    assert all(h.relation not in ("mentionedIn", "hasSection") for h in find_path(nxg, "任振鹤", "兰州市"))
    text = format_path(hops)
    assert "section 「高校法治研究」 is a section of section 「<script>" in text and " mentions " in text


def test_find_path_edge_cases(nxg: nx.MultiDiGraph) -> None:
    assert find_path(nxg, "陇东学院", "法治日报") == []  # different components
    with pytest.raises(QueryError, match="no entity"):
        find_path(nxg, "不存在的机构", "甘肃省司法厅")
    with pytest.raises(QueryError, match="ambiguous"):
        resolve_node(nxg, "司法")
    assert resolve_node(nxg, "省司法厅") == SFT  # alias
    assert resolve_node(nxg, SFT) == SFT
    assert resolve_node(nxg, "法治研究") == ID + "policy/陇东学院法治研究计划"  # entities before sections
    assert resolve_node(nxg, "专项治理") == ID + "doc/viz/section/2"


def test_neighbours(nxg: nx.MultiDiGraph) -> None:
    near = neighbours(nxg, "省司法厅", 1)
    assert {n.label for n in near} == {"“八五”普法", "公共法律服务平台", "行政复议改革", "甘肃省",
                                       "推进法治政府建设", "测试报告"}
    assert [n.cls for n in near if n.via.relation == "mentionedIn"] == ["document", "section"]
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
    assert back.number_of_nodes() == 22 and back.number_of_edges() == 41
    node = back.nodes[SFT]
    assert json.loads(node["aliases"]) == ["省司法厅"]
    assert json.loads(node["metrics"])[0]["unit"] == "元"
    for _, d in back.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())


def test_no_iri_strings_for_ontology_terms_in_queries() -> None:
    """The .rq files' prefixes are the namespaces kg.rdf.namespace defines."""
    from kg.analyze.graph import QUERY_DIR

    for name in ("_entity_nodes", "_entity_edges", "_entity_metrics", "_entity_sections"):
        text = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")
        assert f"PREFIX gkg: <{GKG._NS}>" in text
        if "org:" in text:
            assert f"PREFIX org: <{ORG}>" in text
