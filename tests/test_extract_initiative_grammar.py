"""Tests for kg.extract.initiative_grammar and its use by the shape readings."""

from __future__ import annotations

import pytest

from kg.extract.initiative_grammar import reads_as_clause
from kg.extract.initiative_names import rails
from kg.extract.initiatives import _clause_led


@pytest.mark.parametrize(
    "name",
    ["保证逐步消灭剥削制度", "依靠全国人民在改革土地制度", "因为进行这些工程", "改进耕作制度", "发展壮大产业集群", "如用之于铁路"],
)
def test_clauses_are_not_names(name: str) -> None:
    assert reads_as_clause(name)


@pytest.mark.parametrize("name", ["职工代表大会制度", "就业优先战略", "扩大内需战略", "向家坝灌区一期工程", "陇电入鲁工程", "宝成铁路"])
def test_names_pass(name: str) -> None:
    assert not reads_as_clause(name)


def test_clause_start_verb_phrase_dropped() -> None:
    assert _clause_led("保证逐步消灭剥削制度，建立社会主义社会。") == []
    assert [c[2] for c in _clause_led("职工代表大会制度，正在逐步推行。")] == ["职工代表大会制度"]


def test_rail_needs_a_name_not_a_phrase() -> None:
    assert rails("大银行、大工业、大商业和铁路等经济命脉") == []
    assert rails("加上恢复铁路、改建铁路、新建复线") == []
    assert [r[2] for r in rails("宝成铁路、鹰厦铁路建成通车")] == ["宝成铁路", "鹰厦铁路"]


@pytest.mark.parametrize(
    "name",
    ["认真执行规章制度", "否则只能作为预备项目", "主要用于铁路", "新开工了南疆铁路", "农村要健全合作医疗制度", "背离社会主义制度"],
)
def test_more_clauses_of_old_reports(name: str) -> None:
    assert reads_as_clause(name)


@pytest.mark.parametrize("name", ["将军庙至淖毛湖铁路", "对口支援协作项目", "要素市场化配置改革", "主题教育"])
def test_names_starting_like_function_words(name: str) -> None:
    assert not reads_as_clause(name)
