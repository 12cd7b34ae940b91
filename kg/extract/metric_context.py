"""What a metric is about, from the words around it: kind, direction, base
period, period, the thing measured and breakdowns (其中…, （…）).

:mod:`kg.extract.metrics` finds the numbers; this module reads their
context. Heuristics, kept small and general: a change verb just before the
number (增长12.4%), a base after 较/比 (较2022年底), the nearest year stated
before it (2023年全省…), the noun phrase before it (整改率99%), the items of
a distributive list (律师数量、业务收费分别增长12.4%、43.1%).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from ..model import Metric, Sentence

__all__ = ["RawMetric", "annotate"]


@dataclass(slots=True)
class RawMetric:
    """A metric found in a sentence, before its context is read (local offsets).

    Not frozen (never changed after it is made, though): tens of thousands are
    made per corpus and a frozen dataclass takes three times as long to build.
    """

    start: int  #: start of the surface text (qualifier included where it is written)
    end: int
    num_start: int  #: where the number itself starts
    value: Decimal
    unit: str
    unit_class: str  #: money, percent, points, ratio, duration, count, measure
    qualifier: str
    num_end: int = 0  #: end of number, multiplier and unit


_BOUNDARY = "，,；;：:。！？!?（）()\n“”\"、"
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
_FILLER_END = re.compile(
    r"(?:分别|年均|平均|同比|环比|累计|共计|共|了|均|为|是|约|达|计|总计|合计|仅|就|已|都|也|还)+$"
)
_BASE = re.compile(
    r"(?:较|比|同比|环比)(?:上年同期|上年|去年同期|去年|上月|上季度"
    r"|(?:19|20)[0-9]{2}年(?:底|末|初|同期)?"
    r"|“[^”]{1,8}”(?:末|初|期末)?"
    r"|[^\s，。；、,]{0,6}?(?:末|底|初|同期))?"
)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年(?!底|末|初)")
_ABOUT_TRIM_END = re.compile(
    r"(?:分别|年均|平均|同比|环比|累计|共计|共|了|均|为|是|达到|达|超过|超|约|近"
    r"|增长|增加|提高|提升|下降|降低|减少|稳定在|保持在|控制在|突破|实现|完成"
    r"|规模|总量|已|逾|的|等)+$"
)
_ABOUT_TRIM_START = re.compile(
    r"^(?:其中|全省|全市|全区|全国|全年|今年|去年|累计|共|并|推动|推进|组织|带动|实现|完成|已|再)+"
)
_AFTER_STOP = re.compile(
    r"[，,；;：:。！？!?\n（）()、“”\"0-9]|走访|参加|参与|进行|开展|实现|受益|覆盖|获得|完成|达到|推动|推进"
    r"|入选|建成|上线|通过|纳入|进入|获评|获批|全部|均|的"
)


def annotate(
    sentence: Sentence, text: str, raws: list[RawMetric], cues: dict[str, re.Pattern[str]]
) -> list[Metric]:
    """Turn sentence-local raw metrics into :class:`Metric` values with their context."""
    verb = _verb_regex(cues)
    out: list[Metric] = []
    abouts = _distributive(text, raws)
    for i, raw in enumerate(raws):
        kind, direction = _kind(text, raw, verb)
        prev = out[-1] if out else None
        joint = text[raws[i - 1].end : raw.start] if i else ""
        if prev is not None and joint in ("、", "和", "及", "与") and prev.kind in ("change", "level"):
            kind, direction = prev.kind, prev.direction  # 分别增长12.4%、31.1%
        base = _base(text, raw.start) if kind == "change" else None
        about = abouts.get(i) or _about(text, raw)
        if not about and prev is not None and text[raws[i - 1].end : raw.start] in ("、", "，"):
            about = prev.about
        out.append(
            Metric(
                text=sentence.text[raw.start : raw.end],
                start=sentence.start + raw.start,
                end=sentence.start + raw.end,
                sentence=sentence.index,
                value=raw.value,
                unit=raw.unit,
                qualifier=raw.qualifier,
                kind=kind,
                about=about,
                period=_period(text, raw.start),
                base_period=base,
                direction=direction,
            )
        )
    return _parents(text, raws, out)


#: The roles of the verb cues that give a metric its kind, in order of precedence.
_VERB_ROLES = ("up", "down", "level", "count")


def _verb_regex(cues: dict[str, re.Pattern[str]]) -> re.Pattern[str]:
    """The verb cues (each anchored at the end) as one regex with a group per role."""
    return _joined_cues(tuple((k, cues[k].pattern) for k in _VERB_ROLES if k in cues))


@lru_cache(maxsize=4)
def _joined_cues(patterns: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """``(role, pattern)`` pairs as one alternation whose ``lastgroup`` is the role.

    One search finds the leftmost start at which any role's cue runs to the
    end, the first role in order winning a tie: what searching each role's
    pattern and keeping the earliest start gave, in one pass instead of four.
    No pattern matches nothing (``(?!x)x``).
    """
    return re.compile("|".join(f"(?P<{role}>{pattern})" for role, pattern in patterns) or r"(?!x)x")


def _kind(text: str, raw: RawMetric, verbs: re.Pattern[str]) -> tuple[str, str | None]:
    """(kind, direction) from the verb just before the number."""
    left = text[max(0, raw.start - 10) : raw.start]
    left = _FILLER_END.sub("", left)
    m = verbs.search(left)  # the longest cue ending here starts first
    role = m.lastgroup if m is not None else None
    if role == "level":
        return "level", _level_direction(left)
    if role in ("up", "down"):
        return "change", role
    if raw.unit_class == "money":
        return "amount", None
    if raw.unit_class in ("percent", "points", "ratio"):
        return "rate", None
    return "count", None


def _level_direction(left: str) -> str | None:
    if re.search(r"(?:提高|提升|增加|增长|上升|增|升)(?:到|至)$", left):
        return "up"
    if re.search(r"(?:下降|降低|减少|缩小|降)(?:到|至)$", left):
        return "down"
    return None


@lru_cache(maxsize=8)
def _clause_ends(text: str) -> tuple[int, ...]:
    """Where each clause of ``text`` ends (just after its ，；。 etc.), computed once per sentence."""
    return tuple(m.end() for m in _CLAUSE_END.finditer(text))


@lru_cache(maxsize=8)
def _years(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, year) of each year stated in ``text`` that is not a base or a start."""
    return tuple(
        (m.start(), m.end(), m.group(1))
        for m in _YEAR.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] not in ("较", "比", "从", "由", "自", "于")
    )


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause (after the last ，；。 etc.) that ``pos`` is in.

    A bisection in the clause ends found once per sentence: scanning from the
    start for every number made one long line (a scraped table, an OCR page
    without stops) quadratic — 38 s for 130k characters.
    """
    ends = _clause_ends(text)
    i = bisect_right(ends, pos)
    return ends[i - 1] if i else 0


def _base(text: str, pos: int) -> str | None:
    start = _clause_start(text, pos)
    found = list(_BASE.finditer(text, start, pos))
    if not found:
        return None
    return found[-1].group().removesuffix("的") or None


def _period(text: str, pos: int) -> str | None:
    """The last year stated before ``pos`` that is not a base (较2022年底) or a start (从2020年)."""
    if text[pos : pos + 1] in ("底", "末", "初"):  # a match up to ``pos`` would see its lookahead cut
        for m in reversed(list(_YEAR.finditer(text, 0, pos))):
            if text[max(0, m.start() - 1) : m.start()] not in ("较", "比", "从", "由", "自", "于"):
                return m.group(1)
        return None
    years = _years(text)
    i = bisect_right(years, pos, key=lambda y: y[1])
    return years[i - 1][2] if i else None


def _about(text: str, raw: RawMetric) -> str:
    """A few words on what is measured: the noun phrase before the number, or after a count."""
    after = ""
    if raw.unit_class in ("count", "measure") and raw.end < len(text) and text[raw.end] not in _BOUNDARY:
        stop = _AFTER_STOP.search(text, raw.end, min(len(text), raw.end + 14))
        after = text[raw.end : stop.start() if stop else min(len(text), raw.end + 10)]
    if len(after) >= 2:
        return after  # 2个督察组, 14个市州: the thing counted follows its measure word
    start = raw.start
    i = start
    while i > 0 and text[i - 1] not in _BOUNDARY and start - i < 30:
        i -= 1
    before = text[i:start]
    for _ in range(3):
        trimmed = _ABOUT_TRIM_START.sub("", _ABOUT_TRIM_END.sub("", before))
        if trimmed == before:
            break  # a round that trims nothing: the next ones would not either
        before = trimmed
    before = before[-12:]
    return before or after



def _distributive(text: str, raws: list[RawMetric]) -> dict[int, str]:
    """About for the items of 甲、乙、丙分别增长1%、2%、3%: item i gets subject i."""
    out: dict[int, str] = {}
    i = 0
    while i < len(raws):
        j = i
        while j + 1 < len(raws) and text[raws[j].end : raws[j + 1].start] == "、":
            j += 1
        if j > i:
            head_start = _clause_start(text, raws[i].start)
            head = text[head_start : raws[i].start]
            k = head.rfind("分别")
            if k >= 0:
                subject = head[:k]
                subject = _BASE.sub("", re.sub(r"(?:19|20)[0-9]{2}年", "", subject))
                parts = [p for p in re.split(r"[、和及与]", subject) if p]
                if len(parts) == j - i + 1:
                    verb = _ABOUT_TRIM_START.sub("", head[k + 2 :])
                    verb = re.sub(r"^(?:年均|平均|同比|累计)+", "", verb)
                    for n, part in enumerate(parts):
                        out[i + n] = (_ABOUT_TRIM_START.sub("", part) + verb)[-14:]
        i = j + 1
    return out


def _parents(text: str, raws: list[RawMetric], metrics: list[Metric]) -> list[Metric]:
    """Breakdowns: parts after 其中 or inside （…） point at their total (same unit, not larger).

    The raws in a span and the last total before a position are found by
    bisection: scanning every raw for every 其中 and every bracket, and again
    for each total, made one long line cubic (6,000 characters of 其中（1%）
    took 100 s).
    """
    parents: dict[int, int] = {}
    if len(raws) < 2 or ("其中" not in text and "（" not in text and "(" not in text):
        return metrics
    index = _RawIndex(raws)
    per_clause: dict[int, int] = {}
    stops = [m.start() for m in _STOP.finditer(text)]
    for q in re.finditer("其中", text):
        p = q.start()
        k = bisect_left(stops, q.end())
        limit = stops[k] if k < len(stops) else len(text)
        per_clause[limit] = per_clause.get(limit, 0) + 1
        if per_clause[limit] > _MAX_BREAKDOWNS:
            continue  # a line of thousands of 其中 (no report has more than a few a clause): stay linear
        for i in index.starting_in(q.end(), limit):
            if i in parents:
                continue
            raw = raws[i]
            total = index.last_before(p, raw.unit)
            if total is not None and raws[total].value >= raw.value:
                parents[i] = total
    for paren in re.finditer(r"[（(][^（）()]*[）)]", text):
        for i in index.starting_in(paren.start() + 1, paren.end()):
            raw = raws[i]
            if i in parents or raw.end > paren.end():
                continue
            total = index.last_before(paren.start(), raw.unit)
            if total is None or paren.start() - raws[total].end > 12:
                continue
            between = text[raws[total].end : paren.start()]
            if _CLAUSE_END.search(between) is None and raws[total].value >= raw.value:
                parents[i] = total
    return [replace(m, parent=parents[i]) if i in parents else m for i, m in enumerate(metrics)]


_STOP = re.compile(r"[；;。]")
#: 其中 read per clause (up to ；or 。); more are ignored.
_MAX_BREAKDOWNS = 8


class _RawIndex:
    """Raw metrics by start, and by unit with their ends, for bisection (a linear scan if unsorted)."""

    def __init__(self, raws: list[RawMetric]) -> None:
        self.raws = raws
        self.starts = [r.start for r in raws]
        self.sorted = all(a.start <= b.start and a.end <= b.end for a, b in zip(raws, raws[1:]))
        self.by_unit: dict[str, tuple[list[int], list[int]]] = {}
        for i, r in enumerate(raws):
            ends, idx = self.by_unit.setdefault(r.unit, ([], []))
            ends.append(r.end)
            idx.append(i)

    def starting_in(self, lo: int, hi: int) -> range | list[int]:
        """Indices of the raws with ``lo <= start < hi``, in order."""
        if not self.sorted:
            return [i for i, r in enumerate(self.raws) if lo <= r.start < hi]
        return range(bisect_left(self.starts, lo), bisect_left(self.starts, hi))

    def last_before(self, pos: int, unit: str) -> int | None:
        """The last raw of ``unit`` that ends by ``pos``."""
        if not self.sorted:
            return _last_before(self.raws, pos, unit)
        ends, idx = self.by_unit.get(unit, ((), ()))
        k = bisect_right(ends, pos)
        return idx[k - 1] if k else None


def _last_before(raws: list[RawMetric], pos: int, unit: str) -> int | None:
    found = None
    for i, raw in enumerate(raws):
        if raw.end <= pos and raw.unit == unit:
            found = i
    return found
