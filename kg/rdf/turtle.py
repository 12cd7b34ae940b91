"""Turtle text of RDF terms and subject blocks, written directly.

A corpus build writes about a million triples. Making an rdflib term for each,
turning it into N-Triples, and having a serialiser parse and print it again
took two thirds of the build's CPU (``BENCHMARKS.md``, profile of 09:39).
govkg's graph has a fixed shape (IRIs minted by :func:`kg.rdf.namespace.mint`,
literals that are strings, integers, decimals, dates), so its Turtle can be
printed straight from Python strings: this module is the only place that
knows the syntax. Every term it prints is also valid in TriG, and the tests
parse its output with both Oxigraph and rdflib. :class:`DocumentGraph` is one
document's graph in this form, what a build worker hands to the writer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, URIRef
from rdflib.namespace import DCTERMS

from .namespace import GKG, ORG, PROV, QB, SCHEMA

__all__ = [
    "PREFIXES",
    "header",
    "iri",
    "term",
    "string",
    "typed",
    "integer",
    "boolean",
    "block",
    "blocks",
    "expand",
    "TYPE",
    "DocumentGraph",
]

#: Prefixes written in Turtle, TriG and RDF/XML. There is deliberately no
#: prefix for instance IRIs (``https://w3id.org/govkg/id/``): their local parts
#: contain '/', which Turtle can only write escaped (``id:doc\/x``).
PREFIXES: dict[str, str] = {
    "gkg": str(GKG._NS),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "qb": str(QB),
}

#: The predicate ``rdf:type`` as Turtle writes it.
TYPE = "a"

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# A local name we may print after a prefix: the conservative subset of PN_LOCAL.
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def header() -> str:
    """The ``@prefix`` lines that start a Turtle or TriG file."""
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items())


def iri(value: str) -> str:
    """An IRI minted by :mod:`kg.rdf.namespace` (already free of characters Turtle forbids)."""
    return f"<{value}>"


@lru_cache(maxsize=4096)
def term(value: URIRef) -> str:
    """An ontology or vocabulary IRI, as a prefixed name where one is safe (``gkg:Metric``)."""
    text = str(value)
    if text == str(RDF.type):
        return TYPE
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and _LOCAL.match(text, len(ns)):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def expand(text: str) -> str:
    """The full IRI of a term :func:`term` or :func:`iri` printed."""
    if text.startswith("<"):
        return text[1:-1]
    if text == TYPE:
        return str(RDF.type)
    prefix, _, local = text.partition(":")
    return PREFIXES[prefix] + local


def string(text: str, lang: str | None = None) -> str:
    """A string literal, with a language tag if given (``"司法厅"@zh``)."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:  # rare: four C scans beat translate
        text = text.translate(_ESCAPES)
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def typed(lexical: str, datatype: URIRef) -> str:
    """A literal of a datatype: ``"2023"^^xsd:gYear``."""
    return f'"{lexical.translate(_ESCAPES)}"^^{term(datatype)}'


def integer(value: int) -> str:
    """An ``xsd:integer`` in Turtle's short form."""
    return str(int(value))


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` in Turtle's short form."""
    return "true" if value else "false"


def block(subject: str, pairs: Iterable[tuple[str, str]]) -> str:
    """One subject with its predicate-object pairs: ``s p1 o1 ;\\n    p2 o2 .``."""
    return subject + " " + " ;\n    ".join(f"{p} {o}" for p, o in pairs) + " .\n"


def blocks(subjects: Mapping[str, Iterable[tuple[str, str]]]) -> str:
    """Subject blocks in the mapping's order (subjects with no pairs left out)."""
    return "".join(block(s, pairs) for s, pairs in subjects.items() if pairs)


@dataclass
class DocumentGraph:
    """One document's named graph as Turtle text: what a build worker hands to the writer.

    ``own`` holds the triples no other document can state, because their
    subject or object was minted for this document (its sections, sentences,
    mentions, metrics, statements; an entity's ``gkg:mentionedIn`` one of its
    sentences). ``shared`` lists the others (what entities, posts and units
    are called and how they relate), which the union graph must write only
    once; ``shared_text`` is the same triples as blocks. Terms are Turtle
    text (:mod:`kg.rdf.turtle`).
    """

    doc_id: str
    graph: str  #: the named graph's IRI, in Turtle
    own: str
    own_triples: int
    own_classes: Counter[str] = field(default_factory=Counter)  #: class IRI → nodes of this document
    shared: list[tuple[str, str, str]] = field(default_factory=list)
    shared_text: str = ""

    def trig(self) -> str:
        """This graph as a TriG block."""
        opening, closing = self.trig_frame()
        return opening + self.own + closing

    def trig_frame(self) -> tuple[str, str]:
        """The text of :meth:`trig` before and after ``own``: for a writer that has ``own``
        encoded already (it goes in both of a build's files) and puts it in between."""
        return f"{self.graph} {{\n", f"{self.shared_text}}}\n"

    def turtle(self) -> str:
        """Every triple of this graph as Turtle (without the ``@prefix`` header)."""
        return self.own + self.shared_text

    @property
    def triples(self) -> int:
        """How many triples this graph holds."""
        return self.own_triples + len(self.shared)

    def classes(self) -> Counter[str]:
        """Instances per class IRI in this graph (shared nodes counted as if alone)."""
        out = Counter(self.own_classes)
        out.update(expand(o) for _s, p, o in self.shared if p == TYPE)
        return out

    def parse(self) -> Iterator[ox.Triple]:
        """This graph's triples as pyoxigraph terms (for a store, or rdflib via them)."""
        return ox.parse((header() + self.turtle()).encode("utf-8"), format=ox.RdfFormat.TURTLE)
