"""kg.rdf.terms: the Turtle text of the terms the builder writes."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import XSD

from kg.rdf import turtle as ttl
from kg.rdf.namespace import GKG
from kg.rdf.terms import (
    CLASS_TERM,
    PREDICATES,
    T,
    canonical_decimal,
    concept_term,
    entity_iri,
    entity_term,
    is_date,
    plain,
    zh,
)


@pytest.mark.parametrize(
    ("value", "lexical"),
    [
        (Decimal("82934.0"), "82934"),
        (Decimal("0.50"), "0.5"),
        (Decimal("1E+3"), "1000"),
        (Decimal("-0.0"), "0"),
        (Decimal("15465000"), "15465000"),
        (Decimal("-12.340"), "-12.34"),
        (Decimal("123456789012345678901234567890.125"), "123456789012345678901234567890.125"),
        (7, "7"),
    ],
)
def test_canonical_decimal(value: Decimal, lexical: str) -> None:
    assert canonical_decimal(value) == lexical
    # the form Oxigraph itself stores, so round trips keep the lexical form
    store = ox.Store()
    s = ox.NamedNode("http://example.org/s")
    store.add(ox.Quad(s, s, ox.Literal(lexical, datatype=ox.NamedNode(str(XSD.decimal)))))
    assert next(iter(store)).object.value == lexical


def test_canonical_decimal_rejects_nan() -> None:
    with pytest.raises(ValueError):
        canonical_decimal(Decimal("NaN"))


def test_fixed_terms_are_prefixed_names_that_expand_to_the_ontology_s_iris() -> None:
    assert T.Metric == "gkg:Metric" and ttl.expand(T.Metric) == str(GKG.Metric)
    assert T.type == "a"
    assert ttl.expand(T.partOfSection) == str(GKG.partOfSection)
    assert set(CLASS_TERM) >= {"agency", "person", "place", "policy", "work", "initiative"}
    assert PREDICATES["leads"] == (GKG.ledBy, True)


def test_entity_term_is_the_minted_iri_and_the_same_string_each_time() -> None:
    a = entity_term("agency:甘肃省司法厅")
    assert a == ttl.iri(entity_iri("agency:甘肃省司法厅")) == "<https://w3id.org/govkg/id/agency/甘肃省司法厅>"
    assert entity_term("agency:甘肃省司法厅") is a


def test_concepts_the_ontology_lacks_are_none() -> None:
    assert concept_term("qualifier", "at_least") == "gkg:qualifier_at_least"
    assert concept_term("qualifier", "roughly") is None


@pytest.mark.parametrize(("text", "ok"), [("2024-02-29", True), ("2023-02-29", False), ("2024-13-01", False),
                                          ("2024-1-01", False), ("2024年1月1日", False)])
def test_is_date_only_for_real_iso_dates(text: str, ok: bool) -> None:
    assert is_date(text) is ok


def test_empty_literals_are_left_out() -> None:
    assert zh("") is None and plain(None) is None
    assert zh("法治") == '"法治"@zh' and plain("1.2万件") == '"1.2万件"'
