"""More initiative readings (used by :mod:`kg.extract.initiatives`; :func:`coordinated`
also by :mod:`kg.extract.initiative_quotes`): shapes of
names that work reports use with no launching verb or quote before them.

- the next items of a coordination after a verb-led name: 开展A行动和B行动,
  实施A工程、B工程 (each item must end in a head word of its own);
- railway lines and motorways: 银兰高铁中兰段, 西香高速 (a lead verb stripped);
- numbered coinages: 三大攻坚战, 六大科技专项, 十大工程 (a numeral, 大, a short
  stem and a head word is always a coined name, not a count);
- phases of a project: 兰州中川国际机场三期, 南水北调中线一期工程, 国家超算深圳中心二期
  (a list item or a clause's object ending in 一期/二期…);
- fairs known by an abbreviation: 西博会, 广交会, 服贸会, 进博会;
- circles named by a travel time: 一刻钟便民生活圈, 1小时高铁圈, 15分钟社区生活圈;
- the items of a list before 等<kind>工程/项目 that name a work (金塘冲水库等重大水利工程,
  嘉陵江利泽航运枢纽等标志性项目), not a sector (交通等基础设施项目).

Candidates are ``(start, end, name, kind, priority)`` tuples, as in
:mod:`kg.extract.initiatives`.
"""

from __future__ import annotations

import re
from functools import cache

from .initiative_grammar import HAN, Candidate, clause_start, reads_as_clause
from .initiative_lexicon import cues, head_alternation
from .initiative_lexicon import head_kinds as _heads
from .place_lexicon import place_lexicon

__all__ = [
    "circles",
    "coordinated",
    "counted_list",
    "fairs",
    "generic_platform",
    "numbered",
    "phases",
    "project_list",
    "rails",
]

_PUNCT = "，。；：！？,;:!?（）()《》“”\n"
_NUMERALS = frozenset("一二三四五六七八九十0123456789")
#: What joins one item of a coordination to the next.
_JOINER = re.compile(r"以及|[和与及、]")
#: What turns a numbered coinage into a title or award (十大工程成就, 十大工程奖, 十大工程榜单).
_TITLE_AFTER = re.compile(r"成就|奖|榜|评选")
#: Extra heads of numbered coinages that are not head words on their own (六大科技专项).
_NUMBERED_HEADS = {"专项": "project", "产业集群": "project", "通道": "project"}
#: What a line's name ends with: its kind, then an optional section (成渝中线高铁, …至…段).
_RAIL_END = (
    rf"(?:城际铁路|铁路|高铁|高速公路|高速|轨道交通[一二三四五六七八九十\d]+号线)"
    rf"(?:[{HAN}]{{2,4}}至[{HAN}]{{2,4}}段|[{HAN}]{{2,3}}段)?"
)
_RAIL = re.compile(
    rf"(?:^|(?<=[、，。；：“（])|(?<=建成|开工|建设|开通|推进|实施|工程))"
    rf"([{HAN}]{{2,8}}?(?:（[{HAN}]{{1,3}}）)?{_RAIL_END})(?=[、，。；等和与及建开加]|$)"
)
_RAIL_TAIL = re.compile(rf"{_RAIL_END}$")
#: Phase names: the stem, 一期…四期 (or 第一期), then an optional 工程/项目.
_PHASE = re.compile(
    rf"(?:^|(?<=[、，。；：]))((?:[{HAN}A-Za-z]|（[{HAN}]{{1,4}}）){{3,16}}?(?:第?[一二三四]期)(?:工程|项目)?)"
    rf"(?![间末])"
)
_PHASE_GATE = re.compile(r"[一二三四]期")
_PHASE_TAIL = re.compile(r"第?[一二三四]期(?:工程|项目)?$")
#: A phase's stem starting with one of these is a description (新增, 加快…), cut off.
_PHASE_LEAD = re.compile(
    r"^(?:加快推进|加快建设|开工建设|建成投产|建成投用|建成|开工|推进|推动|加快|实施|启动|新建|续建|提速|确保|"
    r"完成|高效建设|建设|支持|谋划|争取|力争|继续|实现|全面|持续|确保)+"
)
_PHASE_BAD = re.compile(r"[这该其本各及和与]|实施|一批|项目$|工程$|^[一二三四]期|改造|任务|阶段|规划|年")
#: A fair's abbreviation: one character and 博会/交会/洽会/贸会 (广交会, 西博会).
_FAIR = re.compile(rf"([{HAN}])(博会|交会|洽会|贸会)")
_FAIR_BAD = set("利相线并展商协会汇再")
#: The host written before a fair's abbreviation: 中国（安徽）科交会.
_FAIR_HOST = re.compile(rf"中国（[{HAN}]{{2,4}}）[{HAN}]?$")
#: A circle named by a travel time: 1小时高铁圈, 15分钟高品质生活服务圈, 一刻钟便民生活圈.
_CIRCLE = re.compile(
    rf"(?:[\d一二三四五六七八九十]+(?:小时|分钟)|半小时|一刻钟)[{HAN}]{{1,8}}?圈"
)


#: A list of works before 等 and a kind of project: 等重大水利工程, 等标志性项目, 等一批重点项目.
_KIND_LIST = re.compile(rf"等(?:“?(?:一批)?[{HAN}]{{1,6}}?(?:工程|项目)|(?=(?:加快)?(?:开工建设|建成通车|开工|建成|投运|建设)))")
#: What a work's name ends with: a structure, a line, a phase or an upgrade of one.
_WORK_END = re.compile(
    r"(?:水库|水利枢纽|航运枢纽|枢纽|灌区|铁路|高铁|高速公路|高速|口岸|港区|港|机场|大桥|电站|电厂|核电|隧道|"
    r"航道|管道|基地|产业园|码头|水厂|堤防|二线|复线|扩能|改扩建|扩容|[一二三四]期|工程|"
    r"机组|船闸|快线|城际|线[^路]{1,3}段)$"
)
_WORK_BAD = re.compile(
    r"^(?:城市|农村|内河|重点|重大|各类|一批|新建|新增|地下|具备)|[等的]"
    r"|(?<![A-Za-z\d])\d(?![A-Za-z\d]*[A-Za-z]|号机组"
    rf"|[\d.]*(?:万|亿)?(?:千伏|千瓦|兆瓦|吨|立方米)(?:/年)?[{HAN}]{{1,12}}(?:工程|基地|项目|电站|管道)$)"
)  # digits: a metric (but 淖毛湖750千伏输变电工程: a capacity inside a work's name)
#   (but 3D, 5G: a technology; R1线, G9812高速: a line's code; 6号机组: a unit)
#: Starts of a kind of work, not a work's name (国家物流枢纽, 区域…基地, 城际铁路, 虚拟电厂).
_GENERIC_WORK = re.compile(r"(?:国家|省级|区域|城际|城市|[东中西]部地区|中部|虚拟|算电|智慧|绿色|数字|新型|现代)")
_ITEM_SPLIT = re.compile(r"[、和及]")
_LIST_SPLIT = re.compile(r"、")
#: A list of lines (京沪、京广等高铁, 成南扩容、九绵等高速公路), a counted list of works:
#: 等6条高铁, 等17条高速公路, 等1.1万个重大产业项目, 等340个市级重点项目,
#: or of a numbered programme of projects: 等“十大产业项目” (the parts of 等“十大工程” may be
#: aims, 执法能力全员培训, and are left to :func:`project_list`).
_COUNTED_LIST = re.compile(
    rf"等(?:(?:[\d.]+[万千百]?|[一二三四五六七八九十两百千]+)多?(?:条|个|项|座|处)"
    rf"(?:(?P<line>[{HAN}]{{0,8}}?)(?:高铁|铁路|高速公路)|(?P<work>[{HAN}]{{1,8}}?)(?:项目|工程))"
    rf"|“?[二三四五六七八九十]大(?P<part>[{HAN}]{{0,8}}?)项目"
    rf"|(?:重大|重点)?(?P<lines>城际铁路|高铁|铁路|高速公路)(?!网|里程|骨架|密度|服务区|收费|沿线|出入口|通道|主通道))"
)
#: A counted list's modifier that makes its items sectors or places, not works (重点领域项目, 县区).
_COUNTED_BAD = re.compile(r"领域|行业|类|县|市区|城市|企业|民生")


@cache
def _launch_verbs() -> re.Pattern[str]:
    """The launching verbs of ``initiative_cues.tsv``: a counted list starts after the last one."""
    return re.compile(cues().verbs)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The coordination-item and numbered-coinage patterns, built once from the head words."""
    heads = head_alternation()
    num_heads = "|".join(
        re.escape(h) for h in sorted({*_heads(), *_NUMBERED_HEADS}, key=lambda h: (-len(h), h))
    )
    return {
        "item": re.compile(
            rf"([^{_PUNCT}的、等]{{2,20}}?({heads}))(?=[{_PUNCT}、和与及等]|成果|工作|建设|取得|深入|全面|$)"
        ),
        "plain": re.compile(rf"[{HAN}A-Za-z0-9·—]{{2,12}}(?=、)"),
        "numbered": re.compile(
            rf"([二三四五六七八九十]大[^{_PUNCT}、等的和与及]{{0,6}}?({num_heads}))"
        ),
    }


def _kind(head: str) -> str:
    """The kind a head word implies, the heads of numbered coinages included."""
    return _heads().get(head) or _NUMBERED_HEADS.get(head, "other")


def coordinated(text: str, end: int) -> list[tuple[int, int, str]]:
    """The items that follow a name ending at ``end`` in a coordination (和B行动,
    、B工程): ``(start, end, head)`` for each item with a head word of its own.
    A short item without one (海峡青年荟) is passed over; the run stops at 等,
    a clause mark or a long phrase. The caller cleans each name."""
    out: list[tuple[int, int, str]] = []
    pats = _patterns()
    while True:
        j = _JOINER.match(text, end)
        if not j:
            return out
        m = pats["item"].match(text, j.end())
        if m:
            out.append((m.start(1), m.end(1), m.group(2)))
            end = m.end(1)
            continue
        plain = pats["plain"].match(text, j.end())
        if not plain:
            return out
        end = plain.end()


def numbered(text: str) -> list[Candidate]:
    """Numbered coinages: 三大攻坚战, 六大科技专项, 十大工程."""
    if "大" not in text:
        return []
    return [
        (m.start(1), m.end(1), m.group(1), _kind(m.group(2)), 2)
        for m in _patterns()["numbered"].finditer(text)
        if not (m.start() and text[m.start() - 1] in _NUMERALS)  # 十二大: a count
        and not _TITLE_AFTER.match(text, m.end())  # 全球十大工程成就: a title won, not a programme
    ]


def phases(text: str) -> list[Candidate]:
    """Project phases: 兰州中川国际机场三期, 南水北调中线一期工程."""
    out: list[Candidate] = []
    if "期" not in text or not _PHASE_GATE.search(text):
        return out
    for m in _PHASE.finditer(text):
        start, name = m.start(1), m.group(1)
        cut = name.rfind("的") + 1  # 举世瞩目的长江三峡水利枢纽二期工程
        start, name = start + cut, name[cut:]
        lead = _PHASE_LEAD.match(name)
        if lead:
            start, name = start + lead.end(), name[lead.end() :]
        stem = _PHASE_TAIL.sub("", name)
        if len(stem) >= 3 and not _PHASE_BAD.search(stem):
            out.append((start, m.end(1), name, "project", 2))
    return out


def fairs(text: str) -> list[Candidate]:
    """Fairs known by an abbreviation: 西博会, 广交会, 服贸会."""
    if "博会" not in text and "交会" not in text and "洽会" not in text and "贸会" not in text:
        return []
    out = []
    for m in _FAIR.finditer(text):
        if m.group(1) in _FAIR_BAD:
            continue
        host = _FAIR_HOST.search(text, max(0, m.start() - 8), m.start())  # 中国（安徽）科交会
        start = host.start() if host else m.start()
        out.append((start, m.end(), text[start : m.end()], "activity", 2))
    return out


def circles(text: str) -> list[Candidate]:
    """Circles named by a travel time: 1小时高铁圈, 一刻钟便民生活圈 (a programme of
    services or lines within that reach)."""
    if "圈" not in text:
        return []
    return [(m.start(), m.end(), m.group(), "project", 2) for m in _CIRCLE.finditer(text)]


def project_list(text: str) -> list[tuple[int, int]]:
    """Items of 金塘冲水库、夹岩大型灌区等重大水利工程 that name a work (a structure,
    line or phase), as ``(start, end)``; the caller cleans each name."""
    out: list[tuple[int, int]] = []
    if "等" not in text:
        return out
    previous = 0
    for m in _KIND_LIST.finditer(text):
        lo = clause_start(text, max(previous, m.start() - 120), m.start())
        pos = lo
        by_verb = m.end() == m.start() + 1  # A、B等开工建设: no kind word, so the items must look named
        if by_verb and "、" not in text[lo : m.start()]:
            continue
        for item in _ITEM_SPLIT.split(text[lo : m.start()]):
            lead = cues().lead_verb.match(item) if by_verb else None
            bare = item[lead.end() :] if lead else item
            if (
                4 <= len(item) <= 20
                and _WORK_END.search(item)
                and not _WORK_BAD.search(item)
                and not (by_verb and _GENERIC_WORK.match(bare))
            ):
                out.append((pos, pos + len(item)))
            pos += len(item) + 1
        previous = m.end()
    return out


def counted_list(text: str) -> list[tuple[int, int, str]]:
    """Items of a counted list of works, 邵永、铜吉、长赣等6条高铁 or 长江存储二期、东风岚图等
    1.1万个重大产业项目: a count after 等 says the items are examples of one kind, so
    each is a work's (often elliptical) name, as ``(start, end, kind)``; so are the
    parts before a numbered programme (A、B等“十大工程”). Items that are
    just a place (苍梧、昭平等10个…) or a sector are passed over; the caller cleans each name."""
    out: list[tuple[int, int, str]] = []
    if "等" not in text:
        return out
    places = place_lexicon().surfaces
    previous = 0
    for m in _COUNTED_LIST.finditer(text):
        if _COUNTED_BAD.search(m["line"] or m["work"] or m["part"] or ""):
            continue
        kind = "project"
        lines = m["line"] is not None or m["lines"] is not None
        split = _ITEM_SPLIT if lines else _LIST_SPLIT  # 京港澳和沪昆扩容: two lines
        lo = clause_start(text, max(previous, m.start() - 120), m.start())
        verb = None
        for verb in _launch_verbs().finditer(text, lo, m.start()):
            if text.find("、", lo, verb.start()) >= 0:
                break
            lo = verb.end()  # 我们将聚力实施A、B等: the list starts after its verb
        pos = lo
        shortest = 2 if lines else 4  # 九绵 is a line; 学校、医院等100个重点项目 are no names
        for item in split.split(text[lo : m.start()]):
            lead = cues().lead_verb.match(item)
            cut = lead.end() if lead and lead.end() < len(item) else 0  # 加快邵永 → 邵永
            name = item[cut:]
            if shortest <= len(name) <= 20 and name not in places and not _WORK_BAD.search(name) and "“" not in name:
                out.append((pos + cut, pos + len(item), kind))
            pos += len(item) + 1
        previous = m.end()
    return out


def rails(text: str) -> list[Candidate]:
    """Railway lines and motorways: 银兰高铁中兰段, 广珠（澳）高铁鹤洲至横琴段, 西香高速."""
    out: list[Candidate] = []
    if "铁路" not in text and "高铁" not in text and "高速" not in text and "轨道交通" not in text:
        return out  # no line word: skip the scan (every line's name ends in one)
    for m in _RAIL.finditer(text):
        start, name = m.start(1), m.group(1)
        lead = cues().lead_verb.match(name)
        if lead:
            start, name = start + lead.end(), name[lead.end() :]
        stem = _RAIL_TAIL.sub("", name)  # 西香|高速: the head itself is no sign
        if not cues().rail_bad.search(stem) and len(stem) >= 2 and not reads_as_clause(name, stem):
            out.append((start, m.end(1), name, "project", 2))
    return out


#: Who a named platform belongs to: the state, a province, a city (国家吸引和集聚人才平台, 省科技成果进场交易平台).
_SCOPE = re.compile(r"^(?:国家|全国|中国|全省|省|市|自治区|区域|跨区域)")


def generic_platform(name: str) -> bool:
    """A platform named only by what it does (协同创新平台, 工业互联网平台, 高水平创新平台):
    a kind of platform, not one. A named one says whose it is: 国家…, 省…, or a place."""
    if not name.endswith("平台"):
        return False
    if _SCOPE.match(name) or "·" in name:
        return False
    return not any(True for _ in place_lexicon().candidates(name, 0))
