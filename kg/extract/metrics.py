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
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..lexicon import load_column, load_table
from ..model import Metric, Sentence
from .metric_context import RawMetric, annotate
from .numbers import is_bare_multiplier, normalize_digits, parse_number
from .titles import title_spans

__all__ = ["extract_metrics"]

_AR = r"(?<![A-Za-z0-9.])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,24})(?:\.[0-9]{1,12})?"
_CN = r"[零〇一二两三四五六七八九十百千万亿廿卅]{1,16}"
#: Anything that could start a number: a quick test to skip sentences without one.
_ANY_NUMBER = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿廿卅]")
_QUOTE = re.compile(r"“[^“”\n]{0,40}”|「[^「」\n]{0,40}」|‘[^‘’\n]{0,40}’|\"[^\"\n]{0,40}\"")
_RANGE_PREV = re.compile(r"(?:" + _AR + r")[、](?=$)")
_HAN = r"[\u4e00-\u9fff]"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Regexes built once from the lexicons."""

    core: re.Pattern[str]
    headcount: re.Pattern[str]
    pre: re.Pattern[str]
    post: re.Pattern[str]
    canonical: dict[str, str]
    unit_class: dict[str, str]
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
        rf"(?P<pct>百分之)(?P<pnum>{_AR}|{_CN})"
        rf"|(?P<num>(?P<ar>{_AR})(?P<mult>[十百千万亿]{{0,3}})|(?P<cn>{_CN}))"
        rf"(?P<mid>{mid})?(?P<mult2>万亿|亿|万)?(?P<unit>{unit_alt})(?![A-Za-z])"
    )
    people = _alt(load_column("people_nouns", "noun"))
    headcount = re.compile(
        rf"(?P<num>(?P<ar>{_AR})(?P<mult>[十百千]?[万亿]{{0,2}})|(?P<cn>{_CN}))"
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
        qualifier={(q["position"], q["word"]): q["qualifier"] for q in quals},
        silent_pre=frozenset(q["word"] for q in quals if q["in_text"] != "yes"),
        cues=cue_res,
    )


def extract_metrics(sentence: Sentence, blocked: Sequence[tuple[int, int]] = ()) -> list[Metric]:
    """Metrics in one sentence; numbers inside ``blocked`` spans (document offsets) are names.

    Titles (《…》) and short quotes (“1+4+7”) in the sentence are skipped too.
    Offsets of the returned metrics are document offsets.
    """
    text = normalize_digits(sentence.text)
    if not _ANY_NUMBER.search(text):
        return []
    lex = _lexicon()
    skip = _skip_spans(text, sentence.start, blocked)
    raws: list[RawMetric] = []
    taken: list[tuple[int, int]] = []
    for m in lex.core.finditer(text):
        raw = _read(m, text, lex, with_unit=True)
        if raw is not None and not _inside(raw, skip):
            raws.append(raw)
            taken.append((raw.num_start, raw.num_end))
            raws += _elided(text, raw, skip, lex)
    for m in lex.headcount.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if not re.search("[万亿]", m.group()):
            continue  # a head-count is a big number: 46万群众, 近1亿农村贫困人口
        raw = _read(m, text, lex, with_unit=False)
        if raw is not None and not _inside(raw, skip):
            raws.append(raw)
    raws.sort(key=lambda r: (r.start, r.end))
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
    num_start = m.start()
    if m.group("pct") if with_unit else False:
        value = parse_number(m.group("pnum"))
        unit, cn, bare = "%", m.group("pnum")[0] not in "0123456789", False
        end = m.end()
    else:
        digits = m.group("ar") or m.group("cn")
        cn = m.group("ar") is None
        mult = (m.group("mult") or "") if not cn else ""
        mult2 = m.group("mult2") or ""
        value = parse_number(digits + mult + mult2) if not cn else _cn_value(digits, mult2)
        bare = cn and is_bare_multiplier(digits)
        unit = m.group("unit") if with_unit else "人"
        end = m.end()
    if value is None:
        return None
    before = text[max(0, num_start - 1) : num_start]
    if before in ("第", "+", "＋", "/", "-", "—", "~", "～") or (before == "." and not cn):
        return None  # ordinal, name (1+4+7), fraction, range or version
    qualifier = "exact"
    start = num_start
    pre = lex.pre.search(text, max(0, num_start - 4), num_start)
    if pre is not None:
        qualifier = lex.qualifier[("pre", pre.group())]
        if pre.group() not in lex.silent_pre:
            start = pre.start()
    if m.group("mid"):
        qualifier = lex.qualifier[("mid", m.group("mid"))]
    ucls = lex.unit_class.get(unit, "count") if with_unit else "count"
    if with_unit and ucls == "measure" and text.startswith("级", end) and unit != "级":
        qualifier, end = "approx", end + 1  # 7亿吨级: a size class
    post = lex.post.match(text, end)
    if post is not None and not (m.group("mid") and post.group() in ("多", "余")):
        if unit == "岁" and post.group().endswith(("以上", "以下")):
            return None  # 60岁以上: an age bracket, not a reported age
        qualifier, end = lex.qualifier[("post", post.group())], post.end()
    if not _is_metric(m, text, lex, unit, ucls, value, cn, bare, qualifier, pre, end):
        return None
    return RawMetric(
        start=start,
        end=end,
        num_start=num_start,
        value=value,
        unit=lex.canonical.get(unit, unit),
        unit_class=ucls,
        qualifier=qualifier,
        num_end=m.end(),
    )


def _cn_value(digits: str, mult2: str) -> Decimal | None:
    value = parse_number(digits)
    if value is None or not mult2:
        return value
    return parse_number(str(value) + mult2) if value == value.to_integral_value() else None


def _is_metric(
    m: re.Match[str],
    text: str,
    lex: _Lexicon,
    unit: str,
    ucls: str,
    value: Decimal,
    cn: bool,
    bare: bool,
    qualifier: str,
    pre: re.Match[str] | None,
    end: int,
) -> bool:
    """The filters that tell a reported quantity from a year, a rank or a name."""
    num_start, unit_end = m.start(), m.end()
    cues = lex.cues
    if unit == "年" and not m.group("mid") and value == value.to_integral_value():
        if 1000 <= value <= 2100 or text.startswith(("度", "代", "底", "末", "初"), unit_end):
            return False  # a year (2023年, 二〇二六年, 2023年度, 90年代)
    if unit in ("位", "名") and text[max(0, num_start - 1) : num_start] in ("前", "后", "居", "列", "排"):
        return False  # a rank: 前10位, 居全国第3位
    at = num_start if pre is None else pre.start()
    if ucls == "duration":
        if cues["frame"].search(text, max(0, at - 2), at) or cues["frame_after"].match(text, unit_end):
            return False  # 过去五年, 近5年, 五年年均增长: the period, not a quantity
        if cn:
            return bool(
                cues["duration"].search(text, max(0, at - 3), at)
                or cues["duration_after"].match(text, end)
            )
        return True
    if not cn:
        return True
    # Chinese numerals mostly structure the text (三个方面, 两个维护, 八项规定)
    if cues["vague"].search(text, max(0, at - 2), at):
        return False  # 数十个, 上百家
    if bare:
        return pre is not None  # 突破千亿元, 超万亿元, but not 百亿县区, 万家灯火
    if text[max(0, at - 1) : at] == "分":
        return True  # 分两期, 分三批
    if qualifier != "exact":
        return True  # 超过五成
    return value >= 10 and m.group("cn") not in ("一",)


def _elided(text: str, raw: RawMetric, skip: list[tuple[int, int]], lex: _Lexicon) -> list[RawMetric]:
    """Bare numbers listed before a metric share its multiplier and unit: 分别为3、5、7个."""
    out: list[RawMetric] = []
    pos = raw.start
    while True:
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
