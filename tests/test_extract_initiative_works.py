"""Tests for kg.extract.initiative_works."""

from __future__ import annotations

from kg.extract.initiative_works import built_works


def _works(text: str) -> list[str]:
    return [text[s:e] for s, e in built_works(text)]


def test_list_of_works_before_a_construction_verb() -> None:
    assert _works("加快推进绿色矿业发展，大红柳滩锂铍矿、火烧云铅锌矿加快建设。") == ["大红柳滩锂铍矿", "火烧云铅锌矿"]
    assert _works("贯穿南北的京九铁路将全线铺通，大西北的兰新复线和宝中铁路将投入运营。") == [
        "京九铁路",
        "兰新复线",
        "宝中铁路",
    ]


def test_kinds_of_works_and_measures_are_not_names() -> None:
    assert _works("有序推进国家重大项目开工建设。") == []
    assert _works("新增高速公路通车里程1523公里。") == []  # 通车里程: a measure
    assert _works("同时，有三十五个新的工程开工。") == []
    assert _works("提升项目开工率、工程完成率。") == []


def test_work_after_a_dash_or_before_etc() -> None:
    assert _works("国内首个风光火储一体化工程——陇东到山东特高压直流工程投运。") == ["陇东到山东特高压直流工程"]
    assert _works("阿克苏至巴楚段铁路扩能改造工程等加快推进，瓦石峡水库开工建设。") == [
        "阿克苏至巴楚段铁路扩能改造工程",
        "瓦石峡水库",
    ]
