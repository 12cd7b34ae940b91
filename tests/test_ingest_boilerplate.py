"""kg.ingest.boilerplate: page furniture lines (the symbol-only test made faster today)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.boilerplate import _FURNITURE_CHARS, _furniture_only, is_boilerplate_line

_SOME = _FURNITURE_CHARS + "一、》《各位代表ab1 "


@given(st.text(alphabet=_SOME, max_size=30))
def test_a_line_is_furniture_only_when_every_character_is_a_symbol(line: str) -> None:
    assert _furniture_only(line) == all(c in _FURNITURE_CHARS for c in line)


def test_symbol_lines_are_boilerplate_and_a_sentence_inside_symbols_is_not() -> None:
    assert is_boilerplate_line(">> | >>")
    assert is_boilerplate_line("【 】 ×")
    assert not is_boilerplate_line("【一、总体要求】")
    assert not is_boilerplate_line("》、《"), "CJK punctuation of a Wikisource line is part of a sentence"
    assert not is_boilerplate_line("   "), "a blank line is not furniture"
