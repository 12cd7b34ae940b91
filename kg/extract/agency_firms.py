"""Financial firms named by a brand and their trade (德邦证券, 富泽人寿, 恒丰银行).

A bank, securities house or life insurer is often written as a two-character
brand and its trade alone, without 股份有限公司; the head words of
:mod:`kg.extract.agencies` need an administrative prefix before 银行 (省农信
银行) and do not know 证券 or 人寿. A brand is taken only between a clause or
list boundary and one after the trade (德邦证券、富泽人寿成功落户), and when it is
no verb or class word (扩大银行信贷, 影子银行, 国家银行).
"""

from __future__ import annotations

import re

from .han import HAN

__all__ = ["firm_spans", "with_named_firms"]

_FIRM = re.compile(rf"(?:^|(?<=[、，。；：（]))({HAN}{{2}})(?:证券|人寿|银行)(?=[、，。；和与及等成获稳在已将正])")
#: Stems that are verbs, pronouns or class words, not brands.
_NOT_BRAND = frozenset(
    "改革 提高 扩大 完善 规范 加强 发展 支持 鼓励 引导 推动 深化 强化 健全 整顿 清理 防范 "  # noqa: SIM905 (a word list)
    "我国 国家 国有 各类 影子 商业 村镇 农商 城商 民营 地方 政策 开发 农村 合作 外资 中资 大型 中小 "
    "股份 投资 储蓄 人民 中央 世界 亚洲 社会 专业 有关 这些 所有 其他".split()
)


def firm_spans(text: str) -> list[tuple[int, int]]:
    """Spans of financial firms named by brand and trade in ``text``."""
    return [(m.start(1), m.end()) for m in _FIRM.finditer(text) if m.group(1) not in _NOT_BRAND]


def with_named_firms(text: str, spans: list[list]) -> list[list]:
    """``spans`` ([start, end, subtype]) with the firms of ``text`` that
    overlap none of them."""
    if "券" not in text and "寿" not in text and "银行" not in text:
        return spans
    for s, e in firm_spans(text):
        if not any(a < e and s < b for a, b, *_ in spans):
            spans = [*spans, [s, e, "enterprise"]]
    return spans
