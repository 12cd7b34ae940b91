"""Agency extraction: organisation names in one sentence, by rule.

No statistical tagger: names are found in two ways.

1. Lexicon: central bodies and their short forms (国务院, 司法部, 全国人大) and the
   short forms of a province's own bodies (省委, 省政府, 省委依法治省办), all from
   ``data/lexicon/agency_*.tsv``.
2. Head words: a name ends in a head word (厅, 局, 委员会, 大学, 日报, 网 …); its
   left edge is found by scanning back to a boundary (punctuation, a function
   character, a verb such as 依托 or 认真贯彻), then to the first administrative
   prefix in that window (甘肃, 中国, 国家 anywhere; 省/市/县 only at its start).
   Weak heads (厅, 局, 委 …) need such a prefix; strong heads (大学, 学院, 集团)
   may stand without one (陇东学院). A name without a prefix that directly
   follows another name extends it (省政府 + 行政复议委员会).

Generic mentions (各级政府, 有关部门, 商业银行) and designated classes
(国家技术创新中心, 省重点实验室: a national or level word and class words only) are
not returned; companies known without a head word (比亚迪) only where no other
head word follows them. Deictic forms
(本局, 我厅, 全系统) are returned with subtype ``None`` for resolution to map
to the publisher (:func:`is_deictic`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicon import load_table
from ..model import Mention, Sentence
from .agency_lexicon import STOP_CHARS, AgencyLexicon, agency_lexicon
from .agency_readings import in_reform_name, place_in_brackets, with_committee_offices, with_context_readings

__all__ = ["extract_agencies", "agency_spans", "cached_agency_spans", "is_deictic", "is_bare_function", "agency_subtype"]

MAX_WINDOW = 20  #: characters scanned left of a head word
MAX_GLUE = 6  #: longest body that extends the name before it (全面依法治省 + 委员会办公室)
MAX_BARE_BODY = 4  #: longest name body before a strong head with no prefix (陇东学院)
MAX_BARE_RESEARCH = 8  #: … before a research body's head (行政规范性文件研究中心)
_RESEARCH_HEADS = frozenset({"研究中心", "研究院", "研究所", "研究会", "实验室", "学会", "协会"})

# Characters that end a name on its left: function words that never occur in
# the names reports use (和/与/及 inside 住房和城乡建设厅 are protected as compounds).
_STOP_CHARS = STOP_CHARS
# 我所说: a particle. Every alternative starts with a literal, so re skips other positions in C.
_DEICTIC = re.compile(r"本(?:局|厅|委|院|部(?!门)|办|处|中心|单位|所|会)|我(?:局|厅|委|院|部(?!门)|办|处|中心|单位)|全系统")
_TITLE_TAIL = re.compile(r"(?:厅|局|部|组|委|署|社|台|所|院|处|司)长")
# 3家, 7个, 两批: a count ends a name's window (7个省委法治督察组)
_QUANTITY = re.compile(r"(?<![第0-9０-９一二三四五六七八九十百千万两几多数])[0-9０-９一二三四五六七八九十百千万两几多数]+[个個家项批名座位支架艘所户类种届大]")
_NATIONAL_ONLY = ("国家", "全国", "中国", "中央")
_CONJUNCTIONS = frozenset("同跟")  #: start a new name, never glue it to the one before
_FIRM_END = frozenset("获是将已正再也都")  #: words that may follow a company named without a head
# units inside a body named just before them (财政部|金融司, 中国人民银行|广州分行)
_BRANCH_HEADS = frozenset({"分行", "支行", "分公司"})  #: a firm's branches (交通银行|深圳分行)
_SUBUNIT_HEADS = frozenset({"司", "处", "分行", "支行", "分局", "总队", "支队", "大队", "营业部", "分公司", "研究所"})
# a town or township at the window start (戴窑镇政府): divisions below the county level
_TOWN = re.compile(r"[\u4e00-\u9fff]{2,3}(?:镇|乡|街道|街)(?=[\u4e00-\u9fff])")
# a division of the Xinjiang Production and Construction Corps (第六师国土资源局)
_CORPS_DIVISION = re.compile(r"第[一二三四五六七八九十]{1,3}师(?=[\u4e00-\u9fff])")
# heads of designated classes of centres (国家技术创新中心 names a class, 国家生猪技术创新中心 a body)
_DESIGNATED_HEADS = frozenset({"中心", "实验室", "研究中心"})
_DESIGNATION_LEADS = re.compile(r"国家级|国家|全国|自治区|省|市|县|区|州")
# armed forces after a one-character country (美空军, 俄太平洋舰队)
_MILITARY_HEADS = frozenset({"部队", "军区", "舰队", "海军", "空军", "陆军", "军队", "自卫队", "司令部"})
_COUNTRY_CHARS = frozenset("美俄日英法德印韩朝越苏")
_SERVICES = frozenset({"海军", "空军", "陆军", "参议院", "众议院"})  #: armed services and chambers, named by their head alone
_MISSIONS = frozenset({"大使馆", "使馆", "总领事馆", "领事馆"})
# one-character verbs before a level word: 交|市住房保障办, 报|省政府
_VERB_BEFORE_LEVEL = frozenset("交报经赴请呈送提")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_LEVEL_ENDS = frozenset("省市县区州乡镇旗盟")
_LATIN = re.compile(r"[A-Za-z]")


def is_deictic(text: str) -> bool:
    """True for 本局, 我厅, 全系统: references to the publishing agency."""
    return _DEICTIC.fullmatch(text) is not None


def is_bare_function(name: str) -> bool:
    """True for a department named by its function alone (民政局, 房管局): no place."""
    lex = agency_lexicon()
    heads = lex.head_subtype
    return any(
        name[-n:] in heads and _is_functions(name[:-n], lex) for n in _head_lengths() if n < len(name)
    )


@cache
def _head_lengths() -> tuple[int, ...]:
    """The lengths of the head words: a name's heads are found by its suffixes, not by trying every head."""
    return tuple(sorted({len(h) for h in agency_lexicon().head_subtype if h}))


def _is_functions(body: str, lex: AgencyLexicon) -> bool:
    """``body`` is one or two functional cores (民政, 国土房管)."""
    if body in lex.functions:
        return True
    return any(body[:i] in lex.functions and body[i:] in lex.functions for i in range(2, len(body) - 1))


def _place_before(text: str, start: int, lex: AgencyLexicon) -> int:
    """Start of a place name ending right at ``start`` (美国|国务院), else ``start``."""
    for n in range(min(start, 9), 1, -1):
        if text[start - n : start] in lex.place_names:
            return start - n
    return start


@cache
def _head_context() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Head word → (characters that may not precede it, … follow it); rows for one head add up."""
    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for r in load_table("agency_head_context"):
        before, after = out.get(r["head"], (frozenset(), frozenset()))
        out[r["head"]] = (before | frozenset(r["bad_before"]), after | frozenset(r["bad_after"]))
    return out


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _STOP_CHARS


def _protected(text: str, lex: AgencyLexicon) -> str:
    """``text`` with compounds' stop characters masked (same length)."""
    return lex.compounds.sub(lambda m: "一" * len(m.group()), text)


def _window_start(text: str, masked: str, head_start: int, floor: int, lex: AgencyLexicon) -> int:
    """Leftmost position of the window of name characters ending at ``head_start``."""
    lo = max(floor, head_start - MAX_WINDOW)
    i = head_start
    while i > lo and _is_name_char(masked[i - 1]):
        i -= 1
    # a name starts after the last break word (verb, quantifier) of its window
    for m in lex.breaks.finditer(masked, i, head_start):
        i = max(i, m.end())
    for m in _QUANTITY.finditer(text, max(0, i - 3), head_start):
        i = max(i, m.end())
    for j in range(i, head_start - 1):
        if text[j] in _CONJUNCTIONS and lex.national_prefix.match(text, j + 1):
            i = j + 1  # 中国政府同|英国政府
    return i


def _prefix_start(text: str, ws: int, head_start: int, lex: AgencyLexicon) -> int | None:
    """Where a name starts inside its window ``[ws, head_start)``, if it has a prefix.

    Level characters (省, 市, 县 …) count only at the window start, where they
    cannot be part of another word (依法治省办); province names and national
    prefixes (甘肃, 中国, 国家) count anywhere, leftmost first.
    """
    if text[ws : ws + 1] in _VERB_BEFORE_LEVEL and lex.level_prefix.match(text, ws + 1, head_start):
        ws += 1  # 交|市住房保障办
    m = lex.level_prefix.match(text, ws, head_start)
    if m and ws >= 2 and text[ws - 1] == "、" and text[ws - 2] in _LEVEL_ENDS:
        return None  # 省、市、自治区计委: an enumeration of levels names no body
    if m and not lex.not_prefix.match(text, ws):
        nxt = text[m.end() : m.end() + 1]
        word = lex.not_prefix.match(text, m.end())  # 省|市场监管局 is one level, 省市县 three
        multi = nxt and lex.level_prefix.match(nxt) and not (word and word.group()[-1] not in _LEVEL_ENDS)
        if not (multi and m.end() < head_start):
            return ws  # 省司法厅; but not 市县 (multi-level: generic)
    m = lex.region_prefix.match(text, ws, head_start)
    if m:
        return ws  # 雄安新区管理委员会, 黄河水利委员会
    m = lex.national_prefix.search(text, ws, head_start)
    if m:
        return m.start()
    if _CORPS_DIVISION.match(text, ws, head_start):
        return ws  # 第六师国土资源局
    m = _TOWN.match(text, ws, head_start + 1)
    if m and m.end() <= head_start and not lex.level_prefix.search(m.group()[:-1]):
        return ws  # 戴窑镇政府; not 省市县乡 (levels, not a town)
    return None


def _is_designation(lead: str, lex: AgencyLexicon) -> bool:
    """``lead`` is a national or level word and class words only (国家技术创新, 省重点)."""
    m = _DESIGNATION_LEADS.match(lead)
    if m is None:
        return False
    rest = lead[m.end() :]
    i = 0
    while i < len(rest):
        for n in (4, 3, 2, 1):
            if rest[i : i + n] in lex.designations:
                i += n
                break
        else:
            return False
    return True


def _provincial(text: str, ws: int, lex: AgencyLexicon) -> bool:
    """The window starts with a level word or a province (省疾控中心, 北京市疾控中心)."""
    if lex.level_prefix.match(text, ws):
        return True
    m = lex.national_prefix.match(text, ws)
    return m is not None and m.group() in lex.province_names


def _regional(text: str, ws: int, head_start: int, lex: AgencyLexicon) -> bool:
    """The window starts with a region named with 地区/区域 and a short body that is
    no designation follows (华中区域应急救援中心): a centre serving a region is a
    body, as a province's is; not 成渝地区区域科技创新中心, 华北区域中欧班列集结中心."""
    m = lex.region_prefix.match(text, ws, head_start)
    if m is None or not m.group().endswith(("地区", "区域")):
        return False
    body = text[m.end() : head_start]
    return 2 <= len(body) <= MAX_BARE_BODY and not _is_designation("区" + body, lex)


def _tail_ok(text: str, end: int) -> bool:
    """A known name is not cut out of a longer word (公安部|门, 国防部|长)."""
    _before, after = _head_context().get(text[end - 1], (frozenset(), frozenset()))
    return not (end < len(text) and text[end] in after)


def _head_ok(text: str, m: re.Match[str]) -> bool:
    before, after = _head_context().get(m.group(), (frozenset(), frozenset()))
    prev = text[m.start() - 1 : m.start()]
    nxt = text[m.end() : m.end() + 1]
    return not (prev and prev in before) and not (nxt and nxt in after)


def agency_subtype(name: str, head: str | None = None) -> str:
    """The agency type of a name, from its head word and a few telling parts."""
    lex = agency_lexicon()
    if name in lex.known_subtype:
        return lex.known_subtype[name]
    if "政协" in name:
        return "consultative"
    if "人大" in name or "人民代表大会" in name:
        return "legislature"
    if name.endswith(("党校", "行政学院")):
        return "university"
    if head is None:
        m = [h for h in lex.head_subtype if name.endswith(h)]
        head = max(m, key=len) if m else None
    sub = lex.head_subtype.get(head or "", "other")
    if sub in ("department", "other", "office") and re.search(r"^(?:中共|中国共产党)|[省市县区]委$|党委$", name):
        return "party"
    if re.search(r"[省市县区州]委(?!员)", name) and sub == "department":
        return "party"
    return sub


def agency_spans(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, subtype) of the agencies in ``text`` (sentence-local offsets)."""
    lex = agency_lexicon()
    masked: str | None = None  # computed for the first head that needs a window
    events: list[tuple[int, int, int, re.Match[str]]] = []
    for m in lex.known.finditer(text):
        events.append((m.start(), 0, m.end(), m))
    found = lex.heads.search(text)
    # every title tail (厅长, 局长 …) ends in 长: most sentences with a head have none
    titles = [m.span() for m in _TITLE_TAIL.finditer(text)] if found is not None and "长" in text else []
    while found is not None:
        if any(s <= found.start() < e for s, e in titles) or not _head_ok(text, found):
            found = lex.heads.search(text, found.start() + 1)  # 工作|协调小组: a rejected head may hide one inside it
            continue
        events.append((found.start(), 1, found.end(), found))
        found = lex.heads.search(text, found.end())
    if not events:  # no known name, no head (most sentences): only the forms read without them
        return _without_names(text, lex)
    if len(events) > 1:
        events.sort(key=lambda x: (x[0], x[1], -x[2]))
    out: list[list] = []  # [start, end, subtype, glued]
    floor = 0
    for start, is_head, end, m in events:
        if start < floor:
            continue
        if not is_head:
            if text[start:end] in lex.generic or not _tail_ok(text, end):
                continue  # 公安部门, 国防部长
            sub = lex.known_subtype.get(m.group())
            if sub == "enterprise" and end < len(text) and _is_name_char(text[end]):
                h = lex.heads.match(text, end)
                if h is not None and lex.head_subtype.get(h.group()) not in ("enterprise", "media"):
                    continue  # 中国石油|大学: part of a longer name
                if h is None and m.group() in lex.companies and text[end] not in _FIRM_END:
                    continue  # 比亚迪半导体, 长江存储二期: a project named after the firm
                if h is None and in_reform_name(text, end):
                    continue  # 农业银行股份制改革: a reform named after the firm
                if h is not None and h.group() not in _BRANCH_HEADS and lex.head_subtype.get(h.group()) == "enterprise":
                    end = h.end()  # 腾讯公司, 中国建设银行股份有限公司
            if _LATIN.match(text, start) and (_LATIN.match(text, end) or start and _LATIN.match(text, start - 1)):
                continue  # NASA only as a whole word
            s = _place_before(text, start, lex) if start > floor else start
            sub = lex.known_subtype.get(m.group())
            if text.startswith(("办公室", "办公厅"), end) and sub in ("party", "government"):
                end, sub = end + 3, "office"  # 市委全面依法治市委员会|办公室
            elif text.startswith("大学", end) and not text.startswith("大学生", end):
                end, sub = end + 2, "university"  # 中国科学院|大学
            out.append([max(s, floor), end, sub, False])
            floor = end
            continue
        if masked is None:
            masked = _protected(text, lex)
        ws = _window_start(text, masked, start, floor, lex)
        head = m.group()
        follows = out and out[-1][1] == floor == ws and out[-1][2] not in ("media", "enterprise")
        follows = follows and text[ws : ws + 1] not in _CONJUNCTIONS
        adjacent = follows and start - ws <= MAX_GLUE
        if head in ("党组", "党委") and start == ws and text.startswith(("书记", "副书记", "成员"), end):
            adjacent = False  # 市司法局|党组书记: a post of the bureau, not another body
        adjacent = adjacent and lex.head_subtype.get(head) != "government"  # 中央政府同地方政府
        branch = out and out[-1][1] == floor == ws and out[-1][2] == "enterprise" and head in _BRANCH_HEADS
        if (follows or branch) and head in _SUBUNIT_HEADS and end - ws <= 12:
            out[-1][1] = end  # 财政部金融司, 中国人民银行广州分行
            floor = end
            continue
        inside = head in _RESEARCH_HEADS and out[-1][2] in ("department", "office", "party", "government") if out else False
        if adjacent and (inside or head == "学院" and out[-1][2] == "university" and text[ws - 1] == "学"):
            out[-1][1] = end  # 建设部政策研究中心, 北京大学法学院
            floor = end
            continue
        if (
            adjacent
            and head not in lex.strong_heads
            and lex.head_subtype.get(head) != "enterprise"
            and not lex.level_prefix.match(text, ws)
            and not lex.national_prefix.match(text, ws)
        ):
            prev = out[-1]  # 省政府 + 行政复议委员会, 省委 + 法治督察组
            prev[1] = end
            prev[2] = agency_subtype(text[prev[0] : end], head)
            floor = end
            continue
        if text.startswith("组织法", end) or text[start - 1 : start] == "者":
            continue  # 村民委员会组织法: a law's title; 经营者集团: people, not a body
        s = _candidate_start(text, ws, start, head, lex)
        seat = place_in_brackets(text, end, head, lex.place_names) if text[end : end + 1] in "（(" else None
        if seat is not None and start - ws <= 12:
            out.append([ws if s is None else s, seat, agency_subtype(text[ws:end], head), False])
            floor = seat  # 高校区域技术转移转化中心（福建）: a body named by its seat
            continue
        if s is None:
            continue
        name = text[s:end]
        generic_body = head not in _SERVICES and _is_generic_body(text[s:start], lex)
        if name in lex.generic or generic_body and s == ws and not _has_prefix(text, s, start, lex):
            continue
        out.append([s, end, agency_subtype(name, head), False])
        floor = end
    for m in _DEICTIC.finditer(text) if "本" in text or "我" in text or "全系统" in text else ():
        if not any(s < m.end() and m.start() < e for s, e, *_ in out):
            prev = text[m.start() - 1 : m.start()]
            if not prev or not _is_name_char(prev):  # not 日本办(展)
                out.append([m.start(), m.end(), None, False])
    out = with_context_readings(text, out)  # 省委改革办, 德邦证券, 中国—中亚减贫合作中心; no 上合组织(…论坛)
    out.sort()
    return [(s, e, sub) for s, e, sub, _ in out if text[s:e] not in lex.generic]


def _without_names(text: str, lex: AgencyLexicon) -> list[tuple[int, int, str | None]]:
    """:func:`agency_spans` of a sentence without a known name or a head word: its
    deictic forms and committee offices only (the same steps, without the name scan)."""
    out: list[list] = []
    if "本" in text or "我" in text or "全系统" in text:
        for m in _DEICTIC.finditer(text):
            prev = text[m.start() - 1 : m.start()]
            if not prev or not _is_name_char(prev):
                out.append([m.start(), m.end(), None, False])
    if "办" in text:
        out = with_committee_offices(text, out)
    if not out:
        return []
    out.sort()
    return [(s, e, sub) for s, e, sub, _ in out if text[s:e] not in lex.generic]


def _has_prefix(text: str, s: int, head_start: int, lex: AgencyLexicon) -> bool:
    return _prefix_start(text, s, head_start, lex) is not None


def _candidate_start(text: str, ws: int, head_start: int, head: str, lex: AgencyLexicon) -> int | None:
    """Start of the name ending in ``head`` at ``head_start``, or None when there is none."""
    prefix = _prefix_start(text, ws, head_start, lex)
    sub = lex.head_subtype.get(head, "other")
    if prefix is not None:
        lead = text[prefix:head_start]
        if lex.level_prefix.fullmatch(lead) and head not in lex.bare_heads:
            return None  # 省实验室, 市中心: a level word and a head name no body
        if head in _DESIGNATED_HEADS and _is_designation(lead, lex):
            return None  # 国家技术创新中心, 省重点实验室: designated classes, not bodies
        if head in _DESIGNATED_HEADS and lead in lex.province_names and lead[-1] in _LEVEL_ENDS | {"区"}:
            return None  # 安徽省实验室: the province's class of labs (青海实验室 is a name)
        named_national = head in _DESIGNATED_HEADS and ("国家" in lead or lead.startswith("全国")) and prefix == ws
        if head == "网" and lead.startswith(_NATIONAL_ONLY):
            return None  # 全国一体化算力网: a designation, not a body
        if head == "中心" and not named_national and (prefix != ws or not (_provincial(text, ws, lex) or _regional(text, ws, head_start, lex))):
            return None  # 长沙奥体中心, 青岛国际航运中心: facilities and designations
        if sub == "media":
            if head == "网" and text[ws:head_start] in lex.place_names:
                return None  # 成都网: a place and 网 name no site
            return ws if head_start - ws <= 6 else prefix  # 法治甘肃网, 甘肃日报
        if head in lex.strong_heads:
            m = lex.national_prefix.match(text, prefix, head_start)
            designation = head in ("实验室", "研究中心", "集团") and m is not None and m.group() in lex.province_names
            national = m is not None and m.group() in _NATIONAL_ONLY
            if (national or designation) and m.end() < head_start and _is_generic_body(text[m.end() : head_start], lex):
                return None  # 中国特色世界一流大学: a place and a class
        national = lex.national_prefix.match(lead)
        body = lead[national.end() :] if national else ""
        firm = sub == "enterprise" or head in ("医院", "局", "部", "厅", "司")
        if firm and body and national.group() in _NATIONAL_ONLY and _is_generic_body(body, lex):
            return None  # 国家公立医院, 中央企业母公司: a national word and a class
        if (lead in lex.place_names or lead in _NATIONAL_ONLY) and head not in lex.bare_heads and head not in lex.strong_heads:
            return None  # 日本办(展), 北京公司: a place and a weak head name no body
        return prefix
    if head in _MILITARY_HEADS and head_start > ws and text[head_start - 1] in _COUNTRY_CHARS:
        return head_start - 1  # 美空军
    if head in _MILITARY_HEADS | _MISSIONS and text[ws : ws + 1] in _COUNTRY_CHARS and head_start - ws <= 6:
        if ws == 0 or not _is_name_char(text[ws - 1]):
            return ws  # 俄太平洋舰队, 法驻穗总领事馆: a country's armed forces and missions
    if head in _SERVICES and head_start - ws <= 2:
        return ws  # 海军, 战略空军: an armed service
    m = _ACRONYM.search(text, max(0, ws - 6), ws) if head_start == ws else None
    if m and m.end() == ws and not (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum()):
        return m.start()  # WCG组委会: a Latin acronym names the body
    if sub in ("department", "office") and _is_functions(text[ws:head_start], lex):
        return ws  # 民政局, 房管局: a department by its function (generic until resolved)
    longest = MAX_BARE_RESEARCH if head in _RESEARCH_HEADS else MAX_BARE_BODY
    if head in lex.strong_heads and 2 <= head_start - ws <= longest:
        return ws  # 陇东学院
    return None


def _is_generic_body(body: str, lex: AgencyLexicon) -> bool:
    """True when ``body`` is made only of generic modifiers (商业 + 银行)."""
    if not body:
        return True
    i = 0
    while i < len(body):
        for n in (4, 3, 2, 1):
            if body[i : i + n] in lex.modifiers:
                i += n
                break
        else:
            return False
    return True


@lru_cache(maxsize=8192)
def cached_agency_spans(text: str) -> tuple[tuple[int, int, str | None], ...]:
    """:func:`agency_spans`, remembered for a document's sentences: people extraction
    asks again, after agency extraction has run over the whole document."""
    return tuple(agency_spans(text))


def extract_agencies(sentence: Sentence) -> list[Mention]:
    """Agency mentions in one sentence, with document offsets."""
    return [
        Mention(
            kind="agency",
            text=sentence.text[s:e],
            start=sentence.start + s,
            end=sentence.start + e,
            sentence=sentence.index,
            subtype=sub,
        )
        for s, e, sub in cached_agency_spans(sentence.text)
    ]
