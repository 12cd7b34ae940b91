"""The named questions that start from the few relation triples (gkg:about,
gkg:ledBy, gkg:participant) and check types per row still keep out what is not
a metric, an initiative or an agency, and entity triples repeated in every
report's graph (as the corpus has them) neither multiply counts nor rows, in the
union default graph (``kg query``) and in a merged copy (``kg serve``)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.query import run
from kg.rdf.store import GraphSource

GKG = "https://w3id.org/govkg/ontology#"
ID = "https://w3id.org/govkg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: What each report says about the entities it names: repeated in every report's graph.
ENTITIES = """
<{id}agency/a> a gkg:Agency ; skos:prefLabel "甲厅"@zh ; skos:altLabel "甲"@zh .
<{id}agency/b> a gkg:Agency ; skos:prefLabel "乙局"@zh .
<{id}place/p> a gkg:Place ; skos:prefLabel "丙地"@zh .
<{id}initiative/i> a gkg:Initiative ; skos:prefLabel "一号工程"@zh ; gkg:kind gkg:initiative_project .
<{id}initiative/j> a gkg:Initiative ; skos:prefLabel "二号行动"@zh ; gkg:kind gkg:initiative_campaign .
"""

#: What only one report says: metrics, relations, and things that are not what the questions count.
FACTS = """
<{id}doc/r0/metric/0> a gkg:Metric ; gkg:about <{id}agency/a> ; gkg:value "5000000"^^xsd:decimal ;
    gkg:unit <{id}unit/元> ; gkg:text "500万元" ; gkg:direction "up" .
<{id}doc/r0/metric/1> a gkg:Metric ; gkg:about <{id}agency/a> ; gkg:value "12"^^xsd:decimal ;
    gkg:unit <{id}unit/件> ; gkg:text "12件" .
<{id}doc/r0/metric/2> a gkg:Metric ; gkg:about <{id}place/p> ; gkg:value "7"^^xsd:decimal ;
    gkg:unit <{id}unit/元> ; gkg:text "7元" .
<{id}doc/r0/note/0> gkg:about <{id}agency/a> ; gkg:value "99"^^xsd:decimal ; gkg:unit <{id}unit/人次> .
<{id}initiative/i> gkg:ledBy <{id}agency/a> ; gkg:participant <{id}agency/b> .
<{id}initiative/j> gkg:ledBy <{id}agency/a> ; gkg:participant <{id}place/p> .
<{id}doc/r0/thing/0> gkg:ledBy <{id}agency/a> ; gkg:participant <{id}agency/b> .
"""

PREFIXES = f"@prefix gkg: <{GKG}> .\n@prefix skos: <{SKOS}> .\n@prefix xsd: <{XSD}> .\n"


def _source(reports: int) -> GraphSource:
    """FACTS in the first report's graph, ENTITIES repeated in each of ``reports`` graphs."""
    store = ox.Store()
    for r in range(reports):
        body = ENTITIES + (FACTS if r == 0 else "")
        store.load(PREFIXES + body.format(id=ID), format=ox.RdfFormat.TURTLE,
                   to_graph=ox.NamedNode(f"{ID}graph/r{r}"))
    return GraphSource(store)


@pytest.fixture(scope="module", params=[1, 5], ids=["one-report", "five-reports"])
def union(request: pytest.FixtureRequest) -> GraphSource:
    return _source(request.param)


@pytest.fixture(scope="module", params=["union", "merged"])
def src(request: pytest.FixtureRequest, union: GraphSource) -> GraphSource:
    return union if request.param == "union" else union.merged()


def _rows(source: GraphSource, name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    return run(source, name, params or {}).values()


def test_metrics_of_keeps_metrics_only_once_each(src: GraphSource) -> None:
    rows = _rows(src, "metrics-of")
    assert [(r["name"], r["text"]) for r in rows] == [("丙地", "7元"), ("甲厅", "500万元"), ("甲厅", "12件")]
    assert [r["text"] for r in _rows(src, "metrics-of", {"entity": "甲"})] == ["500万元", "12件"]
    assert _rows(src, "metrics-of", {"entity": "乙局"}) == []
    assert _rows(src, "metrics-of", {"entity": "没有"}) == []


def test_shared_initiatives_counts_agencies_of_initiatives_only(src: GraphSource) -> None:
    rows = _rows(src, "shared-initiatives")
    assert [(r["initiativeName"], r["agencies"], r["agencyNames"]) for r in rows] == [
        ("一号工程", "2", rows[0]["agencyNames"]), ("二号行动", "2", rows[1]["agencyNames"])]
    assert sorted(rows[0]["agencyNames"].split("、")) == ["乙局", "甲厅"]
    assert sorted(rows[1]["agencyNames"].split("、")) == ["丙地", "甲厅"]
    assert _rows(src, "shared-initiatives", {"min": "3"}) == []


def test_agencies_ranked_counts_each_initiative_and_metric_once(src: GraphSource) -> None:
    rows = _rows(src, "agencies-ranked")
    # agency/a leads two initiatives and the non-initiative thing/0 (any subject counts, as
    # before); place/p is not an agency, however much it takes part in.
    assert [(r["agencyName"], r["initiatives"], r["metrics"]) for r in rows] == [("甲厅", "3", "3"), ("乙局", "2", "0")]


def test_sum_by_unit_sums_metrics_about_agencies_once(src: GraphSource) -> None:
    rows = _rows(src, "sum-by-unit")  # 元 by default; the place's metric is not an agency's
    assert [(r["agencyName"], r["total"], r["metrics"]) for r in rows] == [("甲厅", "5000000", "1")]
    assert [(r["agencyName"], r["total"]) for r in _rows(src, "sum-by-unit", {"unit": "件"})] == [("甲厅", "12")]


def test_changes_name_what_changed_once(src: GraphSource) -> None:
    rows = _rows(src, "changes")
    assert [(r["aboutName"], r["text"], r["direction"]) for r in rows] == [("甲厅", "500万元", "up")]
    assert _rows(src, "changes", {"direction": "down"}) == []


def _two_reports_typing_one_initiative_differently() -> GraphSource:
    """Two reports whose sections name the same initiative, each with its own kind; the
    second report has no title line (only its file name)."""
    store = ox.Store()
    reports = [("r0", '<{id}doc/r0> dcterms:title "甲省报告"@zh .', "一、深化改革", "initiative_project"),
               ("r1", '<{id}doc/r1> gkg:sourceFile "r1.txt" .', "二、深化改革开放", "initiative_campaign")]
    for name, doc, title, kind in reports:
        body = f"""
<{{id}}doc/{name}> a gkg:Document . {doc}
<{{id}}doc/{name}/section/0> a gkg:Section ; dcterms:title "{title}"@zh ; gkg:order 0 ;
    gkg:inDocument <{{id}}doc/{name}> .
<{{id}}initiative/i> a gkg:Initiative ; skos:prefLabel "一号工程"@zh ; gkg:kind gkg:{kind} ;
    gkg:partOfSection <{{id}}doc/{name}/section/0> .
"""
        store.load(PREFIXES + "@prefix dcterms: <http://purl.org/dc/terms/> .\n" + body.format(id=ID),
                   format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"{ID}graph/{name}"))
    return GraphSource(store)


def test_initiatives_of_section_gives_the_kind_the_section_s_own_report_gives() -> None:
    """The union default graph holds both reports' kinds of the initiative: joined there,
    each section listed it twice, once with the other report's kind."""
    rows = _rows(_two_reports_typing_one_initiative_differently(), "initiatives-of-section", {"section": "改革"})
    assert [(r["document"], r["sectionTitle"], r["initiativeName"], r["kind"].rsplit("#")[1]) for r in rows] == [
        ("甲省报告", "一、深化改革", "一号工程", "initiative_project"),
        ("r1.txt", "二、深化改革开放", "一号工程", "initiative_campaign"),
    ]
    only = _rows(_two_reports_typing_one_initiative_differently(), "initiatives-of-section", {"section": "开放"})
    assert [r["document"] for r in only] == ["r1.txt"]
