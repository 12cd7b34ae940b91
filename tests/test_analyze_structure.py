"""kg.analyze.structure: section and document nodes added to a hand-made entity view."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from kg.analyze.structure import add_structure
from kg.rdf.namespace import GKG, ID

D = ID["doc/d"]
S1, S2, S3, S4 = (ID[f"doc/d/section/{n}"] for n in (1, 2, 3, 4))
T1, T2 = ID["doc/d/sentence/1"], ID["doc/d/sentence/2"]
E1, E2, E3 = ID["agency/a"], ID["agency/b"], ID["initiative/c"]


@pytest.fixture()
def rdf() -> Graph:
    """Document d: sections 1, 2 (with subsection 3) and an empty 4; sentence 1 in 3, sentence 2 in no section."""
    g = Graph()
    g.add((D, RDF.type, GKG.Document))
    g.add((D, DCTERMS.title, Literal("报告")))
    for sec, order, up in ((S1, 1, D), (S2, 2, D), (S3, 1, S2), (S4, 3, D)):
        g.add((sec, RDF.type, GKG.Section))
        g.add((sec, DCTERMS.title, Literal(f"章节{sec[-1]}")))
        g.add((sec, GKG.order, Literal(order)))
        g.add((sec, DCTERMS.isPartOf, up))
        g.add((sec, GKG.inDocument, D))
    g.add((T1, GKG.inSection, S3))
    for t in (T1, T2):
        g.add((t, GKG.inDocument, D))
    g.add((E1, GKG.mentionedIn, T1))
    g.add((E2, GKG.mentionedIn, T2))
    g.add((E3, GKG.partOfSection, S1))
    return g


def _entities() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(str(E1), sentences=[str(T1)], sentence_texts=["一"])
    g.add_node(str(E2), sentences=[str(T2)], sentence_texts=["二"])
    g.add_node(str(E3), sentences=[], sentence_texts=[])
    return g


def test_sections_with_entities_below_them_and_their_documents_are_added(rdf: Graph) -> None:
    g = _entities()
    add_structure(rdf, g)
    assert g.graph["structure"] is True
    assert str(S4) not in g  # nothing mentioned in it
    assert g.nodes[str(D)]["class"] == "document" and g.nodes[str(D)]["label"] == "报告"
    s3 = g.nodes[str(S3)]
    assert (s3["class"], s3["label"], s3["order"], s3["document"], s3["document_label"]) == (
        "section", "章节3", 1, str(D), "报告")
    assert g.nodes[str(S2)]["order"] == 2
    has = sorted((s, o) for s, o, k in g.edges(keys=True) if k == "hasSection")
    assert has == sorted([(str(D), str(S1)), (str(D), str(S2)), (str(S2), str(S3))])


def test_entities_hang_from_the_innermost_section_or_the_document(rdf: Graph) -> None:
    g = _entities()
    add_structure(rdf, g)
    mentioned = {(s, o): d for s, o, k, d in g.edges(keys=True, data=True) if k == "mentionedIn"}
    assert set(mentioned) == {(str(E1), str(S3)), (str(E2), str(D)), (str(E3), str(S1))}
    assert mentioned[(str(E1), str(S3))]["sentences"] == [str(T1)]
    assert mentioned[(str(E1), str(S3))]["sentence_texts"] == ["一"]
    assert mentioned[(str(E3), str(S1))]["sentences"] == []  # from gkg:partOfSection alone
    assert all(d["predicate"] == str(GKG.mentionedIn) for d in mentioned.values())


def test_the_result_does_not_depend_on_triple_order(rdf: Graph) -> None:
    first, second = _entities(), _entities()
    add_structure(rdf, first)
    shuffled = Graph()
    for t in sorted(rdf, reverse=True):
        shuffled.add(t)
    add_structure(shuffled, second)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
