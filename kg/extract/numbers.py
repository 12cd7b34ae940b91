"""Numbers as Chinese reports write them: 2.4万, 三千二百万, 两, 二〇二六, １２．５.

:func:`parse_number` turns one number word (no unit, no qualifier) into a
:class:`~decimal.Decimal`. It never raises: anything it cannot read, or whose
value would not be finite, gives ``None``. The metric extractor finds the
words with regexes and asks this module for their values.
"""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException, localcontext
from functools import lru_cache

__all__ = [
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "MULTIPLIERS",
    "normalize_digits",
    "parse_number",
    "parse_arabic",
    "is_bare_multiplier",
]

#: Chinese digits (and their financial forms) with their values.
CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip

#: Place-value characters below 万.
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

#: Multipliers that may follow an Arabic number (2.4万, 1.37万亿, 3千).
MULTIPLIERS = "十百千万亿"

#: Every character a Chinese numeral may contain.
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_SMALL_UNITS) + "万亿廿卅"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．萬億兩點", "0123456789.万亿两点")
_NEEDS_NORMALIZING = re.compile("[０-９．萬億兩點]")
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ARABIC_WHOLE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_MAX_LEN = 64  # longer "numbers" are not numbers a report states
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[%s]" % re.escape(CN_NUMERAL_CHARS))


def normalize_digits(text: str) -> str:
    """Full-width digits and point to ASCII, 萬億兩點 to 万亿两点 (same length, offsets kept)."""
    return text.translate(_FULLWIDTH) if _NEEDS_NORMALIZING.search(text) else text


def parse_arabic(text: str) -> Decimal | None:
    """``12.5``, ``1,234``, ``２，０００``, ``１２．５`` → Decimal; None if it is not one plain number."""
    s = normalize_digits(text.strip()).replace("，", ",")
    if len(s) > _MAX_LEN or not _ARABIC_WHOLE.fullmatch(s):
        return None
    return _finite(Decimal(s.replace(",", "")))


def is_bare_multiplier(text: str) -> bool:
    """True for a number word made of multipliers only: 万, 千亿, 万亿, 百."""
    return bool(text) and all(c in "百千万亿佰仟" for c in text)  # 十 alone is ten


def parse_number(text: str) -> Decimal | None:
    """The value of a number word, or None.

    Handles Arabic numbers (with full-width digits and thousands commas),
    Chinese numerals (三千二百万, 十二, 两, 廿), positional year-style digits
    (二〇二六), Arabic numbers with multipliers (2.4万, 1.37万亿) and bare
    multipliers (千亿 = 1e11). Qualifier characters (余, 多) must be removed
    by the caller.
    """
    if not isinstance(text, str):
        return None
    return _parse_text(text)


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Decimal | None:
    """:func:`parse_number` of a string, remembered: reports repeat the same few
    numbers (1, 2, 10, 100), and a Decimal is immutable."""
    s = normalize_digits(text.strip()).replace(",", "").replace("，", "")
    if not s or len(s) > _MAX_LEN:
        return None
    try:
        with localcontext() as ctx:
            ctx.prec = 34
            return _finite(_parse(s))
    except (DecimalException, ValueError, OverflowError):
        return None


def _finite(value: Decimal | None) -> Decimal | None:
    if value is None or not value.is_finite():
        return None
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return value


def _parse(s: str) -> Decimal | None:
    if _ARABIC.fullmatch(s):
        return Decimal(s)
    whole, dot, frac = s.partition("点")
    if dot:  # 四点七 = 4.7
        if not frac or any(c not in CN_DIGITS for c in frac):
            return None
        head = _parse(whole)
        if head is None or head != head.to_integral_value():
            return None
        return head + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    tokens = _TOKEN.findall(s)
    if "".join(tokens) != s:
        return None  # stray characters
    if all(t in CN_DIGITS for t in tokens):
        # 二〇二六, 一九九八: digit by digit; a lone 三 is 3; 三四 (three or four) and
        # 一二三 (first, second and third) are not numbers
        if len(tokens) == 1 or "〇" in tokens or "零" in tokens or (len(tokens) == 4 and tokens[0] in "一二"):
            return Decimal("".join(str(CN_DIGITS[t]) for t in tokens))
        return None
    return _parse_place_value(tokens)


def _parse_place_value(tokens: list[str]) -> Decimal | None:
    """三千二百万, 2.4万亿, 十余 (without 余), 一万二 (= 12000)."""
    total = Decimal(0)  # completed 亿 groups
    section = Decimal(0)  # completed 万 groups inside the current 亿 group
    small = Decimal(0)  # below 万
    digit: Decimal | None = None
    last_unit = 0  # value of the last place unit, for 一万二 / 三千五
    after_zero = False
    group_seen = False  # a number since the last 万 or 亿 (else 万 alone means 1万)
    for tok in tokens:
        if tok in ("零", "〇"):
            after_zero = True
        elif tok in CN_DIGITS or tok[0].isdigit():
            if digit is not None:
                return None  # two digits in a row: 三四十
            digit = Decimal(CN_DIGITS[tok]) if tok in CN_DIGITS else Decimal(tok)
            group_seen = True
        elif tok in ("廿", "卅"):
            if digit is not None:
                return None
            small += 20 if tok == "廿" else 30
            last_unit, group_seen = 10, True
        elif tok in _SMALL_UNITS:
            unit = _SMALL_UNITS[tok]
            small += (digit if digit is not None else 1) * unit
            digit, last_unit, after_zero, group_seen = None, unit, False, True
        elif tok == "万":
            if group_seen:
                section += (small + (digit or 0)) * 10000
            elif section:
                section *= 10000  # 万万
            else:
                section = Decimal(10000)  # 万 alone
            small, digit, last_unit, after_zero, group_seen = Decimal(0), None, 10000, False, False
        else:  # 亿
            if group_seen or section:
                total += (section + small + (digit or 0)) * 10**8
            elif total:
                total *= 10**8  # 亿亿
            else:
                total = Decimal(10**8)  # 亿 alone
            section, small, digit, last_unit, after_zero, group_seen = (
                Decimal(0), Decimal(0), None, 10**8, False, False,
            )  # fmt: skip
    if digit is not None and last_unit >= 100 and not after_zero and digit == digit.to_integral():
        digit *= last_unit // 10  # 一万二 = 12000, 三千五 = 3500
    return total + section + small + (digit or 0)
