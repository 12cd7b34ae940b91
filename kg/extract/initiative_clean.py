"""The last check every unquoted candidate name passes (used by the readings of
:mod:`kg.extract.initiatives` and :mod:`kg.extract.initiative_quotes`).

A span read off a sentence by shape (开展…行动, A、B等工程, a clause's subject) often
carries a lead verb or modifier (深入开展, 积极), or is no name at all: a class of
things (重点项目, 群众性文化活动, 一批…示范项目), a count (100个社区…改造工程), a plan
document (主体功能区规划) or a description (取消和调整了一大批行政审批项目).
:func:`clean_name` strips the lead and says which spans are left a name.
"""

from __future__ import annotations

import re

from .initiative_filters import is_description
from .initiative_grammar import HAN
from .initiative_lexicon import cues

__all__ = ["clean_name"]

#: A counted start (4个, 1万名, 两届) makes a description; round coinages (百场, 万人) stay.
_COUNT_START = re.compile(r"^(?:[\d.]+[万千百]?|[一二三四五六七八九两])(?:个|名|届|家|项|场|批|类|条|座|所)")
#: 重点/重大 and four more characters of its own (重点产业强链补链): a name, not a class of things.
#: 重点 as an adverb (重点支持, 重点投向) starts a clause, not a name.
_QUALIFIED = re.compile(
    rf"^(?:重点|重大)(?!支持|投向|投入|完善|推进|发展|加强|抓好|实施|解决|建设|扶持|保障|用于|工程和|项目和)[{HAN}]{{4,}}$"
)
#: X重大工程 with a long X names a programme (生物多样性保护重大工程); X重点项目 is a class.
_NAMED_WORKS = re.compile(rf"^[{HAN}]{{5,}}(?:重大|重点)工程$")
#: Stems of kinds of activities (群众性文化活动, 学校体育活动, 一系列庆祝活动).
_CLASS_ACTIVITY = re.compile(r"^(?:城乡)?群众性|^群众(?:体育|健身|文化)|^(?:学校|商业|外交|革命|精神文明)|^一?系列|国际性$")


def clean_name(start: int, name: str, head: str) -> tuple[int, str] | None:
    """``(start, name)`` of the name at ``start`` with its leading verbs and modifiers
    stripped; None when what is left is generic, counted or a description.
    ``head`` is the name's head word (行动, 工程), or "" when it has none."""
    for pat in (cues().lead_verb, cues().lead_modifier, cues().lead_verb):
        lead = pat.match(name)
        if lead and lead.end() < len(name):
            if "一批" in lead.group():
                return None  # 实施一批智能制造示范项目: many things of a kind, not one name
            start, name = start + lead.end(), name[lead.end() :]
    stem = name[: len(name) - len(head)] if head and name.endswith(head) else name
    if name.endswith("规划"):
        return None  # 主体功能区规划: a plan not in 《》 is a document, not an initiative
    if len(name) < 3 or len(stem) < 2 or stem in cues().generic_stem:
        return None
    if cues().generic_start.match(name) and not _QUALIFIED.match(stem):
        return None  # 重点项目, 重大水利工程; but 重点产业强链补链行动 is named by what follows
    if stem.endswith(("各项", "相关")) or name.isdigit():
        return None
    if stem.endswith(("重大", "重点")) and not _NAMED_WORKS.match(name):
        return None
    if head == "活动" and _CLASS_ACTIVITY.search(stem):
        return None  # 群众性文化活动, 区县行系列活动: a kind of activity, not one
    if cues().descriptive.search(name) or is_description(name):
        return None  # 取消和调整了一大批行政审批项目: a clause, not a name
    if _COUNT_START.match(name):
        return None  # 100个社区…改造工程, 两届…活动: a count of things, not a name
    return start, name
