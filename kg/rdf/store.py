"""Where the graph lives once built: a persistent Oxigraph store, or any RDF file.

Two things here:

- :class:`GraphStore`, the on-disk store ``kg build --store DIR`` writes: one
  named graph per document (:func:`kg.rdf.namespace.graph_iri`), each carrying
  its own content hash as ``<graph> gkg:sha256 "…"`` so that a rebuild skips
  unchanged reports and replaces changed ones. Every change is one SPARQL
  Update, which Oxigraph runs as one transaction: a reader (or a crash) sees
  the store before or after it, never half (measured: a failing operation late
  in an update rolls back the earlier ones).
- :func:`open_graph`, what every reading command calls: an RDF file of any
  format, a store directory, or by default what ``kg build`` wrote last (named
  by ``out/build.json``). It returns a :class:`GraphSource`.

RDFS entailment (:mod:`kg.rdf.entail`): the ontology goes into
:data:`ONTOLOGY_GRAPH`; each document graph ``G`` gets ``G/inferred`` with its
subclass/subproperty closure, recomputed in the same transaction as the
document, and for every document when the ontology changes. Sources read from
a file without an ontology can use property paths instead:
``?x a/rdfs:subClassOf* org:Organization``.

Reading: :attr:`GraphSource.store` is the pyoxigraph store; query it with
:meth:`GraphSource.query` (the default graph is the union of all graphs, which
is what every named question expects). :meth:`GraphSource.rdflib` gives an
rdflib ``Dataset`` over the *same* store through oxrdflib (no copy), for the
stages that want rdflib's API; parse and serialise it with the ``ox-`` formats
and pass SPARQL as strings (see ``../shared/STACK-NOTES.md``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.errors import InputError, StoreError
from kg.rdf.entail import Closure, entail, inferred_graph_iri
from kg.rdf.namespace import GKG, ID, ONTOLOGY_GRAPH, graph_iri

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

#: File suffix → pyoxigraph format, for every format a reading command accepts.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

_GRAPH_PREFIX = str(ID["graph/"])


def doc_id_of_graph(graph: str) -> str | None:
    """The document id a :func:`graph_iri` was minted from, or None for other graphs."""
    if not graph.startswith(_GRAPH_PREFIX) or graph == str(ONTOLOGY_GRAPH):
        return None
    rest = graph[len(_GRAPH_PREFIX) :]
    if "/" in rest:  # doc ids have '/' percent-encoded: this is a derived graph
        return None
    return unquote(rest)


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (pyoxigraph terms pass through)."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (the inverse of :func:`to_ox`)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def load_file(path: Path, store: ox.Store | None = None, *, graph: Any = None) -> ox.Store:
    """Parse an RDF file (format from its suffix) into a store; InputError if unreadable."""
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(path, f"unknown RDF format {path.suffix!r} (expected one of {known})")
    if not path.is_file():
        raise InputError(path, "no such file")
    store = store if store is not None else ox.Store()
    try:
        if graph is None:
            store.load(path=str(path), format=fmt)
        elif not fmt.supports_datasets:
            store.load(path=str(path), format=fmt, to_graph=to_ox(graph))
        else:  # a TriG/N-Quads file's default graph goes into ``graph``
            g = to_ox(graph)
            store.extend(
                ox.Quad(q.subject, q.predicate, q.object, g) if isinstance(q.graph_name, ox.DefaultGraph) else q
                for q in ox.parse(path=str(path), format=fmt)
            )
    except SyntaxError as exc:
        raise InputError(path, f"not valid {fmt.name}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise InputError(path, str(exc)) from None
    return store


@dataclass
class GraphSource:
    """A graph to read: the pyoxigraph store plus where it came from.

    ``kind`` is ``"file"`` or ``"store"``; ``path`` the file or directory it was
    read from (serve's worker processes reopen it from there).
    """

    store: ox.Store
    kind: str = "file"
    path: Path | None = None
    #: True: queries see the union of all graphs. False (a :meth:`merged` copy):
    #: the store's default graph already is that union, without duplicates.
    union: bool = True
    _rdflib: Dataset | None = field(default=None, repr=False)

    def query(self, sparql: str, **kwargs: Any) -> Any:
        """pyoxigraph ``Store.query`` with every graph's triples in the default graph."""
        kwargs.setdefault("use_default_graph_as_union", self.union)
        return self.store.query(sparql, **kwargs)

    def rdflib(self) -> Dataset:
        """An rdflib Dataset over the same store (oxrdflib), default graph = all triples."""
        if self._rdflib is None:
            from oxrdflib import OxigraphStore

            self._rdflib = Dataset(store=OxigraphStore(store=self.store), default_union=self.union)
        return self._rdflib

    def merged(self) -> "GraphSource":
        """An in-memory copy for heavy querying: named graphs kept, plus their
        deduplicated union as the default graph.

        Every document graph repeats the labels and types of the entities it
        names, and Oxigraph's union default graph keeps those duplicates: on a
        100k-triple synthetic graph the named questions ran 2–30× faster on the
        merged copy (benchmarks/query_synthetic.py). Costs memory (about ×2)
        and a copy (about 1 s per 100k quads here). ``kg serve`` uses it.
        """
        if not self.union:
            return self
        mem = ox.Store()
        mem.bulk_extend(self.store.quads_for_pattern(None, None, None))
        mem.bulk_extend(
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in self.store.quads_for_pattern(None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)
        )
        return GraphSource(mem, kind=f"merged {self.kind}", path=self.path, union=False)

    def __len__(self) -> int:
        return len(self.store)

    def describe(self) -> str:
        """One line for logs and the HTML page: ``store out/store (12345 quads)``."""
        return f"{self.kind} {self.path} ({len(self.store)} quads)"

    def close(self) -> None:
        """Drop the rdflib view; the store closes when the last reference goes."""
        self._rdflib = None

    def __enter__(self) -> "GraphSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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


def _from_build_json(out_dir: Path) -> Iterator[tuple[str, Path]]:
    """Candidates named by out/build.json, best first: the store, the TriG, the Turtle."""
    meta = out_dir / "build.json"
    if not meta.is_file():
        return
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(meta, f"unreadable build record ({exc}); run `kg build` again") from None
    for key, kind in (("store", "store"), ("graph", "file"), ("turtle", "file")):
        value = info.get(key) if isinstance(info, dict) else None
        if not value:
            continue
        p = Path(value)
        # Relative paths are relative to the out folder (what kg.pipeline writes),
        # or else to the working directory (``out/graph.trig``).
        for cand in (out_dir / p, p, out_dir / p.name) if not p.is_absolute() else (p,):
            if cand.exists():
                yield kind, cand
                break


def open_graph(
    graph_file: Path | None = None,
    store_dir: Path | None = None,
    out_dir: Path = Path("out"),
    *,
    writable: bool = False,
    ontology: Path | None = None,
) -> GraphSource:
    """The graph a reading command works on.

    ``graph_file`` (any RDF format, by suffix) or ``store_dir`` if given; else
    what ``kg build`` wrote last, as named by ``out/build.json``, falling back
    to ``out/graph.trig`` then ``out/graph.ttl``. A store directory is opened
    read-only unless ``writable``. ``ontology``, if given, is loaded into a
    file source with its RDFS closure (a store has its own).
    """
    if graph_file is not None and store_dir is not None:
        raise InputError(graph_file, "give either a graph file or a store directory, not both")
    if graph_file is not None:
        return _file_source(Path(graph_file), ontology)
    if store_dir is not None:
        return _store_source(Path(store_dir), writable)
    out_dir = Path(out_dir)
    for kind, path in _from_build_json(out_dir):
        return _store_source(path, writable) if kind == "store" else _file_source(path, ontology)
    for name in ("graph.trig", "graph.ttl"):
        if (out_dir / name).is_file():
            return _file_source(out_dir / name, ontology)
    raise InputError(out_dir, "no graph found; run `kg build` first, or pass --graph FILE or --store DIR")


def _file_source(path: Path, ontology: Path | None) -> GraphSource:
    store = load_file(path)
    if ontology is not None:
        load_file(Path(ontology), store, graph=ONTOLOGY_GRAPH)
        entail(store)
    return GraphSource(store, kind="file", path=path)


def _store_source(path: Path, writable: bool) -> GraphSource:
    if not path.is_dir():
        raise InputError(path, "no such store directory")
    try:
        store = ox.Store(str(path)) if writable else ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open store ({exc})") from None
    return GraphSource(store, kind="store", path=path)
