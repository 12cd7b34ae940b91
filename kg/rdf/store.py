"""The persistent store ``kg build --store DIR`` writes.

:class:`GraphStore` keeps one named graph per document
(:func:`kg.rdf.namespace.graph_iri`), each carrying a key as
``<graph> gkg:sha256 "…"`` so that a rebuild skips unchanged reports and
replaces changed ones. ``kg build`` stores :func:`kg.incremental.store_key`
there, not the file's hash alone: it also covers the report's MANIFEST.tsv
row and the extractor (:func:`kg.fingerprint.build_key`), so a corrected
title or an upgrade rebuilds the report. Each write is one transaction
(``Store.extend`` or one SPARQL Update): a reader (or a crash) sees the
store before or after it, never half (measured: a failing operation late in
an update rolls back the earlier ones).

RDFS entailment (:mod:`kg.rdf.entail`): the ontology goes into
:data:`ONTOLOGY_GRAPH`; each document graph ``G`` gets ``G/inferred`` with its
subclass/subproperty closure, written in the same transaction as the
document, and recomputed for every document when the ontology changes.

Reading any graph (a file, a store, the last build) is :mod:`kg.rdf.source`;
its names are re-exported here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.rdf.entail import Closure, entail, inferred_graph_iri
from kg.rdf.namespace import GKG, ONTOLOGY_GRAPH, graph_iri
from kg.rdf.source import (
    RDF_FORMATS,
    GraphSource,
    doc_id_of_graph,
    from_ox,
    load_file,
    open_graph,
    to_ox,
)

__all__ = [
    "GraphStore",
    "GraphSource",
    "open_graph",
    "load_file",
    "entail",
    "inferred_graph_iri",
    "doc_id_of_graph",
    "to_ox",
    "from_ox",
    "RDF_FORMATS",
]

def _as_triple(t: Any) -> ox.Triple:
    """An rdflib tuple, a pyoxigraph Quad or Triple, as a pyoxigraph Triple."""
    if isinstance(t, ox.Quad):
        return t.triple
    if isinstance(t, ox.Triple):
        return t
    s, p, o = t
    return ox.Triple(to_ox(s), to_ox(p), to_ox(o))


def _ntriples(triples: Iterable[Any]) -> str:
    """Triples (rdflib tuples or pyoxigraph Triples) as N-Triples text."""
    return ox.serialize([_as_triple(t) for t in triples], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


class GraphStore:
    """The persistent store: one named graph per document, replaced atomically."""

    def __init__(self, store: ox.Store, path: Path) -> None:
        self.store = store
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> "GraphStore":
        """Open (creating if needed) the store directory ``path`` for writing."""
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a directory")
        try:
            return cls(ox.Store(str(path)), path)
        except OSError as exc:
            raise StoreError(f"{path}: cannot open store ({exc})") from None

    def has_document(self, doc_id: str, sha256: str) -> bool:
        """True when the store holds ``doc_id`` built from content with this hash."""
        g = graph_iri(doc_id)
        return bool(self.store.query(f"ASK {{ GRAPH <{g}> {{ <{g}> <{GKG.sha256}> ?h }} FILTER(STR(?h) = {_str(sha256)}) }}"))

    def replace_document(self, doc_id: str, sha256: str, triples: Iterable[Any]) -> int:
        """Put ``triples`` in the document's named graph in place of what was there.

        One SPARQL Update (one transaction) drops the old graph and its
        inferred graph, inserts the new triples and the content hash, and adds
        the RDFS closure. Returns the number of triples written.
        """
        return self.replace_documents([(doc_id, sha256, triples)])

    def replace_documents(self, docs: Iterable[tuple[str, str, Iterable[Any]]], *, bulk: bool = False) -> int:
        """:meth:`replace_document` for many documents at once.

        One transaction: when the store holds none of the documents yet
        they are added with ``Store.extend`` (twice as fast as the same
        triples in a SPARQL Update, measured), else one SPARQL Update drops
        and inserts them all. A reader or a crash sees all of them before or
        all after, and nothing is written until ``docs`` is exhausted. With
        ``bulk``, new documents go through Oxigraph's bulk loader, which is
        faster again but not transactional: only for a store being built
        aside and moved into place when complete. Each document's RDFS
        closure is computed in Python (:class:`~kg.rdf.entail.Closure`) and
        inserted with it. Returns the number of triples written.
        """
        known = self.documents()
        closure = Closure.from_store(self.store)
        sha_predicate = ox.NamedNode(str(GKG.sha256))
        graphs: list[tuple[str, str, list[ox.Triple], list[ox.Triple]]] = []
        for doc_id, sha256, triples in docs:
            g = str(graph_iri(doc_id))
            rows = [_as_triple(t) for t in triples]
            rows.append(ox.Triple(ox.NamedNode(g), sha_predicate, ox.Literal(sha256)))
            graphs.append((doc_id, g, rows, closure.infer(rows)))
        if any(doc_id in known for doc_id, *_ in graphs):
            self._update(" ;\n".join(
                f"DROP SILENT GRAPH <{g}> ; DROP SILENT GRAPH <{inferred_graph_iri(g)}> ;\n"
                f"INSERT DATA {{ GRAPH <{g}> {{\n{_ntriples(rows)}}}\n"
                f"GRAPH <{inferred_graph_iri(g)}> {{\n{_ntriples(inferred)}}} }}"
                for _d, g, rows, inferred in graphs
            ))
        elif graphs:
            quads = [
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
                for _d, g, rows, inferred in graphs
                for name, part in ((g, rows), (inferred_graph_iri(g), inferred))
                for t in part
            ]
            try:
                (self.store.bulk_extend if bulk else self.store.extend)(quads)
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"{self.path}: write failed ({exc})") from None
        return sum(len(rows) - 1 for _d, _g, rows, _i in graphs)

    def remove_document(self, doc_id: str) -> None:
        """Drop a document's graph and what was inferred from it."""
        g = str(graph_iri(doc_id))
        self._update(f"DROP SILENT GRAPH <{g}> ; DROP SILENT GRAPH <{inferred_graph_iri(g)}>")

    def documents(self) -> dict[str, str]:
        """Every document in the store: id → content hash, sorted by id."""
        rows = self.store.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{GKG.sha256}> ?h }} }}")
        out = {}
        for row in rows:
            doc = doc_id_of_graph(row["g"].value)
            if doc is not None:
                out[doc] = row["h"].value
        return dict(sorted(out.items()))

    def load_ontology(self, path: Path | str, *, force: bool = False) -> int:
        """Load the ontology into :data:`ONTOLOGY_GRAPH` and recompute entailment for every document.

        Skipped (returns 0) when the store already holds this very file (by
        content hash) unless ``force``; else returns the number of ontology triples.
        """
        path = Path(path)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(path, f"cannot read ontology ({exc})") from None
        g = f"<{ONTOLOGY_GRAPH}>"
        if not force and bool(self.store.query(f"ASK {{ GRAPH {g} {{ {g} <{GKG.sha256}> {_str(digest)} }} }}")):
            return 0
        tmp = load_file(path)
        body = _ntriples(q.triple for q in tmp)
        self._update(
            f"DROP SILENT GRAPH {g} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{\n{body}{g} <{GKG.sha256}> {_str(digest)} .\n}} }}"
        )
        try:
            entail(self.store)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: entailment failed ({exc})") from None
        return len(tmp)

    def source(self) -> GraphSource:
        """This store as a :class:`GraphSource` for queries."""
        return GraphSource(self.store, kind="store", path=self.path)

    def close(self) -> None:
        self.store.flush()
        del self.store

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _update(self, update: str) -> None:
        try:
            self.store.update(update)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: update failed ({exc})") from None


def _str(value: str) -> str:
    """A string literal in SPARQL/N-Triples syntax (escaped by pyoxigraph)."""
    return str(ox.Literal(value))


