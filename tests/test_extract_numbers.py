"""Tests for kg.extract.numbers: Arabic, Chinese and mixed number words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.numbers import (
    CN_NUMERAL_CHARS,
    is_bare_multiplier,
    normalize_digits,
    parse_arabic,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", "0"),
        ("12", "12"),
        ("12.5", "12.5"),
        ("1546.5", "1546.5"),
        ("１２．５", "12.5"),  # full-width digits and point
        ("1,234", "1234"),
        ("２７，２０３，３１９", "27203319"),
        ("2.4万", "24000"),
        ("1546.5万", "15465000"),
        ("1.37万亿", "1370000000000"),
        ("9000万", "90000000"),
        ("3千", "3000"),
        ("1万6千", "16000"),
        ("一", "1"),
        ("两", "2"),
        ("十", "10"),
        ("十二", "12"),
        ("二十", "20"),
        ("一百零五", "105"),
        ("三千二百万", "32000000"),
        ("两万四千", "24000"),
        ("一亿五千万", "150000000"),
        ("一万二", "12000"),  # colloquial: the last unit is implied
        ("三千五", "3500"),
        ("千亿", "100000000000"),
        ("万亿", "1000000000000"),
        ("百", "100"),
        ("二〇二六", "2026"),  # written digit by digit (years)
        ("一九九八", "1998"),
        ("廿三", "23"),
        ("四点七", "4.7"),
        ("零点五", "0.5"),
        ("萬", "10000"),  # traditional forms
        ("二十三億", "2300000000"),
    ],
)
def test_parse_number_values(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "三四", "一二三", "12a", "1.2.3", "三点", "十余", "万元", "1" * 80])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_rejects_non_strings() -> None:
    assert parse_number(None) is None  # type: ignore[arg-type]
    assert parse_number(12) is None  # type: ignore[arg-type]


def test_huge_numbers_are_finite() -> None:
    value = parse_number("9999999999999亿")
    assert value is not None and value.is_finite() and value > Decimal("9.9e20")
    for text in ("亿" * 60, "万" * 60, "9" * 24 + "万亿"):
        v = parse_number(text)
        assert v is None or v.is_finite()


def test_parse_arabic() -> None:
    assert parse_arabic("1,234.5") == Decimal("1234.5")
    assert parse_arabic("１２") == Decimal(12)
    assert parse_arabic("2.4万") is None
    assert parse_arabic("1,23") is None
    assert parse_arabic("２，０００") == Decimal(2000)


def test_normalize_digits_keeps_offsets() -> None:
    text = "增长１２．５％，共２，０００人，三萬億兩點"
    out = normalize_digits(text)
    assert len(out) == len(text)
    assert out == "增长12.5％，共2，000人，三万亿两点"
    assert normalize_digits("无数字") == "无数字"


def test_is_bare_multiplier() -> None:
    assert is_bare_multiplier("千亿") and is_bare_multiplier("万")
    assert not is_bare_multiplier("三千") and not is_bare_multiplier("")
    assert not is_bare_multiplier("十")  # ten, a number of its own


_DIGITS = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """An independent reference writer of Chinese numerals (0 < n < 10**12)."""

    def below_10000(k: int, leading: bool) -> str:
        out, zero = "", False
        for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = k // div % 10
            if d == 0:
                zero = bool(out) or not leading
                continue
            if zero and (out or not leading):
                out += "零"
            zero = False
            out += ("" if (unit == "十" and d == 1 and not out and leading) else _DIGITS[d]) + unit
        return out

    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = ""
    for k, unit in parts:
        if k:
            if out and k < 1000:
                out += "零"
            out += below_10000(k, leading=not out) + unit
    return out


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_number(_to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_arabic_with_multiplier(whole: int, frac: int) -> None:
    text = f"{whole}.{frac:02d}"
    assert parse_number(text) == Decimal(text)
    assert parse_number(text + "万") == Decimal(text) * 10000
    assert parse_number(text + "亿") == Decimal(text) * 10**8


@given(st.text(max_size=40))
def test_parse_number_never_raises_on_any_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or value.is_finite()


@given(st.text(alphabet=CN_NUMERAL_CHARS + "0123456789.,０１２３４５６７８９．点余多", max_size=40))
def test_parse_number_never_raises_on_number_like_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or (value.is_finite() and value >= 0)


@given(st.text(max_size=60))
def test_normalize_digits_same_length(text: str) -> None:
    assert len(normalize_digits(text)) == len(text)
