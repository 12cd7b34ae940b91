"""Quoted cores of list items (used by :mod:`kg.extract.initiatives`).

A list whose items are each a quoted coinage plus a short modifier, closed by
等 and a kind word, names one initiative per quote: “汉孝随襄十”新能源与智能网联汽车、
“武鄂黄黄咸”光电子信息等产业走廊 → 汉孝随襄十, 武鄂黄黄咸. The quote is the name; the modifier says what
the item is about. A quoted number is a phone line, and then the service it
reaches is the name: “96178”省长直通车、“2115”接诉即办等机制 → 省长直通车, 接诉即办.
A single item, or a modifier with 的 (a description), is left to the other readings.

Candidates are ``(start, end, name, kind, priority)`` tuples, as in
:mod:`kg.extract.initiatives`.
"""

from __future__ import annotations

import re
from functools import cache

from .initiative_grammar import HAN
from .initiative_lexicon import head_kinds

__all__ = ["quoted_items"]

#: One item: a quote and its modifier (the modifier of the last item runs up to 等).
_ITEM = rf"“[^“”\n，。；]{{2,12}}”[{HAN}A-Za-z]{{1,10}}?"
#: Kind words a list of quoted items may close with beyond the initiative heads.
_EXTRA_HEADS = {"走廊": "project"}


@cache
def _kinds() -> dict[str, str]:
    return {**head_kinds(), **_EXTRA_HEADS}


@cache
def _run() -> re.Pattern[str]:
    kinds = "|".join(re.escape(h) for h in sorted(_kinds(), key=len, reverse=True))
    return re.compile(rf"(?:{_ITEM}、)+{_ITEM}等[{HAN}]{{0,6}}?({kinds})")


_QUOTE = re.compile(r"“([^“”]+)”([^“”、]*)")


def quoted_items(text: str) -> list[tuple[int, int, str, str, int]]:
    """Each quoted core of a list of quoted items closed by 等 and a kind word."""
    if "、“" not in text or "等" not in text:  # every run of two items has 、“
        return []
    out = []
    for m in _run().finditer(text):
        run = m.group()
        items = list(_QUOTE.finditer(run, 0, run.rindex("等")))
        if any("的" in q.group(2) or "等" in q.group(2) for q in items):
            continue  # “经济强”的基础更加巩固: descriptions, not items
        kind = _kinds()[m.group(1)]
        for q in items:
            s = m.start() + q.start(1)
            if q.group(1).isdigit() and len(q.group(2)) >= 3:  # “96178”省长直通车: a number's service
                s = m.start() + q.start(2)
                out.append((s, s + len(q.group(2)), q.group(2), kind, 3))
                continue
            out.append((s, s + len(q.group(1)), q.group(1), kind, 3))
    return out
