"""kg.export: deterministic serialisation in every RDF format, atomic writes, reading back."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.errors import InputError, KgError
from kg.export import EXTENSIONS, FORMATS, QUAD_FORMATS, parse_file, serialize, write
from kg.rdf import turtle as ttl
from kg.rdf.build import document_triples
from kg.rdf.namespace import GKG, graph_iri, mint
from rdf_fixtures import tiny_resolved

ALL = ("ttl", "nt", "nq", "trig", "jsonld", "xml")
OX_FORMAT = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "xml": "xml"}


@pytest.fixture(scope="module")
def quads() -> list[tuple]:
    out = []
    for doc in ("a", "b"):
        g = graph_iri(doc)
        out += [(s, p, o, g) for s, p, o in document_triples(tiny_resolved(doc))]
    return out


def _union(quads: list[tuple]) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g


def _to_rdflib(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))


def _plain(g: rdflib.Graph) -> rdflib.Graph:
    """xsd:string-typed literals as plain ones, as RDF 1.1 says they are."""
    out = rdflib.Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("fmt", ALL)
def test_same_quads_in_any_order_give_identical_bytes(quads: list[tuple], fmt: str) -> None:
    shuffled = list(quads) + list(quads[:50])  # duplicates too
    random.Random(7).shuffle(shuffled)
    assert serialize(quads, fmt) == serialize(shuffled, fmt)


@pytest.mark.parametrize("fmt", ALL)
def test_every_format_parses_back_with_rdflib_and_oxigraph(quads: list[tuple], fmt: str) -> None:
    data = serialize(quads, fmt)
    expected = _union(quads)
    by_rdflib = rdflib.Dataset() if fmt in QUAD_FORMATS else rdflib.Graph()
    by_rdflib.parse(data=data, format=RDFLIB_FORMAT[fmt])
    by_rdflib_union = rdflib.Graph()
    for t in (by_rdflib.quads((None, None, None, None)) if fmt in QUAD_FORMATS else by_rdflib):
        by_rdflib_union.add(t[:3])
    by_ox = rdflib.Graph()
    for t in ox.parse(data, format=OX_FORMAT[fmt]):
        by_ox.add(tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    assert len(by_ox) == len(expected) > 200
    assert isomorphic(_plain(by_rdflib_union), expected)
    assert isomorphic(by_ox, expected)


def test_decimal_values_round_trip_with_their_lexical_form(quads: list[tuple]) -> None:
    value = Literal("12000", datatype=XSD.decimal)
    m = [(s, p, o, g) for s, p, o, g in quads if p == GKG.value]
    assert value in {o for _, _, o, _ in m}
    for fmt in ("ttl", "nt", "xml", "jsonld"):
        back = rdflib.Graph().parse(data=serialize(m, fmt), format=RDFLIB_FORMAT[fmt])
        lexicals = sorted(str(o) for o in back.objects(None, GKG.value))
        assert lexicals == ["12000", "12000", "3000", "3000"], fmt  # two documents, two metrics each
        assert all(o.datatype == XSD.decimal for o in back.objects(None, GKG.value)), fmt
        store = ox.Store()
        store.load(serialize(m, fmt), format=OX_FORMAT[fmt])
        assert sorted(q.object.value for q in store) == lexicals, fmt


def test_turtle_and_ntriples_are_the_union_and_quad_formats_keep_graphs(quads: list[tuple]) -> None:
    label = [q for q in quads if q[0] == mint("agency", "甘肃省司法厅") and q[1].endswith("prefLabel")]
    assert len(label) == 2  # once per document graph
    assert serialize(label, "nt").count(b"\n") == 1
    trig = serialize(quads, "trig")
    names = {q.graph_name.value for q in ox.parse(trig, format=ox.RdfFormat.TRIG)}
    assert names == {str(graph_iri("a")), str(graph_iri("b"))}
    assert serialize(label, "nq").count(b"\n") == 2


def test_turtle_uses_the_prefixes_and_groups_subjects(quads: list[tuple]) -> None:
    text = serialize(quads, "ttl").decode()
    assert "@prefix gkg: <https://w3id.org/govkg/ontology#> ." in text
    assert "@prefix org: <http://www.w3.org/ns/org#> ." in text
    assert " a gkg:Metric ;" in text
    assert "id:" not in text  # instance IRIs are written in full (their local parts contain '/')


def test_default_graph_quads_are_accepted(quads: list[tuple]) -> None:
    default = [(s, p, o, None) for s, p, o, _ in quads]
    assert serialize(default, "ttl") == serialize(quads, "ttl")
    assert b"<https://w3id.org/govkg/id/graph/" not in serialize(default, "nq")


def test_unknown_format_is_an_error(quads: list[tuple]) -> None:
    with pytest.raises(KgError):
        serialize(quads, "yaml")


def test_formats_and_extensions_agree() -> None:
    assert set(EXTENSIONS) == set(ALL)
    for fmt, ext in EXTENSIONS.items():
        assert FORMATS[ext] == fmt


def test_jsonld_is_json(quads: list[tuple]) -> None:
    data = json.loads(serialize(quads, "jsonld"))
    assert isinstance(data, (list, dict))


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.ttl"
    write(target, b"one")
    write(target, b"two")
    assert target.read_bytes() == b"two"
    with pytest.raises(TypeError):
        write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"two", "a failed write leaves the old file"
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.ttl"]


@pytest.mark.parametrize("fmt", ALL)
def test_parse_file_reads_every_format(quads: list[tuple], tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph{EXTENSIONS[fmt]}"
    write(path, serialize(quads, fmt))
    ds = parse_file(path)
    union = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    assert len(union) == len(_union(quads))
    if fmt in QUAD_FORMATS:
        assert {str(c.identifier) for c in ds.contexts()} >= {str(graph_iri("a")), str(graph_iri("b"))}


def test_parse_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.ttl"):
        parse_file(tmp_path / "missing.ttl")
    odd = tmp_path / "graph.yaml"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="graph.yaml"):
        parse_file(odd)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        parse_file(bad)


def test_awkward_literals_round_trip_exactly() -> None:
    s, p = URIRef("https://w3id.org/govkg/id/doc/x"), URIRef("https://w3id.org/govkg/ontology#text")
    texts = ['他说"好"', "back\\slash", "line\nbreak\r\n", "tab\tand\u3000全角", "<not an iri>", "'single'"]
    quads = [(s, p, Literal(t), None) for t in texts]
    quads.append((s, p, Literal("第1条", lang="zh"), None))
    quads.append((s, p, ox.Literal("from pyoxigraph"), None))
    for fmt in ALL:
        back = {t.object.value for t in ox.parse(serialize(quads, fmt), format=OX_FORMAT[fmt])}
        assert back == {*texts, "第1条", "from pyoxigraph"}, fmt


def test_invalid_iri_is_an_error_not_a_broken_file() -> None:
    bad = [(URIRef("not an iri"), URIRef("https://w3id.org/govkg/ontology#text"), Literal("x"), None)]
    with pytest.raises(KgError):
        serialize(bad, "ttl")


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "g.ttl"
    write(target, b"x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_pyoxigraph_quads_from_a_store_serialise_like_rdflib_ones(quads: list[tuple]) -> None:
    store = ox.Store()
    store.load(serialize(quads, "nq"), format=ox.RdfFormat.N_QUADS)
    from_store = [(q.subject, q.predicate, q.object, q.graph_name) for q in store]
    for fmt in ALL:
        assert serialize(from_store, fmt) == serialize(quads, fmt), fmt


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_any_text_round_trips_and_order_never_matters(texts: list[str], rnd: random.Random) -> None:
    s = URIRef("https://w3id.org/govkg/id/doc/x")
    p = URIRef("https://w3id.org/govkg/ontology#text")
    quads = [(s, p, Literal(t), None) for t in texts]
    shuffled = list(quads)
    rnd.shuffle(shuffled)
    for fmt in ("ttl", "nq"):
        data = serialize(quads, fmt)
        assert data == serialize(shuffled, fmt)
        assert {t.object.value for t in ox.parse(data, format=OX_FORMAT[fmt])} == set(texts)


# --- the streaming writer -------------------------------------------------------


def _quads_of(path: Path, fmt: ox.RdfFormat) -> set:
    return {(q.subject, q.predicate, q.object, q.graph_name) for q in ox.parse(path.read_bytes(), format=fmt)}


def test_graph_writer_states_shared_triples_once_in_the_union_and_in_every_graph(tmp_path: Path) -> None:
    from kg.export import GraphWriter
    from kg.rdf.build import document_graph

    a, b = document_graph(tiny_resolved("a")), document_graph(tiny_resolved("b"))
    assert a.shared and {t for t in a.shared} == {t for t in b.shared}, "the same entities in both"
    writer = GraphWriter(tmp_path / "g.ttl", tmp_path / "g.trig")
    writer.add(a)
    writer.add(b)
    writer.close()
    union = _quads_of(tmp_path / "g.ttl", ox.RdfFormat.TURTLE)
    graphs = _quads_of(tmp_path / "g.trig", ox.RdfFormat.TRIG)
    assert {(s, p, o) for s, p, o, _g in graphs} == {(s, p, o) for s, p, o, _g in union}
    assert writer.triples == len(union) == a.triples + b.own_triples
    for doc in ("a", "b"):  # each named graph is whole: it holds the shared triples too
        g = ox.NamedNode(str(graph_iri(doc)))
        assert sum(1 for q in graphs if q[3] == g) == a.triples
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert text.count('skos:prefLabel "甘肃省司法厅"@zh') == 1
    named = (tmp_path / "g.trig").read_text(encoding="utf-8")
    assert named == ttl.header() + "\n" + a.trig() + "\n" + b.trig(), "each graph exactly as DocumentGraph.trig writes it"
    assert writer.classes[str(GKG.Document)] == 2


def test_graph_writer_abort_leaves_no_file(tmp_path: Path) -> None:
    from kg.export import GraphWriter
    from kg.rdf.build import document_graph

    writer = GraphWriter(tmp_path / "g.ttl", tmp_path / "g.trig")
    writer.add(document_graph(tiny_resolved("a")))
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_stored_graph_reads_a_document_back_as_the_builder_wrote_it() -> None:
    from kg.export import stored_graph
    from kg.rdf.build import document_graph

    built = document_graph(tiny_resolved("a"))
    triples = list(built.parse())
    g = ox.NamedNode(str(graph_iri("a")))
    bookkeeping = ox.Triple(g, ox.NamedNode(str(GKG.sha256)), ox.Literal("abc"))
    again = stored_graph("a", [*reversed(triples), bookkeeping])
    assert again == stored_graph("a", [bookkeeping, *triples]), "order of the store does not matter"
    assert (again.own_triples, len(again.shared)) == (built.own_triples, len(built.shared))
    assert again.own_classes == built.own_classes
    parsed = set(again.parse())
    assert parsed == set(triples), "the content hash is left out, the rest is the same graph"
