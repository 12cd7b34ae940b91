"""Initiatives named in quotes (used by :mod:`kg.extract.initiatives`).

- :func:`quoted_names`: a quoted name that a head word follows (“万所联万会”机制,
  “1+4+7”法治建设考评模式), or a run of quotes before one (“涉法涉诉积案集中清理”“陇原风暴”…
  等专项行动), or that itself ends in a head word (“六大工程”), or that a launching verb
  takes (采取“周汇总、月通报、季调度”); failing those, a numbered formula (“14+1”), a craft
  (“嫦娥六号”), a work built (“钍基熔盐实验堆”在武威建成运行), a brand by what it does
  (:mod:`kg.extract.initiative_brands`) or a coinage by its context
  (:mod:`kg.extract.initiative_context`). Quoted rhetoric (“一刀切”, “最后一公里”) has none
  of these and is left alone. The name is the quote's content, or what follows a quote
  that only modifies it (“二维码”一键举报平台).
- :func:`quoted_items`: a list whose items are each a quoted coinage plus a short
  modifier, closed by 等 and a kind word, names one initiative per quote:
  “汉孝随襄十”新能源与智能网联汽车、“武鄂黄黄咸”光电子信息等产业走廊 → 汉孝随襄十, 武鄂黄黄咸.
  A quoted number is a phone line, and then the service it reaches is the name:
  “96178”省长直通车、“2115”接诉即办等机制 → 省长直通车, 接诉即办. A single item, or a
  modifier with 的 (a description), is left to the other readings.

Candidates are ``(start, end, name, kind, priority)`` tuples, as in
:mod:`kg.extract.initiatives`.
"""

from __future__ import annotations

import re
from functools import cache

from .initiative_brands import acting_brand_kind, counted_before, plan_kind
from .initiative_clean import clean_name
from .initiative_context import bare_quote_kind, is_formula, is_period
from .initiative_grammar import HAN, NUMERALS, Candidate
from .initiative_lexicon import cues, head_alternation, head_kind, head_kinds
from .initiative_names import coordinated

__all__ = ["quoted_items", "quoted_names"]

#: A quoted name: “…”, 「…」 or "…" (the content is the one group that matched).
_QUOTE = re.compile(r"(?:“([^“”\n]{2,30})”|「([^「」\n]{2,30})」|\"([^\"“”\n]{2,30})\")")
#: What may sit between a quote and its head word (法治建设考评, 问题线索清单).
_MIDDLE = rf"[{HAN}A-Za-z0-9]{{0,10}}?"
#: What joins two quotes of one run (“A”“B”, “A”、“B”), and an impure item after one.
_JOIN = re.compile(r"[、和与及或]{0,2}")
_IMPURE = re.compile(rf"[、和与及]{{1,2}}[{HAN}]{{1,3}}")
#: Marks of a coined, numbered name (1+4+7, 四个一, 三抓三促, 六大工程, 三化).
_SLOGAN = re.compile(
    rf"[、·+＋\d]|[{NUMERALS}].*[{NUMERALS}]|^[{NUMERALS}](?:大|个|项|条|场|化|抓|张|字|心|型)"
)
#: A quoted numbered formula: 1+4+7, 14+1, 6+3+2+N.
_FORMULA = re.compile(r"[0-9０-９]+(?:[+＋×][0-9０-９A-Z]+)+")
#: A quoted craft or device: 嫦娥六号, 华龙一号, 郑和号 (not 湘字号, a brand label, nor 青薯9号, a variety).
_CRAFT = re.compile(rf"^[{HAN}]{{2,8}}?[一二三四五六七八九十]?号$(?<!字号)")
#: A work built right after the quote: “钍基熔盐实验堆”在武威建成运行.
_BUILT = re.compile(r"(?:在[^，。；,;]{1,8})?(?:建成|开工|投运|落地|竣工)")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The head-word and verb patterns around a quote, built once from the lexicons."""
    heads = head_alternation()
    return {
        "after_quote": re.compile(rf"(等)?({_MIDDLE})({heads})"),
        "verb_end": re.compile(rf"(?:{cues().verbs})$"),
        "ends_head": re.compile(rf"(?:{heads})$"),
    }


def quoted_names(text: str) -> list[Candidate]:
    """Each quoted name of ``text`` (see the module docstring), and the items
    coordinated after the last quote of a run (建设“三大高速公路新通道”和甘川新通道)."""
    if "“" not in text and "「" not in text and '"' not in text:
        return []  # most sentences: no quote to read
    pats = _patterns()
    quotes = list(_QUOTE.finditer(text))
    run_last = list(range(len(quotes)))  # the last quote of the run each quote is in
    for j in range(len(quotes) - 2, -1, -1):
        if _JOIN.fullmatch(text, quotes[j].end(), quotes[j + 1].start()):
            run_last[j] = run_last[j + 1]
    run_first = list(range(len(quotes)))  # and the first
    for j in range(1, len(quotes)):
        if run_last[j - 1] == run_last[j]:
            run_first[j] = run_first[j - 1]
    out = []
    for qi, q in enumerate(quotes):
        content = _content(q).strip()
        if not content or (content.isdigit() and len(content) < 3) or any(c in content for c in "。！？，,；;"):
            continue  # a quoted sentence is a slogan, not a name
        if is_formula(content):
            continue  # “四个全面”战略布局: a political formula, not a programme
        if text.startswith("奖", q.end()):
            continue  # “五个一工程”奖: an award
        kind = _chain_head(text, quotes, qi, run_last[qi])
        own = pats["ends_head"].search(content)
        if own and len(content) > len(own.group()) and kind != "modifier":
            kind = head_kind(own.group())  # “千万工程”经验: the name's own head word says what it is
        launched = pats["verb_end"].search(text, max(0, q.start() - 8), q.start())
        described = text.startswith("的", q.end())  # 打造“世界一流、百年不衰”的…: a quality
        if kind is None and launched and _SLOGAN.search(content) and not is_period(content) and not described:
            kind = "other" if not re.search(r"[、·]", content) else "mechanism"
        if kind is None and _FORMULA.fullmatch(content):
            kind = "other"  # “14+1”重点产业链: a numbered formula is always a coined name
        if kind is None and (_CRAFT.match(content) or (text.startswith("号", q.end()) and len(content) > 1)):
            kind = "project"  # “嫦娥六号”, “中国环流三号”, “奋斗者”号: a named craft or device
        if kind is None and counted_before(text, q.start()):
            continue  # 37个“一件事”落地 (but 206个“两重”项目 has its head word)
        if kind is None and _BUILT.match(text, q.end()):
            kind = "project"  # “钍基熔盐实验堆”在武威建成运行
        if kind is None:
            kind = acting_brand_kind(text, q.start(), q.end(), content)
        if kind is None:
            kind = bare_quote_kind(text, quotes[run_first[qi]].start(), q, quotes[run_last[qi]].end())
        if kind == "modifier":  # “二维码”一键举报平台: the name is what follows
            m = pats["after_quote"].match(text, q.end())
            name = m.group(2) + m.group(3) if m else ""
            cleaned = clean_name(q.end(), name, m.group(3)) if m and name[0] not in "和与及或" else None
            if cleaned:
                out.append((cleaned[0], m.end(), cleaned[1], head_kind(m.group(3)), 3))
        elif kind is not None:
            out.append((q.start() + 1, q.end() - 1, content, plan_kind(content, kind, text[q.end() : q.end() + 2]), 3))
            if qi == run_last[qi]:  # 建设“三大高速公路新通道”和甘川新通道: the next item too
                head = pats["after_quote"].match(text, q.end())
                end = head.end() if head and not head.group(1) and not head.group(2) else q.end()
                for s, e, h in coordinated(text, end):
                    item = clean_name(s, text[s:e], h)
                    if item:
                        out.append((item[0], e, item[1], head_kind(h), 2))
    return out


def _content(q: re.Match[str]) -> str:
    """What a :data:`_QUOTE` match holds between its quote marks."""
    return next(g for g in q.groups() if g is not None)


def _chain_head(text: str, quotes: list[re.Match[str]], qi: int, j: int) -> str | None:
    """The kind of the head word after the run of quotes (``qi`` … ``j``) that quote
    ``qi`` belongs to."""
    pats = _patterns()
    if j + 1 < len(quotes) and _IMPURE.fullmatch(text, quotes[j].end(), quotes[j + 1].start()):
        m = pats["after_quote"].match(text, quotes[j + 1].end())
        if m and m.group(2) != "":  # 、涉企“挂案”清理等专项行动: an impure item ends the run
            return head_kind(m.group(3)) if "等" in m.group(2) else None
    m = pats["after_quote"].match(text, quotes[j].end())
    if not m:
        return None
    middle = m.group(2)
    if middle.startswith("为") or "的" in middle.replace("相结合的", ""):
        return None  # “…”为主题的…活动: the quote is a theme, not the name
    if "等" in middle:
        return None  # “挂案”清理等专项行动: the quote is a piece of an item
    content = _content(quotes[qi])
    if len(middle) >= 4 and len(content) <= 3 and not _SLOGAN.search(content):
        return "modifier"  # “二维码”一键举报平台 (but “蓝盾”护企行动 is 蓝盾)
    return head_kind(m.group(3))



#: One item: a quote and its modifier (the modifier of the last item runs up to 等).
_ITEM = rf"“[^“”\n，。；]{{2,12}}”[{HAN}A-Za-z]{{1,10}}?"
#: Kind words a list of quoted items may close with beyond the initiative heads.
_EXTRA_HEADS = {"走廊": "project"}


@cache
def _kinds() -> dict[str, str]:
    """The kind words that may close a list of quoted items, with the kind each implies."""
    return {**head_kinds(), **_EXTRA_HEADS}


@cache
def _run() -> re.Pattern[str]:
    """A run of two or more quoted items closed by 等 and a kind word (group 1)."""
    kinds = "|".join(re.escape(h) for h in sorted(_kinds(), key=len, reverse=True))
    return re.compile(rf"(?:{_ITEM}、)+{_ITEM}等[{HAN}]{{0,6}}?({kinds})")


#: A quote and its modifier inside a run of items.
_ITEM_PARTS = re.compile(r"“([^“”]+)”([^“”、]*)")


def quoted_items(text: str) -> list[Candidate]:
    """Each quoted core of a list of quoted items closed by 等 and a kind word."""
    if "、“" not in text or "等" not in text:  # every run of two items has 、“
        return []
    out = []
    for m in _run().finditer(text):
        run = m.group()
        items = list(_ITEM_PARTS.finditer(run, 0, run.rindex("等")))
        if any("的" in q.group(2) or "等" in q.group(2) for q in items):
            continue  # “经济强”的基础更加巩固: descriptions, not items
        kind = _kinds()[m.group(1)]
        for q in items:
            s = m.start() + q.start(1)
            if q.group(1).isdigit() and len(q.group(2)) >= 3:  # “96178”省长直通车: a number's service
                s = m.start() + q.start(2)
                out.append((s, s + len(q.group(2)), q.group(2), kind, 3))
                continue
            out.append((s, s + len(q.group(1)), q.group(1), kind, 3))
    return out
