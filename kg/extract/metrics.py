"""Metrics: every quantity a sentence reports (9000余万元, 98%以上, 超过2.4万亿元).

One precompiled regex finds a number, its multiplier and its measure word
(``data/lexicon/units.tsv``); the words just before and after it give the
qualifier (``qualifiers.tsv``). What is *not* a metric is decided next:
years and dates, ordinals (第3位), ranks (前10位), names built from numbers
(“1+4+7”, 十大亮点, 四个一), numbers inside titles, quotes and ``blocked``
spans, Chinese numerals that only structure the text (三年行动, 两个维护),
and durations that only frame a period (过去五年, 五年年均). Kind, direction,
base period, period, what is measured and breakdowns come from
:mod:`kg.extract.metric_context`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from ..lexicon import load_column, load_table
from ..model import Metric, Sentence
from .metric_context import RawMetric, annotate
from .metric_filters import Candidate, is_metric
from .numbers import is_bare_multiplier, normalize_digits, parse_number
from .titles import title_spans

__all__ = ["extract_metrics"]

_AR = (
    r"(?<![A-Za-z0-9._])(?:[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])|[0-9]{1,24})"
    r"(?:\.[0-9]{1,20})?"
)
_CN = (
    r"(?<![0-9.十百千万亿])[零〇一二两三四五六七八九十百千万亿廿卅]{1,16}"
    r"(?:点[零〇一二三四五六七八九]{1,6})?"  # 四点七
)
_NUMBER_CHARS = "0-9零〇一二两三四五六七八九十百千万亿廿卅"
#: A character that could start a number (full-width digits are normalised first).
_NUMBER_START = f"[{_NUMBER_CHARS}]"
#: A quick test to skip sentences without a number, run before normalising: it
#: also takes the full-width forms that normalise to a number start (１, 萬, 兩;
#: see :func:`kg.extract.numbers.normalize_digits`).
_ANY_NUMBER = re.compile(f"[{_NUMBER_CHARS}０-９萬億兩]")
#: The same as a look-ahead opening the number patterns: their alternatives open
#: with groups, so ``re`` cannot skip positions itself and would try the whole
#: pattern at every character (half the scanning time on the corpus).
_NUMBER_AHEAD = rf"(?={_NUMBER_START})"
_QUOTE = re.compile(r"“[^“”\n]{0,40}”|「[^「」\n]{0,40}」|‘[^‘’\n]{0,40}’|\"[^\"\n]{0,40}\"")
_RANGE_PREV = re.compile(r"(?:" + _AR + r")[、](?=$)")
_HAN = r"[\u4e00-\u9fff]"
_MIXED = r"(?:(?<=[万亿])[0-9]{1,4}[十百千]{1,2})?"  # 1万6千
_YEARISH = re.compile(r"1[0-9]{3}|20[0-9]{2}|2100")
#: A rate unit: 350公里/小时, 元/吨.
_PER = re.compile(
    r"/(?:秒|分钟|小时|天|日|月|年|人|户|吨|亩|平方米|立方米|公里|千瓦时|千克|公斤|升|次|件|kg)"
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Regexes built once from the lexicons."""

    core: re.Pattern[str]
    headcount: re.Pattern[str]
    pre: re.Pattern[str]
    post: re.Pattern[str]
    canonical: dict[str, str]
    unit_class: dict[str, str]
    events: frozenset[str]  # measure words counting occurrences (次, 场次), not things
    qualifier: dict[tuple[str, str], str]
    silent_pre: frozenset[str]  # pre words outside the metric's text (突破)
    cues: dict[str, re.Pattern[str]]  # role → regex anchored at the end (before) or start (after)


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def _lexicon() -> _Lexicon:
    units = load_table("units")
    quals = load_table("qualifiers")
    by_pos: dict[str, list[str]] = {}
    for q in quals:
        by_pos.setdefault(q["position"], []).append(q["word"])
    unit_alt = _alt([u["unit"] for u in units])
    mid = _alt(by_pos.get("mid", ["余", "多"]))
    core = re.compile(
        _NUMBER_AHEAD + "(?:"
        rf"(?P<pct>百分之)(?P<pnum>{_AR}|{_CN})"
        rf"|(?P<num>(?P<ar>{_AR})(?P<mult>[十百千万亿]{{0,3}}{_MIXED})|(?P<cn>{_CN}))"
        rf"(?P<mid>{mid})?(?P<mult2>万亿|亿|万)?(?P<unit>{unit_alt})(?![A-Za-z]))"
    )
    people = _alt(load_column("people_nouns", "noun"))
    headcount = re.compile(
        _NUMBER_AHEAD + rf"(?P<num>(?P<ar>{_AR})(?P<mult>[十百千]?[万亿]{{0,2}})|(?P<cn>{_CN}))"
        rf"(?P<mid>{mid})?(?P<mult2>万亿|亿|万)?(?={_HAN}{{0,6}}?(?:{people}))"
    )
    cues: dict[str, list[str]] = {}
    for row in load_table("metric_cues"):
        cues.setdefault(row["role"], []).append(row["word"])
    cue_res = {
        role: re.compile(f"(?:{_alt(words)})$" if not role.endswith("_after") else f"(?:{_alt(words)})")
        for role, words in cues.items()
    }
    return _Lexicon(
        core=core,
        headcount=headcount,
        pre=re.compile(rf"(?:{_alt(by_pos.get('pre', []))})$"),
        post=re.compile(_alt(by_pos.get("post", []))),
        canonical={u["unit"]: u["canonical"] for u in units},
        unit_class={u["unit"]: u["class"] for u in units},
        events=frozenset(u["unit"] for u in units if u.get("counts") == "events"),
        qualifier={(q["position"], q["word"]): q["qualifier"] for q in quals},
        silent_pre=frozenset(q["word"] for q in quals if q["in_text"] != "yes"),
        cues=cue_res,
    )


def extract_metrics(sentence: Sentence, blocked: Sequence[tuple[int, int]] = ()) -> list[Metric]:
    """Metrics in one sentence; numbers inside ``blocked`` spans (document offsets) are names.

    Titles (《…》) and short quotes (“1+4+7”) in the sentence are skipped too.
    Offsets of the returned metrics are document offsets.
    """
    if not _ANY_NUMBER.search(sentence.text):
        return []
    text = normalize_digits(sentence.text)
    lex = _lexicon()
    skip: list[tuple[int, int]] | None = None  # computed for the first candidate read
    raws: list[RawMetric] = []
    taken: list[tuple[int, int]] = []
    for m in lex.core.finditer(text):
        raw = _read(m, text, lex, with_unit=True)
        if raw is None:
            continue
        if skip is None:
            skip = _skip_spans(text, sentence.start, blocked)
        if not _inside(raw, skip):
            raws.append(raw)
            taken.append((raw.num_start, raw.num_end))
            raws += _elided(text, raw, skip, lex)
    for m in lex.headcount.finditer(text) if ("万" in text or "亿" in text) else ():
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if not re.search("[万亿]", m.group()):
            continue  # a head-count is a big number: 46万群众, 近1亿农村贫困人口
        raw = _read(m, text, lex, with_unit=False)
        if raw is None:
            continue
        if skip is None:
            skip = _skip_spans(text, sentence.start, blocked)
        if not _inside(raw, skip):
            raws.append(raw)
    if not raws:
        return []  # what annotate gives for none, without its set-up
    raws.sort(key=lambda r: (r.start, r.end))
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        if a.unit == "个" and b.unit == "个百分点" and text[a.end : b.start] == "、":
            raws[i] = replace(a, unit="个百分点", unit_class=b.unit_class)  # 12.7个、12个百分点
    return annotate(sentence, text, raws, lex.cues)


def _skip_spans(text: str, base: int, blocked: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence-local spans whose numbers are names: blocked, titles, short quotes."""
    spans = [(s - base, e - base) for s, e in blocked if e > base and s < base + len(text)]
    if "《" in text:
        spans += [(s, e) for s, e, _ in title_spans(text)]
    spans += [m.span() for m in _QUOTE.finditer(text)]
    return spans


def _inside(raw: RawMetric, spans: list[tuple[int, int]]) -> bool:
    return any(raw.num_start < e and s < raw.num_end for s, e in spans)


def _read(m: re.Match[str], text: str, lex: _Lexicon, *, with_unit: bool) -> RawMetric | None:
    """A candidate metric from a regex match, or None when it is not a metric."""
    year = with_unit and m.group("unit") == "年" and not m.group("mid")
    if year and _YEARISH.fullmatch(m.group("ar") or ""):
        return None  # fast path for the commonest non-metric: a year
    if m.group("cn") == "一" and not (with_unit and m.group("unit") == "倍"):
        return None  # 一个, 一批: an article
    c = _candidate(m, text, lex, with_unit)
    if c is None or not is_metric(c, text, lex.cues):
        return None
    qualifier = "exact"
    if c.pre:
        qualifier = lex.qualifier[("pre", c.pre)]
    if c.mid:
        qualifier = lex.qualifier[("mid", c.mid)]
    if c.post == "级":
        qualifier = "approx"
    elif c.post:
        qualifier = lex.qualifier[("post", c.post)]
    start = c.pre_start if c.pre and c.pre not in lex.silent_pre else c.num_start
    unit = lex.canonical.get(c.unit, c.unit)
    return RawMetric(
        start=start,
        end=c.end,
        num_start=c.num_start,
        value=c.value,
        unit=unit,
        unit_class="events" if c.unit in lex.events else c.unit_class,
        qualifier=qualifier,
        num_end=c.unit_end,
    )


def _candidate(m: re.Match[str], text: str, lex: _Lexicon, with_unit: bool) -> Candidate | None:
    """Read number, multiplier, unit and qualifier words off a match."""
    num_start, unit_end = m.start(), m.end()
    mid = m.group("mid") or ""
    if with_unit and m.group("pct"):
        digits, mult, unit = m.group("pnum"), "", "%"
        cn = digits[0] not in "0123456789"
        value = parse_number(digits)
    else:
        digits = m.group("ar") or m.group("cn")
        cn = m.group("ar") is None
        mult = (m.group("mult") or "") + (m.group("mult2") or "")
        unit = m.group("unit") if with_unit else "人"
        if with_unit and mult and mult[-1] + unit in lex.unit_class:
            mult, unit = mult[:-1], mult[-1] + unit  # 0.13千克 is 千克, not 千 + 克
        value = parse_number(digits + mult) if not cn else _cn_value(digits, mult)
    if value is None:
        return None
    left1 = text[max(0, num_start - 1) : num_start]
    if left1 in ("第", "+", "＋", "/", "-", "—", "~", "～") or (left1 == "." and not cn):
        return None  # ordinal, name (1+4+7), fraction, range or version
    end = unit_end
    if with_unit and unit == "家" and text.startswith("庭", end):
        unit, end = "户", end + 1  # 近千万家庭
    elif with_unit and unit == "人" and text.startswith("口", end):
        end += 1  # 近八亿人口
    slash = _PER.match(text, end) if with_unit else None
    if slash is not None:
        unit, end = unit + slash.group(), slash.end()  # 350公里/小时, 元/吨
    ucls = lex.unit_class.get(unit.split("/")[0], "count") if with_unit else "count"
    post = ""
    if with_unit and ucls == "measure" and unit != "级" and text.startswith("级", end):
        post, end = "级", end + 1  # 7亿吨级: a size class
    else:
        pm = lex.post.match(text, end)
        if pm is not None and not (mid and pm.group() in ("多", "余")):
            post, end = pm.group(), pm.end()
    pre, pre_start = "", num_start
    pm = lex.pre.search(text, max(0, num_start - 4), num_start)
    if pm is not None:
        pre, pre_start = pm.group(), pm.start()
    return Candidate(
        num_start=num_start,
        unit_end=unit_end,
        end=end,
        value=value,
        unit=unit,
        unit_class=ucls,
        cn=cn,
        bare=cn and is_bare_multiplier(digits),
        big="万" in mult or "亿" in mult or (cn and ("万" in digits or "亿" in digits)),
        digits=digits,
        mid=mid,
        pre=pre,
        pre_start=pre_start,
        post=post,
    )


def _cn_value(digits: str, mult: str) -> Decimal | None:
    value = parse_number(digits)
    if value is None or not mult:
        return value
    return parse_number(str(value) + mult) if value == value.to_integral_value() else None


def _elided(text: str, raw: RawMetric, skip: list[tuple[int, int]], lex: _Lexicon) -> list[RawMetric]:
    """Bare numbers listed before a metric share its multiplier and unit: 分别为3、5、7个."""
    out: list[RawMetric] = []
    pos = raw.start
    while text[pos - 1 : pos] == "、":  # a listed number ends right before (else no match ends at pos)
        m = _RANGE_PREV.search(text, max(0, pos - 30), pos)
        if m is None or m.end() != pos:
            break
        num_text = m.group()[:-1]
        if text[max(0, m.start() - 1) : m.start()] in ("第", "+"):
            break
        head = text[raw.num_start : raw.num_end]
        mult = re.sub(r"^[0-9.,]+(?:余|多)?", "", head)
        mult = re.match(r"[十百千万亿]*", mult)
        value = parse_number(num_text + (mult.group() if mult else ""))
        if value is None or any(m.start() < e and s < m.end() for s, e in skip):
            break
        if raw.unit == "年" and 1000 <= value <= 2100:
            break
        out.append(
            RawMetric(
                start=m.start(),
                end=m.end() - 1,
                num_start=m.start(),
                value=value,
                unit=raw.unit,
                unit_class=raw.unit_class,
                qualifier="exact",
                num_end=m.end() - 1,
            )
        )
        pos = m.start()
    return out
