"""Resolved documents → RDF triples, in the shape ``kg.rdf.namespace`` documents.

:func:`document_triples` gives every triple of one document's named graph:
the document, its sections and sentences, the mentions and the entities they
denote, posts, metrics, and each relation both as a plain triple and as an
``rdf:Statement`` with the sentence it came from. IRIs are minted from names
and positions only (no blank nodes), so the same input always gives the same
triples, and the same entity in two documents is one node.
:func:`build_graph` puts many documents into one rdflib ``Dataset``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from rdflib import RDF, SKOS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ..model import REPORTER, Entity, Metric, Resolved
from .namespace import (
    ENTITY_KIND_CLASS,
    GKG,
    ORG,
    PROV,
    SCHEMA,
    concept,
    doc_iri,
    graph_iri,
    mint,
    unit_iri,
)

__all__ = ["document_triples", "build_graph", "canonical_decimal", "entity_iri", "Triple", "PREDICATES"]

Triple = tuple[Node, Node, Node]

#: How each relation of :data:`kg.model.RELATIONS` is written: predicate, and
#: whether the triple runs object → subject (agency *issues* policy is
#: ``policy gkg:issuedBy agency``).
PREDICATES: dict[str, tuple[URIRef, bool]] = {
    "issues": (GKG.issuedBy, True),
    "implements": (GKG.implements, False),
    "leads": (GKG.ledBy, True),
    "participates": (GKG.participant, True),
    "located_in": (GKG.location, False),
    "sub_organization_of": (ORG.subOrganizationOf, False),
    "unit_of": (ORG.unitOf, False),
    "contained_in": (SCHEMA.containedInPlace, False),
}

#: The concept scheme prefix of ``gkg:kind`` for each entity kind (people have none).
_KIND_SCHEME = {k: k for k in ("agency", "place", "policy", "work", "initiative")}
#: Parent link when ``Entity.parent_relation`` is not given.
_DEFAULT_PARENT = {"place": "contained_in", "agency": "sub_organization_of"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def canonical_decimal(value: Decimal | int | str) -> str:
    """The XSD 1.1 canonical form of a decimal: ``82934.0`` → ``82934``, ``0.50`` → ``0.5``.

    Oxigraph stores decimals in this form, so writing it ourselves keeps
    rdflib and Oxigraph round trips isomorphic. No context rounding is applied.
    """
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite():
        raise ValueError(f"not a finite decimal: {value!r}")
    if d == 0:
        return "0"
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _decimal(value: Decimal | int | str) -> Literal:
    return Literal(canonical_decimal(value), datatype=XSD.decimal)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key: ``"agency:甘肃省司法厅"`` → ``id:agency/甘肃省司法厅``."""
    kind, _, name = key.partition(":")
    return mint(kind, name)


class _Builder:
    """Collects one document's triples in a stable order, without duplicates."""

    def __init__(self, resolved: Resolved) -> None:
        self.r = resolved
        self.doc = resolved.document
        self.doc_node = doc_iri(self.doc.id)
        self.out: dict[Triple, None] = {}
        seg = resolved.extraction.segmented
        self.sections = {s.index: s for s in seg.sections}
        self.sentences = {s.index: s for s in seg.sentences}
        self.entities = {e.key: e for e in resolved.entities}
        self.keys = resolved.mention_entities
        self.referenced: dict[str, None] = {}
        self.statements = 0

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.out[(s, p, o)] = None

    # --- nodes minted per document -------------------------------------------------

    def section(self, index: int | None) -> URIRef | None:
        return doc_iri(self.doc.id, "section", index) if index in self.sections else None

    def sentence(self, index: int) -> URIRef:
        return doc_iri(self.doc.id, "sentence", index)

    def mention_key(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self.keys):
            return None
        return self.keys[index]

    def entity(self, key: str) -> URIRef:
        self.referenced.setdefault(key)
        return entity_iri(key)

    def statement(self, s: URIRef, p: URIRef, o: URIRef, sentence: int) -> URIRef:
        """The plain triple and its reification with the sentence it came from."""
        self.add(s, p, o)
        node = doc_iri(self.doc.id, "statement", self.statements)
        self.statements += 1
        self.add(node, RDF.type, RDF.Statement)
        self.add(node, RDF.subject, s)
        self.add(node, RDF.predicate, p)
        self.add(node, RDF.object, o)
        if sentence in self.sentences:
            self.add(node, PROV.wasDerivedFrom, self.sentence(sentence))
        return node

    # --- the parts of a document ----------------------------------------------------

    def document(self) -> None:
        d, node = self.doc, self.doc_node
        self.add(node, RDF.type, GKG.Document)
        self.add(node, DCTERMS.title, _zh(d.title) if d.title else None)
        self.add(node, DCTERMS.alternative, _zh(d.subtitle) if d.subtitle else None)
        if d.published:
            dt = XSD.date if _is_date(d.published) else None
            self.add(node, DCTERMS.issued, Literal(d.published, datatype=dt))
        self.add(node, GKG.sourceName, Literal(d.source) if d.source else None)
        if d.editor:
            self.add(node, GKG.editor, self.entity(f"person:{d.editor}"))
        self.add(node, GKG.author, Literal(d.author) if d.author else None)
        year = self.r.year
        if year:
            self.add(node, GKG.year, Literal(year, datatype=XSD.gYear if _YEAR.match(year) else None))
        self.add(node, GKG.sha256, Literal(d.sha256) if d.sha256 else None)
        if d.path:
            self.add(node, GKG.sourceFile, Literal(PurePath(d.path).name))
        if self.r.publisher:
            self.add(node, DCTERMS.publisher, self.entity(self.r.publisher))

    def structure(self) -> None:
        siblings: dict[int | None, int] = {}
        for s in sorted(self.sections.values(), key=lambda s: s.index):
            node = self.section(s.index)
            assert node is not None
            parent = self.section(s.parent) if s.parent is not None else None
            order = siblings.get(s.parent, 0)
            siblings[s.parent] = order + 1
            self.add(node, RDF.type, GKG.Section)
            self.add(node, DCTERMS.title, _zh(s.title) if s.title else None)
            self.add(node, GKG.order, Literal(order))
            self.add(node, DCTERMS.isPartOf, parent or self.doc_node)
            self.add(node, GKG.inDocument, self.doc_node)
            self.add(node, GKG.begin, Literal(s.start))
            self.add(node, GKG.end, Literal(s.end))
        for order, s in enumerate(sorted(self.sentences.values(), key=lambda s: s.index)):
            node = self.sentence(s.index)
            self.add(node, RDF.type, GKG.Sentence)
            self.add(node, GKG.text, Literal(s.text))
            self.add(node, GKG.begin, Literal(s.start))
            self.add(node, GKG.end, Literal(s.end))
            self.add(node, GKG.order, Literal(order))
            self.add(node, GKG.role, _concept("role", s.role))
            self.add(node, GKG.inDocument, self.doc_node)
            self.add(node, GKG.inSection, self.section(s.section))

    def mentions(self) -> None:
        for i, m in enumerate(self.r.extraction.mentions):
            key = self.mention_key(i)
            if key is None or m.sentence not in self.sentences:
                continue
            node, target, sentence = doc_iri(self.doc.id, "mention", i), self.entity(key), self.sentence(m.sentence)
            self.add(node, RDF.type, GKG.Mention)
            self.add(node, GKG.denotes, target)
            self.add(node, GKG.text, Literal(m.text))
            self.add(node, GKG.begin, Literal(m.start))
            self.add(node, GKG.end, Literal(m.end))
            self.add(node, GKG.inSentence, sentence)
            self.add(node, GKG.inDocument, self.doc_node)
            self.add(target, GKG.mentionedIn, sentence)
            if key.startswith("initiative:"):
                self.add(target, GKG.partOfSection, self.section(self.sentences[m.sentence].section))

    def posts(self) -> None:
        for person_key, title, agency_key, sentence in self.r.posts:
            person = self.entity(person_key)
            agency_name = agency_key.partition(":")[2] if agency_key else "-"
            post = mint("post", agency_name, title)
            self.add(post, RDF.type, GKG.Post)
            self.add(post, SKOS.prefLabel, _zh(title))
            self.add(post, ORG.heldBy, person)
            self.statement(person, ORG.holds, post, sentence)
            if agency_key:
                self.statement(post, ORG.postIn, self.entity(agency_key), sentence)

    def relations(self) -> None:
        for rel in self.r.extraction.relations:
            spec = PREDICATES.get(rel.predicate)
            implied = rel.subject == REPORTER  # the report's own agency: the text leaves it out
            a = self.r.reporter if implied else self.mention_key(rel.subject)
            b = self.mention_key(rel.object)
            if spec is None or a is None or b is None or a == b:
                continue
            predicate, reverse = spec
            s, o = (self.entity(b), self.entity(a)) if reverse else (self.entity(a), self.entity(b))
            node = self.statement(s, predicate, o, rel.sentence)
            if implied:
                self.add(node, GKG.impliedSubject, Literal(True))

    def metrics(self) -> None:
        metrics = self.r.extraction.metrics
        for i, x in enumerate(metrics):
            self.metric(doc_iri(self.doc.id, "metric", i), x, len(metrics))

    def metric(self, node: URIRef, x: Metric, count: int) -> None:
        self.add(node, RDF.type, GKG.Metric)
        if isinstance(x.value, (Decimal, int)) and Decimal(x.value).is_finite():
            self.add(node, GKG.value, _decimal(x.value))
        if x.unit:
            unit = unit_iri(x.unit)
            self.add(node, GKG.unit, unit)
            self.add(unit, RDF.type, SKOS.Concept)
            self.add(unit, SKOS.inScheme, GKG.Units)
            self.add(unit, SKOS.prefLabel, _zh(x.unit))
        self.add(node, GKG.qualifier, _concept("qualifier", x.qualifier))
        self.add(node, GKG.metricKind, _concept("metric", x.kind))
        self.add(node, GKG.text, Literal(x.text))
        self.add(node, GKG.measure, Literal(x.about) if x.about else None)
        subject = self.mention_key(x.subject)
        self.add(node, GKG.about, self.entity(subject) if subject else None)
        period = x.period or self.r.year
        self.add(node, GKG.period, Literal(period) if period else None)
        self.add(node, GKG.basePeriod, Literal(x.base_period) if x.base_period else None)
        self.add(node, GKG.direction, Literal(x.direction) if x.direction else None)
        if x.parent is not None and 0 <= x.parent < count:
            self.add(node, GKG.partOf, doc_iri(self.doc.id, "metric", x.parent))
        self.add(node, GKG.begin, Literal(x.start))
        self.add(node, GKG.end, Literal(x.end))
        self.add(node, GKG.inDocument, self.doc_node)
        if x.sentence in self.sentences:
            self.add(node, GKG.inSection, self.section(self.sentences[x.sentence].section))
            self.add(node, PROV.wasDerivedFrom, self.sentence(x.sentence))

    def entity_nodes(self) -> None:
        """Every entity of the document, and a minimal node for each key only referenced."""
        for e in self.r.entities:
            self.referenced.setdefault(e.key)
        for key in list(self.referenced):
            e = self.entities.get(key)
            if e is None:
                kind, _, name = key.partition(":")
                e = Entity(kind=kind, name=name)
            self.entity_node(e)

    def entity_node(self, e: Entity) -> None:
        node = entity_iri(e.key)
        self.add(node, RDF.type, ENTITY_KIND_CLASS.get(e.kind))
        self.add(node, SKOS.prefLabel, _zh(e.name))
        for alias in e.aliases:
            if alias != e.name:
                self.add(node, SKOS.altLabel, _zh(alias))
        scheme = _KIND_SCHEME.get(e.kind)
        if scheme is not None:
            kind = _concept(scheme, e.subtype) if e.subtype else None
            if kind is None and (e.kind == "policy" or e.subtype):
                kind = _concept(scheme, "other")  # a policy always has a kind; unknown ones are "other"
            self.add(node, GKG.kind, kind)
        self.add(node, GKG.divisionCode, Literal(e.code) if e.code else None)
        if e.parent and e.parent != e.key:
            relation = e.parent_relation or _DEFAULT_PARENT.get(e.kind)
            spec = PREDICATES.get(relation or "")
            if spec is not None:
                parent = entity_iri(e.parent)
                if e.parent not in self.referenced:
                    self.referenced[e.parent] = None
                    kind, _, name = e.parent.partition(":")
                    self.entity_node(self.entities.get(e.parent) or Entity(kind=kind, name=name))
                self.add(node, spec[0], parent)


def _is_date(text: str) -> bool:
    """True for a valid ISO date (an invalid one, 2024-02-30, stays a plain string)."""
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _concept(scheme: str, name: str) -> URIRef | None:
    """The SKOS concept ``gkg:{scheme}_{name}``, or None for a name the ontology lacks."""
    try:
        return concept(scheme, name)
    except AttributeError:
        return None


def document_triples(resolved: Resolved) -> list[Triple]:
    """All triples of one document's named graph (see ``kg.rdf.namespace``), no blank nodes."""
    b = _Builder(resolved)
    b.document()
    b.structure()
    b.mentions()
    b.posts()
    b.relations()
    b.metrics()
    b.entity_nodes()
    return list(b.out)


def _quads(resolved_docs: Iterable[Resolved]) -> Iterator[tuple[Node, Node, Node, URIRef]]:
    for resolved in resolved_docs:
        g = graph_iri(resolved.document.id)
        for s, p, o in document_triples(resolved):
            yield s, p, o, g


def build_graph(resolved_docs: Iterable[Resolved]) -> Dataset:
    """One named graph per document (:func:`kg.rdf.namespace.graph_iri`) in an Oxigraph-backed Dataset.

    The default graph is the union of the named graphs. Triples are bulk-loaded
    into the pyoxigraph store underneath (see ``../shared/STACK-NOTES.md``).
    """
    import pyoxigraph as ox

    from .store import to_ox

    ds = Dataset(store="Oxigraph", default_union=True)
    inner = ds.store._inner  # the pyoxigraph Store: bulk insert, no per-triple Python overhead
    inner.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in _quads(resolved_docs))
    return ds
