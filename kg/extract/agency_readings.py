"""Readings of agency names that depend on the words around them.

Kept apart from the scan of :mod:`kg.extract.agencies`: each function looks at
the text next to one candidate name and says whether it names a body, and
:func:`with_context_readings` chains the readings of :mod:`agency_firms`,
:mod:`agency_pairings` and :mod:`agency_events` that run after the scan.
"""

from __future__ import annotations

import re

from .agency_events import without_event_hosts
from .agency_firms import with_named_firms
from .agency_pairings import with_paired_bodies
from .han import HAN

__all__ = ["in_reform_name", "place_in_brackets", "with_committee_offices", "with_context_readings"]

#: A place in brackets after a centre's head: its seat (国家碳计量中心（福建）).
_BRACKETED = re.compile(rf"[（(]({HAN}{{2,6}})[）)]")
#: Heads whose bracketed place names the body's seat.
_SEATED_HEADS = frozenset({"中心", "分中心", "实验室", "研究院"})

#: The office of one of a party committee's commissions, by its short name
#: (中央改革办, 中央财办, 省委改革办); not 办法, 办理, 办好 …
_COMMITTEE_OFFICE = re.compile(rf"(?:中央|[省市州县区]委){HAN}{{1,2}}办(?![公法理好学事案结成实])")

#: A reform named after one firm (国家开发银行商业化转型, 农业银行股份制改革,
#: 北大荒集团改革): the firm is the reform's object, annotated only in the
#: initiative, as companies inside project names are (dev2, heldout, dev3).
_REFORM_AFTER = re.compile(r"(?:股份制|商业化|市场化|公司制|战略)?(?:改革|改造|转型|改制)(?!升级)")


def in_reform_name(text: str, end: int) -> bool:
    """Whether the firm whose name ends at ``text[end]`` is glued to the name of its reform."""
    return _REFORM_AFTER.match(text, end) is not None


def place_in_brackets(text: str, end: int, head: str, places: frozenset[str]) -> int | None:
    """Where the name goes on to when a place in brackets follows the head ending at
    ``text[end]`` (高校区域技术转移转化中心（福建）, …中心（成渝地区）); None otherwise
    (保税物流中心（B型）, 国家医学中心（中医类））."""
    if head not in _SEATED_HEADS:
        return None
    m = _BRACKETED.match(text, end)
    return m.end() if m is not None and m.group(1) in places else None


def _committee_offices(text: str) -> list[tuple[int, int]]:
    """Spans of committee offices named by their short form (中央改革办推介)."""
    return [m.span() for m in _COMMITTEE_OFFICE.finditer(text)] if "办" in text else []


def with_committee_offices(text: str, spans: list[list]) -> list[list]:
    """``spans`` ([start, end, subtype]) with the committee offices of ``text``
    in place of the committees found inside them (省委 + 改革办 → 省委改革办)."""
    for cs, ce in _committee_offices(text):
        if not any(s < ce and cs < e and not (cs <= s and e <= ce) for s, e, *_ in spans):
            spans = [x for x in spans if not (cs <= x[0] and x[1] <= ce)] + [[cs, ce, "office"]]
    return spans


def with_context_readings(text: str, spans: list[list]) -> list[list]:
    """``spans`` after every reading of this kind: committee offices (省委改革办), firms
    by brand (德邦证券, :mod:`agency_firms`), China–X bodies (中国—中亚减贫合作中心,
    :mod:`agency_pairings`), without hosts inside an event's name (:mod:`agency_events`)."""
    spans = with_paired_bodies(text, with_named_firms(text, with_committee_offices(text, spans)))
    return without_event_hosts(text, spans)
