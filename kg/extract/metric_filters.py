"""What is *not* a metric: the filters applied to every number the metric
regex finds (see :mod:`kg.extract.metrics`).

A number with a measure word is a reported quantity unless it is a year
(2023年, 二〇二六年), an ordinal or session (第3位, 十一次全会), a rank
(前10位), a category (二级及以上医院, 60岁以上), a size class (五百亿级), a
duration that only frames a period (过去五年, 五年年均), or a Chinese numeral
that only structures the text (三年行动, 八项规定, 十一个方面). Chinese
numerals are metrics only where the text marks them as quantities: 分两期,
超过五成, 连续三年, 三年任务两年完成, or a value of ten and more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Candidate", "is_metric"]

_YEAR_TAIL = ("度", "代", "底", "末", "初")


@dataclass(slots=True)
class Candidate:
    """A number with its unit, as the regex found it (sentence-local offsets)."""

    num_start: int
    unit_end: int  #: end of number, multiplier and unit
    end: int  #: end of the surface text (post qualifier included)
    value: Decimal
    unit: str  #: as written
    unit_class: str
    cn: bool  #: written in Chinese numerals (三年, 两期)
    bare: bool  #: multipliers only (千亿, 万)
    big: bool  #: has a 万/亿 multiplier
    digits: str  #: the numeral as written, without multiplier
    mid: str  #: 余/多 after the number
    pre: str  #: qualifier word before the number, as counted (突破 only where it qualifies)
    pre_start: int
    post: str  #: qualifier word after the unit


def is_metric(c: Candidate, text: str, cues: dict[str, re.Pattern[str]]) -> bool:
    """True if the candidate is a reported quantity, not a year, rank or name."""
    at = c.pre_start if c.pre else c.num_start
    left1 = text[max(0, c.num_start - 1) : c.num_start]
    after = text[c.unit_end : c.unit_end + 1]
    if left1 == "届" or (c.unit == "次" and cues["session_after"].match(text, c.unit_end)):
        return False  # 十二届十一次全会: a numbered session
    if c.unit == "年" and not c.mid and c.value == c.value.to_integral_value():
        if 1000 <= c.value <= 2100 or text.startswith(_YEAR_TAIL, c.unit_end):
            return False  # a year: 2023年, 二〇二六年, 2023年度, 90年代
    if c.unit in ("位", "名") and left1 in ("前", "后", "居", "列", "排"):
        return False  # a rank: 前10位
    if c.unit == "位" and after == "数":
        return False  # 两位数增长
    if c.unit_class == "percent" and left1 == "前":
        return False  # a rank band: 全球前1%
    if c.post in ("及以上", "及以下") or (c.unit in ("岁", "周岁") and c.post.endswith(("以上", "以下"))):
        return False  # a category: 二级及以上医院, 60岁以上老人
    if c.unit == "级" and (c.big or c.bare):
        return False  # a size class: 千亿级产业, 五百亿级开发区
    if c.unit_class == "duration":
        return _is_duration(c, text, cues, at)
    if not c.cn:
        return True
    # Chinese numerals mostly structure the text (三个方面, 两个维护, 八项规定)
    if cues["vague"].search(text, max(0, at - 2), at):
        return False  # 数十个, 上百家
    if cues["structural_after"].match(text, c.unit_end):
        return False  # 十一个方面
    if c.digits == "一" and c.unit != "倍":
        return False  # 一批, 一个: an article, not a count
    if c.bare:
        return bool(c.pre)  # 突破千亿元, 超万亿元; not 百亿县区, 万家灯火
    if text[max(0, at - 1) : at] == "分":
        return True  # 分两期, 分三批
    if c.pre or c.mid:
        return True  # 超过五成, 十余万人
    if c.unit_class in ("percent", "ratio") and c.value > 1:
        return True  # 百分之三十, 两倍
    # 十二条措施 and 一百二十个单位 are counts; 十项措施, 十件实事 name a package
    return c.value >= 10 and c.digits != "十"


def _is_duration(c: Candidate, text: str, cues: dict[str, re.Pattern[str]], at: int) -> bool:
    """Durations: 连续5年, 40多年 and 经过八年 are metrics; 过去五年 and 五年年均 frame."""
    for pos in {at, c.num_start}:
        if cues["frame"].search(text, max(0, pos - 2), pos):
            return False  # 过去五年, 近5年
    if cues["frame_after"].match(text, c.unit_end):
        return False  # 五年年均增长
    if not c.cn:
        return True
    if c.bare or c.digits == "一":
        return False  # 百年大计, 一年
    return bool(
        cues["duration"].search(text, max(0, at - 3), at) or cues["duration_after"].match(text, c.end)
    )
