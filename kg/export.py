"""RDF serialisation that gives the same bytes for the same quads, and atomic writes.

:func:`serialize` sorts and de-duplicates its input, so output never depends
on the order documents were built in (``kg build -j`` in any order writes
identical files). pyoxigraph serialises every format (it streams triples in
the order given, with our prefixes, about 25× faster than rdflib's Turtle
writer); Turtle, N-Triples, RDF/XML and JSON-LD get the union of all graphs,
N-Quads and TriG keep each named graph. No blank nodes are expected (govkg
mints IRIs for everything); any that appear are kept but their labels are
whatever the input used.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from .errors import InputError, KgError
from .rdf.store import load_file, to_ox

__all__ = ["serialize", "write", "parse_file", "FORMATS", "EXTENSIONS", "PREFIXES", "QUAD_FORMATS"]

#: File extension → format name accepted by :func:`serialize`.
FORMATS: dict[str, str] = {
    ".ttl": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
}
#: Format name → the extension files of that format get.
EXTENSIONS: dict[str, str] = {
    "ttl": ".ttl",
    "nt": ".nt",
    "nq": ".nq",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "xml": ".rdf",
}
_OX_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
#: Formats that keep named graphs; the others serialise the union.
QUAD_FORMATS = frozenset({"nq", "trig"})

#: Prefixes written in Turtle, TriG and RDF/XML. There is deliberately no
#: prefix for instance IRIs (``https://w3id.org/govkg/id/``): their local parts
#: contain '/', which Turtle can only write escaped (``id:doc\/x``).
PREFIXES: dict[str, str] = {
    "gkg": "https://w3id.org/govkg/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "qb": "http://purl.org/linked-data/cube#",
}

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _term_key(term: Any) -> str:
    return str(term)


def _triple_key(t: ox.Triple) -> tuple[str, bool, str, str]:
    # subjects grouped, rdf:type first in each group, then predicate and object
    return (str(t.subject), t.predicate != _RDF_TYPE, str(t.predicate), str(t.object))


def _quad_key(q: ox.Quad) -> tuple[str, str, bool, str, str]:
    g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
    return (g, str(q.subject), q.predicate != _RDF_TYPE, str(q.predicate), str(q.object))


def _graph(g: Any) -> Any:
    return ox.DefaultGraph() if g is None or isinstance(g, ox.DefaultGraph) else to_ox(g)


def serialize(quads: Iterable[tuple[Any, Any, Any, Any]], fmt: str) -> bytes:
    """``quads`` (rdflib or pyoxigraph terms; graph None for the default graph) in format ``fmt``.

    ``fmt`` is one of ttl, nt, nq, trig, jsonld, xml. The same set of quads
    always gives the same bytes.
    """
    target = _OX_FORMATS.get(fmt)
    if target is None:
        raise KgError(f"unknown RDF format {fmt!r} (expected one of {', '.join(_OX_FORMATS)})")
    prefixes = PREFIXES if fmt in ("ttl", "trig", "xml") else None
    if fmt in QUAD_FORMATS:
        qs = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), _graph(g)) for s, p, o, g in quads}
        return ox.serialize(sorted(qs, key=_quad_key), format=target, prefixes=prefixes)
    ts = {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o, _g in quads}
    return ox.serialize(sorted(ts, key=_triple_key), format=target, prefixes=prefixes)


def write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same directory, then ``os.replace``.

    A reader sees the old file or the new one, never half of one; on any
    error the temporary file is removed.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def parse_file(path: str | Path) -> Dataset:
    """Read an RDF file of any :data:`FORMATS` extension into an rdflib Dataset.

    The Dataset is backed by Oxigraph (fast to load and query) and its default
    graph is the union of all graphs. Raises :class:`~kg.errors.InputError`
    naming the file when it is missing, of unknown format or not valid RDF.
    """
    from oxrdflib import OxigraphStore

    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown RDF format {path.suffix!r} (expected one of {known})")
    store = load_file(path)
    return Dataset(store=OxigraphStore(store=store), default_union=True)
