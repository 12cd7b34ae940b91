"""The shared CJK character class."""

from __future__ import annotations

import re

import pytest

from kg.extract.han import HAN, HAN_RUN, is_han


@pytest.mark.parametrize(("ch", "han"), [("省", True), ("一", True), ("鿿", True), ("、", False), ("A", False), ("1", False), ("", False)])
def test_is_han_agrees_with_the_class(ch: str, han: bool) -> None:
    assert is_han(ch) is han
    assert (re.fullmatch(HAN, ch) is not None) is han


def test_a_run_stops_at_punctuation_and_latin() -> None:
    assert HAN_RUN.match("甘肃省，兰州").group() == "甘肃省"
    assert HAN_RUN.findall("WCG组委会2023年") == ["组委会", "年"]
