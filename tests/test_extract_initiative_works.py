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


def test_capacity_inside_a_listed_work_name() -> None:
    from kg.extract.initiative_names import counted_list

    text = "大石峡水利枢纽、淖毛湖750千伏输变电工程等53个重大项目建成投运。"
    assert [text[s:e] for s, e, _k in counted_list(text)] == ["大石峡水利枢纽", "淖毛湖750千伏输变电工程"]
    text = "新增1200万千瓦、技改300项等53个重大项目建成。"  # figures, not names
    assert [text[s:e] for s, e, _k in counted_list(text)] == []


def test_numbered_coinage_as_a_title_won() -> None:
    from kg.extract.initiative_names import numbered

    assert numbered("锁边工程入选“2025全球十大工程成就”。") == []
    assert [c[2] for c in numbered("深入实施碳达峰“十大工程”。")] == ["十大工程"]
