"""Resolution of place mentions: canonical full names, GB/T 2260 codes, parents.

甘肃 → 甘肃省 (620000), 庆阳 → 庆阳市, 黄河 → 黄河流域, 我国 → 中华人民共和国.
A name several divisions share (城关区, 临夏) is settled by the document's
province, then by the other places the document names (a parent or child of
one candidate), then by level (吉林 → 吉林省 rather than 吉林市); if that
still leaves a tie the place keeps its name and gets no code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.place_lexicon import DEICTIC, LEVEL_RANK, Division, PlaceLexicon, place_lexicon
from ..extract.place_shapes import FREE_TRADE_ZONE
from ..model import Entity, Mention

__all__ = ["resolve_places", "place_parents"]

COUNTRY = "中华人民共和国"


@dataclass(frozen=True, slots=True)
class _Target:
    """What one mention resolved to, before aliases are gathered."""

    name: str
    level: str | None
    code: str | None
    parent: str | None  #: canonical name of the enclosing place


def resolve_places(mentions: Sequence[Mention], province: str | None) -> list[Entity | None]:
    """One entity (or None) per mention; non-place mentions get None.

    ``province`` is the document's province as a full or short name (甘肃省,
    甘肃) or None for a national report. Entities that share a key are equal
    and carry the aliases of all the mentions that named them.
    """
    lex = place_lexicon()
    home = _province(lex, province)
    # a document names the same few places again and again: each distinct
    # (text, name, subtype) is read once (a target depends on nothing else here)
    places = {(m.text, m.name, m.subtype): m for m in mentions if m.kind == "place"}
    # divisions the document names without ambiguity: context for the others
    named: set[str] = set()
    for m in places.values():
        cands = _candidates(lex, m)
        if len(cands) == 1:
            named.add(cands[0].code)
    resolved = {key: _resolve(lex, m, home, named) for key, m in places.items()}
    targets = [resolved[(m.text, m.name, m.subtype)] if m.kind == "place" else None for m in mentions]
    for i, (m, t) in enumerate(zip(mentions, targets)):
        if t is not None and t.code is None and t.parent is None and m.subtype == "other" and i:
            prev = targets[i - 1]  # 华池县南梁镇: the township is in the county written before it
            if prev is not None and prev.code and mentions[i - 1].end == m.start:
                targets[i] = _Target(t.name, t.level, None, prev.name)
    aliases: dict[str, set[str]] = {}
    for m, t in zip(mentions, targets):
        if t is not None:
            forms = aliases.setdefault(t.name, set())
            if m.text != t.name and m.text not in DEICTIC:
                forms.add(m.text)
    entities: dict[_Target, Entity] = {}  # one (frozen) entity per distinct target
    for t in targets:
        if t is not None and t not in entities:
            entities[t] = Entity(
                kind="place",
                name=t.name,
                aliases=tuple(sorted(aliases[t.name])),
                subtype=t.level,
                code=t.code,
                parent=f"place:{t.parent}" if t.parent else None,
                parent_relation="contained_in" if t.parent else None,
            )
    return [None if t is None else entities[t] for t in targets]


def _province(lex: PlaceLexicon, province: str | None) -> Division | None:
    if not province:
        return None
    for d in lex.by_name.get(province, []) + lex.by_short.get(province, []):
        if d.level == "province":
            return d
    return None


def _candidates(lex: PlaceLexicon, m: Mention) -> list[Division]:
    """Divisions the mention may name: by full name first, else by short form."""
    for form in (m.name, m.text):
        if form in lex.by_name:
            return list(lex.by_name[form])
    names = {s.name for s in lex.surfaces.get(m.text, []) if s.how in ("full", "alias")}
    if names:
        return [d for n in sorted(names) for d in lex.by_name[n]]
    return list(lex.by_short.get(m.text, []))


def _resolve(lex: PlaceLexicon, m: Mention, home: Division | None, named: set[str]) -> _Target | None:
    if m.name == FREE_TRADE_ZONE:  # 自贸试验区 alone: the province's zone (none in a national report)
        if home is None:
            return None
        return _Target(f"中国（{home.short or home.name}）自由贸易试验区", "area", None, home.name)
    if m.text in DEICTIC:
        target = DEICTIC[m.text]
        if target:
            return _region(lex, target)
        if home is None or (m.text.endswith("区") and not home.name.endswith("自治区")):
            return None  # 我区 is the report's province only in an autonomous region
        return _division(lex, home)
    if m.name in lex.regions:
        return _region(lex, m.name)
    cands = _candidates(lex, m)
    if not cands:
        return _Target(m.name, m.subtype, None, None)
    if _short_county(lex, m, cands):
        # a bare county short form (泾川) is trusted only in its own province
        cands = [d for d in cands if home is not None and d.province_code == home.province_code]
        if not cands:
            return None
    chosen = _choose(lex, cands, home, named)
    if chosen is None:
        return _Target(m.name, cands[0].level, None, None)
    return _division(lex, chosen)


def _short_county(lex: PlaceLexicon, m: Mention, cands: list[Division]) -> bool:
    """Whether the mention is a short form that can only name counties."""
    written = m.text not in lex.by_name and m.name not in lex.by_name
    return written and all(d.level in ("county", "area") for d in cands) and all(
        s.how == "short" for s in lex.surfaces.get(m.text, [])
    )


def _choose(
    lex: PlaceLexicon, cands: list[Division], home: Division | None, named: set[str]
) -> Division | None:
    if len(cands) > 1 and home is not None:
        local = [d for d in cands if d.province_code == home.province_code]
        cands = local or cands
    if len(cands) > 1:
        near = [d for d in cands if _related(lex, d, named)]
        cands = near or cands
    if len(cands) > 1:
        top = max(LEVEL_RANK.get(d.level, 0) for d in cands)
        cands = [d for d in cands if LEVEL_RANK.get(d.level, 0) == top]
    return cands[0] if len(cands) == 1 else None


def _related(lex: PlaceLexicon, d: Division, named: set[str]) -> bool:
    """Whether a parent or a child of ``d`` is named in the document."""
    parent = lex.by_code.get(d.parent_code)
    if d.parent_code in named or (parent is not None and parent.parent_code in named):
        return True
    return any(lex.by_code[c].parent_code == d.code for c in named if c in lex.by_code)


def _division(lex: PlaceLexicon, d: Division) -> _Target:
    return _Target(d.name, d.level, d.code, lex.parent_name(d))


def _region(lex: PlaceLexicon, name: str) -> _Target:
    region = lex.regions[name]
    return _Target(region.name, region.level, None, region.parent or None)


def place_parents(entities: Sequence[Entity | None]) -> list[Entity]:
    """The enclosing places that ``entities`` point at but do not include, up to the
    country (山丹县 → 张掖市 → 甘肃省 → 中华人民共和国), sorted by key: for a
    resolver that wants a node for every ``parent`` key."""
    lex = place_lexicon()
    have = {e.key for e in entities if e is not None}
    out: dict[str, Entity] = {}
    todo = [e.parent for e in entities if e is not None and e.kind == "place" and e.parent]
    while todo:
        key = todo.pop()
        if key in have or key in out or not key.startswith("place:"):
            continue
        name = key.partition(":")[2]
        if name in lex.regions:
            target = _region(lex, name)
        elif len(lex.by_name.get(name, [])) == 1:
            target = _division(lex, lex.by_name[name][0])
        else:
            continue  # a township or an ambiguous name: nothing more is known
        parent = f"place:{target.parent}" if target.parent else None
        out[key] = Entity(
            kind="place",
            name=target.name,
            subtype=target.level,
            code=target.code,
            parent=parent,
            parent_relation="contained_in" if parent else None,
        )
        if parent:
            todo.append(parent)
    return [out[k] for k in sorted(out)]
