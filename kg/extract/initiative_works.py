"""Works named as the subject of a construction verb (used by :mod:`kg.extract.initiatives`).

A clause that starts with a list of works and goes on with what happened to them
names each work: 大红柳滩锂铍矿、火烧云铅锌矿加快建设, 瓦石峡水库开工建设,
大西北的兰新复线和宝中铁路将投入运营, 港珠澳大桥建成通车, 阿克苏至巴楚段铁路扩能改造工程等加快推进,
…一体化工程——陇东到山东特高压直流工程投运 (the name after a dash). Each item must end in a
word for a structure (水库, 枢纽, 矿, 管道, 复线, 机场, 大桥, 电站, …) and carry a
name of its own: a kind of work (新建铁路, 全省高速公路, 首座抽水蓄能电站,
一批重大项目, 重大投资项目) is passed over here or by the caller's cleaning.

Candidates are ``(start, end)`` spans; the caller cleans each name.
"""

from __future__ import annotations

import re

from .initiative_grammar import HAN, reads_as_clause
from .trie import trie_pattern

__all__ = ["built_works"]

#: What a work's name ends with.
_END = (
    r"(?:水库|水利枢纽|航运枢纽|枢纽|灌区|铁路|复线|高铁|高速公路|机场|大桥|电站|电厂|隧道|管道|管线|"
    r"矿|油田|气田|码头|船闸|[一二三四]期工程|工程|项目)"
)
#: One item: a name (no 的, 等 or joiner inside) and its structure word.
_ITEM = re.compile(rf"(?:(?![等的和与及、])[{HAN}A-Za-z]){{2,14}}?{_END}")
#: What happens to the works right after the list (a trie: most sentences have none of these).
_VERBS = (
    "加快建设", "开工建设", "建成投运", "建成投产", "建成通车", "建成", "投运", "投入运营", "全线铺通", "全线贯通",
    "开工", "竣工", "通车", "加快推进", "并网发电",
)
#: The last character of a work's name (of :data:`_END`), an optional 将 or 等, then the verb.
_BUILT = re.compile(rf"[库纽区铁线路场桥站厂道矿田头闸程目][将等]?(?:{trie_pattern(list(_VERBS))})(?!率|里程|时间)")
_JOIN = re.compile(r"、|以及|和|与")
#: Starts of a kind of work or of a count, not a name.
_GENERIC = re.compile(
    r"^(?:首|新建|新增|新开工|改建|在建|全省|全市|全区|全国|自治区|省级|市级|重大|重点|一批|各类|城市|农村|"
    r"这|那|该|其|有|提升|有序|推动|推进)"
)
#: How far back from its verb a list may start.
_SPAN = 60


def built_works(text: str) -> list[tuple[int, int]]:
    """The works of a list that a construction verb follows, as ``(start, end)``."""
    out: list[tuple[int, int]] = []
    if not _BUILT.search(text):
        return out  # most sentences (all but 1 in 250): no work built
    for verb in _BUILT.finditer(text):
        hi = verb.start() + 1
        lo = max(0, hi - _SPAN)
        lo = max(lo, *(text.rfind(c, lo, hi) + 1 for c in "，。；：的—"))  # the clause, or after 的 or ——
        items = _items(text, lo, hi)
        for s, e in items or ():
            if not _GENERIC.match(text[s:e]) and not reads_as_clause(text[s:e]):
                out.append((s, e))
    return out


def _items(text: str, lo: int, hi: int) -> list[tuple[int, int]] | None:
    """The spans of ``text[lo:hi]`` split at its joiners when every piece is a work; else None."""
    spans, pos = [], lo
    for j in [*_JOIN.finditer(text, lo, hi), None]:
        end = j.start() if j else hi
        if not _ITEM.fullmatch(text, pos, end):
            return None
        spans.append((pos, end))
        pos = j.end() if j else hi
    return spans
