"""The govkg ontology's terms as constants, and the instance IRI scheme.

Every IRI govkg writes comes from here: ``GKG`` for the ontology
(``ontology/govkg.ttl`` defines each term; a test checks the two agree) and
:func:`mint` for instances under ``https://w3id.org/govkg/id/``.

Graph shape (what ``kg.rdf.build`` writes, what queries may rely on):

- ``id:doc/{doc}`` a gkg:Document; dcterms:title, dcterms:issued, gkg:sourceName,
  dcterms:source (the page it was published on), gkg:editor (a gkg:Person),
  gkg:author, gkg:year, gkg:sha256, dcterms:publisher.
- ``id:doc/{doc}/section/{n}`` a gkg:Section; dcterms:title, gkg:order,
  dcterms:isPartOf (the document or the enclosing section), gkg:inDocument.
- ``id:doc/{doc}/sentence/{n}`` a gkg:Sentence; gkg:text, gkg:begin, gkg:end,
  gkg:order, gkg:role, gkg:inDocument, gkg:inSection.
- ``id:doc/{doc}/mention/{n}`` a gkg:Mention; gkg:denotes (the entity), gkg:text,
  gkg:begin, gkg:end, gkg:inSentence, gkg:inDocument.
- entities (``id:agency/…``, ``id:person/…``, ``id:place/…``, ``id:policy/…``,
  ``id:work/…``, ``id:initiative/…``): skos:prefLabel and skos:altLabel (@zh),
  gkg:kind (a SKOS concept), gkg:mentionedIn (each sentence that names it).
- ``id:doc/{doc}/metric/{n}`` a gkg:Metric; gkg:value (xsd:decimal), gkg:unit
  (``id:unit/{unit}``), gkg:qualifier, gkg:metricKind, gkg:text, gkg:measure,
  gkg:about, gkg:period, gkg:basePeriod, gkg:direction, gkg:partOf, gkg:begin,
  gkg:end, gkg:inSection, prov:wasDerivedFrom (the sentence).
- relations as plain triples (gkg:issuedBy, gkg:ledBy, gkg:participant,
  gkg:implements, gkg:location, org:subOrganizationOf, org:unitOf,
  schema:containedInPlace, org:holds/org:postIn/org:heldBy) *and* as an
  ``rdf:Statement`` (``id:doc/{doc}/statement/{n}``) with rdf:subject,
  rdf:predicate, rdf:object and prov:wasDerivedFrom the sentence; a statement
  whose subject the text leaves out (出台《…》: the report's own agency,
  ``Resolved.reporter``) also has gkg:impliedSubject true.
- one named graph per document: :func:`graph_iri`.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from ..iri import UCSCHAR

__all__ = [
    "GKG",
    "ID",
    "ORG",
    "SCHEMA",
    "PROV",
    "QB",
    "QUDT",
    "mint",
    "doc_iri",
    "graph_iri",
    "concept",
    "unit_iri",
    "ONTOLOGY_GRAPH",
    "ENTITY_KIND_CLASS",
]

ID = Namespace("https://w3id.org/govkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
QB = Namespace("http://purl.org/linked-data/cube#")
QUDT = Namespace("http://qudt.org/schema/qudt/")


class GKG(DefinedNamespace):
    """govkg ontology, ``https://w3id.org/govkg/ontology#`` (prefix ``gkg:``)."""

    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True

    # --- classes
    Agency: URIRef  # ⊑ org:Organization
    Policy: URIRef  # ⊑ schema:Legislation
    Work: URIRef  # ⊑ schema:CreativeWork
    Initiative: URIRef  # ⊑ prov:Activity
    Metric: URIRef  # ⊑ qb:Observation
    Person: URIRef  # ⊑ schema:Person, prov:Agent
    Post: URIRef  # ⊑ org:Post
    Place: URIRef  # ⊑ schema:AdministrativeArea
    Document: URIRef  # ⊑ schema:Report, prov:Entity
    Section: URIRef
    Sentence: URIRef
    Mention: URIRef
    # concept schemes
    AgencyKinds: URIRef
    PolicyKinds: URIRef
    WorkKinds: URIRef
    InitiativeKinds: URIRef
    PlaceKinds: URIRef
    MetricQualifiers: URIRef
    MetricKinds: URIRef
    Units: URIRef
    SentenceRoles: URIRef

    # --- document structure and provenance
    inDocument: URIRef  # section, sentence, mention → document
    inSection: URIRef  # sentence or metric → section
    inSentence: URIRef  # mention → sentence
    mentionedIn: URIRef  # entity → sentence
    denotes: URIRef  # mention → entity
    text: URIRef  # literal text of a sentence, mention or metric
    begin: URIRef  # xsd:integer, character offset into the cleaned text
    end: URIRef  # xsd:integer, exclusive
    order: URIRef  # xsd:integer, position among siblings
    role: URIRef  # sentence → role concept
    sourceName: URIRef  # 来源 as written
    editor: URIRef  # document → person (责任编辑)
    author: URIRef  # document → person (speaker)
    year: URIRef  # xsd:gYear, the report's reference year
    sha256: URIRef  # content hash of the source file
    sourceFile: URIRef  # the file name it was read from

    # --- entities
    kind: URIRef  # entity → SKOS concept (agency type, policy kind …)
    divisionCode: URIRef  # place → GB/T 2260 code
    issuedBy: URIRef  # policy → agency
    ledBy: URIRef  # initiative → agency
    participant: URIRef  # initiative → agency
    implements: URIRef  # initiative or agency → policy
    location: URIRef  # initiative or agency → place
    partOfSection: URIRef  # initiative → section
    impliedSubject: URIRef  # rdf:Statement → xsd:boolean: subject implied by the report, not named

    # --- metrics
    value: URIRef  # xsd:decimal
    unit: URIRef  # → unit concept
    qualifier: URIRef  # → qualifier concept
    metricKind: URIRef  # → metric kind concept
    measure: URIRef  # literal: what is measured
    about: URIRef  # → the entity it is reported for
    period: URIRef  # literal: reference period (2023)
    basePeriod: URIRef  # literal: base of a change (2022年底)
    direction: URIRef  # literal "up" / "down"
    partOf: URIRef  # metric → the total it is a breakdown of
    multiplier: URIRef  # unit concept → xsd:decimal factor to its base unit

    # --- analysis written back (kg analyze --annotate)
    pageRank: URIRef
    degree: URIRef
    betweenness: URIRef
    community: URIRef

    # --- concepts (the suffix is the name used in ../shared/eval/FORMAT.md)
    qualifier_exact: URIRef
    qualifier_over: URIRef
    qualifier_at_least: URIRef
    qualifier_under: URIRef
    qualifier_at_most: URIRef
    qualifier_approx: URIRef
    metric_count: URIRef
    metric_amount: URIRef
    metric_rate: URIRef
    metric_change: URIRef
    metric_level: URIRef
    policy_law: URIRef
    policy_regulation: URIRef
    policy_rules: URIRef
    policy_measures: URIRef
    policy_opinions: URIRef
    policy_plan: URIRef
    policy_notice: URIRef
    policy_other: URIRef
    work_newspaper: URIRef
    work_programme: URIRef
    work_research: URIRef
    work_book: URIRef
    work_other: URIRef
    initiative_campaign: URIRef
    initiative_mechanism: URIRef
    initiative_model: URIRef
    initiative_platform: URIRef
    initiative_project: URIRef
    initiative_activity: URIRef
    initiative_other: URIRef
    agency_party: URIRef
    agency_government: URIRef
    agency_department: URIRef
    agency_legislature: URIRef
    agency_consultative: URIRef
    agency_court: URIRef
    agency_procuratorate: URIRef
    agency_office: URIRef
    agency_university: URIRef
    agency_media: URIRef
    agency_association: URIRef
    agency_enterprise: URIRef
    agency_other: URIRef
    place_country: URIRef
    place_province: URIRef
    place_prefecture: URIRef
    place_county: URIRef
    place_area: URIRef  # new areas, zones
    place_region: URIRef  # river basins, geographic regions
    place_other: URIRef
    role_body: URIRef
    role_lead: URIRef
    role_heading: URIRef
    role_caption: URIRef
    role_title: URIRef


#: The class of each mention kind (``Entity.kind``).
ENTITY_KIND_CLASS = {
    "agency": GKG.Agency,
    "person": GKG.Person,
    "place": GKG.Place,
    "policy": GKG.Policy,
    "work": GKG.Work,
    "initiative": GKG.Initiative,
}

#: Named graph holding the ontology when it is loaded beside the data.
ONTOLOGY_GRAPH = ID["ontology"]  # outside graph/, so no document id can collide with it

# What a path segment may hold literally (RFC 3987 ipchar): unreserved ASCII,
# sub-delims, ':' and '@', and the ucschar ranges (which is where CJK lives).
# Everything else, and '/' which would split our path, is percent-encoded.
_NEEDS_ESCAPE = re.compile(f"[^A-Za-z0-9\\-._~!$&'()*+,;=:@{UCSCHAR}]")
_SAFE = "!$&'()*+,;=:@"  # kept literal by quote(), on top of its unreserved set


def _segment(text: str) -> str:
    if text.isprintable() and not _NEEDS_ESCAPE.search(text):
        return text  # the common case, and hot: every sentence and mention IRI
    out = []
    for ch in text:
        if ch.isprintable() and not ch.isspace() and not _NEEDS_ESCAPE.match(ch):
            out.append(ch)
        else:
            out.append(quote(ch, safe=_SAFE))
    return "".join(out)


def mint(kind: str, *names: str) -> URIRef:
    """The IRI of an instance: ``mint("agency", "甘肃省司法厅")`` → ``id:agency/甘肃省司法厅``.

    Deterministic: the same names always give the same IRI, which is what makes
    the same agency in two reports one node.
    """
    return ID["/".join([kind, *(_segment(n) for n in names)])]


def doc_iri(doc_id: str, *parts: str | int) -> URIRef:
    """``doc_iri("d", "sentence", 3)`` → ``id:doc/d/sentence/3``."""
    return mint("doc", doc_id, *(str(p) for p in parts))


def graph_iri(doc_id: str) -> URIRef:
    """The named graph that holds one document's triples."""
    return mint("graph", doc_id)


def concept(scheme: str, name: str) -> URIRef:
    """``concept("policy", "law")`` → ``gkg:policy_law`` (raises for unknown terms)."""
    return getattr(GKG, f"{scheme}_{name}")


def unit_iri(unit: str) -> URIRef:
    """Units are an open set of SKOS concepts: ``id:unit/人次``."""
    return mint("unit", unit)
