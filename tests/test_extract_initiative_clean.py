"""Tests for kg.extract.initiative_clean: which candidate spans are left a name (a
table of unit cases, then what the whole extractor makes of them)."""

from __future__ import annotations

import pytest

from kg.extract.initiative_clean import clean_name
from initiative_support import found as _found



#: (name, head, what is left of it or None): one case per line, grouped by rule.
_CLEAN = [
    # lead verbs and modifiers are stripped, with the start moved past them
    pytest.param("深入开展党纪学习教育", "学习教育", (4, "党纪学习教育"), id="lead-verb"),
    pytest.param("智能制造示范工程", "工程", (0, "智能制造示范工程"), id="plain"),
    # many things of a kind, a plan document, a class of things: no name
    pytest.param("实施一批智能制造示范项目", "项目", None, id="yipi"),
    pytest.param("主体功能区规划", "规划", None, id="plan"),
    pytest.param("重大水利工程", "工程", None, id="generic-start"),
    pytest.param("重点产业强链补链行动", "行动", (0, "重点产业强链补链行动"), id="qualified"),
    pytest.param("生物多样性保护重大工程", "工程", (0, "生物多样性保护重大工程"), id="named-works"),
    pytest.param("交通重大工程", "工程", None, id="short-stem-before-zhongda"),
    pytest.param("群众性文化活动", "活动", None, id="class-activity"),
    pytest.param("100个社区改造工程", "工程", None, id="count-start"),
    pytest.param("实体化工作和运行机制", "机制", None, id="description"),
]


@pytest.mark.parametrize(("name", "head", "left"), _CLEAN)
def test_clean_name(name: str, head: str, left: tuple[int, str] | None) -> None:
    assert clean_name(0, name, head) == left


def test_clean_name_offsets_follow_the_start() -> None:
    assert clean_name(10, "深入开展党纪学习教育", "学习教育") == (14, "党纪学习教育")


def test_zhongdian_with_a_qualified_stem_is_a_name() -> None:
    assert _found("开展重点产业强链补链行动，") == [("重点产业强链补链行动", "campaign")]
    # a class of things, or 重点 as an adverb, is not a name
    assert _found("实施重大水利工程，") == []
    assert _found("实施重点支持民生工程特别是保障性安居工程，") == [("保障性安居工程", "project")]


def test_a_long_stem_before_zhongda_gongcheng_names_a_programme() -> None:
    got = _found("实施生物多样性保护重大工程，")
    assert got == [("生物多样性保护重大工程", "project")]
    assert _found("推进交通重大工程，实施农业科技创新重点项目，") == []


def test_yipi_names_many_things_of_a_kind() -> None:
    assert _found("实施一批智能制造示范项目，") == []
    assert _found("建设一批世界级先进制造业集群。") == []
    assert _found("实施智能制造示范工程，") == [("智能制造示范工程", "project")]


def test_kinds_of_activities_are_not_names() -> None:
    assert _found("广泛开展群众性文化活动，") == []
    assert _found("举办一系列庆祝活动。") == []
    assert _found("开展群众路线教育实践活动，") == [("群众路线教育实践活动", "campaign")]


def test_a_plan_not_in_title_marks_is_not_an_initiative() -> None:
    assert _found("制定实施十大重点产业调整振兴规划，") == []
    assert _found("全面实施主体功能区规划，") == []
    assert [n for n, _ in _found("深入实施乡村振兴战略，")] == ["乡村振兴战略"]
