"""Initiatives: quoted names with head words, verb-led names, projects, rhetoric left out."""

from __future__ import annotations

import json

import pytest

from kg.evaluate import dice
from kg.extract.initiatives import extract_initiatives
from kg.model import Document, Sentence
from kg.segment import segment
from initiative_support import found as _found

from conftest import DEV, SAMPLE, SAMPLE_GOLD



def test_verb_led_names_and_lists() -> None:
    assert _found("全省扎实开展道路交通安全和运输执法领域突出问题专项整治，") == [
        ("道路交通安全和运输执法领域突出问题专项整治", "campaign")
    ]
    assert _found("率先建立政府规章动态清理机制。") == [("政府规章动态清理机制", "mechanism")]
    got = _found("开展营商环境专题讲座、百场法治大宣讲等活动6.3万余场")
    assert got == [("百场法治大宣讲", "campaign")]
    # a description with 的 is not a name
    assert _found("搭建起高校之间的交流平台") == []


def test_projects_railways_and_known_programmes() -> None:
    got = [n for n, _ in _found("兰张三四线铁路中武段、银兰高铁中兰段、酒额铁路等建成投运。")]
    assert got == ["兰张三四线铁路中武段", "银兰高铁中兰段", "酒额铁路"]
    assert ("陇电入鲁工程", "project") in _found("，陇电入鲁工程建成投运")
    assert [n for n, _ in _found("乡村振兴战略全面实施")] == ["乡村振兴战略"]


def test_offsets_point_at_the_name() -> None:
    s = Sentence.of("巩固深化“万所联万会”机制", start=50)
    (m,) = extract_initiatives(s)
    assert (m.start, m.end, m.text) == (55, 60, "万所联万会")


def _f1(text: str, gold: list[dict]) -> float:
    seg = segment(Document(id="x", text=text))
    names = sorted({m.name for s in seg.sentences for m in extract_initiatives(s)})
    golds = [g["name"] for g in gold]
    tp, used = 0, set()
    for n in names:
        best = max(((dice(n, g), j) for j, g in enumerate(golds) if j not in used), default=(0, -1))
        if best[0] >= 0.6:
            tp += 1
            used.add(best[1])
    p, r = tp / max(len(names), 1), tp / max(len(golds), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def test_sample_and_dev_quality() -> None:
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))["initiatives"]
    assert _f1(SAMPLE.read_text(encoding="utf-8"), gold) >= 0.85
    for stem in ("gansu-gwr-2026-excerpt", "national-gwr-2023-excerpt"):
        gold = json.loads((DEV / f"{stem}.gold.json").read_text(encoding="utf-8"))["initiatives"]
        assert _f1((DEV / f"{stem}.txt").read_text(encoding="utf-8"), gold) >= 0.8


def test_bare_quoted_coinage_after_a_verb_or_before_a_carrier_is_a_name() -> None:
    assert _found("推广数智化“链式改造”，推动工业互联网") == [("链式改造", "other")]
    assert [n for n, _ in _found("用好国家“两重”“两新”政策资金")] == ["两重", "两新"]
    assert _found("省市联动发放“蜀里安逸”消费券超7亿元") == [("蜀里安逸", "campaign")]
    got = [n for n, _ in _found("打造“新十二月市”“少必入川”“蓉城囍事”等文旅消费品牌")]
    assert got == ["新十二月市", "少必入川", "蓉城囍事"]


def test_bare_quoted_honours_periods_and_formulas_are_not_names() -> None:
    text = "成功培育首家“灯塔工厂”，首次实现“双过万”，锂电池“新三样”出口，推进“十四五”，增强“四个意识”、坚定“四个自信”"
    assert _found(text) == []
    assert _found("统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局") == []


def test_plans_systems_and_motorways() -> None:
    assert _found("推出创业引领计划，") == [("创业引领计划", "project")]
    assert _found("，疾病应急救助制度基本建立") == [("疾病应急救助制度", "mechanism")]
    assert _found("川藏铁路、成达万高铁、西香高速等进出川大通道")[-1] == ("西香高速", "project")
    assert _found("，高速铁路、高速公路通车里程") == []
    assert ("向家坝灌区一期一步工程", "project") in _found("，向家坝灌区一期一步工程建成通水。")


def test_unquoted_pilots_and_sector_reforms_are_not_names() -> None:
    assert _found("深化国资国企改革，开展低空运行管理试点，") == []
    assert _found("深化行政复议体制改革。") == [("行政复议体制改革", "other")]


def test_lists_of_sectors_and_generic_rules_are_not_names() -> None:
    assert _found("启动科技资金管理、考试招生、户籍、机关事业单位养老保险制度等改革。") == []
    assert _found("。着力改革商事制度，新登记") == []
    assert _found("成功举办动力电池、聚变能、科技博览等重大国际会议会展活动，") == []
    # a name may still hold a list before its own descriptor
    got = _found("建立律师、公证员等法律服务工作者包抓企业全覆盖制度，")
    assert got == [("律师、公证员等法律服务工作者包抓企业全覆盖制度", "mechanism")]


def test_project_after_a_quantity_and_de() -> None:
    got = _found("谋划多年、惠及3400万人的引大济岷工程启动建设")
    assert got == [("引大济岷工程", "project")]


def test_a_clause_with_its_own_verb_is_not_a_name() -> None:
    assert _found("国有企业建立现代企业制度取得重大进展") == [("现代企业制度", "mechanism")]
    assert _found("深入实施创新驱动发展战略，") == [("创新驱动发展战略", "other")]
    assert _found("在全国率先建成国际道路运输集结中心，") == [("国际道路运输集结中心", "project")]


def test_a_verb_led_list_of_names_gives_each_name() -> None:
    got = _found("加快建设大湾区国际科技创新中心、综合性国家科学中心，打造")
    assert got == [("大湾区国际科技创新中心", "project"), ("综合性国家科学中心", "project")]
    got = [n for n, _ in _found("实施科教兴国战略、人才强国战略，")]
    assert got == ["科教兴国战略", "人才强国战略"]


def test_a_known_programme_inside_an_event_name_is_named_too() -> None:
    got = _found("成功举办第二届“一带一路”科技交流大会。")
    assert got == [("第二届“一带一路”科技交流大会", "activity"), ("一带一路", "other")]
    assert _found("举办首届中国国际进口博览会。") == [("首届中国国际进口博览会", "activity")]


def test_each_item_of_a_coordination_after_a_verb_is_named() -> None:
    got = _found("扎实开展粮油单产提升行动和绿色农资升级行动，加强粮食购销。")
    assert got == [("粮油单产提升行动", "campaign"), ("绿色农资升级行动", "campaign")]
    got = [n for n, _ in _found("推进闽西南水资源配置工程、龙湘水库等建设")]
    assert got == ["闽西南水资源配置工程", "龙湘水库"]  # the reservoir: an item of a list of works
    # an item without a head word of its own is passed over, not named
    got = [n for n, _ in _found("连续成功举办海峡论坛、海峡青年荟、世界妈祖文化论坛等活动。")]
    assert got == ["海峡论坛", "世界妈祖文化论坛"]
    # a name with 和 inside it stays one name
    got = [n for n, _ in _found("实施早孕关爱行动、孕育和出生缺陷防治能力提升计划，推动")]
    assert got == ["早孕关爱行动", "孕育和出生缺陷防治能力提升计划"]
    # a list of sectors before a generic head is still no name
    assert _found("推进教学内容和方式、考试和招生制度改革，") == []


def test_a_name_after_verb_and_hao() -> None:
    assert _found("实施好大学生创业引领计划，") == [("大学生创业引领计划", "project")]
    assert _found("严格落实“四个不摘”要求。") == []  # 落实 launches no quoted name


def test_a_concentrated_rectification_is_a_campaign() -> None:
    got = _found("深入开展群众身边不正之风和腐败问题集中整治，")
    assert got == [("群众身边不正之风和腐败问题集中整治", "campaign")]
    assert _found("开展集中整治，") == []


def test_a_counted_class_is_not_a_name() -> None:
    assert _found("累计打造省级高品质住宅试点项目213个，") == []
    assert _found("举办群众性体育赛事活动9.5万场。") == []
    # a number that is no count keeps the name
    assert _found("实施城市更新行动2025年") != []


def test_a_clause_opening_with_two_names_gives_both() -> None:
    assert _found("，乡村振兴战略和新型城镇化战略深入实施") == [
        ("乡村振兴战略", "other"),
        ("新型城镇化战略", "other"),
    ]
    # 和 inside one name does not split it
    got = _found("，道路交通安全和运输执法领域突出问题专项整治深入推进")
    assert got == [("道路交通安全和运输执法领域突出问题专项整治", "campaign")]


def test_a_name_before_shidian() -> None:
    assert _found("开展长期护理保险制度试点，") == [("长期护理保险制度", "mechanism")]
    # an unquoted pilot alone is still no name
    assert _found("开展低空运行管理试点，") == []


def test_pejorative_works_are_not_projects() -> None:
    assert _found("严禁搞面子工程、形象工程，坚决制止铺张浪费。") == []


def test_list_items_without_a_head_are_not_projects() -> None:
    names = [n for n, _ in _found("强力推进大抓产业、大抓项目、大抓招商")]
    assert "大抓产业" not in names and "大抓招商" not in names
    assert _found("谋划实施一批重大增量项目和优质中小微项目。") == []


def test_named_works_in_a_list_closed_by_a_building_verb() -> None:
    names = [n for n, _ in _found("宁德核电6号机组、厦漳泉R1线先行段、沈海高速漳诏段扩容工程等开工建设。")]
    assert names == ["宁德核电6号机组", "厦漳泉R1线先行段", "沈海高速漳诏段扩容工程"]
    assert [n for n, _ in _found("推进阜阳复线船闸、沱浍河航道整治工程等建设，")] == ["阜阳复线船闸", "沱浍河航道整治工程"]


def test_kinds_of_works_before_a_building_verb_are_not_names() -> None:
    assert _found("加强海绵城市、区域综合性应急救援基地、城际铁路等建设，") == []
    assert _found("推动绿电直连、虚拟电厂等建设，推进国家现代流通战略支点城市、国家物流枢纽等建设") == []


def test_a_clause_led_name_before_a_predicate_of_progress() -> None:
    assert _found("　　继续改善农村生产生活条件，农村饮水安全工程使6069万农民受益。") == [
        ("农村饮水安全工程", "project")
    ]
    assert _found("国家助学制度不断完善，") == [("国家助学制度", "mechanism")]
    # a count before the predicate makes a description
    assert _found("3个制度不断完善，") == []


def test_a_study_campaign_is_named_by_its_head_word() -> None:
    assert _found("扎实开展党纪学习教育，") == [("党纪学习教育", "campaign")]
    assert _found("加强学习教育，") == []


def test_pilot_bases_are_named_by_their_head_word() -> None:
    assert _found("创建国家人工智能行业应用中试基地，") == [("国家人工智能行业应用中试基地", "platform")]
    assert _found("布局一批概念验证中心、中试基地，") == []


def test_joined_tasks_and_series_of_activities_are_descriptions() -> None:
    assert _found("推动合肥滨湖科学城实体化工作和运行机制，") == []
    assert _found("开展系列促销活动，") == []
    assert _found("开展春风行动等系列就业服务活动，") != []  # the named item stays


def test_a_list_closed_by_a_level_and_a_kind_is_not_one_name() -> None:
    assert _found("创建国家大学科技园等国家级科创平台，") == []


#: (text, what is found): one case per line, grouped by the rule they check.
_NAMED_OR_NOT = [
    # a list of kinds of projects with a count is not named
    pytest.param("支持重点节能工程、循环经济等项目2983个；", [], id="kinds-of-projects-counted"),
    # major science projects are named by their head word
    pytest.param("加快实施国家科技重大专项，", [("国家科技重大专项", "project")], id="major-project"),
    pytest.param("启动一批重大专项，", [], id="major-project-unnamed"),
    # a title won is not a name
    pytest.param("宁德入围全球百强创新集群，", [], id="title-won-entered"),
    pytest.param("汉中中药材入选国家级优势特色产业集群，", [], id="title-won-selected"),
    # a sector's institutions are not a named system
    pytest.param("调整优化福州新区管理体制，", [], id="sector-system"),
    # a numbered package of measures is a programme
    pytest.param("实施稳经济30项举措。", [("稳经济30项举措", "other")], id="numbered-measures"),
    pytest.param("制订了减产不减收的三十条措施，今年要采取四项措施。", [], id="counted-measures"),
    # a named bundle of policies is a programme
    pytest.param("出台实施稳经济一揽子政策和接续措施，", [("稳经济一揽子政策", "other")], id="named-bundle"),
    pytest.param("落实中央一揽子政策措施，", [], id="unnamed-bundle"),
    # a spoken clause is not a name
    pytest.param("我们要坚持和完善民族区域自治制度，", [], id="spoken-we"),
    pytest.param("今后应该对此定出一些制度。", [], id="spoken-should"),
    # what is forbidden is no programme
    pytest.param("坚决杜绝“形象工程”“政绩工程”。", [], id="forbidden-quotes"),
    pytest.param("坚决反对“台独”分裂活动，", [], id="opposed"),
]


@pytest.mark.parametrize(("text", "expected"), _NAMED_OR_NOT)
def test_named_or_not(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_named_system_is_kept() -> None:
    assert [n for n, _ in _found("构建新型举国体制，")] == ["新型举国体制"]


def test_action_named_with_its_own_verb() -> None:
    assert ("国企改革深化提升行动", "campaign") in _found("国企改革深化提升行动圆满收官，6家省属企业完成重组。")
    assert ("国企改革深化提升行动", "campaign") in _found("高质量完成国企改革深化提升行动，组建集团。")
    assert [n for n, _ in _found("国有企业建立现代企业制度，成效明显。")] == ["现代企业制度"]  # not the clause


def test_clause_start_strategy_being_carried_out() -> None:
    assert ("黄河国家战略", "other") in _found("黄河国家战略深化落实。")
