"""kg.rdf.store: the persistent store (named graph per document, atomic replace, entailment)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef

from kg.errors import StoreError
from kg.rdf.namespace import GKG, ONTOLOGY_GRAPH, graph_iri, mint
from kg.rdf.store import GraphStore, open_graph

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.trig"
ONTOLOGY = FIXTURES / "mini-ontology.trig"


def doc_triples(doc: str) -> list[tuple]:
    """The rdflib triples of one document graph of the fixture."""
    ds = Dataset()
    ds.parse(MINI, format="trig")
    return list(ds.graph(graph_iri(doc)))


def count(store: ox.Store, where: str) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    return int(next(iter(store.query(q, use_default_graph_as_union=True)))["n"].value)


def test_replace_document_adds_and_replaces_only_that_graph(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "store") as gs:
        na = gs.replace_document("mini-a", "h1", doc_triples("mini-a"))
        gs.replace_document("mini-b", "h2", doc_triples("mini-b"))
        assert na == len(doc_triples("mini-a"))
        assert gs.documents() == {"mini-a": "h1", "mini-b": "h2"}
        assert gs.has_document("mini-a", "h1") and not gs.has_document("mini-a", "other")
        b_before = set(gs.store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri("mini-b")))))
        new = [(mint("agency", "新机构"), URIRef(str(GKG.kind)), GKG.agency_other)]
        gs.replace_document("mini-a", "h3", new)
        a_quads = list(gs.store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri("mini-a")))))
        assert len(a_quads) == 2  # the new triple and the content hash
        assert set(gs.store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri("mini-b"))))) == b_before
        assert gs.documents() == {"mini-a": "h3", "mini-b": "h2"}
        gs.remove_document("mini-a")
        assert gs.documents() == {"mini-b": "h2"}


def test_store_persists_across_reopen_and_reads_read_only(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore.open(path) as gs:
        gs.replace_document("mini-b", "h2", doc_triples("mini-b"))
    src = open_graph(store_dir=path)
    assert src.kind == "store"
    assert count(src.store, "?a a <https://w3id.org/govkg/ontology#Agency>") == 2
    with GraphStore.open(path) as gs:  # the read-only reader does not lock writers out
        assert gs.documents() == {"mini-b": "h2"}


def test_interrupted_replace_leaves_store_as_before(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as gs:
        gs.replace_document("mini-a", "h1", doc_triples("mini-a"))
        before = set(gs.store)

        def broken():
            yield from doc_triples("mini-b")[:10]
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            gs.replace_document("mini-a", "h2", broken())
        assert set(gs.store) == before
        # An update that fails after its first operation is rolled back as a whole.
        g = graph_iri("mini-a")
        with pytest.raises(StoreError):
            gs._update(f"DROP GRAPH <{g}> ; CREATE GRAPH <{g}x> ; CREATE GRAPH <{g}x>")
        assert set(gs.store) == before
        assert gs.documents() == {"mini-a": "h1"}


def test_ontology_entailment_follows_documents(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as gs:
        gs.replace_document("mini-a", "h1", doc_triples("mini-a"))
        org = "?x a <http://www.w3.org/ns/org#Organization>"
        assert count(gs.store, org) == 0
        gs.load_ontology(ONTOLOGY)
        assert count(gs.store, org) == 4  # the four agencies of mini-a
        assert count(gs.store, "?x a <http://xmlns.com/foaf/0.1/Agent>") == 4  # transitive
        assoc = "?i <http://www.w3.org/ns/prov#wasAssociatedWith> ?a"
        assert count(gs.store, assoc) == 4  # ledBy and participant are sub-properties
        gs.replace_document("mini-b", "h2", doc_triples("mini-b"))  # inferred with the document
        assert count(gs.store, f"{{ SELECT DISTINCT ?x WHERE {{ {org} }} }}") == 4
        assert count(gs.store, f"GRAPH <{graph_iri('mini-b')}/inferred> {{ {org} }}") == 2
        gs.remove_document("mini-b")
        assert count(gs.store, f"GRAPH <{graph_iri('mini-b')}/inferred> {{ ?s ?p ?o }}") == 0
        assert gs.documents() == {"mini-a": "h1"}
        assert ox.NamedNode(str(ONTOLOGY_GRAPH)) in set(gs.store.named_graphs())


def test_real_ontology_loads_once_and_entails(tmp_path: Path) -> None:
    real = Path(__file__).resolve().parents[1] / "ontology" / "govkg.ttl"
    with GraphStore.open(tmp_path / "s") as gs:
        gs.replace_document("mini-a", "h1", doc_triples("mini-a"))
        assert gs.load_ontology(real) > 0
        assert gs.load_ontology(real) == 0  # same file: nothing to do
        assert count(gs.store, "{ SELECT DISTINCT ?x { ?x a <http://www.w3.org/ns/org#Organization> } }") == 4
        assert gs.documents() == {"mini-a": "h1"}


def test_replace_documents_is_one_transaction(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as gs:
        gs.replace_document("mini-a", "h1", doc_triples("mini-a"))
        before = set(gs.store)

        def interrupted():
            yield "mini-b", "h2", doc_triples("mini-b")
            raise KeyboardInterrupt  # the build dies while its documents are still coming

        with pytest.raises(KeyboardInterrupt):
            gs.replace_documents(interrupted())
        assert set(gs.store) == before  # the first document was not written either
        n = gs.replace_documents([("mini-a", "h4", doc_triples("mini-a")), ("mini-b", "h2", doc_triples("mini-b"))])
        assert n == len(doc_triples("mini-a")) + len(doc_triples("mini-b"))
        assert gs.documents() == {"mini-a": "h4", "mini-b": "h2"}


def test_closure_in_python_adds_what_the_sparql_rules_add(tmp_path: Path) -> None:
    """A document's inferred graph, computed in Python at insert time, equals entail()'s."""
    from kg.pipeline import extract_file
    from kg.rdf.build import document_triples
    from kg.rdf.entail import entail

    real = Path(__file__).resolve().parents[1] / "ontology" / "govkg.ttl"
    sample = Path(__file__).resolve().parents[1] / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
    inferred = f"<{graph_iri('gansu')}/inferred>"
    with GraphStore.open(tmp_path / "s") as gs:
        gs.load_ontology(real)
        gs.replace_document("gansu", "h", document_triples(extract_file(sample)))
        python = {q.triple for q in gs.store.quads_for_pattern(None, None, None, ox.NamedNode(inferred[1:-1]))}
        entail(gs.store)  # the SPARQL rules, recomputed for every graph
        sparql = {q.triple for q in gs.store.quads_for_pattern(None, None, None, ox.NamedNode(inferred[1:-1]))}
    assert len(python) > 500 and python == sparql
