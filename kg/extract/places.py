"""Extraction of places: divisions, new areas, regions and named places.

A longest-match scan over the place lexicon (:mod:`kg.extract.place_lexicon`).
Full names (甘肃省, 山丹县) are taken anywhere, so 张掖市山丹县 gives 张掖市 and
山丹县; short forms (兰州, 庆阳) only where they are not a piece of a longer
word (the lexicon already leaves out short forms that are common words, and
one-character abbreviations such as 兰张 are never in it). A mention's name is
the form as written, or the canonical name for region aliases (黄河 → 黄河流域,
我国 → 中华人民共和国); :mod:`kg.resolve.places` gives divisions their full name.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Mention, Sentence
from .han import HAN, is_han
from .place_lexicon import LEVEL_RANK, Division, Surface, place_lexicon
from .place_shapes import SHAPE_CUES, shaped_sites, with_listed_counties
from .place_sites import reservoir_stems, water_bodies

#: The country's own names are matched anywhere.
DEICTIC_COUNTRY = ("中国", "我国", "中华人民共和国")

__all__ = ["extract_places"]

_START = re.Match.start
#: Characters after which a two-character full name (礼县, 和县) may start.
_BOUNDARY_BEFORE = set("省市州县区盟旗和与及、，,；;：:（(“\"‘《》)）在到赴对从")
#: A name followed by one of these is part of another word (城区域, 大市场).
_BAD_AFTER = {"区": "域", "市": "场", "县": "域"}
#: 中国 followed by these names a concept (中国式现代化, 中国特色社会主义).
_CONCEPT_AFTER = ("特色", "式", "梦")
#: A township after a county's full name: 2–4 characters and 镇, 乡 or 街道.
_TOWN = re.compile(rf"({HAN}{{2,4}}?)(?:镇|乡|街道|村)")
#: Stems that make 镇/乡 part of a common word (城乡, 各乡镇, 全县乡村).
_NOT_TOWN = re.compile(r"[各全城农县市区和与及的等镇乡]")
#: Which reading of a form wins when it has several.
_READING_ORDER = {"full": 0, "region": 1, "alias": 2, "deictic": 3, "short": 4, "abbrev": 5}
#: A place name followed by these is part of an institution's name (陇东学院, 岳麓山实验室).
_INSTITUTION = re.compile(rf"{HAN}{{0,5}}?(?:大学|学院|党校|实验室)")
#: Zones named by a place before them (上海自由贸易试验区, 成都都市圈).
_ZONE = re.compile(
    r"自由贸易试验区|自贸试验区|国家自主创新示范区|自主创新示范区|都市圈|"
    r"高新技术产业开发区|经济技术开发区|综合保税区|国家高新区|高新区|经开区|经济开发区|科学城"
)
#: 科学城 after the name of a science city (not 攻克科学城堡).
_SCIENCE_CITY = re.compile(r"科学城(?!堡)")
#: An international airport, named by the characters before it.
_AIRPORT = re.compile(r"国际机场")
#: An airport without 国际 (合肥机场, 揭阳潮汕机场; not 机场群, 机场大道) or a
#: border crossing (珲春口岸, 二连浩特公路口岸).
_PLAIN_AIRPORT = re.compile(r"(?<!国际)机场(?![群大])|口岸(?![型城经商])")
#: Characters before a name that are not part of it (以东湖科学城, 推动湘江科学城).
_NAME_BEFORE = _BOUNDARY_BEFORE | set("以动持设造速进是为")
#: Zones that only a division names (荆门高新区, 天水经开区).
_DIVISION_ZONES = frozenset({"国家高新区", "高新区", "经开区", "经济开发区"})
#: A section of a railway or motorway between two places (高铁鹤洲至横琴段).
_SEGMENT = re.compile(
    rf"(?:铁路|高铁|城际|高速公路|高速|公路|轨道交通\S{{1,3}}号线)({HAN}{{2,4}}?)至({HAN}{{2,4}}?)段"
)
#: What may follow a place in a list (东莞、中山、江门等; 仙桃、大冶4个县).
_LIST_AFTER = set("、，。；和与及等0123456789两三四五六七八九十")
#: What may follow the last item of a list (安康、石泉分别入选; not 黄茅海通道).
_ITEM_END = _LIST_AFTER | set("分均各共入获")
#: The rest of a list of short names whose head says they are places
#: (仙桃、天门等县市; 赤壁、恩施等14个县市; 黄石、天门等全国文明城市).
_LIST_HEAD = re.compile(
    rf"(?:、{HAN}{{2,3}})*、?{HAN}{{0,3}}等(?:[0-9两三四五六七八九十]{{1,3}}个)?"
    rf"{HAN}{{0,6}}?(?:县市区|县市|市县|县区|城市|县|市|地区|地市)"
)
#: Characters before a foreign country's name (与冰岛、瑞士; not 司法国际, nor 中印尼:
#: China and the country, an abbreviation like 中韩).
_COUNTRY_BEFORE = _BOUNDARY_BEFORE | set("同向访")
#: Words that end in 中 (其中东北, 集中亚洲): 中东, 中亚 after them are no region.
_WORD_ENDS_IN_ZHONG = set("其集之从心手当空初高正")
#: Just after 中国— (中国—中亚峰会, 中国—中东欧): the partner of a China–X pairing.
_PAIRED = re.compile(rf"中国[—－-]{HAN}?$")
#: A character each of the readings after the lexicon scan needs: 至 (a line's
#: section), 科 (科学城), 机 (机场), 口 (口岸), 水 (水库), 江/河/湖 (a river or lake),
#: and one a site read from its shape needs (:data:`place_shapes.SHAPE_CUES`).
_SPECIAL = re.compile("[至科机口水江河湖矿伏园古巷街湾港贸址群]")
#: Two-character division names that are generic words.
_GENERIC = {"城区", "郊区", "矿区", "东区", "南区", "北区", "西区", "中区"}


def _mention(sentence: Sentence, i: int, text: str, name: str, level: str | None) -> Mention:
    """The place mention of ``text`` at ``sentence.text[i]``, with document offsets."""
    return Mention(
        kind="place",
        text=text,
        start=sentence.start + i,
        end=sentence.start + i + len(text),
        sentence=sentence.index,
        name=name,
        subtype=level,
    )


def extract_places(sentence: Sentence) -> list[Mention]:
    """Place mentions in one sentence, with document offsets."""
    lex = place_lexicon()
    text = sentence.text
    found: list[Mention] = []
    pos = 0  # where the scan goes on: the end of the last place taken
    last_end = -1  # where the last place ended (sentence offsets)
    prefix_lengths, surfaces = lex.prefix_lengths, lex.surfaces
    # where a form may start: a C filter on the first two characters, then the
    # table of two-character prefixes (most of the filter's hits are not one)
    starts = [i for i in map(_START, lex.starts.finditer(text)) if text[i : i + 2] in prefix_lengths]
    for i in starts:
        if i < pos:
            continue
        lengths = prefix_lengths[text[i : i + 2]]
        listed = (
            _listed(text, i, last_end)
            if text[i] in lex.list_only_first and "、" in text[i - 1 : i] + text[i + 2 : i + 4]
            else None
        )
        if listed is not None:  # 东莞、中山、江门: a short form that is a word elsewhere
            found.append(_mention(sentence, i, listed.short, listed.name, listed.level))
            pos = last_end = i + len(listed.short)
            continue
        forms = [f for k in lengths if (f := text[i : i + k]) in surfaces and len(f) == k]
        for form in forms:  # lex.candidates inlined: this loop runs once per candidate
            surface = _accept(text, i, form, surfaces[form], glued=last_end == i)
            if surface is None:
                continue
            name = surface.name if surface.how in ("region", "alias") or form == "我国" else form
            zone = _zone(text, i, form, surface)
            if zone is None and surface.how == "abbrev":
                continue  # 长株潭 alone joins three cities; it is no place
            if zone is not None and zone[2]:  # 中关村国家自主创新示范区: the zone is the place
                found.append(_mention(sentence, i, zone[0], zone[1], "area"))
                pos = last_end = i + len(zone[0])
                break
            found.append(_mention(sentence, i, form, name, _level(form)))
            if zone is not None:  # 福建自由贸易试验区: the province and its zone
                found.append(_mention(sentence, i, zone[0], zone[1], "area"))
                pos = last_end = i + len(zone[0])
                break
            i += len(form)
            pos = last_end = i
            town = _town_after(text, i, surface)
            if town:
                found.append(_mention(sentence, i, town, town, "other"))
                pos = last_end = i + len(town)
            break
    if found and "、" in text:
        found = with_listed_counties(sentence, found)  # 新设和康、和安县: 和康县
    if _SPECIAL.search(text) is None:
        return found  # no line section, science city, airport, crossing, reservoir, river or site (most sentences)
    if SHAPE_CUES.search(text) is not None:
        found = shaped_sites(sentence, found)  # 大石峡水利枢纽, 伊犁六星街, 青岛港, 自贸试验区
    if "至" in text and "段" in text:
        found = _segment_ends(sentence, found)
    if "科学城" in text:
        found = _science_cities(sentence, found)
    if "国际机场" in text:
        found = _airports(sentence, found)
    if "机场" in text or "口岸" in text:
        found = _plain_airports(sentence, found)
    if "水库" in text:
        found = _sites(sentence, found, reservoir_stems(text))  # 金塘冲水库, 佛子岭水库
    found = _sites(sentence, found, water_bodies(text))
    return found


def _airports(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """An international airport: the two characters of its name before 国际机场,
    with the city written before them (花湖国际机场, 西安咸阳国际机场)."""
    text = sentence.text
    starts = {m.end - sentence.start: m.start - sentence.start for m in found}
    extra = []
    for m in _AIRPORT.finditer(text):
        j = m.start()
        if j < 2 or not (is_han(text[j - 2]) and is_han(text[j - 1])):
            continue
        start = next((starts[j - n] for n in (2, 3) if j - n in starts), j - 2)
        name = text[start : m.end()]
        base = sentence.start
        if not any(x.start - base <= start and m.end() <= x.end - base for x in found):  # 兰州中川国际机场
            extra.append(_mention(sentence, start, name, name, "other"))
    return _merged(found, extra)


def _plain_airports(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """An airport without 国际 in its name or a border crossing: a place with 0, 2
    or 3 characters after it (合肥机场, 揭阳潮汕机场, 二连浩特公路口岸; not 广州新机场,
    yet to be built), or, in a list of airports, the two characters after 、
    (合肥机场、芜宣机场)."""
    text = sentence.text
    ends = {m.end - sentence.start: m.start - sentence.start for m in found}
    extra: list[Mention] = []
    last = -1  # where the last airport ended
    for m in _PLAIN_AIRPORT.finditer(text):
        j = m.start()
        n = next((n for n in (0, 2, 3) if j - n in ends), None)
        start = None if n is None else ends[j - n]
        if n and (not all(map(is_han, text[j - n : j])) or "新" in text[j - n : j]):
            start = None  # 港珠澳大桥、港深机场, 广州新机场
        if start is None and j >= 3 and text[j - 3] == "、" and last == j - 3 and is_han(text[j - 2]):
            start = j - 2
        if start is None:
            continue
        extra.append(_mention(sentence, start, text[start : m.end()], text[start : m.end()], "other"))
        last = m.end()
    return _merged(found, extra)


def _merged(found: list[Mention], extra: list[Mention]) -> list[Mention]:
    """``found`` and the ``extra`` places a later reading adds, in text order (stable:
    a place and the zone it starts keep their order)."""
    return sorted(found + extra, key=lambda x: x.start) if extra else found


def _sites(sentence: Sentence, found: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    """``found`` and the named sites at ``spans`` that overlap none of its places."""
    if not spans:
        return found
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    extra = [
        _mention(sentence, s, sentence.text[s:e], sentence.text[s:e], "other")
        for s, e in spans
        if not any(a < e and s < b for a, b in taken)
    ]
    return _merged(found, extra)


def _science_cities(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """A science city the lexicon does not know (以东湖科学城为核心, 大连英歌石科学城):
    the 2–3 characters before 科学城, after a place or a function word."""
    text = sentence.text
    ends = {m.end - sentence.start for m in found}
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in found]
    extra = []
    for m in _SCIENCE_CITY.finditer(text):
        end = m.end()
        for n in (2, 3):
            start = m.start() - n
            if start < 0 or not is_han(text[start]):
                break
            before = text[start - 1] if start else ""
            if start in ends or (n == 2 and (not is_han(before) or before in _NAME_BEFORE)):
                if not any(s < end and start < e for s, e in taken):
                    extra.append(_mention(sentence, start, text[start:end], text[start:end], "area"))
                break
    found = _merged(found, extra)
    cities = {m.end: m for m in found if m.subtype == "prefecture"}
    return [
        _with_city(sentence, m, cities[m.start]) if m.start in cities and m.text.endswith("科学城") else m
        for m in found
    ]


def _with_city(sentence: Sentence, city_park: Mention, city: Mention) -> Mention:
    """A science city named with its city before it (合肥滨湖科学城, 大连英歌石科学城)."""
    name = city.text + city_park.text
    return _mention(sentence, city.start - sentence.start, name, name, "area")


def _segment_ends(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """The two ends of a line's section (高铁鹤洲至横琴段: 鹤洲, 横琴) are places,
    whether or not the lexicon knows them."""
    return _sites(sentence, found, [m.span(g) for m in _SEGMENT.finditer(sentence.text) for g in (1, 2)])


def _listed(text: str, i: int, last_end: int) -> Division | None:
    """A prefecture whose short form is a common word (中山), in a list right after
    another place or right before one (东莞、中山、江门)."""
    lex = place_lexicon()
    for n in (2, 3):
        d = lex.list_only.get(text[i : i + n])
        if d is None:
            continue
        after = text[i + n : i + n + 1]
        if after and after not in _LIST_AFTER:
            return None
        if i >= 1 and text[i - 1] == "、" and last_end == i - 1:
            return d
        j = i + n + 1
        if after == "、" and any(
            text[j + len(f) : j + len(f) + 1] in _ITEM_END and _accept(text, j, f, lex.surfaces[f])
            for f in lex.candidates(text, j)
        ):  # the next item is a whole place (not 深中通道、黄茅海通道)
            return d
        if after == "、" and d.level == "county" and _LIST_HEAD.match(text, i + n):
            return d
    return None


def _zone(text: str, i: int, form: str, surface: Surface) -> tuple[str, str, bool] | None:
    """A zone named by the place at ``text[i]``: (text, name, whether the zone replaces
    the place). 上海自由贸易试验区 → 中国（上海）自由贸易试验区; 成都都市圈; 中关村
    国家自主创新示范区 (a named area is the zone itself)."""
    m = _ZONE.match(text, i + len(form))
    if m is None:
        return None
    written = form + m.group()
    if surface.how == "region" and surface.level != "area" and m.group() in _DIVISION_ZONES:
        return None  # 中部地区国家高新区联盟: a development zone is named by a city or county
    if m.group().startswith(("自由贸易试验区", "自贸试验区")) and surface.level == "province":
        short = next((d.short for d in place_lexicon().by_name.get(surface.name, [])), form)
        return written, f"中国（{short or form}）自由贸易试验区", False
    return written, written, surface.how == "abbrev" or (surface.how == "region" and surface.level == "area")


def _accept(text: str, i: int, form: str, surfaces: list[Surface], glued: bool = False) -> Surface | None:
    """The reading of ``form`` at ``text[i]``, or None when the context rules it out;
    ``glued``: a place ends right before it (辽宁海城市, 安徽和县)."""
    before = text[i - 1] if i else ""
    after = text[i + len(form) : i + len(form) + 8]
    hows, preferred, _ = _form_facts(form)
    if form in _GENERIC:
        return None
    if hows == {"region"} and len(form) == 2 and _division_at(text, i + 1):
        return None  # 投资江西 is not 资江, 华东江苏 not 东江: the division wins
    if hows == {"region"} and surfaces[0].level == "country" and form not in DEICTIC_COUNTRY:
        if len(form) < 3 and is_han(before) and before not in _COUNTRY_BEFORE:
            return None  # 司法国际 is not 法国 (a longer name is no piece of a word: 万华科威特)
        if after.startswith(("族", "支那", "尼西", "洋")):
            return None  # 朝鲜族, 印度支那, 印度洋: not the country
    if len(form) == 2 and form[0] == "中" and hows == {"region"} and (before in _WORD_ENDS_IN_ZHONG or after[:1] in ("部", "北", "南")):
        return None  # 其中东北各省, 中东部地区: no 中东
    if hows == {"region"} and form not in DEICTIC_COUNTRY and _PAIRED.search(text, max(0, i - 4), i):
        return None  # 中国—哈萨克斯坦…联合实验室, 中国—中(东欧): a China–X pairing
    if form == "中华人民共和国" and before == "《":
        return None  # 《中华人民共和国律师法》: the formal prefix of a law's title
    if form == "中国" and after[:1] in "（(":
        return None  # 中国（安徽）科交会, 中国（贵州）自由贸易试验区: a name's prefix
    if form == "中国" and after.startswith(_CONCEPT_AFTER):
        return None  # 中国式现代化, 中国特色: a concept, not the country
    if "region" not in hows and after[:1] and after[:1] in _BAD_AFTER.get(form[-1], ""):
        return None  # 城区域, 大市场
    if len(form) == 2 and hows == {"full"} and after[:1] in ("城", "级"):
        return None  # 城市和县城 is not 和县
    if len(form) == 2 and hows == {"full"} and not glued and is_han(before) and before not in _BOUNDARY_BEFORE:
        return None  # 循环县域 is not 环县
    if (
        len(form) == 3
        and hows == {"full"}
        and not glued
        and is_han(before)
        and before not in _BOUNDARY_BEFORE
        and place_lexicon().overlaps_word(text, i, form[:2], left_only=True)
    ):
        return None  # 沿海城市 is not 海城市
    if "full" not in hows and _INSTITUTION.match(after):
        return None  # 兰州大学, 陇东学院, 中国政法大学: a university, not the place
    if hows == {"short"}:
        if after[:1] == "族":
            return None  # 东乡族: the people, not 东乡县
        if place_lexicon().overlaps_word(text, i, form):
            return None  # 均衡水平 is not 衡水
    return preferred


def _division_at(text: str, i: int) -> bool:
    """Whether a division's full or short name starts at ``text[i]``."""
    lex = place_lexicon()
    return any(
        s.how in ("full", "short") for f in lex.candidates(text, i) for s in lex.surfaces[f]
    )


def _town_after(text: str, i: int, surface: Surface) -> str | None:
    """A township named right after its county (华池县南梁镇 → 南梁镇)."""
    if surface.how != "full" or surface.level not in ("county", "prefecture"):
        return None
    m = _TOWN.match(text, i)
    if m is None or _NOT_TOWN.search(m.group(1)):
        return None
    if any(form in m.group() for form in place_lexicon().candidates(text, i)):
        return None  # 华池县南梁镇: 南梁 is in the lexicon, the scan names it
    return m.group()


def _level(form: str) -> str:
    """The broadest level the form can name (吉林 → province)."""
    return _form_facts(form)[2]


@cache
def _form_facts(form: str) -> tuple[frozenset[str], Surface, str]:
    """What a lexicon form's readings give whatever the context, worked out once per
    form: the kinds of reading (full, short, region …), the reading that wins where
    the context allows it, and the broadest level it can name."""
    surfaces = place_lexicon().surfaces[form]
    full = [s for s in surfaces if s.how != "short"] or surfaces
    return (
        frozenset(s.how for s in surfaces),
        min(surfaces, key=lambda s: _READING_ORDER[s.how]),
        max(full, key=lambda s: LEVEL_RANK.get(s.level, 0)).level,
    )
