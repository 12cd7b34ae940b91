"""The values passed between pipeline stages.

ingest ─> :class:`Document` ─ segment ─> :class:`Segmented`
─ extract ─> :class:`Extraction` ─ resolve ─> :class:`Resolved`

Every offset is a half-open character range ``[start, end)`` into
``Document.text`` (the cleaned text), so that ``doc.text[m.start:m.end] ==
m.text`` for every mention and metric. Nothing here knows about RDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Document",
    "Section",
    "Sentence",
    "Segmented",
    "PostRef",
    "Mention",
    "Metric",
    "Relation",
    "Extraction",
    "Entity",
    "Resolved",
    "MENTION_KINDS",
    "SENTENCE_ROLES",
    "QUALIFIERS",
    "METRIC_KINDS",
    "RELATIONS",
    "REPORTER",
]

#: The kinds of entity a :class:`Mention` can name.
MENTION_KINDS = ("agency", "person", "place", "policy", "work", "initiative")

#: What a sentence is in its document's layout.
SENTENCE_ROLES = ("body", "lead", "heading", "caption", "title")

#: Metric qualifiers, as ``../shared/eval/FORMAT.md`` names them.
QUALIFIERS = ("exact", "over", "at_least", "under", "at_most", "approx")

#: What kind of number a metric is.
#: count (人, 件), amount (money), rate (a share or ratio, 满意度98%),
#: change (增长12.4%, 下降), level (a level reached: 提高到66.2%).
METRIC_KINDS = ("count", "amount", "rate", "change", "level")

#: Relations between mentions; each is stated with the sentence it came from.
RELATIONS = (
    "issues",  # agency → policy (出台/制定/印发《…》)
    "implements",  # agency or initiative → policy
    "leads",  # agency → initiative
    "participates",  # agency → initiative
    "located_in",  # initiative or agency → place
    "sub_organization_of",  # agency → agency (org:subOrganizationOf)
    "unit_of",  # office or committee → agency (org:unitOf)
    "contained_in",  # place → place
)


@dataclass(frozen=True, slots=True)
class Document:
    """One report after ingest: cleaned text and the metadata the page gave."""

    id: str  #: stable id, from the file name (``gansu-2023-rule-of-law-highlights``)
    text: str  #: cleaned text; all offsets point into it
    path: str = ""  #: the path as given on the command line
    sha256: str = ""  #: of the raw bytes, for incremental builds
    encoding: str = "utf-8"  #: as detected
    media_type: str = "text/plain"  #: text/plain, text/html or text/markdown
    title: str | None = None
    subtitle: str | None = None  #: ——二〇二六年一月二十七日在…会议上
    source: str | None = None  #: 来源
    editor: str | None = None  #: 责任编辑
    published: str | None = None  #: ISO date, 发布时间
    author: str | None = None  #: speaker or author, 甘肃省省长 任振鹤
    url: str | None = None  #: where it was published (a folder's MANIFEST.tsv, :mod:`kg.ingest.manifest`)
    boilerplate: tuple[str, ...] = ()  #: lines removed from the page, kept for the record


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the text it governs (the ten highlights; 一、 / （一） headings)."""

    index: int
    title: str
    start: int  #: offset of the heading
    end: int  #: end of the section's text
    level: int = 1
    parent: int | None = None  #: index of the enclosing section
    number: str | None = None  #: 一、 / （二） / 1. as written


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its offsets into ``Document.text``."""

    index: int
    start: int
    end: int
    text: str
    section: int | None = None  #: index of the innermost section
    role: str = "body"  #: one of :data:`SENTENCE_ROLES`

    @classmethod
    def of(cls, text: str, index: int = 0, start: int = 0) -> "Sentence":
        """A free-standing sentence, handy for tests: ``Sentence.of("出台《…》")``."""
        return cls(index=index, start=start, end=start + len(text), text=text)


@dataclass(frozen=True, slots=True)
class Segmented:
    """A document with its layout: sections and sentences."""

    document: Document
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class PostRef:
    """A post a person is said to hold: 省长 of 省政府 (agency as written)."""

    title: str  #: 省委书记, 省长, 责任编辑
    agency: str | None = None  #: surface form of the agency, resolved later


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity as written in one sentence, before resolution."""

    kind: str  #: one of :data:`MENTION_KINDS`
    text: str  #: surface form, exactly ``doc.text[start:end]``
    start: int
    end: int
    sentence: int  #: index of the sentence it is in
    name: str = ""  #: normalised name (title without 《》, full name if the text gives it)
    subtype: str | None = None  #: policy/work/initiative/agency kind, place level
    posts: tuple[PostRef, ...] = ()  #: for people

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.text)


@dataclass(frozen=True, slots=True)
class Metric:
    """A reported quantity: 9000余万元 is value 90000000, unit 元, qualifier over."""

    text: str  #: surface form, exactly ``doc.text[start:end]``
    start: int
    end: int
    sentence: int
    value: Decimal  #: after 万/亿 and Chinese numerals
    unit: str  #: measure word or symbol after multipliers: 元, 人次, %, 个百分点
    qualifier: str = "exact"  #: one of :data:`QUALIFIERS`
    kind: str = "count"  #: one of :data:`METRIC_KINDS`
    about: str = ""  #: a few words on what is measured (点击量, 整改率)
    subject: int | None = None  #: index of the mention it is reported for
    period: str | None = None  #: reference period as written or inferred (2023)
    base_period: str | None = None  #: for changes: 较2022年底
    direction: str | None = None  #: "up" or "down" for changes
    parent: int | None = None  #: index of the total this metric is a part of (其中…)


#: ``Relation.subject`` when the text leaves the subject out (出台《…》 at the start
#: of a clause): the document's reporting agency, ``Resolved.reporter``.
REPORTER = -1


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two mentions, with the sentence that states it.

    ``subject`` is :data:`REPORTER` (-1) when the subject is implied by the
    report rather than named: resolution maps it to ``Resolved.reporter``, and
    drops the relation when there is none.
    """

    predicate: str  #: one of :data:`RELATIONS`
    subject: int  #: mention index, or :data:`REPORTER` (-1)
    object: int  #: mention index
    sentence: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one document, before resolution."""

    segmented: Segmented
    mentions: tuple[Mention, ...] = ()
    metrics: tuple[Metric, ...] = ()
    relations: tuple[Relation, ...] = ()

    @property
    def document(self) -> Document:
        return self.segmented.document


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved entity: one canonical name, its aliases and kind.

    ``key`` is ``"{kind}:{name}"`` and is what makes two mentions (in one
    document or in two) the same node in the graph.
    """

    kind: str
    name: str  #: canonical name (甘肃省司法厅)
    aliases: tuple[str, ...] = ()  #: other surface forms, sorted
    subtype: str | None = None  #: agency type, policy kind, place level …
    code: str | None = None  #: GB/T 2260 code for places
    parent: str | None = None  #: key of the enclosing entity (place in place, office in agency)
    parent_relation: str | None = None  #: sub_organization_of, unit_of or contained_in

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True, slots=True)
class Resolved:
    """One document's extraction with every mention mapped to an entity.

    ``mention_entities[i]`` is the key of the entity that mention ``i`` names,
    or ``None`` when resolution dropped it (a generic mention such as 各级政府).
    ``posts`` are (person key, post title, agency key or None, sentence index).
    """

    extraction: Extraction
    entities: tuple[Entity, ...] = ()
    mention_entities: tuple[str | None, ...] = ()
    posts: tuple[tuple[str, str, str | None, int], ...] = ()
    publisher: str | None = None  #: key of the publishing agency, where known
    province: str | None = None  #: the province the report is about, where one
    year: str | None = None  #: the report's reference year
    reporter: str | None = None  #: key of the reporting agency (the subject a report leaves out)

    @property
    def document(self) -> Document:
        return self.extraction.segmented.document

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)
