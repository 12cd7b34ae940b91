"""kg.validate: the SHACL shapes accept a good graph and name what is wrong with a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal
from rdflib.namespace import SKOS

from kg.errors import InputError
from kg.rdf.build import build_graph, document_triples
from kg.rdf.namespace import GKG, PROV, doc_iri, mint
from kg.validate import SHAPES, ValidationReport, validate
from rdf_fixtures import tiny_resolved

DOC = "tiny-report"
METRIC = doc_iri(DOC, "metric", 0)


def _graph() -> Graph:
    g = Graph()
    for t in document_triples(tiny_resolved(DOC)):
        g.add(t)
    return g


def _lines_about(report: ValidationReport, node: object, path: str) -> list[str]:
    return [r for r in report.results if f"<{node}>" in r and f" {path}:" in r]


def test_good_graph_conforms() -> None:
    report = validate(_graph())
    assert report.conforms, report.results
    assert report.results == []


def test_good_graph_conforms_under_rdfs_entailment_too() -> None:
    report = validate(_graph(), inference="rdfs")
    assert report.conforms, report.results


def test_dataset_of_two_documents_conforms_as_a_union() -> None:
    report = validate(build_graph([tiny_resolved("a"), tiny_resolved("b")]))
    assert report.conforms, report.results


def test_metric_without_unit_is_reported() -> None:
    g = _graph()
    g.remove((METRIC, GKG.unit, None))
    report = validate(g)
    assert not report.conforms
    assert _lines_about(report, METRIC, "gkg:unit")
    assert str(METRIC) in report.text


def test_metric_with_two_values_is_reported() -> None:
    g = _graph()
    g.add((METRIC, GKG.value, Literal("5", datatype=XSD.decimal)))
    report = validate(g)
    assert not report.conforms
    assert _lines_about(report, METRIC, "gkg:value")


def test_metric_value_must_be_a_decimal() -> None:
    g = _graph()
    g.set((METRIC, GKG.value, Literal("12000")))
    assert _lines_about(validate(g), METRIC, "gkg:value")


def test_metric_qualifier_outside_the_scheme_and_missing_source_are_reported() -> None:
    g = _graph()
    g.set((METRIC, GKG.qualifier, GKG.policy_law))
    g.remove((METRIC, PROV.wasDerivedFrom, None))
    report = validate(g)
    assert _lines_about(report, METRIC, "gkg:qualifier")
    assert _lines_about(report, METRIC, "prov:wasDerivedFrom")


def test_sentence_with_begin_after_end_is_reported() -> None:
    g = _graph()
    s = doc_iri(DOC, "sentence", 2)
    g.set((s, GKG.begin, Literal(10_000)))
    assert _lines_about(validate(g), s, "gkg:begin")


def test_policy_needs_a_kind_and_an_agency_a_chinese_label() -> None:
    g = _graph()
    policy = mint("policy", "甘肃省法治建设考评工作办法")
    agency = mint("agency", "甘肃省司法厅")
    g.remove((policy, GKG.kind, None))
    g.remove((agency, SKOS.prefLabel, None))
    g.add((agency, SKOS.prefLabel, Literal("Gansu Department of Justice", lang="en")))
    g.add((agency, SKOS.prefLabel, Literal("Justice Department", lang="en")))
    report = validate(g)
    assert _lines_about(report, policy, "gkg:kind")
    agency_lines = _lines_about(report, agency, "skos:prefLabel")
    assert any("Chinese" in line for line in agency_lines)
    assert any("one per language" in line for line in agency_lines)


def test_statement_without_source_and_mention_without_entity_are_reported() -> None:
    g = _graph()
    st = next(iter(g.subjects(RDF.type, RDF.Statement)))
    g.remove((st, PROV.wasDerivedFrom, None))
    mention = doc_iri(DOC, "mention", 0)
    g.remove((mention, GKG.denotes, None))
    report = validate(g)
    assert _lines_about(report, st, "prov:wasDerivedFrom")
    assert _lines_about(report, mention, "gkg:denotes")


def test_results_are_sorted_one_liners() -> None:
    g = _graph()
    g.remove((METRIC, GKG.unit, None))
    g.remove((doc_iri(DOC, "metric", 1), GKG.text, None))
    results = validate(g).results
    assert results == sorted(results) and len(results) >= 2
    assert all("\n" not in r for r in results)


def test_missing_shapes_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.ttl"):
        validate(_graph(), tmp_path / "nope.ttl")


def test_custom_shapes_are_used(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        SHAPES.read_text(encoding="utf-8")
        + "\ngkgsh:Strict a sh:NodeShape ; sh:targetClass gkg:Metric ;"
        " sh:property [ sh:path gkg:basePeriod ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    report = validate(_graph(), shapes)
    assert not report.conforms
    assert _lines_about(report, METRIC, "gkg:basePeriod")
