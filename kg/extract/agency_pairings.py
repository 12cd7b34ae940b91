"""Bodies of a China–X pairing (中国—中亚减贫合作中心, 中国-中亚荒漠化防治合作中心,
中国—东盟医疗保健合作中心).

Their names start with 中国— and a partner, a clear left edge that the head-word
scan of :mod:`kg.extract.agencies` does not use (it reads 中国 as the country
and the partner as a region), and end with a centre or laboratory head. A
second centre written right after one, without the pair (中国—中亚减贫合作中心、
教育交流合作中心), is the same pair's and is taken by its written form.
"""

from __future__ import annotations

import re

from .han import HAN

__all__ = ["paired_spans", "with_paired_bodies"]

_HEAD = r"(?:合作中心|研究中心|中心|联合实验室|实验室)"
#: 中国—, a partner and the body's field, then the head; no more name after it.
_PAIRED = re.compile(rf"中国[—－-]{HAN}{{2,20}}?{_HEAD}(?!{HAN}{{0,2}}{_HEAD})")
#: A second body of the same pair right after the first (、教育交流合作中心).
_SIBLING = re.compile(rf"、((?!中国){HAN}{{2,12}}?{_HEAD})(?=[、，。；和与等落获在已])")


def paired_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the China–X bodies in ``text`` and of their unpaired siblings."""
    out = []
    for m in _PAIRED.finditer(text):
        out.append(m.span())
        sibling = _SIBLING.match(text, m.end())
        if sibling is not None:
            out.append(sibling.span(1))
    return out


def with_paired_bodies(text: str, spans: list[list]) -> list[list]:
    """``spans`` ([start, end, subtype]) with the China–X bodies of ``text``
    in place of the names found inside them."""
    if "中国" not in text or "中心" not in text and "实验室" not in text:
        return spans
    for s, e in paired_spans(text):
        if not any(a < e and s < b and not (s <= a and b <= e) for a, b, *_ in spans):
            spans = [x for x in spans if not (s <= x[0] and x[1] <= e)] + [[s, e, "other"]]
    return spans
