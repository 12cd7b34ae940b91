"""Any graph to read: an RDF file of any format, a store directory, or what ``kg build`` wrote last.

:func:`open_graph` is what every reading command calls: an RDF file of any
format, a store directory, or by default what ``kg build`` wrote last (named
by ``out/build.json``). It returns a :class:`GraphSource`:
:attr:`GraphSource.store` is the pyoxigraph store; query it with
:meth:`GraphSource.query` (the default graph is the union of all graphs, which
is what every named question expects). :meth:`GraphSource.rdflib` gives an
rdflib ``Dataset`` over the *same* store through oxrdflib (no copy), for the
stages that want rdflib's API; parse and serialise it with the ``ox-`` formats
and pass SPARQL as strings (see ``../shared/STACK-NOTES.md``). Sources read
from a file without an ontology can use property paths for RDFS:
``?x a/rdfs:subClassOf* org:Organization``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.errors import InputError, StoreError
from kg.rdf.entail import entail
from kg.rdf.namespace import ID, ONTOLOGY_GRAPH

__all__ = [
    "GraphSource",
    "open_graph",
    "load_file",
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
