"""kg.rdf.namespace: instance IRIs are deterministic, valid and readable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.model import MENTION_KINDS, METRIC_KINDS, QUALIFIERS, SENTENCE_ROLES
from kg.rdf.namespace import ENTITY_KIND_CLASS, GKG, ID, concept, doc_iri, graph_iri, mint, unit_iri


def test_mint_keeps_chinese_readable_and_is_deterministic() -> None:
    iri = mint("agency", "甘肃省司法厅")
    assert iri == URIRef("https://w3id.org/govkg/id/agency/甘肃省司法厅")
    assert iri == mint("agency", "甘肃省司法厅")


@pytest.mark.parametrize("name", ["a/b", "50%", "x y", "a#b", "a?b", "<tag>", 'say "hi"', "a\\b", "tab\there", "全角　空格"])
def test_mint_encodes_characters_that_would_break_the_iri(name: str) -> None:
    iri = mint("work", name)
    rest = str(iri)[len(str(ID)) :]
    assert rest.count("/") == 1, "a name never adds a path segment"
    for ch in ' <>"{}|\\^`#?\t\u3000':
        assert ch not in rest
    ox.NamedNode(str(iri))  # pyoxigraph accepts it as an IRI


def test_distinct_names_give_distinct_iris() -> None:
    names = ["a/b", "a%2Fb", "a b", "a%20b", "ab"]
    assert len({mint("work", n) for n in names}) == len(names)


def test_document_graph_and_unit_iris() -> None:
    assert doc_iri("d", "sentence", 3) == URIRef("https://w3id.org/govkg/id/doc/d/sentence/3")
    assert graph_iri("d") == URIRef("https://w3id.org/govkg/id/graph/d")
    assert unit_iri("%") == URIRef("https://w3id.org/govkg/id/unit/%25")
    assert unit_iri("人次") == URIRef("https://w3id.org/govkg/id/unit/人次")


def test_every_model_name_has_a_concept() -> None:
    for scheme, names in (("qualifier", QUALIFIERS), ("metric", METRIC_KINDS), ("role", SENTENCE_ROLES)):
        for name in names:
            assert concept(scheme, name) == GKG[f"{scheme}_{name}"]
    assert set(ENTITY_KIND_CLASS) == set(MENTION_KINDS)


def test_unknown_concept_raises() -> None:
    with pytest.raises(AttributeError):
        concept("qualifier", "roughly")


@pytest.mark.parametrize("name", ["[2023]12号", "a]b", "\ufffc", "\ufffe", "\ue000"])
def test_mint_encodes_what_rfc_3987_forbids_in_a_path(name: str) -> None:
    """Bug: '[' ']' and non-ucschar code points were left literal, and Oxigraph rejects such IRIs."""
    import pyoxigraph as ox

    iri = mint("policy", name)
    ox.NamedNode(str(iri))  # raises ValueError for an invalid IRI
    assert str(iri).rsplit("/", 1)[1].startswith("%") or "%" in str(iri)
