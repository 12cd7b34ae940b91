"""kg.rdf.source: open_graph (files of every format, a store, out/build.json) and GraphSource."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_rdf_store import MINI, ONTOLOGY, count, doc_triples

from kg.errors import InputError, StoreError
from kg.rdf.namespace import graph_iri
from kg.rdf.source import doc_id_of_graph, open_graph
from kg.rdf.store import GraphStore


def test_open_graph_reads_every_format(tmp_path: Path) -> None:
    src = open_graph(graph_file=MINI)
    n = len(src)
    ds = src.rdflib()
    assert len(list(ds.query("SELECT ?s WHERE { ?s a <https://w3id.org/govkg/ontology#Policy> }"))) == 3
    quads = list(src.store)
    triples = [q.triple for q in quads]
    for suffix, fmt in [(".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG)]:
        f = tmp_path / f"g{suffix}"
        ox.serialize(quads, str(f), format=fmt)
        assert len(open_graph(graph_file=f)) == n
    for suffix, fmt in [(".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES),
                        (".jsonld", ox.RdfFormat.JSON_LD), (".rdf", ox.RdfFormat.RDF_XML)]:
        f = tmp_path / f"g{suffix}"
        ox.serialize(triples, str(f), format=fmt)
        assert len(open_graph(graph_file=f)) == len(set(triples)), suffix


def test_open_graph_with_ontology_adds_closure() -> None:
    src = open_graph(graph_file=MINI, ontology=ONTOLOGY)
    assert count(src.store, "{ SELECT DISTINCT ?x { ?x a <http://www.w3.org/ns/org#Organization> } }") == 4


def test_open_graph_default_follows_build_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="kg build"):
        open_graph()
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("<http://e/a> <http://e/b> <http://e/c> .\n", encoding="utf-8")
    assert len(open_graph()) == 1  # fallback without build.json
    (out / "graph.trig").write_bytes(MINI.read_bytes())
    assert len(open_graph()) == len(open_graph(graph_file=MINI))  # TriG preferred
    with GraphStore.open(out / "store") as gs:
        gs.replace_document("mini-b", "h", doc_triples("mini-b")[:5])
    (out / "build.json").write_text(json.dumps({"graph": "out/graph.trig", "turtle": "out/graph.ttl", "store": "out/store"}))
    src = open_graph()
    assert src.kind == "store" and len(src) == 6
    (out / "build.json").write_text(json.dumps({"graph": "out/graph.ttl", "store": None}))
    assert len(open_graph()) == 1
    (out / "build.json").write_text(json.dumps({"graph": "graph.ttl", "store": None}))  # relative to out/
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")  # a decoy in the working directory
    assert len(open_graph()) == 1


def test_open_graph_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/a> <http://e/b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        open_graph(graph_file=bad)
    with pytest.raises(InputError, match="unknown RDF format"):
        open_graph(graph_file=tmp_path / "g.docx")
    with pytest.raises(InputError, match="no such file"):
        open_graph(graph_file=tmp_path / "missing.ttl")
    with pytest.raises(InputError):
        open_graph(store_dir=tmp_path / "nostore")
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError):
        GraphStore.open(tmp_path / "f")


def test_doc_id_of_graph_inverts_graph_iri() -> None:
    for doc in ["gansu-2023", "报告 2023/一", "a%b#c"]:
        assert doc_id_of_graph(str(graph_iri(doc))) == doc
    assert doc_id_of_graph(str(graph_iri("x")) + "/inferred") is None
    assert doc_id_of_graph("http://example.org/graph/x") is None
