"""Quoted brands read by what they do, and the quotes that are not names (used by
:mod:`kg.extract.initiative_quotes`; the kinds of drives and plans by :mod:`kg.extract.initiatives`).

- a brand or platform as the subject of its clause, followed at once by what it
  does for people: “鲁惠通”兑现政策资金, “鲁执法”推动入企检查次数压减,
  “金融直达基层加速跑”促成贷款投放, “金服云”服务实体经济, “一业一策”推动…,
  “医检互认”累计为群众…; or put online: “齐鲁农云”数字乡村大脑上线. A slogan at a
  clause start (“五向图强”聚势赋能, “一老一小”服务保障) has no such verb.
- a quote counted before it, with no head word after it, is a class of things,
  not one name: 37个“一件事”落地 (but 206个“两重”项目 names the programme).
- an 活动 of promotions or festivities is an event (中国农民丰收节全国主场活动, “全闽乐购”等促消费活动,
  “小手拉大手·全家一起学”活动); other 活动 are drives (campaigns).
- a plan period with 计划/规划 (“八五”计划) names the plan (kind ``other``, as
  the gold's 十四五); a 攻坚 plan is a campaign (八七扶贫攻坚计划).
"""

from __future__ import annotations

import re

from .initiative_context import is_period
from .initiative_grammar import CLAUSE_MARKS, HAN
from .initiative_lexicon import known

__all__ = ["acting_brand_kind", "counted_before", "drive_kind", "plan_kind"]

#: What a brand does for its users, right after the closing quote.
_ACTING = re.compile(rf"兑现|促成|推动|累计为|撬动|服务(?:企业|实体|群众|市场主体)|[{HAN}]{{0,8}}?上线")
#: A count right before the opening quote: 37个“一件事”, 两项“…”.
_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十百千万两]+)(?:个|项|件|家|条)$")
#: A paired coinage of one-for-one measures: 一企一策, 一业一策, 一链一策.
_PAIRED = re.compile(r"^一.一.$")


def acting_brand_kind(text: str, start: int, end: int, content: str) -> str | None:
    """The kind of the quote ``text[start:end]`` (quote marks included) when it is
    the subject of its clause and a brand's verb follows (see the module docstring)."""
    if start and text[start - 1] not in CLAUSE_MARKS:
        return None
    m = _ACTING.match(text, end)
    if not m:
        return None
    if m.group().endswith("上线"):
        return "platform"
    if _PAIRED.match(content):
        return "mechanism"
    return "platform" if len(content) <= 4 else "campaign"


def counted_before(text: str, start: int) -> bool:
    """True when a count stands right before the quote opening at ``start``."""
    return _COUNT.search(text, max(0, start - 6), start) is not None


def plan_kind(name: str, kind: str, after: str = "") -> str:
    """The kind of a plan: ``other`` for a period's plan (八五 and ``after`` it
    计划), ``campaign`` for a 攻坚 plan; else ``kind`` as given."""
    if after.startswith(("计划", "规划")) and is_period(name):
        return "other"
    if name.endswith("计划") and "攻坚" in name:
        return "campaign"
    return kind


#: An 活动 of promotions, visits or festivities: an event, not a drive (等促消费活动, 系列活动,
#: 全国主场活动, 参观学习活动, 精品活动; a quoted theme in parts, “小手拉大手·全家一起学”活动).
_EVENTISH = re.compile(r"[^，。；“”]{0,8}?(?:消费|促销|系列|主场|参观|精品|文旅|体验|嘉年华|节(?![约支能俭])|赛|(?<!拓)展)[^，。；“”]{0,4}?活动")
_THEME = re.compile(r"[^，。；“”]{1,12}·[^，。；“”]{1,12}$")


def drive_kind(text: str, start: int, end: int, name: str, kind: str) -> str:
    """``activity`` for a campaign-kind name whose 活动 is a promotion or festivity
    (and for a quoted theme in parts right before 活动); else ``kind`` (always for a
    well-known programme: 以旧换新)."""
    if kind != "campaign" or "活动" not in text or name in known():
        return kind
    after = end + (text[end : end + 1] in "”」\"")  # past a closing quote
    if _EVENTISH.match(text, start) or _EVENTISH.match(text, after):
        return "activity"
    if text.startswith("活动", after) and _THEME.match(text, start, end):
        return "activity"
    return kind
