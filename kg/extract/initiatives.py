"""Extraction of initiatives: named campaigns, mechanisms, models, platforms, projects.

:func:`extract_initiatives` runs every reading of a sentence, keeps the
non-overlapping candidates (quoted names first, then longer ones) and drops
what a report bans or titles. The readings, driven by lexicons
(``initiative_heads.tsv``, ``initiative_cues.tsv``, ``initiative_quote_cues.tsv``,
``initiatives.tsv``):

- quoted names (:mod:`kg.extract.initiative_quotes`): a quote a head word follows
  (“万所联万会”机制), a run of quotes before one, a quote a launching verb takes
  (采取“周汇总、月通报、季调度”), quoted cores of list items; quoted rhetoric
  (“一刀切”, “最后一公里”) is left alone.
- here: an unquoted name a launching verb takes, ending in a head word (开展道路交通…专项整治,
  建立政府规章动态清理机制, 举办首届…论坛; names with 的 are descriptions, not names), a
  project at the start of a clause (陇电入鲁工程建成投运) and items of a list before
  等工程/等项目. Each passes :func:`kg.extract.initiative_clean.clean_name`.
- well-known programmes by name (:mod:`kg.extract.initiative_known`: 以工代赈, 一带一路).
- by context (:mod:`kg.extract.initiative_context`): a quoted coinage a verb leads
  to or a carrier noun follows (推广“链式改造”, “蜀里安逸”消费券), numbered events,
  city games and named funds.
- by shape (:mod:`kg.extract.initiative_names`): each item of a coordination after a
  verb-led name (开展A行动和B行动), railway lines (银兰高铁中兰段), numbered coinages
  (三大攻坚战), project phases (国家超算深圳中心二期) and fairs known by an abbreviation (西博会).
- events in lists and packages of measures (:mod:`kg.extract.initiative_events`);
  descriptions and banned things are dropped (:mod:`kg.extract.initiative_filters`), and so
  are shapes that read as a clause (:mod:`kg.extract.initiative_grammar`: 保证逐步消灭剥削制度).
- works a construction verb follows (:mod:`kg.extract.initiative_works`: 瓦石峡水库开工建设) and
  quoted brands by what they do (:mod:`kg.extract.initiative_brands`: “鲁惠通”兑现).
A close variant of a known programme takes its name (脱贫攻坚战 → 脱贫攻坚).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from ..model import Mention, Sentence
from .initiative_brands import drive_kind, plan_kind
from .initiative_clean import clean_name
from .initiative_context import branded_drives, censuses, events_and_funds
from .initiative_events import listed_events, measure_packages
from .initiative_filters import forbidden_at, title_spans
from .initiative_grammar import CLAUSE_MARKS, NUMERALS, Candidate, reads_as_clause
from .initiative_known import known_names
from .initiative_lexicon import cues as _cues
from .initiative_lexicon import head_alternation
from .initiative_lexicon import head_kind as _kind
from .initiative_lexicon import variant as _variant
from .initiative_names import circles, coordinated, counted_list, fairs, generic_platform, numbered, phases
from .initiative_names import project_list, rails
from .initiative_quotes import quoted_items, quoted_names
from .initiative_works import built_works

__all__ = ["extract_initiatives"]



#: A count right after a name (项目213个, 活动9.5万场) makes it a class of things.
_COUNT_AFTER = re.compile(r"[\d.]+[万亿]?(?:个|项|场|次|家|所|处|批|期|座|条|场次|人次)")
_CLAUSE_PUNCT = "，。；：！？,;:!?（）()《》\n"
#: After A、B等, these start a description of the list, not a name (等重大国际会议会展活动).
_GENERIC_TAIL = ("重大", "重点", "各类", "一批", "系列", "多项", "国家级", "省级", "高能级", "高水平")
#: How far back a list before 等工程 may reach.
_LIST_SPAN = 200
_CLAUSE_BOUND = re.compile(f"[{CLAUSE_MARKS}]")
#: The heads of a project named at the start of a clause, and what may follow one there.
_CLAUSE_HEADS = "工程|项目|集群|行动|攻坚战|攻坚|专项整治|新通道|战略|制度|大科学装置|科学中心|集结中心"
_CLAUSE_NEXT = (
    "建成|开工|具备|投运|取得|入选|加快|有序|成为|从无到有|获批|落地|让|进入|实现|"
    "刷新|深入|深化落实|全面|工作|基本建立|正式|启动|顺利|不断完善|稳步|扎实|规范运行|使[^，。；]{0,12}受益|圆满|[，。；、]"
)
_PAIR_JOIN = re.compile(r"[和与及]")
#: What may follow a verb inside an action's name (国企改革深化|提升行动, 绿色消费推进|行动).
_ACTION_TAIL = re.compile(r"(?:提升|三年)?行动")
#: A short item of a pair that names a class: 工资制度, 财政体制, 收尾项目.
_SHORT_CLASS = re.compile(r"(?:制度|体制|项目)$")
_CLAUSE_COUNT = re.compile(rf"[\d０-９%]|亿元|万元|[{NUMERALS}余](?:个|家|户)")
_COUNTED = re.compile(r"[\d一二两三四五六七八九十]+[个家项类]")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of the unquoted readings, built once from the lexicons."""
    heads = head_alternation()
    return {
        "and_head": re.compile(rf"等({heads})"),
        "verb": re.compile(
            rf"(?:{_cues().verbs})([^{_CLAUSE_PUNCT}“”的]{{2,30}}?({heads}))"
            rf"(?=[{re.escape(_CLAUSE_PUNCT)}、等和与及\d]|成果|工作|建设|取得|深入|全面|试点|提质|扩面|走深走实|落地见效|$)"
        ),
        "clause": re.compile(
            rf"(?:^|(?<=[{re.escape(_CLAUSE_PUNCT)}、])|(?<=[\d万亿][元人户亩]的))"
            rf"([^{_CLAUSE_PUNCT}“”的、等]{{3,20}}?({_CLAUSE_HEADS}))(?={_CLAUSE_NEXT})"
        ),
        "clause_gate": re.compile(rf"(?:{_CLAUSE_HEADS})(?={_CLAUSE_NEXT})"),
        "clause_verb": re.compile(rf"^要?(?:扎实|深入|全面|持续|大力|积极|加快|统筹|着力)?(?:{_cues().verbs})"),
        "any_verb": re.compile(f"(?:{_cues().verbs})"),
        "list_head": re.compile(r"等(?:重大|重点)?(工程|项目|高速公路)"),
        "ends_head": re.compile(rf"(?:{heads})$"),
    }


def extract_initiatives(sentence: Sentence) -> list[Mention]:
    """Initiative mentions in one sentence, with document offsets."""
    text = sentence.text
    found: list[Candidate] = []  # start, end, name, kind, priority
    found += quoted_names(text)
    found += _verb_led(text)
    found += _clause_led(text)
    if "铁" in text or "高速" in text or "轨道" in text:  # a line's word (the reading's own test is finer)
        found += rails(text)
    known = known_names(text)
    found += known
    found += events_and_funds(text) + measure_packages(text) + branded_drives(text)
    if "、" in text:  # every list of events or of quoted items has one (a quick test here saves two calls)
        found += listed_events(text) + quoted_items(text)
    if "普查" in text or "调查" in text:
        found += censuses(text)
    if "大" in text:
        found += numbered(text)
    if "会" in text:
        found += fairs(text)
    if "期" in text:
        found += phases(text)
    if "圈" in text:
        found += circles(text)
    if not found:
        return []
    chosen = _select(found) if len(found) > 1 else found
    events = [(c[0], c[1]) for c in chosen if c[3] == "activity"]
    if events and known:  # 第二届“一带一路”科技交流大会 names 一带一路 too
        inside = [
            k
            for k in known
            if k[3] != "activity" and any(s <= k[0] and k[1] <= e and (s, e) != k[:2] for s, e in events)
        ]  # but not the fair inside 首届中国国际进口博览会
        chosen = sorted(chosen + inside) if inside else chosen
    titles = title_spans(text) if "《" in text else []
    chosen = [
        (s, e, *_variant(n, drive_kind(text, s, e, n, plan_kind(n, k))), p)
        for s, e, n, k, p in chosen
        if not forbidden_at(text, s, e) and not (titles and any(a < s and e < b for a, b in titles))
    ]
    return _to_mentions(sentence, chosen)


def _verb_led(text: str) -> list[Candidate]:
    """Names a launching verb takes (开展…专项整治, 建立…机制), each named item of a list
    it takes (A、B等活动, 建设A中心、B中心) and the items coordinated after it (和B行动)."""
    out = []
    for m in _patterns()["verb"].finditer(text):
        start, name = m.start(1), m.group(1)
        lead = _cues().lead_modifier.match(name)
        if lead:
            start, name = start + lead.end(), name[lead.end() :]
        head = m.group(2)
        more = _patterns()["and_head"].match(text, m.end(1))
        if more:  # A、B大宣讲等活动: the list's head is 活动
            head, name = more.group(1), name + more.group()
        cut = name.rfind("等")
        tail = name[cut + 1 :] if cut > 0 else ""
        if cut > 0 and (len(tail) - len(head) <= 4 or tail.startswith(_GENERIC_TAIL)):  # A、B等(重大)活动
            out += _list_items(text, start, start + cut, head)
            continue
        counted = _COUNTED.search(name)
        if counted and "、" in name[: counted.start()]:  # 创建A、B2个国家先进制造业集群
            out += _list_items(text, start, start + counted.start(), head, every=True)
            continue
        first = name.split("、", 1)[0]
        if "、" in name and _patterns()["ends_head"].search(first) and len(first) > 3:
            out += _list_items(text, start, start + len(name), head)  # 建设A中心、B中心
            name = ""  # only the named items, then the rest of the run
        elif "、" in name and text.startswith("等", m.end(1)):
            continue  # 启动A、B、C制度等改革: a list of sectors, not a name
        elif "、" in name and text.startswith("、", m.end(1)):  # 举办A、B博览会、C等活动
            out += _list_items(text, start, start + len(name), "")  # the named items only
            name = ""
        cleaned = clean_name(start, name, head) if "之间" not in name else None
        if cleaned and (_COUNT_AFTER.match(text, m.end(1)) or generic_platform(cleaned[1]) and generic_platform(m.group(1))):
            cleaned = None  # 实施省级高品质住宅试点项目213个: a class of things counted; 协同创新平台
        if cleaned:
            out.append((cleaned[0], cleaned[0] + len(cleaned[1]), cleaned[1], _kind(head), 2))
        for s, e, h in coordinated(text, m.end(1)) if "一批" not in name else ():  # 开展A行动和B行动
            item = clean_name(s, text[s:e], h)
            if item:
                out.append((item[0], e, item[1], _kind(h), 2))
    return out


def _list_items(
    text: str, start: int, end: int, head: str, every: bool = False
) -> list[Candidate]:
    """Items of ``A、B等<head>`` that are themselves names (end in a head word);
    every item for projects (工程, 项目) or when ``every``."""
    out, pos = [], start
    for item in text[start:end].split("、"):
        m = _patterns()["ends_head"].search(item)
        if (m and len(item) > len(m.group()) + 1) or head in ("工程", "项目", "高速公路") or every:
            kind = _kind(m.group() if m else head) if head != "高速公路" or m else "project"
            cleaned = clean_name(pos, item, m.group() if m else "") if len(item) <= 24 else None
            if cleaned:
                out.append((cleaned[0], cleaned[0] + len(cleaned[1]), cleaned[1], kind, 2))
        pos += len(item) + 1
    return out


def _clause_led(text: str) -> list[Candidate]:
    """Names at the start of a clause (陇电入鲁工程建成投运, A战略和B战略深入实施), works a
    construction verb follows, and the items of lists of works (A、B等工程, 等6条高铁)."""
    out: list[Candidate] = []
    pats = _patterns()
    for m in pats["clause"].finditer(text) if pats["clause_gate"].search(text) else ():
        if pats["clause_verb"].match(m.group(1)):
            continue  # a verb phrase: the verb-led reading handles it
        verb = pats["any_verb"].search(m.group(1), 1)
        if verb and any(not _ACTION_TAIL.fullmatch(m.group(1), v.end()) for v in pats["any_verb"].finditer(m.group(1), 1)):
            continue  # 国有企业建立现代企业制度: a clause with its verb (but 国企改革深化提升行动 is a name)
        if _CLAUSE_COUNT.search(m.group(1)):
            continue
        cleaned = clean_name(m.start(1), m.group(1), m.group(2))
        if cleaned and reads_as_clause(cleaned[1]):
            continue  # 保证逐步消灭剥削制度: a verb phrase, not a name
        if cleaned and m.group(2) == "制度" and len(cleaned[1]) < 6:
            continue  # 改革商事制度: a sector's rules, not a named system
        if cleaned:
            out += _split_pair(cleaned[0], cleaned[1], _kind(m.group(2)))
    for s, e in built_works(text):  # 瓦石峡水库开工建设, 兰新复线和宝中铁路将投入运营
        cleaned = clean_name(s, text[s:e], "")
        if cleaned:
            out.append((cleaned[0], e, cleaned[1], "project", 1))
    if "等" not in text:
        return out
    bounds = [0] + [b.end() for b in _CLAUSE_BOUND.finditer(text)]
    previous = 0
    for m in pats["list_head"].finditer(text):  # A、B、C等工程
        if _COUNT_AFTER.match(text, m.end()):
            continue  # 支持重点节能工程、循环经济等项目2983个: kinds of projects, counted
        clause_start = bounds[bisect_right(bounds, m.start()) - 1]
        lo = max(clause_start, previous, m.start() - _LIST_SPAN)
        out += _list_items(text, lo, m.start(), m.group(1))
        previous = m.end()
    for s, e, kind in counted_list(text):  # 邵永、铜吉、长赣等6条高铁: short names too
        cleaned = clean_name(s, text[s:e], "") if e - s > 2 else (s, text[s:e])
        if cleaned and e - cleaned[0] >= 2:
            out.append((cleaned[0], e, cleaned[1], kind, 1))
    for s, e in project_list(text):  # 金塘冲水库、夹岩大型灌区等重大水利工程
        cleaned = clean_name(s, text[s:e], "")
        if cleaned:
            out.append((cleaned[0], e, cleaned[1], "project", 1))
    return out


def _split_pair(start: int, name: str, kind: str) -> list[Candidate]:
    """A clause's subject ``A战略和B战略`` as its two names; any other name as it is."""
    for j in _PAIR_JOIN.finditer(name):
        left = _patterns()["ends_head"].search(name, 0, j.start())
        if left and left.start() >= 2 and j.start() + 3 <= len(name):
            parts = ((start, name[: j.start()]), (start + j.end(), name[j.end() :]))
            return [(s, s + len(n), n, kind, 1) for s, n in parts if len(n) >= 6 or not _SHORT_CLASS.search(n)]
    return [(start, start + len(name), name, kind, 1)]


def _select(
    found: list[Candidate],
) -> list[Candidate]:
    """Non-overlapping candidates: quoted names first, then longer, then by priority."""
    starts: list[int] = []  # chosen spans, sorted by start (they never overlap)
    ends: list[int] = []
    chosen: list[Candidate] = []
    for cand in sorted(found, key=lambda c: (c[4] < 3, -(c[1] - c[0]), -c[4], c[0])):
        k = bisect_right(starts, cand[0])
        if (k and ends[k - 1] > cand[0]) or (k < len(starts) and starts[k] < cand[1]):
            continue
        starts.insert(k, cand[0])
        ends.insert(k, cand[1])
        chosen.append(cand)
    return sorted(chosen)


def _to_mentions(sentence: Sentence, found: list[Candidate]) -> list[Mention]:
    """The chosen candidates as mentions, with document offsets."""
    return [
        Mention(
            kind="initiative",
            text=sentence.text[s:e],
            start=sentence.start + s,
            end=sentence.start + e,
            sentence=sentence.index,
            name=name,
            subtype=kind,
        )
        for s, e, name, kind, _p in found
    ]
