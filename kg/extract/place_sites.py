"""Places named inside the names of reservoirs (金塘冲水库, 佛子岭水库), and
rivers and lakes the lexicon does not know (赤水河, 都柳江, 杞麓湖).

A reservoir takes the name of its place, so the stem before 水库 is a place
(dev2: 金塘冲 in 金塘冲水库), taken only when it starts right after a list or
clause boundary or 的, so that its left edge is known, and when it is no size
or state word (病险水库, 大中型水库). Irrigation districts are not read: their
names are often abbreviations of several places (景电, 榆安, 靖会, 淠史杭).
"""

from __future__ import annotations

import re

from .han import HAN, HAN_RUN

__all__ = ["is_word_stem", "reservoir_stems", "water_bodies"]

#: A stem of 2–3 characters after a boundary, then an optional size and the head.
_WORK = re.compile(rf"(?:^|(?<=[、，。；：（(的和及]))({HAN}{{2,3}}?)(?:大型|中型)?水库")
#: What makes a stem before 水库 or 江/河/湖 a word, not a name: a size, kind or
#: count character (病险, 小型, 各), or a verb or adjective that opens it (兴修, 推进, 现代).
_WORD_CHARS = "型险类座批些个各新老建修好成等种"
_WORD_STARTS = "含|包括|推进|加快|加强|完善|消除|实施|开展|现代|改造|治理|保护|提升|启动|确保|抓好"
#: Stems that are words, not names (病险水库, 小型水库, 兴修水库, 推进中型灌区).
_NOT_NAME = re.compile(
    rf"[{_WORD_CHARS}]|^(?:重点|现有|山塘|水源|骨干|全省|全市|全县|水库|大中)|^(?:{_WORD_STARTS}|巨大)"
)


def is_word_stem(stem: str) -> bool:
    """``stem`` is a word, not a name (病险, 小型, 兴修, 推进): no place names the
    work or site after it; :mod:`kg.extract.place_shapes` asks it too."""
    return _NOT_NAME.search(stem) is not None


def reservoir_stems(text: str) -> list[tuple[int, int]]:
    """Spans of the place names that name a reservoir in ``text``."""
    if "水库" not in text:
        return []
    return [m.span(1) for m in _WORK.finditer(text) if not is_word_stem(m.group(1))]


#: The end of a river or lake's name, then a boundary or a word about it
#: (、赤水河、, 无定河流域, 杞麓湖治理); the stem before it is read backwards.
_WATER_END = re.compile(r"[江河湖](?=[、，。；和等与]|流域|干流|沿岸|两岸|综合治理|生态|治理|保护|水系)")
#: Characters a river's stem starts after (、赤水河, 的无定河).
_WATER_BEFORE = frozenset("、，。；：的和及与")
#: Stems that are words, not names (退耕还湖, 重要河湖, 加快长江, 美丽河湖).
_NOT_WATER = re.compile(
    rf"[{_WORD_CHARS}的了还沿江河湖]|"
    rf"^(?:{_WORD_STARTS}|深化|建好|"
    r"建设|推动|支持|聚焦|打造|优化|强化|协同|战胜|平安|美丽|幸福|母亲|大小|重要|全域|主要|重点|城市|农村|"
    r"全省|全市|沿江|沿河|跨境|国际|保持|巩固|加固|停止|今年|贯通|以|在|如)"
)


def water_bodies(text: str) -> list[tuple[int, int]]:
    """Spans of river and lake names in ``text`` read from their shape: a stem of
    2–3 characters between a boundary and 江/河/湖 (the shortest one that fits)."""
    spans = []
    for m in _WATER_END.finditer(text):
        end = m.start()
        for n in (2, 3):
            start = end - n
            if start < 0 or not HAN_RUN.fullmatch(text, start, end):
                break
            if start == 0 or text[start - 1] in _WATER_BEFORE:
                if not _NOT_WATER.search(text[start:end]):
                    spans.append((start, end + 1))
                break
    return spans
