"""ontology/govkg.ttl and ontology/shapes.ttl agree with kg.rdf.namespace.GKG."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.model import METRIC_KINDS, QUALIFIERS, SENTENCE_ROLES
from kg.rdf.namespace import GKG, ORG, PROV, QB, SCHEMA, concept, unit_iri

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
NS = str(GKG._NS)
DECLARATIONS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY / "govkg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


def _terms() -> list[URIRef]:
    return [GKG[name] for name in GKG.__annotations__]


def _gkg_iris(g: Graph) -> set[URIRef]:
    return {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}


def test_every_term_is_declared(onto: Graph) -> None:
    missing = [t for t in _terms() if not set(onto.objects(t, RDF.type)) & DECLARATIONS]
    assert missing == []


def test_every_gkg_iri_used_is_a_term(onto: Graph, shapes: Graph) -> None:
    known = set(_terms())
    assert _gkg_iris(onto) - known == set()
    assert _gkg_iris(shapes) - known == set()


def _langs(g: Graph, s: URIRef, p: URIRef) -> set[str | None]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def test_terms_have_chinese_and_english_labels(onto: Graph) -> None:
    for t in _terms():
        if (t, RDF.type, SKOS.Concept) in onto:
            assert {"zh", "en"} <= _langs(onto, t, SKOS.prefLabel), t
            assert onto.value(t, SKOS.notation) is not None, t
            assert onto.value(t, SKOS.inScheme) is not None, t
        else:
            assert {"zh", "en"} <= _langs(onto, t, RDFS.label), t
            assert {"zh", "en"} <= _langs(onto, t, RDFS.comment), t


def test_notations_are_the_format_names(onto: Graph) -> None:
    for scheme, names, cs in (
        ("qualifier", QUALIFIERS, GKG.MetricQualifiers),
        ("metric", METRIC_KINDS, GKG.MetricKinds),
        ("role", SENTENCE_ROLES, GKG.SentenceRoles),
    ):
        for name in names:
            c = concept(scheme, name)
            assert str(onto.value(c, SKOS.notation)) == name
            assert (c, SKOS.inScheme, cs) in onto
        assert len(set(onto.subjects(SKOS.inScheme, cs))) == len(names)


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (GKG.Agency, ORG.Organization),
        (GKG.Post, ORG.Post),
        (GKG.Policy, SCHEMA.Legislation),
        (GKG.Work, SCHEMA.CreativeWork),
        (GKG.Place, SCHEMA.AdministrativeArea),
        (GKG.Person, SCHEMA.Person),
        (GKG.Initiative, PROV.Activity),
        (GKG.Document, PROV.Entity),
        (GKG.Metric, QB.Observation),
    ],
)
def test_class_alignment(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in onto


def test_property_alignment_and_cube_components(onto: Graph) -> None:
    assert (GKG.location, RDFS.subPropertyOf, SCHEMA.location) in onto
    assert (GKG.ledBy, RDFS.subPropertyOf, PROV.wasAssociatedWith) in onto
    assert (GKG.value, RDF.type, QB.MeasureProperty) in onto
    assert (GKG.unit, RDF.type, QB.AttributeProperty) in onto
    assert (GKG.about, RDF.type, QB.DimensionProperty) in onto


def test_common_units_are_concepts_linked_to_qudt(onto: Graph) -> None:
    for u in ("元", "%", "个百分点", "人次", "吨", "公里", "平方公里", "千瓦时"):
        iri = unit_iri(u)
        assert (iri, SKOS.inScheme, GKG.Units) in onto, u
        assert Literal(u, lang="zh") in set(onto.objects(iri, SKOS.prefLabel)), u
    pct = unit_iri("%")
    assert (pct, SKOS.exactMatch, URIRef("http://qudt.org/vocab/unit/PERCENT")) in onto
    assert onto.value(unit_iri("平方公里"), GKG.multiplier).toPython() == 1000000
