"""kg.rdf.turtle: the Turtle a build prints by hand must parse back to the same terms."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, Literal, URIRef

from kg.rdf import turtle as ttl
from kg.rdf.namespace import GKG, mint


def parse(body: str) -> list[ox.Triple]:
    return list(ox.parse((ttl.header() + body).encode("utf-8"), format=ox.RdfFormat.TURTLE))


def test_terms_use_prefixes_only_where_the_local_name_is_safe() -> None:
    assert ttl.term(GKG.Metric) == "gkg:Metric"
    assert ttl.term(RDF.type) == "a"
    assert ttl.term(XSD.gYear) == "xsd:gYear"
    odd = URIRef(str(GKG._NS) + "has/slash")
    assert ttl.term(odd) == f"<{odd}>"
    assert ttl.term(URIRef("http://example.org/x")) == "<http://example.org/x>"
    for text in ("gkg:Metric", "a", "xsd:gYear", f"<{odd}>"):
        assert ttl.expand(text) in {str(GKG.Metric), str(RDF.type), str(XSD.gYear), str(odd)}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_any_string_literal_parses_back_unchanged(text: str) -> None:
    s = ttl.iri(mint("doc", "d"))
    [t] = parse(ttl.block(s, [(ttl.term(GKG.text), ttl.string(text))]))
    assert t.object.value == text
    [t] = parse(ttl.block(s, [(ttl.term(GKG.text), ttl.string(text, "zh"))]))
    assert (t.object.value, t.object.language) == (text, "zh")


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_minted_iris_are_valid_turtle_whatever_the_name(name: str) -> None:
    node = mint("agency", name)
    [t] = parse(ttl.block(ttl.iri(node), [(ttl.TYPE, ttl.term(GKG.Agency))]))
    assert t.subject.value == str(node)


@pytest.mark.parametrize(("name", "literal"), [("\U000e0100", False), ("\U000e0001", False),
                                             ("葛\U000e0100", False), ("𠀀", True), ("葛", True)])
def test_plane_14_below_e1000_is_escaped_and_the_rest_of_ucschar_is_not(name: str, literal: bool) -> None:
    """RFC 3987 ucschar takes plane 14 only from U+E1000: a variation selector
    (葛 + U+E0100, an ideographic variant) made an IRI Oxigraph rejects."""
    node = mint("agency", name)
    [t] = parse(ttl.block(ttl.iri(node), [(ttl.TYPE, ttl.term(GKG.Agency))]))
    assert t.subject.value == str(node)
    assert str(node).endswith(name) == literal


def test_blocks_and_typed_literals_read_the_same_in_rdflib_and_oxigraph() -> None:
    s = ttl.iri(mint("doc", "d", "metric", "0"))
    body = ttl.blocks(
        {
            s: [
                (ttl.TYPE, ttl.term(GKG.Metric)),
                (ttl.term(GKG.value), '"1.5"^^' + ttl.term(XSD.decimal)),
                (ttl.term(GKG.begin), ttl.integer(12)),
                (ttl.term(GKG.impliedSubject), ttl.boolean(True)),
                (ttl.term(GKG.period), ttl.typed("2023", XSD.gYear)),
                (ttl.term(GKG.text), ttl.string('他说"好"\\n\n\r')),
            ],
            ttl.iri(mint("doc", "d", "metric", "1")): [],  # no pairs: left out
        }
    )
    g = rdflib.Graph().parse(data=ttl.header() + body, format="turtle")
    assert len(g) == 6 == len(parse(body))
    node = URIRef(s[1:-1])
    assert g.value(node, GKG.begin) == Literal(12)
    assert g.value(node, GKG.impliedSubject) == Literal(True)
    assert g.value(node, GKG.period) == Literal("2023", datatype=XSD.gYear)
    assert str(g.value(node, GKG.text)) == '他说"好"\\n\n\r'
    assert g.value(node, GKG.value) == Literal("1.5", datatype=XSD.decimal)


@pytest.mark.parametrize("n", [0, 7, -3])
def test_integers_are_xsd_integer(n: int) -> None:
    [t] = parse(ttl.block("<http://example.org/s>", [(ttl.term(GKG.order), ttl.integer(n))]))
    assert t.object == ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))
