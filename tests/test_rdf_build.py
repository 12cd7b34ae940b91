"""kg.rdf.build: a resolved document → the triples of its named graph."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdf_fixtures import tiny_resolved
from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from kg.rdf.build import build_graph, document_triples, entity_iri
from kg.rdf.namespace import GKG, ORG, PROV, SCHEMA, doc_iri, graph_iri, mint, unit_iri

DOC = "tiny-report"


@pytest.fixture(scope="module")
def g() -> Graph:
    graph = Graph()
    for t in document_triples(tiny_resolved(DOC)):
        graph.add(t)
    return graph


def test_triples_are_deterministic_and_have_no_blank_nodes() -> None:
    a = document_triples(tiny_resolved(DOC))
    assert a == document_triples(tiny_resolved(DOC))
    assert len(a) == len(set(a)) > 100
    assert not any(isinstance(term, BNode) for t in a for term in t)


def test_document_metadata(g: Graph) -> None:
    doc = doc_iri(DOC)
    assert (doc, RDF.type, GKG.Document) in g
    assert g.value(doc, GKG.year) == Literal("2023", datatype=XSD.gYear)
    assert g.value(doc, DCTERMS.issued) == Literal("2024-01-31", datatype=XSD.date)
    assert g.value(doc, DCTERMS.publisher) == mint("agency", "甘肃省司法厅")
    editor = g.value(doc, GKG.editor)
    assert editor == mint("person", "张曦云") and (editor, RDF.type, GKG.Person) in g
    assert str(g.value(doc, GKG.sourceFile)) == f"{DOC}.txt"


def test_invalid_dates_stay_plain_strings() -> None:
    from dataclasses import replace

    r = tiny_resolved(DOC)
    doc = replace(r.document, published="2024-02-30")
    r = replace(r, extraction=replace(r.extraction, segmented=replace(r.extraction.segmented, document=doc)))
    [issued] = [o for s, p, o in document_triples(r) if p == DCTERMS.issued]
    assert issued == Literal("2024-02-30")


def test_sections_and_sentences(g: Graph) -> None:
    section = doc_iri(DOC, "section", 0)
    assert g.value(section, DCTERMS.isPartOf) == doc_iri(DOC)
    sub = doc_iri(DOC, "section", 1)
    assert g.value(sub, DCTERMS.isPartOf) == section
    assert g.value(sub, GKG.inDocument) == doc_iri(DOC)
    assert g.value(sub, GKG.order) == Literal(0), "order counts siblings"
    s3 = doc_iri(DOC, "sentence", 3)
    assert g.value(s3, GKG.inSection) == section
    assert g.value(s3, GKG.role) == GKG.role_body
    assert g.value(doc_iri(DOC, "sentence", 0), GKG.role) == GKG.role_title
    assert g.value(doc_iri(DOC, "sentence", 0), GKG.inSection) is None
    text = tiny_resolved(DOC).document.text
    for s in g.subjects(RDF.type, GKG.Sentence):
        begin, end = g.value(s, GKG.begin).toPython(), g.value(s, GKG.end).toPython()
        assert text[begin:end] == str(g.value(s, GKG.text))


def test_mentions_denote_entities_and_dropped_ones_are_left_out(g: Graph) -> None:
    m0 = doc_iri(DOC, "mention", 0)
    agency = mint("agency", "甘肃省司法厅")
    assert g.value(m0, GKG.denotes) == agency
    assert g.value(m0, GKG.inSentence) == doc_iri(DOC, "sentence", 2)
    assert (agency, GKG.mentionedIn, doc_iri(DOC, "sentence", 2)) in g
    assert (doc_iri(DOC, "mention", 5), None, None) not in g  # resolution dropped 各级
    assert len(set(g.subjects(RDF.type, GKG.Mention))) == 5


def test_entities(g: Graph) -> None:
    agency = mint("agency", "甘肃省司法厅")
    assert (agency, RDF.type, GKG.Agency) in g
    assert g.value(agency, SKOS.prefLabel) == Literal("甘肃省司法厅", lang="zh")
    assert g.value(agency, SKOS.altLabel) == Literal("省司法厅", lang="zh")
    assert g.value(agency, GKG.kind) == GKG.agency_department
    parent = mint("agency", "甘肃省人民政府")
    assert (agency, ORG.subOrganizationOf, parent) in g
    assert (parent, RDF.type, GKG.Agency) in g, "a referenced parent gets a typed, labelled node"
    city = mint("place", "兰州市")
    assert (city, SCHEMA.containedInPlace, mint("place", "甘肃省")) in g
    assert g.value(city, GKG.divisionCode) == Literal("620100")
    assert g.value(city, GKG.kind) == GKG.place_prefecture
    policy = mint("policy", "甘肃省法治建设考评工作办法")
    assert g.value(policy, GKG.kind) == GKG.policy_measures
    initiative = mint("initiative", "万所联万会")
    assert g.value(initiative, GKG.partOfSection) == doc_iri(DOC, "section", 0)
    assert entity_iri("initiative:万所联万会") == initiative


def test_relations_are_plain_triples_and_statements_with_their_sentence(g: Graph) -> None:
    policy, agency = mint("policy", "甘肃省法治建设考评工作办法"), mint("agency", "甘肃省司法厅")
    assert (policy, GKG.issuedBy, agency) in g  # "agency issues policy", written from the policy
    [st] = list(g.subjects(RDF.predicate, GKG.issuedBy))
    assert (st, RDF.type, RDF.Statement) in g
    assert g.value(st, RDF.subject) == policy and g.value(st, RDF.object) == agency
    assert g.value(st, PROV.wasDerivedFrom) == doc_iri(DOC, "sentence", 2)
    assert (mint("initiative", "万所联万会"), GKG.location, mint("place", "兰州市")) in g
    assert not list(g.triples((None, GKG.ledBy, None))), "a relation with a dropped mention is left out"
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (g.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in g


def test_posts(g: Graph) -> None:
    person = mint("person", "任振鹤")
    post = mint("post", "甘肃省人民政府", "省长")
    assert (person, ORG.holds, post) in g
    assert (post, RDF.type, GKG.Post) in g
    assert (post, ORG.heldBy, person) in g
    assert (post, ORG.postIn, mint("agency", "甘肃省人民政府")) in g
    assert g.value(post, SKOS.prefLabel) == Literal("省长", lang="zh")


def test_metrics(g: Graph) -> None:
    m0, m1 = doc_iri(DOC, "metric", 0), doc_iri(DOC, "metric", 1)
    value = g.value(m0, GKG.value)
    assert value == Literal("12000", datatype=XSD.decimal) and str(value) == "12000"
    unit = unit_iri("件")
    assert g.value(m0, GKG.unit) == unit
    assert (unit, SKOS.inScheme, GKG.Units) in g and (unit, RDF.type, SKOS.Concept) in g
    assert g.value(m0, GKG.qualifier) == GKG.qualifier_exact
    assert g.value(m1, GKG.qualifier) == GKG.qualifier_over
    assert g.value(m0, GKG.metricKind) == GKG.metric_count
    assert g.value(m0, GKG.about) == mint("initiative", "万所联万会")
    assert str(g.value(m0, GKG.measure)) == "办理案件"
    assert str(g.value(m0, GKG.period)) == "2023", "the report's year when the metric gives none"
    assert g.value(m1, GKG.partOf) == m0
    assert g.value(m0, PROV.wasDerivedFrom) == doc_iri(DOC, "sentence", 3)
    assert g.value(m0, GKG.inSection) == doc_iri(DOC, "section", 0)
    text = tiny_resolved(DOC).document.text
    assert text[g.value(m1, GKG.begin).toPython():g.value(m1, GKG.end).toPython()] == "3000余件"


def test_unknown_concept_names_are_not_invented() -> None:
    from dataclasses import replace

    r = tiny_resolved(DOC)
    bad = replace(r.extraction.metrics[0], qualifier="roughly")
    r = replace(r, extraction=replace(r.extraction, metrics=(bad,)))
    triples = document_triples(r)
    assert not [t for t in triples if t[1] == GKG.qualifier]


def test_build_graph_one_named_graph_per_document_and_shared_entities() -> None:
    ds = build_graph([tiny_resolved("a"), tiny_resolved("b")])
    store = ds.store._inner
    names = {g.value for g in store.named_graphs()}
    assert names == {str(graph_iri("a")), str(graph_iri("b"))}
    agency = ox.NamedNode(str(mint("agency", "甘肃省司法厅")))
    label = ox.NamedNode(str(SKOS.prefLabel))
    graphs = {q.graph_name.value for q in store.quads_for_pattern(agency, label, None)}
    assert graphs == names, "the same entity is one node, described in each document's graph"
    union = {(str(q.subject), str(q.predicate), str(q.object)) for q in store}
    assert len(union) < 2 * len(document_triples(tiny_resolved("a")))


def test_oxigraph_keeps_the_lexical_forms() -> None:
    r = tiny_resolved(DOC, value=Decimal("12000.000"))
    expected = Graph()
    for t in document_triples(r):
        expected.add(t)
    ds = build_graph([r])
    back = Graph()
    for q in ds.store._inner:
        back.add(tuple(_from_ox(x) for x in (q.subject, q.predicate, q.object)))
    assert isomorphic(expected, back)


def _from_ox(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))


def test_real_sample_document_is_consistent() -> None:
    from conftest import SAMPLE

    from kg.pipeline import extract_file

    resolved = extract_file(SAMPLE)
    triples = document_triples(resolved)
    graph = Graph()
    for t in triples:
        graph.add(t)
    text = resolved.document.text
    sentences = set(graph.subjects(RDF.type, GKG.Sentence))
    assert len(sentences) == len(resolved.extraction.segmented.sentences) > 10
    for m in graph.subjects(RDF.type, GKG.Mention):
        begin, end = graph.value(m, GKG.begin).toPython(), graph.value(m, GKG.end).toPython()
        assert text[begin:end] == str(graph.value(m, GKG.text))
        assert graph.value(m, GKG.inSentence) in sentences
    metrics = set(graph.subjects(RDF.type, GKG.Metric))
    assert len(metrics) == len(resolved.extraction.metrics)
    for x in metrics:
        assert graph.value(x, GKG.value).datatype == XSD.decimal
        assert graph.value(x, PROV.wasDerivedFrom) in sentences


def test_build_graph_default_graph_is_the_union_for_sparql() -> None:
    ds = build_graph([tiny_resolved("a"), tiny_resolved("b")])
    rows = list(ds.query(f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a <{GKG.Metric}> ; <{GKG.value}> ?v }}"))
    assert int(rows[0][0]) == 4


def test_a_relation_with_an_implied_subject_is_marked() -> None:
    from dataclasses import replace

    from kg.model import REPORTER, Relation

    r = tiny_resolved(DOC)
    rel = Relation("leads", REPORTER, 3, 3)  # 万所联万会, its subject left out
    ex = replace(r.extraction, relations=(*r.extraction.relations, rel))
    graph = Graph()
    for t in document_triples(replace(r, extraction=ex, reporter="agency:甘肃省司法厅")):
        graph.add(t)
    initiative, agency = mint("initiative", "万所联万会"), mint("agency", "甘肃省司法厅")
    assert (initiative, GKG.ledBy, agency) in graph
    [st] = list(graph.subjects(RDF.predicate, GKG.ledBy))
    assert graph.value(st, RDF.subject) == initiative and graph.value(st, RDF.object) == agency
    assert graph.value(st, PROV.wasDerivedFrom) == doc_iri(DOC, "sentence", 3)
    assert graph.value(st, GKG.impliedSubject) == Literal(True)
    [explicit] = list(graph.subjects(RDF.predicate, GKG.issuedBy))
    assert graph.value(explicit, GKG.impliedSubject) is None
    bare = document_triples(replace(r, extraction=ex, reporter=None))  # no reporter: no relation
    assert not [t for t in bare if t[1] == GKG.ledBy]
