"""Shapes that look like an initiative's name but are not (used by :mod:`kg.extract.initiatives`;
:func:`is_description` by :mod:`kg.extract.initiative_clean`).

- descriptions: two tasks joined (实体化工作和运行机制), a title won (宁德入围全球百强创新集群),
  a sector's institutions (经济体制, 福州新区管理体制; not 新型举国体制) and the words of a
  spoken clause (我们要坚持和完善…制度, 都必须遵守财政制度);
- what a report forbids or opposes: 杜绝“形象工程”“政绩工程”, 反对“台独”, 打击“四人帮”, and
  harms: 篡党夺权阴谋活动, “台湾独立”…等各种分裂活动;
- names inside a title in 《》 (《美丽新疆》): a work's or a law's words.
"""

from __future__ import annotations

import re

__all__ = ["forbidden_at", "is_description", "title_spans"]

#: Two tasks joined (实体化工作和运行机制, 农田基本建设和植树种草活动).
_WORK_AND = re.compile(r"(?:工作|建设)[和与及]")
#: A sector's institutions (经济体制, 行政管理体制, 福州新区管理体制), not a named system (新型举国体制).
_SECTOR_SYSTEM = re.compile(r"(?:管理|经济|财税|金融|文化|政治|办学|卫生|营运|供销社|供热)新?体制$")
#: Words of a spoken clause, never of a name (我们要坚持…制度, 都必须遵守财政制度, 有一些项目).
_SPOKEN = re.compile(r"必须|应该|应当|一些|我们|他们|这种|那些|这个|遵守|定出|还在|不注意")
#: A clause saying a place won a title (宁德入围全球百强创新集群, 长沙获批…集结中心, 争创…集结中心).
_AWARDED = re.compile(r"入围|入选|获批|获评|跻身|荣获|打造成为|争创")
#: What is forbidden is no programme: 杜绝“形象工程”“政绩工程”, 不得搞形象工程.
_FORBIDDEN = re.compile(r"(?:杜绝|反对|不搞|不得搞|严禁|禁止|防止|避免|打击)(?:制造|搞)?(?:“[^“”]{1,8}”[、和]?)*“?$")
#: Harm named in or right after a name: 篡党夺权阴谋活动, “台湾独立”…等各种分裂活动, “…”的非法行为
#: (but a drive against one is a campaign: 打击非法集资专项行动, 违法占耕专项整治).
_HARM = re.compile(r"^(?!.*(?:打击|防范|整治|惩治|取缔|遏制)).*(?:分裂|违法|犯罪|非法|阴谋|邪教|恐怖|篡党|走私|诈骗|贩毒).*(?:活动|行为)$")
_HARM_AFTER = re.compile(r"[^，。；：！？]{0,12}?(?:分裂|违法|犯罪|非法|阴谋|邪教|恐怖|走私|诈骗|贩毒)(?:活动|行为|行径)")


def is_description(name: str) -> bool:
    """True when ``name`` reads as a description or a clause, not a name."""
    return bool(
        _WORK_AND.search(name) or _AWARDED.search(name) or _SECTOR_SYSTEM.search(name) or _SPOKEN.search(name)
    )


def forbidden_at(text: str, start: int, end: int | None = None) -> bool:
    """True when what starts at ``start`` is the object of a ban (杜绝“…”, 反对…), or
    (given its ``end``) names a harm or is followed by one (…等各种分裂活动)."""
    if _FORBIDDEN.search(text, max(0, start - 30), start) is not None:
        return True
    if end is None:
        return False
    if text.endswith(("活动", "行为"), start, end) and _HARM.match(text[start:end]):
        return True
    after = text.find("活动", end, end + 16) >= 0 or text.find("行为", end, end + 16) >= 0
    return after and _HARM_AFTER.match(text, end) is not None


_TITLE = re.compile(r"《[^《》]*》")


def title_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the titles in 《》 of ``text``: a name inside one (《美丽新疆》,
    《乡村振兴促进法》) belongs to a work or a law, not to an initiative."""
    return [m.span() for m in _TITLE.finditer(text)] if "《" in text else []
