"""Agency extraction: organisation names in one sentence, by rule.

No statistical tagger: names are found in two ways.

1. Lexicon: central bodies and their short forms (国务院, 司法部, 全国人大) and the
   short forms of a province's own bodies (省委, 省政府, 省委依法治省办), all from
   ``data/lexicon/agency_*.tsv``.
2. Head words: a name ends in a head word (厅, 局, 委员会, 大学, 日报, 网 …); its
   left edge is found by scanning back to a boundary (punctuation, a function
   character, a verb such as 依托 or 认真贯彻), then to the first administrative
   prefix in that window (甘肃, 中国, 国家 anywhere; 省/市/县 only at its start;
   :mod:`kg.extract.agency_edges`).
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
from .agency_edges import (
    CONJUNCTIONS,
    RESEARCH_HEADS,
    SERVICES,
    candidate_start,
    has_prefix,
    is_functions,
    is_generic_body,
    is_name_char,
    window_start,
)
from .agency_lexicon import AgencyLexicon, agency_lexicon
from .agency_readings import (
    in_reform_name,
    place_in_brackets,
    with_committee_offices,
    with_context_readings,
)

__all__ = ["agency_spans", "agency_subtype", "cached_agency_spans", "extract_agencies", "is_bare_function", "is_deictic"]

MAX_GLUE = 6  #: longest body that extends the name before it (全面依法治省 + 委员会办公室)
# 我所说: a particle. Every alternative starts with a literal, so re skips other positions in C.
_DEICTIC = re.compile(r"本(?:局|厅|委|院|部(?!门)|办|处|中心|单位|所|会)|我(?:局|厅|委|院|部(?!门)|办|处|中心|单位)|全系统")
_TITLE_TAIL = re.compile(r"(?:厅|局|部|组|委|署|社|台|所|院|处|司)长")
_FIRM_END = frozenset("获是将已正再也都")  #: words that may follow a company named without a head
# units inside a body named just before them (财政部|金融司, 中国人民银行|广州分行)
_BRANCH_HEADS = frozenset({"分行", "支行", "分公司"})  #: a firm's branches (交通银行|深圳分行)
_SUBUNIT_HEADS = frozenset({"司", "处", "分行", "支行", "分局", "总队", "支队", "大队", "营业部", "分公司", "研究所"})
_LATIN = re.compile(r"[A-Za-z]")
#: A party body by its name: 中共…, 中国共产党…, …省委, …党委.
_PARTY_NAME = re.compile(r"^(?:中共|中国共产党)|[省市县区]委$|党委$")
#: A level's party committee inside a department's name (省委政法委; not 委员会).
_PARTY_COMMITTEE = re.compile(r"[省市县区州]委(?!员)")


def is_deictic(text: str) -> bool:
    """True for 本局, 我厅, 全系统: references to the publishing agency."""
    return _DEICTIC.fullmatch(text) is not None


def is_bare_function(name: str) -> bool:
    """True for a department named by its function alone (民政局, 房管局): no place."""
    lex = agency_lexicon()
    heads = lex.head_subtype
    return any(
        name[-n:] in heads and is_functions(name[:-n], lex) for n in _head_lengths() if n < len(name)
    )


@cache
def _head_lengths() -> tuple[int, ...]:
    """The lengths of the head words: a name's heads are found by its suffixes, not by trying every head."""
    return tuple(sorted({len(h) for h in agency_lexicon().head_subtype if h}))


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


def _protected(text: str, lex: AgencyLexicon) -> str:
    """``text`` with compounds' stop characters masked (same length)."""
    return lex.compounds.sub(lambda m: "一" * len(m.group()), text)


def _tail_ok(text: str, end: int) -> bool:
    """A known name is not cut out of a longer word (公安部|门, 国防部|长)."""
    _before, after = _head_context().get(text[end - 1], (frozenset(), frozenset()))
    return not (end < len(text) and text[end] in after)


def _head_ok(text: str, m: re.Match[str]) -> bool:
    """The head word ``m`` is not part of a longer word (its agency_head_context rows:
    characters that may not stand just before or after it)."""
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
    if sub in ("department", "other", "office") and _PARTY_NAME.search(name):
        return "party"
    if sub == "department" and _PARTY_COMMITTEE.search(name):
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
    out: list[list] = []  # [start, end, subtype]
    floor = 0
    for start, is_head, end, m in events:
        if start < floor:
            continue
        if not is_head:
            if text[start:end] in lex.generic or not _tail_ok(text, end):
                continue  # 公安部门, 国防部长
            sub = lex.known_subtype.get(m.group())
            if sub == "enterprise" and end < len(text) and is_name_char(text[end]):
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
            if text.startswith(("办公室", "办公厅"), end) and sub in ("party", "government"):
                end, sub = end + 3, "office"  # 市委全面依法治市委员会|办公室
            elif text.startswith("大学", end) and not text.startswith("大学生", end):
                end, sub = end + 2, "university"  # 中国科学院|大学
            out.append([max(s, floor), end, sub])
            floor = end
            continue
        if masked is None:
            masked = _protected(text, lex)
        ws = window_start(text, masked, start, floor, lex)
        head = m.group()
        follows = out and out[-1][1] == floor == ws and out[-1][2] not in ("media", "enterprise")
        follows = follows and text[ws : ws + 1] not in CONJUNCTIONS
        adjacent = follows and start - ws <= MAX_GLUE
        if head in ("党组", "党委") and start == ws and text.startswith(("书记", "副书记", "成员"), end):
            adjacent = False  # 市司法局|党组书记: a post of the bureau, not another body
        adjacent = adjacent and lex.head_subtype.get(head) != "government"  # 中央政府同地方政府
        branch = out and out[-1][1] == floor == ws and out[-1][2] == "enterprise" and head in _BRANCH_HEADS
        if (follows or branch) and head in _SUBUNIT_HEADS and end - ws <= 12:
            out[-1][1] = end  # 财政部金融司, 中国人民银行广州分行
            floor = end
            continue
        inside = head in RESEARCH_HEADS and out[-1][2] in ("department", "office", "party", "government") if out else False
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
        s = candidate_start(text, ws, start, head, lex)
        seat = place_in_brackets(text, end, head, lex.place_names) if text[end : end + 1] in "（(" else None
        if seat is not None and start - ws <= 12:
            out.append([ws if s is None else s, seat, agency_subtype(text[ws:end], head)])
            floor = seat  # 高校区域技术转移转化中心（福建）: a body named by its seat
            continue
        if s is None:
            continue
        name = text[s:end]
        generic_body = head not in SERVICES and is_generic_body(text[s:start], lex)
        if name in lex.generic or generic_body and s == ws and not has_prefix(text, s, start, lex):
            continue
        out.append([s, end, agency_subtype(name, head)])
        floor = end
    _add_deictic(text, out)
    out = with_context_readings(text, out)  # 省委改革办, 德邦证券, 中国—中亚减贫合作中心; no 上合组织(…论坛)
    return _finished(text, out, lex)


def _without_names(text: str, lex: AgencyLexicon) -> list[tuple[int, int, str | None]]:
    """:func:`agency_spans` of a sentence without a known name or a head word: its
    deictic forms and committee offices only (the same steps, without the name scan)."""
    out: list[list] = []
    _add_deictic(text, out)
    if "办" in text:
        out = with_committee_offices(text, out)
    return _finished(text, out, lex) if out else []


def _add_deictic(text: str, out: list[list]) -> None:
    """Append to ``out`` the deictic forms of ``text`` (本局, 我厅, 全系统) that overlap
    none of its names and do not end a longer word (日本办(展))."""
    if "本" not in text and "我" not in text and "全系统" not in text:
        return  # most sentences: no scan
    for m in _DEICTIC.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, *_ in out):
            prev = text[m.start() - 1 : m.start()]
            if not prev or not is_name_char(prev):
                out.append([m.start(), m.end(), None])


def _finished(text: str, out: list[list], lex: AgencyLexicon) -> list[tuple[int, int, str | None]]:
    """``out`` ([start, end, subtype]) as sorted spans, without generic names."""
    out.sort()
    return [(s, e, sub) for s, e, sub in out if text[s:e] not in lex.generic]


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
