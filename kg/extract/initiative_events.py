"""Named events in lists, and packages of measures (used by :mod:`kg.extract.initiatives`).

投洽会、世界航海装备大会、世界闽商大会、中国侨智发展大会等活动成功举办 names four
events: each item of a list closed by 等 and a word for events (活动, 展会, 赛事,
盛会) that itself ends in an event word (大会, 峰会, 论坛, 博览会, 电影节, …) is an
event's name. Items without one (港澳山东周) are passed over. A list closed by 等 and anything
else (等成果丰硕) names events only when every item is one. A list of summits
a leader attends (出席…领导人峰会…等重大活动, …外交活动) names meetings, not the
government's own events, and is left out.

Also numbered packages of measures put out by the government (出台稳就业20条政策措施,
实施稳经济30项举措): named programmes of kind ``other``.

Candidates are ``(start, end, name, kind, priority)`` tuples, as in
:mod:`kg.extract.initiatives`.
"""

from __future__ import annotations

import re

from .initiative_grammar import CLAUSE_MARKS, HAN, Candidate, clause_start

__all__ = ["listed_events", "measure_packages"]

#: 等 and a word for events closes the list: 等活动, 等重大经贸活动, 等高端展会, 等体育赛事.
_CLOSE_WORDS = ("活动", "展会", "会展", "赛事", "盛会")
_CLOSE_GATE = re.compile("|".join(_CLOSE_WORDS))  # one C call, not a generator per sentence
_CLOSE = re.compile(rf"等[{HAN}]{{0,8}}?(?:{'|'.join(_CLOSE_WORDS)})")
#: What an event's name ends with.
_EVENT_END = re.compile(
    r"(?:大会|峰会|论坛|博览会|交易会|洽谈会|对接会|年会|电影节|文化节|旅游节|艺术节|运动会|大赛|赛会)$"
)
#: A fair or games known by a short abbreviation: 华创会, 汉交会, 省运会.
_SHORT = re.compile(rf"^[{HAN}]{{2}}会$")
#: Leaders' meetings: attended, not held (二十国集团领导人峰会, 亚欧首脑会议).
_MEETING = re.compile(r"领导人|首脑|会晤|外交|部长级")
#: A list of meetings someone attends or receives, not events held.
_ATTENDED = re.compile(r"^出席|出席|参加|会见|会晤|访问")
#: Any 等 closing a list right after an event word's last character (the strict reading:
#: every item must be an event).
_ANY_CLOSE = re.compile(r"(?<=[会坛节赛])等")
_VERB = re.compile(r"^(?:连续)?(?:成功|务实|高水平|高质量|精心|圆满)?(?:举办|办好|用好|承办|主办|筹办|开好|办)?(?:[\d一二三四五六七八九十]+届(?!$))?")
#: A list of events to cut back (精简会议…论坛、庆典等活动): kinds of events, not names.
_CUT = re.compile(r"精简|压减|清理|规范|减少|控制")
#: What ends the clause a list is in.
_BOUND = CLAUSE_MARKS + "！？"
#: Events held: 举办/办好 and a list running to the end of the clause (with 等, the reading above).
_HOLD = re.compile(rf"(?:举办|办好)(?=([^{_BOUND}等]*、[^{_BOUND}等]*)(?:[{_BOUND}]|$))")


def listed_events(text: str) -> list[Candidate]:
    """Each event named in a list closed by 等 and a word for events, or held (举办A、B)."""
    if "、" not in text:
        return []  # most sentences: no list
    out: list[Candidate] = []
    if "等" in text and _CLOSE_GATE.search(text):
        previous = 0
        for m in _CLOSE.finditer(text):
            lo = clause_start(text, max(previous, m.start() - 150), m.start(), _BOUND)  # the clause only
            previous = m.end()
            out += _items(text, lo, m.start(), m.group())
    if "等" in text:  # 跨国公司领导人青岛峰会、儒商大会…等成果丰硕: every item an event
        previous = 0
        for m in _ANY_CLOSE.finditer(text):
            if _CLOSE.match(text, m.start()):
                continue  # read above
            lo = clause_start(text, max(previous, m.start() - 150), m.start(), _BOUND)
            previous = m.end()
            items = _items(text, lo, m.start(), "", every=True)
            out += items if len(items) >= 2 else []
    if "举办" in text or "办好" in text:
        for m in _HOLD.finditer(text):  # 成功举办第八届数字中国建设峰会、世界互联网大会…论坛。
            out += _items(text, m.end(), m.end() + len(m.group(1)), "")
    return out


def _items(text: str, lo: int, hi: int, close: str, every: bool = False) -> list[Candidate]:
    """The items of ``text[lo:hi]`` (split at 、) that name an event; with ``every``, all
    of them or none (then a meeting's name may hold 领导人: the list is not of summits attended)."""
    out: list[Candidate] = []
    clause = text[lo:hi]
    if "、" not in clause or _CUT.search(clause) or _ATTENDED.search(clause):
        return out
    if not every and _MEETING.search(clause + close):
        return out
    pos = lo
    for item in clause.split("、"):
        lead = _VERB.match(item)
        cut = lead.end() if lead else 0  # 圆满举办4届南博会 → 南博会
        name = item[cut:]
        if ((len(name) >= 4 and _EVENT_END.search(name)) or _SHORT.match(name)) and "的" not in name and "和" not in name[1:]:
            out.append((pos + cut, pos + len(item), name, "activity", 2))
        elif every:
            return []
        pos += len(item) + 1
    return out


#: A numbered package of measures put out: 出台稳就业20条政策措施, 实施稳经济30项举措.
_PACKAGE = re.compile(
    rf"(?:出台|实施|落实|推出|制定|制订|印发)(?:了|好)?(?:实施)?"
    rf"([{HAN}]{{2,24}}?(?:(?:[\d]+|[一二三四五六七八九十]+)(?:条|项)|一揽子)(?:政策措施|政策举措|政策|措施|举措))"
)
#: Counted measures with no name of their own: 今年要采取四项措施, 一系列措施.
_PACKAGE_BAD = re.compile(r"^(?:今年|一系列|这些|以下|下列|有关|相关|多项|若干|各项|中央|国家)")


def measure_packages(text: str) -> list[Candidate]:
    """A named, numbered package of measures (稳经济30项举措, 稳经济一揽子政策): a programme."""
    if "措施" not in text and "举措" not in text and "一揽子" not in text:
        return []
    return [
        (m.start(1), m.end(1), m.group(1), "other", 2)
        for m in _PACKAGE.finditer(text)
        if not _PACKAGE_BAD.match(m.group(1)) and "的" not in m.group(1)  # 减产不减收的三十条措施: a description
    ]
