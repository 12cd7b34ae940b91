"""Places named inside the names of reservoirs (金塘冲水库, 佛子岭水库).

A reservoir takes the name of its place, so the stem before 水库 is a place
(dev2: 金塘冲 in 金塘冲水库), taken only when it starts right after a list or
clause boundary or 的, so that its left edge is known, and when it is no size
or state word (病险水库, 大中型水库). Irrigation districts are not read: their
names are often abbreviations of several places (景电, 榆安, 靖会, 淠史杭).
"""

from __future__ import annotations

import re

__all__ = ["reservoir_stems"]

#: A stem of 2–3 characters after a boundary, then an optional size and the head.
_WORK = re.compile(r"(?:^|(?<=[、，。；：（(的和及]))([\u4e00-\u9fff]{2,3}?)(?:大型|中型)?水库")
#: Stems that are words, not names (病险水库, 小型水库, 兴修水库, 推进中型灌区).
_NOT_NAME = re.compile(
    r"[型险类座批些个各新老建修好成等种]|^(?:重点|现有|山塘|水源|骨干|全省|全市|全县|水库|大中)|"
    r"^(?:含|包括|推进|加快|加强|完善|消除|实施|开展|巨大|现代|改造|治理|保护|提升|启动|确保|抓好)"
)


def reservoir_stems(text: str) -> list[tuple[int, int]]:
    """Spans of the place names that name a reservoir in ``text``."""
    if "水库" not in text:
        return []
    return [m.span(1) for m in _WORK.finditer(text) if not _NOT_NAME.search(m.group(1))]
