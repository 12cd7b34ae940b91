"""Resolution: mentions → entities with canonical names, aliases and identity.

This is where a document's context (its province, its publisher, its year)
turns 省司法厅 into 甘肃省司法厅, and where the same name in two documents
becomes one entity key (and so one IRI). Agencies resolve by table
(:mod:`.agencies`), places through :mod:`.places` when it is there, people by
name with their posts (:mod:`.people`); policies, works and initiatives by name.
Generic mentions (各级政府, 有关部门) resolve to None and are dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..extract.agencies import is_deictic
from ..model import Entity, Extraction, Mention, Resolved
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
        entry = self.entries.setdefault(key, _Entry(kind, name, subtype))
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

    def merge(self, entity: Entity) -> str:
        entry = self.entries.setdefault(entity.key, _Entry(entity.kind, entity.name, entity.subtype))
        entry.code = entry.code or entity.code
        if entity.parent and not entry.parent:
            entry.parent, entry.relation = entity.parent, entity.parent_relation
        entry.aliases.update(entity.aliases)
        return entity.key


def _deictic_target(mention: Mention, reg: _Registry, keys: list[str | None], publisher: str | None) -> str | None:
    """我厅 → the 厅 the document names most, else the publisher; 全系统 → the publisher."""
    head = mention.text[1:]
    if mention.text != "全系统":
        counts = Counter(k for k in keys if k and k.startswith("agency:") and k.endswith(head))
        if counts:
            return min(counts, key=lambda k: (-counts[k], k))
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
    )


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
