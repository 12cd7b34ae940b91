"""International organisations written inside the name of an event they host.

上合组织国家媒体合作论坛, 上合组织减贫论坛, 联合国气候变化大会: the body is a piece of
the event's name, annotated only as the event (dev4, as companies inside project
names are in heldout and dev2). Only known international organisations are
dropped, and only when a field of two or more characters stands between them
and 论坛/大会/博览会, so that the organisation's own summit (上海合作组织峰会) and
a party congress (中国共产党第十四次代表大会) keep their body.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import load_column
from .han import HAN

__all__ = ["in_event_name", "without_event_hosts"]

#: The rest of an event's name after its host: a field, then the event head.
_EVENT_REST = re.compile(rf"(?!相关|有关|系列|各类|各项){HAN}{{2,10}}?(?:论坛|大会|博览会)")


@cache
def _international() -> frozenset[str]:
    """Names of the international organisations (agency_international.tsv)."""
    return frozenset(load_column("agency_international", "name"))


def in_event_name(text: str, start: int, end: int) -> bool:
    """Whether the international body at ``text[start:end]`` opens an event's name."""
    return text[start:end] in _international() and _EVENT_REST.match(text, end) is not None


def without_event_hosts(text: str, spans: list[list]) -> list[list]:
    """``spans`` ([start, end, subtype]) without the bodies that open an event's name."""
    if "论坛" not in text and "大会" not in text and "博览会" not in text:
        return spans
    return [x for x in spans if not in_event_name(text, x[0], x[1])]
