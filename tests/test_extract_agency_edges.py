"""Left edges of agency names: windows, prefixes, bare names, generic bodies."""

from __future__ import annotations

import pytest

from kg.extract.agency_edges import (
    candidate_start,
    has_prefix,
    is_functions,
    is_generic_body,
    is_name_char,
    window_start,
)
from kg.extract.agency_lexicon import agency_lexicon


def start_of(text: str, head: str) -> int | None:
    """Start :func:`candidate_start` gives the name ending in the last ``head`` of ``text``."""
    lex = agency_lexicon()
    head_start = text.rindex(head)
    ws = window_start(text, text, head_start, 0, lex)
    return candidate_start(text, ws, head_start, head, lex)


@pytest.mark.parametrize(
    ("text", "head", "name"),
    [
        ("2023年,省司法厅认真贯彻", "厅", "省司法厅"),  # a level word at the window start
        ("认真贯彻甘肃省司法厅", "厅", "甘肃省司法厅"),  # a verb ends the window
        ("组成7个省委法治督察组", "组", "省委法治督察组"),  # a count ends the window
        ("依托陇东学院", "学院", "陇东学院"),  # a strong head needs no prefix
        ("设立民政局", "局", "民政局"),  # a function names a department
        ("敦促美空军", "空军", "美空军"),  # a one-character country
        ("WCG组委会", "组委会", "WCG组委会"),  # a Latin acronym
        ("第六师国土资源局", "局", "第六师国土资源局"),  # a corps division
    ],
)
def test_candidate_start_finds_the_left_edge(text: str, head: str, name: str) -> None:
    start = start_of(text, head)
    assert start is not None and text[start : text.rindex(head) + len(head)] == name


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("建设国家技术创新中心", "中心"),  # a designated class
        ("新建省重点实验室", "实验室"),
        ("新组建安徽省实验室", "实验室"),  # a province's class of labs
        ("全国一体化算力网", "网"),
        ("长沙奥体中心", "中心"),  # a facility
        ("由省、市、自治区计委", "委"),  # an enumeration of levels
        ("国家公立医院", "医院"),  # a national word and a class
        ("深化商业银行改革", "银行"),  # generic modifiers only
        ("日本办", "办"),  # a place and a weak head
    ],
)
def test_classes_and_facilities_have_no_start(text: str, head: str) -> None:
    assert start_of(text, head) is None


def test_generic_bodies_are_runs_of_modifiers() -> None:
    lex = agency_lexicon()
    assert is_generic_body("", lex) and is_generic_body("商业", lex)
    assert not is_generic_body("甘肃政法", lex)


def test_functions_prefixes_and_name_characters() -> None:
    lex = agency_lexicon()
    assert is_functions("民政", lex) and is_functions("国土房管", lex) and not is_functions("陇东", lex)
    assert has_prefix("省司法厅", 0, 3, lex) and not has_prefix("司法厅", 0, 2, lex)
    assert is_name_char("省") and not is_name_char("的") and not is_name_char("A")
