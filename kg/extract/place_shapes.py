"""Named sites the lexicon does not know, read from the shape of their names.

- A stem before a work that takes its place's name: a water control project or
  hydropower station (大石峡水利枢纽, 黄河小浪底水利枢纽 → 大石峡, 小浪底), a mine
  named with its ores (大红柳滩锂铍矿 → 大红柳滩) and a substation or line named
  with its voltage (淖毛湖750千伏输变电工程 → 淖毛湖), as :mod:`place_sites`
  reads 金塘冲 in 金塘冲水库. The stem is 2–4 characters after a clause or list
  boundary or right after a place, so that its left edge is known.
- A park named by a two-character stem (昆冈工业园区, 垦利经开区) after a boundary;
  a park named by a division is read by :mod:`places` already.
- A site written right after its locator (伊犁六星街 → 六星街, 库车龟兹小巷 →
  龟兹小巷, 烟台丁字湾 → 丁字湾): the locator stays a place of its own. A city's
  port or old town (青岛港, 喀什古城) is one place whose name holds the city's.
- The bare 自贸试验区 of a provincial report: the province's free trade zone,
  which :mod:`kg.resolve.places` names from the document's province.
"""

from __future__ import annotations

import re

from ..model import Mention, Sentence
from .han import HAN, HAN_RUN
from .place_lexicon import place_lexicon
from .place_sites import is_word_stem

__all__ = ["FREE_TRADE_ZONE", "SHAPE_CUES", "bare_free_trade_zones", "city_ports", "listed_county_stems", "located_sites", "shaped_sites", "stem_sites", "with_listed_counties"]

#: Characters one of the readings here needs; a sentence with none is skipped.
SHAPE_CUES = re.compile("水利枢纽|水电站|矿|千伏|工业园区|经开区|遗址|古城|古镇|小巷|街|湾|港|城市群|贸试验区")
_LOCATED_CUE = re.compile("古城|古镇|小巷|街|湾|港|城市群")
_STEM_CUE = re.compile("水利枢纽|水电站|矿|千伏|工业园区|经开区|遗址")
#: The name a bare 自贸试验区 gets until the resolver knows the province.
FREE_TRADE_ZONE = "自贸试验区"

#: A work named by the stem before it: the stem is the place.
_WORK_HEAD = re.compile(r"水利枢纽|水电站|[锂铍铅锌铜金银铁钼镍钴钾铀钒钛磷萤锑钨锡]{1,3}矿(?![业产区物井藏山务石])|±?\d+千伏")
#: A park named by a two-character stem: stem and head are the place.
_PARK_HEAD = re.compile(r"工业园区|经开区")
#: An archaeological site: stem and head are the place (大汶口国家考古遗址公园, 大明湖西南遗址).
_RUIN_HEAD = re.compile(r"(?:国家)?考古遗址公园|遗址(?![保博群公申系])")
#: Where a stem may start: after these characters (or at a place's end).
_STEM_BEFORE = frozenset("、，。；：（(的和及与")
#: Stems that are words, not names (开工750千伏, 广东第三回500千伏, 推动工业园区).
_NOT_STEM = re.compile(
    r"[第回期网级园区省市县址]|文化|入选|^(?:开工|新增|全国|推动|深化|强化|创新|促进|支持|整个|各类|绿色|重点|国家|特色|"
    r"建强|扩建|一批|大型|中小|智能)"
)
#: A site right after its locator: 0–3 characters and the head (六星街, 丁字湾).
_LOCATED = re.compile(rf"({HAN}{{0,4}}?)(城市群|古城(?!墙)|古镇|小巷|老街|街(?![道区头巷])|湾(?![区])|港(?![口区澳务航城湾]))")
#: What may follow a located site (伊犁六星街、, 烟台丁字湾入选).
_SITE_END = frozenset("、，。；：和与及等成入获被在")
#: A free trade zone written without its province (自贸试验区3项创新成果).
_FREE_TRADE = re.compile(r"自由贸易试验区|自贸试验区")
#: Words before a zone the province does not have yet (争创自贸试验区, 申建…).
_NOT_YET = ("争创", "申建", "申报", "创建", "争取", "申请")


def stem_sites(text: str, ends: frozenset[int]) -> list[tuple[int, int]]:
    """Spans of places named by works (大石峡水利枢纽 → 大石峡) and of parks named
    by a stem (昆冈工业园区); ``ends``: where the places already found end."""
    spans = []
    for m in _WORK_HEAD.finditer(text):
        span = _stem(text, m.start(), ends, (2, 3, 4))
        if span is not None:
            spans.append(span)
    for m in _PARK_HEAD.finditer(text):
        span = _stem(text, m.start(), frozenset(), (2,))
        if span is not None:
            spans.append((span[0], m.end()))
    for m in _RUIN_HEAD.finditer(text) if "遗址" in text else ():
        span = _stem(text, m.start(), ends, (2, 3, 4, 5))
        if span is not None:
            spans.append((span[0], m.end()))
    return spans


def _is_word(stem: str) -> bool:
    """``stem`` is a word, not a name: one of this module's (开工, 第三回, 推动) or of a
    reservoir's (病险, 兴修; :func:`kg.extract.place_sites.is_word_stem`)."""
    return _NOT_STEM.search(stem) is not None or is_word_stem(stem)


def _stem(text: str, end: int, ends: frozenset[int], sizes: tuple[int, ...]) -> tuple[int, int] | None:
    """The shortest stem before ``end`` whose left edge is a boundary or a place's end."""
    for n in sizes:
        start = end - n
        if start < 0 or not HAN_RUN.fullmatch(text, start, end):
            return None
        if start == 0 or text[start - 1] in _STEM_BEFORE or start in ends:
            return None if _is_word(text[start:end]) else (start, end)
    return None


def located_sites(text: str, places: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Sites written right after a place (``places``: spans of those found), as
    (start, end, whether the site's name holds the place and replaces it)."""
    out = []
    for start, end in places:
        m = _LOCATED.match(text, end)
        if m is None:
            continue
        stem, head = m.groups()
        after = text[m.end() : m.end() + 1]
        if head == "城市群":  # 天山北坡城市群: one place named by the one it starts with
            if stem and not _is_word(stem):
                out.append((start, m.end(), True))
        elif not stem:
            if head in ("港", "古城", "古镇"):  # 青岛港, 喀什古城: one place
                out.append((start, m.end(), True))
        elif head != "港" and (2 if head == "街" else 1) <= len(stem) <= 3 and (not after or after in _SITE_END) and not _is_word(stem):
            out.append((end, m.end(), False))  # 伊犁六星街: 六星街 and 伊犁
    return out


#: A port after a city's name (青岛港获批; not 港口, 港澳, 港区).
_PORT = re.compile(r"港(?![口区澳务航城湾])")


def city_ports(text: str) -> list[tuple[int, int]]:
    """Spans of ports named by a city the scan leaves out there (青岛港, 大连港: the
    conflict table holds them as words): 2–3 characters that name a division."""
    surfaces = place_lexicon().surfaces
    out = []
    for m in _PORT.finditer(text):
        for n in (2, 3):
            start = m.start() - n
            if start >= 0 and any(x.how in ("full", "short") for x in surfaces.get(text[start : m.start()], ())):
                if start == 0 or text[start - 1] in _STEM_BEFORE or not HAN_RUN.match(text, start - 1):
                    out.append((start, m.end()))
                break
    return out


#: What may stand before the first county of a list (新设和康、和安县; 、临泽、高台县).
_LIST_START = frozenset("设和与及、，。；：（")


def listed_county_stems(text: str, counties: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of two-character county names the lexicon does not know, written before
    、 and a county's full name that ends the list (新设和康、和安县 → 和康, of 和康县)."""
    out = []
    for start, end in counties:
        s = start - 3
        if s >= 0 and text[start - 1] == "、" and HAN_RUN.fullmatch(text, s, start - 1) and (s == 0 or text[s - 1] in _LIST_START):
            out.append((s, start - 1))
    return out


def with_listed_counties(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """``found`` with the unknown counties of a list that ends in a county's full name
    (新设和康、和安县: 和康, named 和康县), for a sentence with 、."""
    text, base = sentence.text, sentence.start
    counties = [
        (m.start - base, m.end - base)
        for m in found
        if m.subtype == "county" and m.text.endswith("县") and text[m.start - base - 1 : m.start - base] == "、"
    ]
    if not counties:
        return found
    taken = [(m.start - base, m.end - base) for m in found]
    extra = [
        Mention("place", text[s:e], base + s, base + e, sentence.index, name=text[s:e] + "县", subtype="county")
        for s, e in listed_county_stems(text, counties)
        if not any(a < e and s < b for a, b in taken)
    ]
    return sorted(found + extra, key=lambda x: x.start) if extra else found


def bare_free_trade_zones(text: str, ends: frozenset[int]) -> list[tuple[int, int]]:
    """Spans of 自贸试验区 written without a place before it (the zone of the report's
    province), unless the text is about getting one (争创自贸试验区)."""
    return [
        m.span()
        for m in _FREE_TRADE.finditer(text)
        if m.start() not in ends
        and text[m.start() - 1 : m.start()] not in ("）", ")")
        and not any(w in text[max(0, m.start() - 4) : m.start()] for w in _NOT_YET)
    ]


def shaped_sites(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """``found`` (the sentence's places, in order) with the sites read here added:
    a site overlapping a place already found is left out, except a city's port or
    old town, which replaces the city's mention (喀什古城)."""
    text, base = sentence.text, sentence.start
    spans = [(m.start - base, m.end - base) for m in found]
    ends = frozenset(e for _, e in spans)
    new: list[tuple[int, int, str | None]] = []  # start, end, subtype
    replaced: set[tuple[int, int]] = set()
    if spans and _LOCATED_CUE.search(text):
        for s, e, whole in located_sites(text, spans):
            if whole:
                replaced.add((s, next(b for a, b in spans if a == s)))
            new.append((s, e, "other"))
    if _STEM_CUE.search(text):
        new += [(s, e, "other") for s, e in stem_sites(text, ends)]
    if "港" in text:
        new += [(s, e, "other") for s, e in city_ports(text)]
    if "贸试验区" in text:
        new += [(s, e, "area") for s, e in bare_free_trade_zones(text, ends)]
    kept = [m for m, span in zip(found, spans) if span not in replaced]
    taken = [span for span in spans if span not in replaced]
    extra = []
    for s, e, subtype in new:
        if any(a < e and s < b for a, b in taken):
            continue
        taken.append((s, e))
        name = FREE_TRADE_ZONE if subtype == "area" else text[s:e]
        extra.append(Mention("place", text[s:e], base + s, base + e, sentence.index, name=name, subtype=subtype))
    return sorted(kept + extra, key=lambda x: x.start) if extra or replaced else found
