"""Tests for kg.extract.initiative_names: coordinations, lines, numbered coinages, phases,
fairs, circles and lists of works (unit tests, then what the whole extractor makes of them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extract.initiative_grammar import Candidate

from kg.extract.initiative_names import circles, coordinated, counted_list, fairs, generic_platform, numbered, phases
from kg.extract.initiative_names import project_list, rails
from initiative_support import found as _found



def test_coordinated_items_each_with_their_own_head() -> None:
    text = "开展粮油单产提升行动和绿色农资升级行动，"
    end = text.index("和")
    assert [(text[s:e], h) for s, e, h in coordinated(text, end)] == [("绿色农资升级行动", "行动")]
    assert coordinated(text, len(text) - 1) == []  # no joiner after the name


#: (reading, text, the names it reads): one case per line.
_READINGS = [
    pytest.param(rails, "开工建设广珠（澳）高铁鹤洲至横琴段，", ["广珠（澳）高铁鹤洲至横琴段"], id="rail-section"),
    pytest.param(numbered, "坚决打好三大攻坚战。", ["三大攻坚战"], id="numbered"),
    pytest.param(numbered, "第十二大工程", [], id="numbered-count"),
    pytest.param(phases, "加快天府国际机场二期建设", ["天府国际机场二期"], id="phase"),
    pytest.param(fairs, "，办好中国（安徽）科交会、", ["中国（安徽）科交会"], id="fair-with-host"),
    pytest.param(fairs, "发挥商会作用", [], id="no-fair"),
    pytest.param(circles, "建设15分钟社区生活圈", ["15分钟社区生活圈"], id="circle"),
    pytest.param(circles, "扩大朋友圈", [], id="no-circle"),
]


@pytest.mark.parametrize(("reading", "text", "names"), _READINGS)
def test_each_shape_reading(reading: Callable[[str], list[Candidate]], text: str, names: list[str]) -> None:
    assert [c[2] for c in reading(text)] == names


def test_lists_of_works_as_spans() -> None:
    text = "加快推进金塘冲水库、夹岩大型灌区等重大水利工程建设"
    # the items as they stand (the caller strips the lead verb: 金塘冲水库)
    assert [text[s:e] for s, e in project_list(text)] == ["加快推进金塘冲水库", "夹岩大型灌区"]
    text = "推进京沪、京广等高铁建设"
    assert [(text[s:e], k) for s, e, k in counted_list(text)] == [("京沪", "project"), ("京广", "project")]


def test_generic_platform() -> None:
    assert generic_platform("协同创新平台")
    assert not generic_platform("省科技成果进场交易平台")  # whose it is
    assert not generic_platform("协同创新中心")  # not a platform


def test_capacity_inside_a_listed_work_name() -> None:
    text = "大石峡水利枢纽、淖毛湖750千伏输变电工程等53个重大项目建成投运。"
    assert [text[s:e] for s, e, _k in counted_list(text)] == ["大石峡水利枢纽", "淖毛湖750千伏输变电工程"]
    text = "新增1200万千瓦、技改300项等53个重大项目建成。"  # figures, not names
    assert [text[s:e] for s, e, _k in counted_list(text)] == []


def test_numbered_coinage_as_a_title_won() -> None:
    assert numbered("锁边工程入选“2025全球十大工程成就”。") == []
    assert [c[2] for c in numbered("深入实施碳达峰“十大工程”。")] == ["十大工程"]


def test_numbered_coinages_are_names() -> None:
    assert _found("坚决打好三大攻坚战。") == [("三大攻坚战", "campaign")]
    got = _found("人工智能、航空航天、先进装备等六大科技专项深入实施")
    assert got == [("六大科技专项", "project")]
    # a count or 一大批 is no coinage
    assert _found("开工一大批重大工程，") == []
    assert _found("新建12大类项目，") == []


def test_project_phases_are_names() -> None:
    got = _found("建成鹏城云脑Ⅲ、国家超算深圳中心二期。")
    assert ("国家超算深圳中心二期", "project") in got
    assert _found("加快天府国际机场二期、漳州核电一期建设") == [
        ("天府国际机场二期", "project"),
        ("漳州核电一期", "project"),
    ]
    # a phase of a task or plan, or a stem too short to name anything, is not a project
    assert _found("，改造一期完成，推动机场三期建设") == []
    assert _found("，第一期任务完成") == []


def test_fairs_known_by_an_abbreviation() -> None:
    # the report's abbreviation is the name the reader knows (as the gold annotates it)
    assert _found("务实办好西博会、项目签约3543亿元") == [("西博会", "activity")]
    assert _found("，办好中国（安徽）科交会、") == [("中国（安徽）科交会", "activity")]
    assert _found("，成功举办智博会、书博会") == [("智博会", "activity"), ("书博会", "activity")]
    # two orbits meeting, a chamber of commerce: no fair
    assert _found("，飞船与空间站顺利交会对接，发挥商会作用") == []


def test_a_phase_before_any_verb_and_after_a_description() -> None:
    assert _found("，凤凰机场三期、博鳌机场三期完工。") == [
        ("凤凰机场三期", "project"),
        ("博鳌机场三期", "project"),
    ]
    assert _found("，举世瞩目的长江三峡水利枢纽二期工程顺利完成") == [("长江三峡水利枢纽二期工程", "project")]
    assert _found("，继续实施第二期，在此期间") == []


def test_railway_segments_between_two_stations() -> None:
    got = _found("开工建设广珠（澳）高铁鹤洲至横琴段，建成投用")
    assert got == [("广珠（澳）高铁鹤洲至横琴段", "project")]
    assert _found("，市域（郊）铁路、城际铁路加快建设") == []


def test_a_counted_list_of_lines_names_each_line() -> None:
    got = _found("加快甲乙、丙丁和戊己扩容等6条高铁建设")
    assert got == [("甲乙", "project"), ("丙丁", "project"), ("戊己扩容", "project")]
    assert [n for n, _ in _found("新开工某某存储二期、某某岚图等1.1万个重大产业项目")][-1] == "某某岚图"


def test_a_counted_list_of_places_or_sectors_is_not_projects() -> None:
    assert _found("苍梧、昭平等10个县区通了新的高速公路") == []
    assert _found("抓实风电光伏、新型储能等11个重点领域项目") == []
    assert _found("规定对戏曲、话剧、杂技等八个项目") == []  # no kind of work: categories


def test_parts_of_a_numbered_programme_of_projects() -> None:
    got = _found("推进甲市新一代锂电池、乙市矿山机械装备等“十大产业项目”建设")
    assert [n for n, _ in got] == ["甲市新一代锂电池", "乙市矿山机械装备", "十大产业项目"]


def test_every_city_reached_by_rail_is_no_line() -> None:
    assert _found("高铁通车里程进至全国第5位、实现市市通高铁、县县通高速") == []


def test_a_circle_named_by_a_travel_time() -> None:
    assert _found("汉襄宜“1小时高铁圈”“3小时高速公路圈”基本形成") == [
        ("1小时高铁圈", "project"),
        ("3小时高速公路圈", "project"),
    ]
    assert [n for n, _ in _found("建设15分钟社区生活圈")] == ["15分钟社区生活圈"]
    assert _found("扩大朋友圈，培育现代化都市圈") == []  # no travel time: no named circle


def test_a_list_of_lines_names_each_line() -> None:
    assert _found("甲乙扩容、丙丁等高速公路通车运行") == [("甲乙扩容", "project"), ("丙丁", "project")]
    assert _found("推进京沪、京广等高铁建设") == [("京沪", "project"), ("京广", "project")]


def test_short_generic_items_of_a_counted_list_of_works_are_not_names() -> None:
    assert _found("新建学校、医院等100个重点项目") == []


def test_a_technology_code_in_a_listed_work_is_not_a_capacity() -> None:
    names = [n for n, _ in _found("推进长沙锂电池、浏阳蓝思科技3D玻璃研发生产等“十大产业项目”建设")]
    assert "浏阳蓝思科技3D玻璃研发生产" in names
    names = [n for n, _ in _found("推进长沙锂电池、浏阳30万吨玻璃研发生产等“十大产业项目”建设")]
    assert "长沙锂电池" in names and not any("30万吨" in n for n in names)


def test_works_listed_before_a_kind_of_project() -> None:
    got = _found("加快推进金塘冲水库、夹岩大型灌区等重大水利工程建设")
    assert got == [("金塘冲水库", "project"), ("夹岩大型灌区", "project")]
    got = _found("，嘉陵江利泽航运枢纽等标志性项目建成投运")
    assert got == [("嘉陵江利泽航运枢纽", "project")]
    # sectors and descriptions before 等…工程 are no works
    assert _found("，城市地下管网、具备条件的重大工程等民生工程加快实施") == []


def test_a_platform_named_only_by_what_it_does_is_a_kind() -> None:
    assert _found("支持重点企业共建协同创新平台，") == []
    assert _found("加快打造科产融合大平台。") == []
    assert _found("搭建全省法治建设考核平台，") != []
    assert _found("搭建省科技成果进场交易平台，") == [("省科技成果进场交易平台", "platform")]
