"""Left edges of agency names: where a name that ends in a head word starts.

The head-word scan of :mod:`kg.extract.agencies` finds a head (厅, 局, 委员会,
大学 …); this module decides how far left its name reaches. It first bounds a
window of name characters (punctuation, function characters, break verbs and
counts end it), then looks in the window for an administrative prefix (甘肃,
中国, 国家 anywhere; 省/市/县 only at its start). A name without one is taken
only for strong heads (陇东学院), functions (民政局), armed forces and missions
of a country (美空军), and Latin acronyms (WCG组委会). Generic bodies (商业银行)
and designated classes (国家技术创新中心, 省重点实验室) have no start.
Kept apart from the scan so that each module has one job.
"""

from __future__ import annotations

import re

from .agency_lexicon import STOP_CHARS, AgencyLexicon
from .han import HAN

__all__ = [
    "CONJUNCTIONS",
    "RESEARCH_HEADS",
    "SERVICES",
    "candidate_start",
    "has_prefix",
    "is_functions",
    "is_generic_body",
    "is_name_char",
    "window_start",
]

MAX_WINDOW = 20  #: characters scanned left of a head word
MAX_BARE_BODY = 4  #: longest name body before a strong head with no prefix (陇东学院)
MAX_BARE_RESEARCH = 8  #: … before a research body's head (行政规范性文件研究中心)
RESEARCH_HEADS = frozenset({"研究中心", "研究院", "研究所", "研究会", "实验室", "学会", "协会"})
# 3家, 7个, 两批: a count ends a name's window (7个省委法治督察组)
_QUANTITY = re.compile(r"(?<![第0-9０-９一二三四五六七八九十百千万两几多数])[0-9０-９一二三四五六七八九十百千万两几多数]+[个個家项批名座位支架艘所户类种届大]")
_NATIONAL_ONLY = ("国家", "全国", "中国", "中央")
CONJUNCTIONS = frozenset("同跟")  #: start a new name, never glue it to the one before
# a town or township at the window start (戴窑镇政府): divisions below the county level
_TOWN = re.compile(rf"{HAN}{{2,3}}(?:镇|乡|街道|街)(?={HAN})")
# a division of the Xinjiang Production and Construction Corps (第六师国土资源局)
_CORPS_DIVISION = re.compile(rf"第[一二三四五六七八九十]{{1,3}}师(?={HAN})")
# heads of designated classes of centres (国家技术创新中心 names a class, 国家生猪技术创新中心 a body)
_DESIGNATED_HEADS = frozenset({"中心", "实验室", "研究中心"})
_DESIGNATION_LEADS = re.compile(r"国家级|国家|全国|自治区|省|市|县|区|州")
# armed forces after a one-character country (美空军, 俄太平洋舰队)
_MILITARY_HEADS = frozenset({"部队", "军区", "舰队", "海军", "空军", "陆军", "军队", "自卫队", "司令部"})
_COUNTRY_CHARS = frozenset("美俄日英法德印韩朝越苏")
SERVICES = frozenset({"海军", "空军", "陆军", "参议院", "众议院"})  #: armed services and chambers, named by their head alone
_MISSIONS = frozenset({"大使馆", "使馆", "总领事馆", "领事馆"})
_FOREIGN_HEADS = _MILITARY_HEADS | _MISSIONS  #: heads a one-character country may lead (俄太平洋舰队, 法驻穗总领事馆)
# one-character verbs before a level word: 交|市住房保障办, 报|省政府
_VERB_BEFORE_LEVEL = frozenset("交报经赴请呈送提")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_LEVEL_ENDS = frozenset("省市县区州乡镇旗盟")
_PROVINCE_ENDS = _LEVEL_ENDS | {"区"}  #: last characters of a province's full name (安徽省, 广西壮族自治区)


def is_functions(body: str, lex: AgencyLexicon) -> bool:
    """``body`` is one or two functional cores (民政, 国土房管)."""
    if body in lex.functions:
        return True
    return any(body[:i] in lex.functions and body[i:] in lex.functions for i in range(2, len(body) - 1))


def is_name_char(ch: str) -> bool:
    """``ch`` may be part of a name: a CJK ideograph that is no stop character (的, 和, 在 …)."""
    return "\u4e00" <= ch <= "\u9fff" and ch not in STOP_CHARS


def window_start(text: str, masked: str, head_start: int, floor: int, lex: AgencyLexicon) -> int:
    """Leftmost position of the window of name characters ending at ``head_start``."""
    lo = max(floor, head_start - MAX_WINDOW)
    i = head_start
    while i > lo and is_name_char(masked[i - 1]):
        i -= 1
    # a name starts after the last break word (verb, quantifier) of its window
    for m in lex.breaks.finditer(masked, i, head_start):
        i = max(i, m.end())
    for m in _QUANTITY.finditer(text, max(0, i - 3), head_start):
        i = max(i, m.end())
    for j in range(i, head_start - 1):
        if text[j] in CONJUNCTIONS and lex.national_prefix.match(text, j + 1):
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
    return _made_of(lead[m.end() :], lex.designations)


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


def has_prefix(text: str, s: int, head_start: int, lex: AgencyLexicon) -> bool:
    """The window ``[s, head_start)`` holds an administrative prefix (:func:`_prefix_start`)."""
    return _prefix_start(text, s, head_start, lex) is not None


def candidate_start(text: str, ws: int, head_start: int, head: str, lex: AgencyLexicon) -> int | None:
    """Start of the name ending in ``head`` at ``head_start``, or None when there is none."""
    prefix = _prefix_start(text, ws, head_start, lex)
    sub = lex.head_subtype.get(head, "other")
    if prefix is not None:
        lead = text[prefix:head_start]
        if lex.level_prefix.fullmatch(lead) and head not in lex.bare_heads:
            return None  # 省实验室, 市中心: a level word and a head name no body
        if head in _DESIGNATED_HEADS and _is_designation(lead, lex):
            return None  # 国家技术创新中心, 省重点实验室: designated classes, not bodies
        if head in _DESIGNATED_HEADS and lead in lex.province_names and lead[-1] in _PROVINCE_ENDS:
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
            if (national or designation) and m.end() < head_start and is_generic_body(text[m.end() : head_start], lex):
                return None  # 中国特色世界一流大学: a place and a class
        national = lex.national_prefix.match(lead)
        body = lead[national.end() :] if national else ""
        firm = sub == "enterprise" or head in ("医院", "局", "部", "厅", "司")
        if firm and body and national.group() in _NATIONAL_ONLY and is_generic_body(body, lex):
            return None  # 国家公立医院, 中央企业母公司: a national word and a class
        if (lead in lex.place_names or lead in _NATIONAL_ONLY) and head not in lex.bare_heads and head not in lex.strong_heads:
            return None  # 日本办(展), 北京公司: a place and a weak head name no body
        return prefix
    if head in _MILITARY_HEADS and head_start > ws and text[head_start - 1] in _COUNTRY_CHARS:
        return head_start - 1  # 美空军
    foreign = head in _FOREIGN_HEADS and text[ws : ws + 1] in _COUNTRY_CHARS and head_start - ws <= 6
    if foreign and (ws == 0 or not is_name_char(text[ws - 1])):
        return ws  # 俄太平洋舰队, 法驻穗总领事馆: a country's armed forces and missions
    if head in SERVICES and head_start - ws <= 2:
        return ws  # 海军, 战略空军: an armed service
    m = _ACRONYM.search(text, max(0, ws - 6), ws) if head_start == ws else None
    if m and m.end() == ws and not (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum()):
        return m.start()  # WCG组委会: a Latin acronym names the body
    if sub in ("department", "office") and is_functions(text[ws:head_start], lex):
        return ws  # 民政局, 房管局: a department by its function (generic until resolved)
    longest = MAX_BARE_RESEARCH if head in RESEARCH_HEADS else MAX_BARE_BODY
    if head in lex.strong_heads and 2 <= head_start - ws <= longest:
        return ws  # 陇东学院
    return None


def is_generic_body(body: str, lex: AgencyLexicon) -> bool:
    """True when ``body`` is made only of generic modifiers (商业 + 银行)."""
    return _made_of(body, lex.modifiers)


def _made_of(text: str, words: frozenset[str]) -> bool:
    """``text`` is a run of ``words`` (up to four characters each), read greedily
    longest first; the empty text is one."""
    i = 0
    while i < len(text):
        for n in (4, 3, 2, 1):
            if text[i : i + n] in words:
                i += n
                break
        else:
            return False
    return True

