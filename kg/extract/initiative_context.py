"""Initiatives named by their context rather than a head word (used by
:mod:`kg.extract.initiatives`; the quote tests by :mod:`kg.extract.initiative_quotes`).

- a quoted coinage with no head word: a programme or brand when a verb leads
  to it or a carrier noun follows it (``initiative_quote_cues.tsv``);
- numbered events (第十四届中国艺术节), city games (成都世运会) and named funds
  that a place or 国家 starts (四川社保科创基金);
- numbered national surveys: 第四次全国文物普查, 第七次全国人口普查, 第三次全国土壤普查;
- a province's or city's own drive after a national strategy's pattern:
  美丽湖北 (美丽中国), 健康湖北 (健康中国), 数字重庆 (数字中国).

Candidates are ``(start, end, name, kind, priority)`` tuples, as in
:mod:`kg.extract.initiatives`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load_table
from .initiative_grammar import HAN, Candidate
from .place_lexicon import place_lexicon
from .trie import trie_pattern

__all__ = ["bare_quote_kind", "branded_drives", "censuses", "events_and_funds", "is_formula", "is_period"]


#: A numbered event: 第十四届中国艺术节, 第二届“一带一路”科技交流大会 (not 第十四届全国人民代表大会).
_EVENT = re.compile(
    rf"(?:第[一二三四五六七八九十百\d]+|首)届((?:“[^“”]{{1,12}}”|[{HAN}A-Za-z—·]){{2,24}}?"
    rf"(?:博览会|交易会|洽谈会|研讨会|推介会|交流会|展览会|运动会|艺术节|文化节|旅游节|电影节|大会|论坛|峰会|年会|大赛|节|展))"
    rf"(?=[，。；：、）)等和与及在期上]|$)"
)
_NOT_EVENT = re.compile(r"代表|委员|人民|党")
#: Games and fairs known by a city and a short name (成都世运会, 南京青奥会).
_GAMES = re.compile(
    rf"([{HAN}]{{2}})(世运会|亚运会|亚残运会|冬奥会|冬残奥会|奥运会|残奥会|青奥会|大运会|全运会|残运会|"
    rf"特奥会|冬运会|学青会|民运会|园博会|花博会|东亚运动会|世园会)"
)
#: A named fund: 国家创业投资S基金, 四川社保科创基金 (a place or 国家 starts it).
_FUND = re.compile(
    rf"(?:^|(?<=[、，。；：])|(?<=落地|设立|组建|发起|成立|用好|做强|发挥))"
    rf"((?:[{HAN}A-Za-z]|（[{HAN}]{{2,4}}）){{4,16}}?基金)(?=[、，。；等和与及]|落地|立项|正式|$)"
)
_FUND_VERB = re.compile(r"落地|设立|组建|发起|成立|用好|做强|发挥")
#: A branded drive: 美丽/健康/数字 and a place's name (美丽湖北建设, 健康陇原行动).
_BRANDED = re.compile(rf"(?:美丽|健康|数字)(?=[{HAN}]{{2}})")
_BRAND_LEVELS = frozenset({"province", "prefecture"})


@dataclass(frozen=True)
class _QuoteCues:
    """``initiative_quote_cues.tsv`` as patterns."""

    verb: re.Pattern[str]  #: a verb, then up to 8 characters, at the end of the text before
    carrier: re.Pattern[str]  #: a carrier noun (after 等 and a short modifier)
    carrier_kind: dict[str, str]
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]
    formula: frozenset[str]


@cache
def _quote_cues() -> _QuoteCues:
    """``initiative_quote_cues.tsv`` compiled, loaded once."""
    words: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for r in load_table("initiative_quote_cues"):
        words.setdefault(r["role"], []).append(r["word"])
        if r["role"] == "carrier":
            kinds[r["word"]] = r["kind"] or "other"

    def alt(role: str) -> str:
        return trie_pattern(words.get(role, []))

    return _QuoteCues(
        verb=re.compile(rf"(?:{alt('verb')})[{HAN}A-Za-z0-9]{{0,8}}$"),
        carrier=re.compile(rf"(?:等[{HAN}]{{0,4}}?)?({alt('carrier')})"),
        carrier_kind=kinds,
        not_before=re.compile(rf"(?:{alt('not_before')})(?:全国|全省|全球)?$"),
        not_after=re.compile(rf"(?:{alt('not_after')})"),
        formula=frozenset(words.get("formula", [])),
    )


#: Period names (“十四五”, “八五”) are not programmes.
_PERIOD = re.compile(r"十?[一二三四五六七八九十]五")


def bare_quote_kind(text: str, run_start: int, q: re.Match[str], run_end: int) -> str | None:
    """The kind of a quoted coinage with no head word, from its context, or None.

    A work report names its programmes and brands in quotes after a verb
    (推广数智化“链式改造”) or before a carrier noun (“蜀里安逸”消费券, “两重”“两新”
    政策资金); honours, achievements and political formulas (首家“灯塔工厂”,
    实现“双过万”, 增强“四个意识”) and quoted phrases are rhetoric.
    """
    content = next(g for g in q.groups() if g is not None).strip()
    cues = _quote_cues()
    if not 2 <= len(content) <= 12 or "的" in content or re.search(r"\s", content):
        return None
    if is_period(content) or content in cues.formula:
        return None
    before = text[max(0, run_start - 12) : run_start]
    if cues.not_before.search(before) or cues.not_after.match(text, q.end()):
        return None
    carrier = cues.carrier.match(text, run_end)
    if carrier:
        return cues.carrier_kind[carrier.group(1)]
    if cues.verb.search(before):
        return "other"
    return None


def is_formula(content: str) -> bool:
    """A fixed political formula (“四个全面”), never a programme."""
    return content in _quote_cues().formula


def is_period(content: str) -> bool:
    """A plan period's name (“十四五”)."""
    return _PERIOD.fullmatch(content) is not None


def events_and_funds(text: str) -> list[Candidate]:
    """Numbered events (第十四届中国艺术节), city games (成都世运会), named funds."""
    out: list[Candidate] = []
    games = "会" in text and ("运会" in text or "奥会" in text or "青会" in text or "博会" in text or "园会" in text or "动会" in text)
    if not games and "届" not in text and "基金" not in text:
        return out  # most sentences: skip the three scans (every name of _GAMES holds 运会, 奥会, 青会, 博会, 园会 or 动会)
    for m in _EVENT.finditer(text) if "届" in text else ():
        if not _NOT_EVENT.search(m.group(1)):
            out.append((m.start(), m.end(), m.group(), "activity", 3))  # wins over its quoted part
    places = place_lexicon().surfaces
    for m in _GAMES.finditer(text) if games else ():
        if m.group(1) in places:
            out.append((m.start(), m.end(), m.group(), "activity", 2))
    for m in _FUND.finditer(text) if "基金" in text else ():
        name, start = m.group(1), m.start(1)
        verb = None
        for verb in _FUND_VERB.finditer(name):
            pass  # 成功落地国家…基金: the name starts after the last verb
        if verb:
            start, name = start + verb.end(), name[verb.end() :]
        if name.startswith(("国家", "中国")) or any(True for _ in place_lexicon().candidates(name, 0)):
            out.append((start, m.end(1), name, "other", 2))
    return out


def branded_drives(text: str) -> list[Candidate]:
    """A province's or city's drive named like a national one: 美丽湖北, 健康湖北, 数字重庆
    (the place a province or prefecture, so 健康长寿 and 美丽乡村 are not drives)."""
    out: list[Candidate] = []
    if "美丽" not in text and "健康" not in text and "数字" not in text:
        return out
    surfaces = place_lexicon().surfaces
    for m in _BRANDED.finditer(text):
        for n in (3, 2):
            place = text[m.end() : m.end() + n]
            if len(place) == n and any(s.level in _BRAND_LEVELS for s in surfaces.get(place, ())):
                out.append((m.start(), m.end() + n, text[m.start() : m.end() + n], "other", 2))
                break
    return out


#: A numbered national survey: 第四次全国文物普查, 第七次全国人口普查, 第三次全国国土调查.
_CENSUS = re.compile(rf"第[一二三四五六七八九十]+次全国[{HAN}]{{2,6}}?(?:普查|调查)")


def censuses(text: str) -> list[Candidate]:
    """Numbered national surveys (第四次全国文物普查): campaigns the government runs."""
    if "普查" not in text and "调查" not in text:
        return []
    return [(m.start(), m.end(), m.group(), "campaign", 2) for m in _CENSUS.finditer(text)]
