"""Resolution: mentions → entities with canonical names, aliases and identity.

This is where a document's context (its province, its publisher, its year)
turns 省司法厅 into 甘肃省司法厅, and where the same name in two documents
becomes one entity key (and so one IRI).
"""

from __future__ import annotations

from ..model import Entity, Extraction, Resolved

__all__ = ["resolve"]


def resolve(extraction: Extraction) -> Resolved:
    """Map every mention of ``extraction`` to an entity (placeholder: by name)."""
    by_key: dict[str, tuple[str, str, set[str], str | None]] = {}
    keys: list[str | None] = []
    for m in extraction.mentions:
        key = f"{m.kind}:{m.name}"
        kind, name, aliases, subtype = by_key.setdefault(key, (m.kind, m.name, set(), m.subtype))
        if m.text != name:
            aliases.add(m.text)
        keys.append(key)
    entities = tuple(
        Entity(kind=k, name=n, aliases=tuple(sorted(a)), subtype=s)
        for k, n, a, s in (by_key[key] for key in sorted(by_key))
    )
    return Resolved(extraction, entities, tuple(keys))
