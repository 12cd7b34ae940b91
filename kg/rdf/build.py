"""Resolved documents → RDF triples, in the shape ``kg.rdf.namespace`` documents.

:func:`document_graph` gives every triple of one document's named graph:
the document, its sections and sentences, the mentions and the entities they
denote, posts, metrics, and each relation both as a plain triple and as an
``rdf:Statement`` with the sentence it came from. IRIs are minted from names
and positions only (no blank nodes), so the same input always gives the same
triples, and the same entity in two documents is one node.

The triples are printed as Turtle text directly (:mod:`kg.rdf.turtle`), in
the worker that extracted the document: making rdflib terms for every
triple, then N-Triples, then having a serialiser parse and print them took
two thirds of a corpus build. :func:`document_triples` gives rdflib terms
for library use, and :func:`build_graph` puts many documents into one
rdflib ``Dataset``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import XSD, Dataset
from rdflib.term import Node

from ..model import REPORTER, Entity, Metric, Resolved
from . import turtle as ttl
from .namespace import doc_iri, graph_iri, mint, unit_iri
from .source import from_ox
from .terms import (
    CLASS_TERM,
    PREDICATE_TERM,
    PREDICATES,
    T,
    canonical_decimal,
    concept_term,
    entity_iri,
    entity_term,
    is_date,
    plain,
    zh,
)
from .turtle import DocumentGraph

__all__ = [
    "document_graph",
    "document_triples",
    "build_graph",
    "canonical_decimal",
    "entity_iri",
    "Triple",
    "PREDICATES",
]

Triple = tuple[Node, Node, Node]

#: The concept scheme prefix of ``gkg:kind`` for each entity kind (people have none).
_KIND_SCHEME = {k: k for k in ("agency", "place", "policy", "work", "initiative")}
#: Parent link when ``Entity.parent_relation`` is not given.
_DEFAULT_PARENT = {"place": "contained_in", "agency": "sub_organization_of"}
_YEAR = re.compile(r"^\d{4}$")


class _Builder:
    """Prints one document's triples as Turtle text, in a stable order, without duplicates.

    A node minted for this document (section, sentence, mention, metric,
    statement) is printed as one block when it is made: nothing else can add
    to it. Triples about entities, which several parts of the document (and
    other documents) may state again, are gathered in dictionaries first.
    """

    def __init__(self, resolved: Resolved) -> None:
        self.r = resolved
        self.doc = resolved.document
        self.doc_node = ttl.iri(doc_iri(self.doc.id))
        self._node_prefix = self.doc_node[:-1] + "/"  # + "sentence/3>": doc_iri without minting
        self.blocks: list[str] = []  #: printed nodes of this document
        self.printed = 0  #: triples in ``blocks``
        self.linked: dict[str, dict[tuple[str, str], None]] = {}  #: entity → pairs naming this document's nodes
        self.shared: dict[str, dict[tuple[str, str], None]] = {}
        self.classes: Counter[str] = Counter()  #: class (as Turtle) → nodes of this document
        seg = resolved.extraction.segmented
        self.sections = {s.index: s for s in seg.sections}
        self.sentences = {s.index: s for s in seg.sentences}
        self.entities = {e.key: e for e in resolved.entities}
        self.keys = resolved.mention_entities
        self.referenced: dict[str, str] = {}  #: entity key → its IRI, in the order first named
        self.statements = 0

    def emit(self, node: str, cls: str, pairs: list[tuple[str, str | None]]) -> None:
        """Print a node minted for this document: its class, then the pairs whose object is not None.

        The block is :func:`kg.rdf.turtle.block`'s text, joined here in one
        pass: this runs for every sentence, mention and metric.
        """
        kept = [f"{p} {o}" for p, o in pairs if o is not None]
        self.classes[cls] += 1
        self.printed += len(kept) + 1
        self.blocks.append(f"{node} a {cls} ;\n    " + " ;\n    ".join(kept) + " .\n" if kept else f"{node} a {cls} .\n")

    def link(self, entity: str, p: str, o: str | None) -> None:
        """A triple about an entity that names one of this document's nodes."""
        if o is not None:
            self.linked.setdefault(entity, {})[(p, o)] = None

    def add_shared(self, s: str, p: str, o: str | None) -> None:
        """A triple about a node other documents may also describe."""
        if o is not None:
            self.shared.setdefault(s, {})[(p, o)] = None

    # --- nodes minted per document -------------------------------------------------

    def node(self, kind: str, index: int) -> str:
        return f"{self._node_prefix}{kind}/{index}>"

    def section(self, index: int | None) -> str | None:
        return self.node("section", index) if index is not None and index in self.sections else None

    def sentence(self, index: int) -> str:
        return self.node("sentence", index)

    def mention_key(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self.keys):
            return None
        return self.keys[index]

    def entity(self, key: str) -> str:
        iri = self.referenced.get(key)
        if iri is None:
            iri = self.referenced[key] = entity_term(key)
        return iri

    def statement(self, s: str, p: str, o: str, sentence: int, *, implied: bool = False) -> None:
        """The plain triple and its reification with the sentence it came from."""
        self.add_shared(s, p, o)
        node = self.node("statement", self.statements)
        self.statements += 1
        self.emit(node, T.Statement, [
            (T.subject, s),
            (T.predicate, p),
            (T.object, o),
            (T.derived, self.sentence(sentence) if sentence in self.sentences else None),
            (T.impliedSubject, ttl.boolean(True) if implied else None),
        ])

    # --- the parts of a document ----------------------------------------------------

    def document(self) -> None:
        d, year = self.doc, self.r.year
        published = None
        if d.published:
            published = ttl.typed(d.published, XSD.date) if is_date(d.published) else ttl.string(d.published)
        self.emit(self.doc_node, T.Document, [
            (T.title, zh(d.title)),
            (T.alternative, zh(d.subtitle)),
            (T.issued, published),
            (T.sourceName, plain(d.source)),
            (T.source, ttl.iri(d.url) if d.url else None),
            (T.editor, self.entity(f"person:{d.editor}") if d.editor else None),
            (T.author, plain(d.author)),
            (T.year, (ttl.typed(year, XSD.gYear) if _YEAR.match(year) else ttl.string(year)) if year else None),
            (T.sha256, plain(d.sha256)),
            (T.sourceFile, ttl.string(PurePath(d.path).name) if d.path else None),
            (T.publisher, self.entity(self.r.publisher) if self.r.publisher else None),
        ])

    def structure(self) -> None:
        siblings: dict[int | None, int] = {}
        for s in sorted(self.sections.values(), key=lambda s: s.index):
            parent = self.section(s.parent) if s.parent is not None else None
            order = siblings.get(s.parent, 0)
            siblings[s.parent] = order + 1
            self.emit(self.node("section", s.index), T.Section, [
                (T.title, zh(s.title)),
                (T.order, ttl.integer(order)),
                (T.isPartOf, parent or self.doc_node),
                (T.inDocument, self.doc_node),
                (T.begin, ttl.integer(s.start)),
                (T.end, ttl.integer(s.end)),
            ])
        for order, s in enumerate(sorted(self.sentences.values(), key=lambda s: s.index)):
            self.emit(self.sentence(s.index), T.Sentence, [
                (T.text, ttl.string(s.text)),
                (T.begin, ttl.integer(s.start)),
                (T.end, ttl.integer(s.end)),
                (T.order, ttl.integer(order)),
                (T.role, concept_term("role", s.role)),
                (T.inDocument, self.doc_node),
                (T.inSection, self.section(s.section)),
            ])

    def mentions(self) -> None:
        for i, m in enumerate(self.r.extraction.mentions):
            key = self.mention_key(i)
            if key is None or m.sentence not in self.sentences:
                continue
            target, sentence = self.entity(key), self.sentence(m.sentence)
            self.emit(self.node("mention", i), T.Mention, [
                (T.denotes, target),
                (T.text, ttl.string(m.text)),
                (T.begin, ttl.integer(m.start)),
                (T.end, ttl.integer(m.end)),
                (T.inSentence, sentence),
                (T.inDocument, self.doc_node),
            ])
            self.link(target, T.mentionedIn, sentence)
            if key.startswith("initiative:"):
                self.link(target, T.partOfSection, self.section(self.sentences[m.sentence].section))

    def posts(self) -> None:
        for person_key, title, agency_key, sentence in self.r.posts:
            person = self.entity(person_key)
            agency_name = agency_key.partition(":")[2] if agency_key else "-"
            post = ttl.iri(mint("post", agency_name, title))
            self.add_shared(post, T.type, T.Post)
            self.add_shared(post, T.prefLabel, zh(title))
            self.add_shared(post, T.heldBy, person)
            self.statement(person, T.holds, post, sentence)
            if agency_key:
                self.statement(post, T.postIn, self.entity(agency_key), sentence)

    def relations(self) -> None:
        for rel in self.r.extraction.relations:
            spec = PREDICATE_TERM.get(rel.predicate)
            implied = rel.subject == REPORTER  # the report's own agency: the text leaves it out
            a = self.r.reporter if implied else self.mention_key(rel.subject)
            b = self.mention_key(rel.object)
            if spec is None or a is None or b is None or a == b:
                continue
            predicate, reverse = spec
            s, o = (self.entity(b), self.entity(a)) if reverse else (self.entity(a), self.entity(b))
            self.statement(s, predicate, o, rel.sentence, implied=implied)

    def metrics(self) -> None:
        metrics = self.r.extraction.metrics
        for i, x in enumerate(metrics):
            self.metric(self.node("metric", i), x, len(metrics))

    def metric(self, node: str, x: Metric, count: int) -> None:
        value = None
        if isinstance(x.value, (Decimal, int)) and Decimal(x.value).is_finite():
            value = f'"{canonical_decimal(x.value)}"^^{T.decimal}'
        unit = None
        if x.unit:
            unit = ttl.iri(unit_iri(x.unit))
            self.add_shared(unit, T.type, T.Concept)
            self.add_shared(unit, T.inScheme, T.Units)
            self.add_shared(unit, T.prefLabel, zh(x.unit))
        subject = self.mention_key(x.subject)
        where = self.sentences.get(x.sentence)
        self.emit(node, T.Metric, [
            (T.value, value),
            (T.unit, unit),
            (T.qualifier, concept_term("qualifier", x.qualifier)),
            (T.metricKind, concept_term("metric", x.kind)),
            (T.text, ttl.string(x.text)),
            (T.measure, plain(x.about)),
            (T.about, self.entity(subject) if subject else None),
            (T.period, plain(x.period or self.r.year)),
            (T.basePeriod, plain(x.base_period)),
            (T.direction, plain(x.direction)),
            (T.partOf, self.node("metric", x.parent) if x.parent is not None and 0 <= x.parent < count else None),
            (T.begin, ttl.integer(x.start)),
            (T.end, ttl.integer(x.end)),
            (T.inDocument, self.doc_node),
            (T.inSection, self.section(where.section) if where is not None else None),
            (T.derived, self.sentence(x.sentence) if where is not None else None),
        ])

    def entity_nodes(self) -> None:
        """Every entity of the document, and a minimal node for each key only referenced."""
        for e in self.r.entities:
            self.entity(e.key)
        for key in list(self.referenced):
            e = self.entities.get(key)
            if e is None:
                kind, _, name = key.partition(":")
                e = Entity(kind=kind, name=name)
            self.entity_node(e)

    def entity_node(self, e: Entity) -> None:
        node = entity_term(e.key)
        self.add_shared(node, T.type, CLASS_TERM.get(e.kind))
        self.add_shared(node, T.prefLabel, zh(e.name))
        for alias in e.aliases:
            if alias != e.name:
                self.add_shared(node, T.altLabel, zh(alias))
        scheme = _KIND_SCHEME.get(e.kind)
        if scheme is not None:
            kind = concept_term(scheme, e.subtype) if e.subtype else None
            if kind is None and (e.kind == "policy" or e.subtype):
                kind = concept_term(scheme, "other")  # a policy always has a kind; unknown ones are "other"
            self.add_shared(node, T.kind, kind)
        self.add_shared(node, T.divisionCode, plain(e.code))
        if e.parent and e.parent != e.key:
            relation = e.parent_relation or _DEFAULT_PARENT.get(e.kind)
            spec = PREDICATE_TERM.get(relation or "")
            if spec is not None:
                parent = entity_term(e.parent)
                if e.parent not in self.referenced:
                    self.entity(e.parent)
                    kind, _, name = e.parent.partition(":")
                    self.entity_node(self.entities.get(e.parent) or Entity(kind=kind, name=name))
                self.add_shared(node, spec[0], parent)

    def result(self) -> DocumentGraph:
        shared = [(s, p, o) for s, pairs in self.shared.items() for p, o in pairs]
        return DocumentGraph(
            doc_id=self.doc.id,
            graph=ttl.iri(graph_iri(self.doc.id)),
            own="".join(self.blocks) + ttl.blocks(self.linked),
            own_triples=self.printed + sum(map(len, self.linked.values())),
            own_classes=Counter({ttl.expand(cls): n for cls, n in self.classes.items()}),
            shared=shared,
            shared_text=ttl.blocks(self.shared),
        )


def document_graph(resolved: Resolved) -> DocumentGraph:
    """One document's named graph (see ``kg.rdf.namespace``) as Turtle text: what a build writes."""
    b = _Builder(resolved)
    b.document()
    b.structure()
    b.mentions()
    b.posts()
    b.relations()
    b.metrics()
    b.entity_nodes()
    return b.result()


def document_triples(resolved: Resolved) -> list[Triple]:
    """All triples of one document's named graph as rdflib terms, in a stable order, no blank nodes.

    For library users and tests; a build writes :func:`document_graph`'s text instead.
    """
    return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in document_graph(resolved).parse()]


def build_graph(resolved_docs: Iterable[Resolved]) -> Dataset:
    """One named graph per document (:func:`kg.rdf.namespace.graph_iri`) in an Oxigraph-backed Dataset.

    The default graph is the union of the named graphs. Each document's TriG
    is bulk-loaded into the pyoxigraph store underneath (see ``../shared/STACK-NOTES.md``).
    """
    ds = Dataset(store="Oxigraph", default_union=True)
    inner = ds.store._inner  # the pyoxigraph Store: bulk insert, no per-triple Python overhead
    for resolved in resolved_docs:
        text = ttl.header() + document_graph(resolved).trig()
        inner.extend(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TRIG))
    return ds
