"""The annotation format of ``../shared/eval/FORMAT.md``: what ``kg extract`` prints.

One JSON object per document, built from a :class:`~kg.model.Resolved`
extraction. The same format is the gold standard that ``kg eval`` scores
against, so this module is the one place that knows its field names.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .model import Resolved

__all__ = ["to_annotation", "json_number"]

_ENTITY_FIELDS = (("agency", "agencies"), ("place", "places"))
_TITLE_FIELDS = (("policy", "policies"), ("work", "works"))


def json_number(value: Decimal) -> int | float:
    """A Decimal as the plainest JSON number: 15465000, not 1.5465E+7."""
    integral = value.to_integral_value()
    if value == integral:
        return int(integral)
    return float(value)


#: Words that refer to a place by pointing at it (我国 → 中华人民共和国): the
#: annotation guidelines do not count them as naming the place.
_DEICTIC = frozenset({"我国", "我省", "我市", "我区", "我县", "本省", "本市", "全省", "全市", "全国"})


def _named_places(resolved: Resolved) -> set[str]:
    """Places the text names on their own: not only as 我国, nor only inside an agency's name.

    The graph keeps every place mention (the agency 英国政府 is located in
    英国); the annotation, like the gold standards, lists a place only where
    the report names it as a place.
    """
    mentions, keys = resolved.extraction.mentions, resolved.mention_entities
    agencies = [(m.start, m.end) for m in mentions if m.kind == "agency"]
    named = set()
    for m, key in zip(mentions, keys):
        if key is None or not key.startswith("place:") or key in named or m.text in _DEICTIC:
            continue
        if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in agencies):
            named.add(key)
    return named


def to_annotation(resolved: Resolved) -> dict[str, Any]:
    """The FORMAT.md object for one resolved document (deterministic order)."""
    doc = resolved.document
    ents = sorted(resolved.entities, key=lambda e: (e.kind, e.name))
    places = _named_places(resolved)
    used = {k for k in resolved.mention_entities if k is not None and (not k.startswith("place:") or k in places)}
    out: dict[str, Any] = {
        "document": {
            "id": doc.id,
            "title": doc.title or "",
            "published": doc.published or "",
            "source": doc.source or "",
        }
    }
    for kind, field in _ENTITY_FIELDS:
        out[field] = [
            {"name": e.name, "aliases": list(e.aliases)}
            for e in ents
            if e.kind == kind and e.key in used
        ]
    names = {e.key: e.name for e in resolved.entities}
    people: dict[str, list[dict[str, str]]] = {
        e.key: [] for e in ents if e.kind == "person" and e.key in used
    }
    for person, title, agency, _sentence in resolved.posts:
        posts = people.setdefault(person, [])
        post = {"title": title, "agency": names.get(agency, "") if agency else ""}
        if post not in posts:
            posts.append(post)
    out["people"] = [
        {"name": names.get(key, key.partition(":")[2]), "posts": posts}
        for key, posts in people.items()
    ]
    for kind, field in _TITLE_FIELDS:
        out[field] = [
            {"title": e.name, "kind": e.subtype or "other"}
            for e in ents
            if e.kind == kind and e.key in used
        ]
    out["initiatives"] = [
        {"name": e.name, "kind": e.subtype or "other"}
        for e in ents
        if e.kind == "initiative" and e.key in used
    ]
    mentions = resolved.extraction.mentions
    keys = resolved.mention_entities
    out["metrics"] = []
    for metric in resolved.extraction.metrics:
        about = metric.about
        if metric.subject is not None and keys[metric.subject]:
            subject = names.get(keys[metric.subject] or "", mentions[metric.subject].name)
            about = f"{subject} {about}".strip() if subject not in about else about
        out["metrics"].append(
            {
                "text": metric.text,
                "value": json_number(metric.value),
                "unit": metric.unit,
                "qualifier": metric.qualifier,
                "about": about,
            }
        )
    return out
