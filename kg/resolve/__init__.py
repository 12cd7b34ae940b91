"""Resolution: mentions → entities with canonical names, aliases and identity.

This is where a document's context (its province, its publisher, its year)
turns 省司法厅 into 甘肃省司法厅, and where the same name in two documents
becomes one entity key (and so one IRI). Agencies resolve by table
(:mod:`.agencies`), places through :mod:`.places` when it is there, people by
name with their posts (:mod:`.people`); policies, works and initiatives by name.
Generic mentions (各级政府, 有关部门) resolve to None and are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..extract.agencies import extract_agencies, is_deictic
from ..extract.relations import opening_subjects
from ..model import REPORTER, Entity, Extraction, Mention, Relation, Resolved, Sentence
from .agencies import AgencyName, canonical_agency, known_agency
from .context import Context, document_context
from .people import person_posts

try:  # places are resolved by their own module where it exists
    from .places import resolve_places
except ImportError:  # pragma: no cover - only while that module is missing
    resolve_places = None  # type: ignore[assignment]

__all__ = ["resolve", "document_context", "Context"]


@dataclass
class _Entry:
    """An entity being built: its first-seen attributes and every alias."""

    kind: str
    name: str
    subtype: str | None = None
    code: str | None = None
    parent: str | None = None
    relation: str | None = None
    aliases: set[str] = field(default_factory=set)

    def freeze(self) -> Entity:
        return Entity(
            kind=self.kind,
            name=self.name,
            aliases=tuple(sorted(self.aliases - {self.name})),
            subtype=self.subtype,
            code=self.code,
            parent=self.parent,
            parent_relation=self.relation if self.parent else None,
        )


class _Registry:
    """Entities of one document by key, with their parents filled in."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.entries: dict[str, _Entry] = {}

    def add(self, kind: str, name: str, subtype: str | None = None, alias: str | None = None) -> str:
        key = f"{kind}:{name}"
        entry = self._entry(key, kind, name, subtype)
        if entry.subtype is None:
            entry.subtype = subtype
        if alias and alias != name:
            entry.aliases.add(alias)
        return key

    def agency(self, found: AgencyName, alias: str | None = None) -> str:
        key = self.add("agency", found.name, found.subtype, alias)
        entry = self.entries[key]
        seen = {key}
        while found.parent and entry.parent is None:
            entry.parent = f"agency:{found.parent}"
            entry.relation = found.relation
            if entry.parent in seen:  # a table that loops: stop
                entry.parent = None
                break
            seen.add(entry.parent)
            parent = known_agency(found.parent) or canonical_agency(
                found.parent, self.ctx.province, locality=self.ctx.locality
            )
            if parent is None or parent.name != found.parent:
                parent = AgencyName(found.parent, None)
            self.add("agency", parent.name, parent.subtype)
            entry, found = self.entries[entry.parent], parent
        return key

    def agency_surface(self, surface: str, alias: bool = True) -> str | None:
        found = canonical_agency(surface, self.ctx.province, locality=self.ctx.locality)
        return None if found is None else self.agency(found, surface if alias else None)

    def _entry(self, key: str, kind: str, name: str, subtype: str | None) -> _Entry:
        """The entry of ``key``, made on first use (not built and thrown away on every look-up)."""
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = _Entry(kind, name, subtype)
        return entry

    def merge(self, entity: Entity) -> str:
        key = entity.key
        entry = self._entry(key, entity.kind, entity.name, entity.subtype)
        entry.code = entry.code or entity.code
        if entity.parent and not entry.parent:
            entry.parent, entry.relation = entity.parent, entity.parent_relation
        entry.aliases.update(entity.aliases)
        return key


#: Endings of publishers that speak for a whole government (省人民政府, 国务院),
#: never of themselves as a unit.
_GOVERNMENTS = ("政府", "国务院")


def _deictic_target(mention: Mention, reg: _Registry, keys: list[str | None], publisher: str | None) -> str | None:
    """我厅 → the 厅 the document names most, else the publisher; 全系统 → the publisher.

    A government does not call itself 本单位 or 本厅: in a work report (国务院,
    省人民政府) those words mean each unit's own (从本单位利益出发), so they
    stay generic unless the government's own name ends with the word.
    """
    head = mention.text[1:]
    if mention.text != "全系统":
        counts = Counter(k for k in keys if k and k.startswith("agency:") and k.endswith(head))
        if counts:
            return min(counts, key=lambda k: (-counts[k], k))
    if publisher is not None and publisher.endswith(_GOVERNMENTS) and not publisher.endswith(head):
        return None
    return publisher


def resolve(extraction: Extraction) -> Resolved:
    """Map every mention of ``extraction`` to an entity key, or None when generic."""
    ctx = document_context(extraction.document)
    reg = _Registry(ctx)
    mentions = extraction.mentions
    keys: list[str | None] = [None] * len(mentions)
    publisher = reg.agency_surface(ctx.publisher, alias=False) if ctx.publisher else None
    deictic: list[int] = []
    for i, m in enumerate(mentions):
        if m.kind == "agency":
            if is_deictic(m.text):
                deictic.append(i)
                continue
            found = canonical_agency(m.text, ctx.province, m.subtype, ctx.locality)
            keys[i] = None if found is None else reg.agency(found, m.text)
        elif m.kind in ("policy", "work", "initiative"):
            keys[i] = reg.add(m.kind, m.name, m.subtype, m.text if m.text != m.name else None)
        elif m.kind == "person":
            keys[i] = reg.add("person", m.name)
    for i in deictic:
        keys[i] = _deictic_target(mentions[i], reg, keys, publisher)
    reporter = reg.agency_surface(ctx.reporter, alias=False) if ctx.reporter else None
    if reporter is None and publisher and reg.entries[publisher].subtype not in (None, "media"):
        reporter = publisher  # a bureau publishing its own report (来源：兰州市司法局)
    if reporter is None:
        reporter = _reporter_from_text(extraction, keys, reg)
    extraction = _implied_relations(extraction, keys, reporter, reg, ctx.national or ctx.province is None)
    _resolve_places(mentions, ctx, reg, keys)
    posts: list[tuple[str, str, str | None, int]] = []
    for i, m in enumerate(mentions):
        if m.kind == "person" and keys[i]:
            for title, agency in person_posts(m, reg.agency_surface, publisher):
                posts.append((keys[i], title, agency, m.sentence))  # type: ignore[arg-type]
    entities = tuple(reg.entries[k].freeze() for k in sorted(reg.entries))
    return Resolved(
        extraction,
        entities,
        tuple(keys),
        tuple(posts),
        publisher=publisher,
        province=ctx.province.full if ctx.province else None,
        year=ctx.year,
        reporter=reporter,
    )


#: A body a policy's title names as its issuer (甘肃省政府规章…, 中共甘肃省委关于…), by agency type.
_ISSUER_IN_TITLE = (
    ("government", re.compile(r"^[^《》]{0,8}?(?:人民政府|政府|国务院)")),
    ("party", re.compile(r"^(?:中共|中国共产党)|^[^《》]{0,8}?(?:省委|市委|县委|区委|党委)")),
    ("legislature", re.compile(r"^[^《》]{0,8}?(?:人大|人民代表大会)")),
)
#: Policy kinds only a legislature enacts (法, 条例): a government or department drafts them.
_ENACTED = {"law": "legislature", "regulation": "legislature"}


def _may_issue(rel: Relation, extraction: Extraction, reporter_kind: str | None) -> bool:
    """An implied ``issues`` is kept only when nothing says someone else issues the policy:
    its title names no other kind of body, and it is no law or 条例 of a legislature."""
    if rel.predicate != "issues":
        return True
    policy = extraction.mentions[rel.object]
    needed = _ENACTED.get(policy.subtype or "")
    for kind, pattern in _ISSUER_IN_TITLE:
        if pattern.search(policy.name):
            needed = needed or kind
    return needed is None or needed == reporter_kind


def _implied_relations(
    extraction: Extraction, keys: list[str | None], reporter: str | None, reg: _Registry, national: bool = False
) -> Extraction:
    """Keep a relation whose subject the text left out (:data:`~kg.model.REPORTER`) only
    when there is a reporter, and the sentence before it in its section does not open
    with another named agency or person (省长任振鹤多次作出指示批示。组建…: whose is it?),
    and, for a policy, nothing says another body issues it (:func:`_may_issue`). In a
    national report the reporter leads the national programmes others take part in."""
    rels = extraction.relations
    if not any(r.subject == REPORTER for r in rels):
        return extraction
    sentences = {s.index: s for s in extraction.segmented.sentences}
    by_sentence = _by_sentence(extraction)

    def others_before(index: int) -> bool:
        here, prev = sentences.get(index), sentences.get(index - 1)
        if here is None or prev is None or prev.section != here.section or prev.role not in ("body", "lead"):
            return False
        ids = by_sentence.get(prev.index, [])
        found = opening_subjects(prev, [extraction.mentions[i] for i in ids], ("agency", "person"))
        return any(keys[ids[j]] != reporter for j in found[:1])

    kind = reg.entries[reporter].subtype if reporter in reg.entries else None
    kept = tuple(
        r
        for r in rels
        if r.subject != REPORTER
        or (reporter is not None and not others_before(r.sentence) and _may_issue(r, extraction, kind))
    )
    if national:  # a national programme (实施“中国制造2025”) is the national government's own
        kept = tuple(
            replace(r, predicate="leads") if r.subject == REPORTER and r.predicate == "participates" else r
            for r in kept
        )
    return extraction if kept == rels else replace(extraction, relations=kept)


def _by_sentence(extraction: Extraction) -> dict[int, list[int]]:
    """Sentence index → the indices of its mentions, in order."""
    out: dict[int, list[int]] = {}
    for i, m in enumerate(extraction.mentions):
        out.setdefault(m.sentence, []).append(i)
    return out


#: How many body sentences at the start are read for the reporter's name.
_FIRST_BODY = 3


def _reporter_from_text(extraction: Extraction, keys: list[str | None], reg: _Registry) -> str | None:
    """The agency whose work a report tells: the one its title opens with (兰州市司法局
    2023年工作总结), else the sole named subject of its first body sentences
    (2023年，省司法厅认真贯彻…; not 省委、省政府高度重视…), else the agency that opens clauses most
    often, when it does so at least 3 times and twice as often as any other.
    Media never report on their own work here (甘肃日报报道)."""
    by_sentence = _by_sentence(extraction)
    text = extraction.document.text
    counts: Counter[str] = Counter()
    first: list[str] = []
    title = extraction.document.title or next(
        (s.text for s in extraction.segmented.sentences if s.role == "title"), ""
    )
    if title:  # 兰州市司法局2023年工作总结
        head = Sentence.of(title)
        agencies = extract_agencies(head)
        for j in opening_subjects(head, agencies)[:1]:
            key = reg.agency_surface(agencies[j].text)
            if key and reg.entries[key].subtype != "media":
                first.append(key)
    body = 0
    for s in extraction.segmented.sentences:
        if s.role != "body":
            continue
        body += 1
        ids = by_sentence.get(s.index, [])
        local = [extraction.mentions[i] for i in ids]
        found = [
            keys[ids[j]]
            for j in opening_subjects(s, local)
            if text[local[j].end : local[j].end + 1] not in ("、", "和", "与", "及")  # 省委、省政府: not one
        ]
        found = [k for k in found if k and reg.entries[k].subtype != "media"]
        if body <= _FIRST_BODY and found and not first:
            first.append(found[0])
        counts.update(found)
    if first:
        return first[0]
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _resolve_places(mentions: tuple[Mention, ...], ctx: Context, reg: _Registry, keys: list[str | None]) -> None:
    """Place mentions through kg.resolve.places when present, else by name."""
    index = [i for i, m in enumerate(mentions) if m.kind == "place"]
    if not index:
        return
    if resolve_places is None:
        for i in index:
            keys[i] = reg.add("place", mentions[i].name, mentions[i].subtype, mentions[i].text)
        return
    found = resolve_places([mentions[i] for i in index], ctx.province.full if ctx.province else None)
    for i, entity in zip(index, found):
        keys[i] = None if entity is None else reg.merge(entity)
