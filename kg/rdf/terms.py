"""The Turtle text of the terms :mod:`kg.rdf.build` writes, computed once per process.

Fixed ontology and vocabulary terms (:data:`T`), how each relation is
written (:data:`PREDICATES`), entity IRIs, concepts and literals. Looking terms
up on ``GKG`` or minting an IRI for each of a million triples cost seconds, so
everything that recurs is computed once and cached.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace

from rdflib import RDF, SKOS, XSD, URIRef
from rdflib.namespace import DCTERMS

from . import turtle as ttl
from .namespace import ENTITY_KIND_CLASS, GKG, ORG, PROV, SCHEMA, concept, mint

__all__ = [
    "CLASS_TERM",
    "PREDICATES",
    "PREDICATE_TERM",
    "T",
    "canonical_decimal",
    "concept_term",
    "entity_iri",
    "entity_term",
    "is_date",
    "plain",
    "zh",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

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

#: The Turtle text of every fixed term the builder writes, computed once
#: (looking terms up on ``GKG`` for each of a million triples cost seconds).
T = SimpleNamespace(
    **{
        name: ttl.term(value)
        for name, value in {
            "type": RDF.type,
            "Statement": RDF.Statement,
            "subject": RDF.subject,
            "predicate": RDF.predicate,
            "object": RDF.object,
            "derived": PROV.wasDerivedFrom,
            "title": DCTERMS.title,
            "alternative": DCTERMS.alternative,
            "issued": DCTERMS.issued,
            "source": DCTERMS.source,
            "publisher": DCTERMS.publisher,
            "isPartOf": DCTERMS.isPartOf,
            "prefLabel": SKOS.prefLabel,
            "altLabel": SKOS.altLabel,
            "Concept": SKOS.Concept,
            "inScheme": SKOS.inScheme,
            "heldBy": ORG.heldBy,
            "holds": ORG.holds,
            "postIn": ORG.postIn,
            "date": XSD.date,
            "gYear": XSD.gYear,
            "decimal": XSD.decimal,
            **{
                name: getattr(GKG, name)
                for name in (
                    "Document Section Sentence Mention Metric Post Units sourceName editor author year "
                    "sha256 sourceFile order inDocument begin end text role inSection denotes inSentence "
                    "mentionedIn partOfSection impliedSubject value unit qualifier metricKind measure about "
                    "period basePeriod direction partOf kind divisionCode"
                ).split()
            },
        }.items()
    }
)
CLASS_TERM = {kind: ttl.term(cls) for kind, cls in ENTITY_KIND_CLASS.items()}
PREDICATE_TERM = {name: (ttl.term(p), reverse) for name, (p, reverse) in PREDICATES.items()}


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


def zh(text: str | None) -> str | None:
    """``text`` as a Turtle ``@zh`` literal; None for no text or an empty one (no triple)."""
    return ttl.string(text, "zh") if text else None


def plain(text: str | None) -> str | None:
    """``text`` as a plain Turtle string literal; None for no text or an empty one (no triple)."""
    return ttl.string(text) if text else None


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key: ``"agency:甘肃省司法厅"`` → ``id:agency/甘肃省司法厅``."""
    kind, _, name = key.partition(":")
    return mint(kind, name)


@lru_cache(maxsize=65536)
def entity_term(key: str) -> str:
    """An entity key's IRI in Turtle; the same agencies and places recur in report after report."""
    return ttl.iri(entity_iri(key))


def is_date(text: str) -> bool:
    """True for a valid ISO date (an invalid one, 2024-02-30, stays a plain string)."""
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1024)
def concept_term(scheme: str, name: str) -> str | None:
    """The SKOS concept ``gkg:{scheme}_{name}`` in Turtle, or None for a name the ontology lacks."""
    try:
        return ttl.term(concept(scheme, name))
    except AttributeError:
        return None
