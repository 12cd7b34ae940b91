"""Places: divisions by full and short name, regions, the country, context rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.places import extract_places
from kg.model import Document, Sentence
from kg.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _names(text: str, start: int = 0) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.name, m.subtype) for m in extract_places(Sentence.of(text, start=start))]


def _texts(text: str) -> list[str]:
    return [t for t, _, _ in _names(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # common words: 均衡水平 is not 衡水, 伟大理想 not 大理, 制定西部 not 定西, 白银 the metal
        ("人民币汇率在合理均衡水平上基本稳定，伟大理想，制定西部大开发规划，黄金、白银产量", []),
        ("兰张三四线铁路中武段", []),  # 兰张: two one-character abbreviations
        ("陇东学院、兰州大学", []),  # places inside university names
        ("《中华人民共和国律师法》颁布", []),
        ("扩大中关村国家自主创新示范区试点", ["中关村国家自主创新示范区"]),
        ("深化司法国际合作，朝鲜族群众，印度洋", []),  # foreign countries at a word boundary only
        ("孙中山、中山装", []),  # a short form that is a word, outside a list
        ("丹巴县基卡依村入选", ["丹巴县", "基卡依村"]),  # a village after its county
        ("国家机关中的官僚主义，技术攻关中", []),  # region names inside words
        ("亮出“投资江西”品牌，华东江苏", ["江西", "江苏"]),  # a river overlapping a province yields
        ("轰炸我们的沿海城市，县级城市和县城黑臭水体", []),  # full names inside common words
        ("辽宁海城市、安徽和县", ["辽宁", "海城市", "安徽", "和县"]),  # … stand right after another place
        ("开工建设广珠（澳）高铁鹤洲至横琴段", ["鹤洲", "横琴"]),  # the ends of a line's section
        # county-level cities that are words or ambiguous alone count as items of a list
        # of places (or of a list headed by 县/市/城市)
        ("新增仙桃、潜江、宜都、大冶4个千亿县", ["仙桃", "潜江", "宜都", "大冶"]),
        ("赤壁、天门等14个县市", ["赤壁", "天门"]),
        ("黄石、咸宁、天门等全国文明城市", ["黄石", "咸宁", "天门"]),
        ("天门山风景优美，赤壁之战", []),
        ("贸易、东方、平台建设", []),
        ("荆门高新区入选首批名单，推动湘江科学城集聚创新资源", ["荆门", "荆门高新区", "湘江", "湘江科学城"]),
        ("去攻克科学城堡，振兴教育", []),  # no science city
        ("推动大学城、科学城深度融合", []),
        ("依托岳麓山实验室开展农业领域研究", []),  # a short form before a laboratory is its name
        ("岳麓区实验室建设", ["岳麓区"]),  # a full name stays
        ("西南方向，东北风", []),  # directions, not macro regions
        ("，兰州中川国际机场建成", ["兰州中川国际机场"]),  # a known airport is not named twice
        ("国际机场建设", []),
        ("提升长株潭等国家现代流通战略支点城市能级", []),  # an abbreviation of several places
        ("丰富长株潭国家自主创新示范区内涵", ["长株潭国家自主创新示范区"]),  # … names only a zone
        ("加强三江源生态保护。", ["三江源"]),
    ],
)
def test_places_found_as_written(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_full_names_side_by_side_and_offsets() -> None:
    s = Sentence.of("张掖市山丹县行政复议员同企业家座谈", index=4, start=100)
    found = extract_places(s)
    assert [(m.text, m.subtype) for m in found] == [("张掖市", "prefecture"), ("山丹县", "county")]
    assert [(m.start, m.end, m.sentence) for m in found] == [(100, 103, 4), (103, 106, 4)]


def test_short_forms_and_autonomous_counties() -> None:
    got = _names("庆阳、酒泉经济总量突破千亿元。积石山6.2级地震，阿克塞生态保护")
    assert [t for t, _, _ in got] == ["庆阳", "酒泉", "积石山", "阿克塞"]
    assert got[2][2] == "county"


def test_regions_country_and_aliases() -> None:
    got = _names("我国在黄土高原、兰州新区建设，黄河法治论坛，温润陇原")
    assert ("我国", "中华人民共和国", "country") in got
    assert ("黄土高原", "黄土高原", "region") in got
    assert ("兰州新区", "兰州新区", "area") in got  # not 兰州 + 新区
    assert ("黄河", "黄河流域", "region") in got
    assert ("陇原", "甘肃省", "province") in got


def test_whole_sample_report() -> None:
    text = (ROOT / "data/corpus/gansu-2023-rule-of-law-highlights.txt").read_text(encoding="utf-8")
    seg = segment(Document(id="s", text=text))
    found = [m for s in seg.sentences for m in extract_places(s)]
    assert {m.name for m in found} >= {"甘肃省", "张掖市", "山丹县", "兰州新区", "黄河流域", "南梁"}
    assert all(text[m.start : m.end] == m.text for m in found)


def test_named_regions_and_cooperation_zones() -> None:
    got = _names("推动粤东粤西粤北地区融湾发展，加力推进深汕特别合作区建设，中西部地区增速快于东部地区")
    assert [t for t, _, _ in got] == ["粤东", "粤西", "粤北", "深汕特别合作区", "中西部地区", "东部地区"]
    assert ("大湾区", "粤港澳大湾区", "region") in _names("提升大湾区综合竞争力")
    # a programme named after a river names the river (长江经济带 is an initiative)
    assert [n for _, n, _ in _names("长江经济带建设取得重要进展")] == ["长江"]


def test_zones_named_by_a_place() -> None:
    got = _names("扩展上海自由贸易试验区范围，新设广东、天津、福建自由贸易试验区")
    assert ("上海自由贸易试验区", "中国（上海）自由贸易试验区", "area") in got
    assert ("福建自由贸易试验区", "中国（福建）自由贸易试验区", "area") in got
    assert [t for t, _, _ in got].count("上海") == 1  # the province is kept beside its zone
    assert ("成都都市圈", "成都都市圈", "area") in _names("成都都市圈主引擎地位更加凸显")


def test_foreign_countries_at_a_word_boundary() -> None:
    assert _texts("中国与冰岛、瑞士自贸区启动实施")[1:] == ["冰岛", "瑞士"]


def test_short_form_that_is_a_word_counts_in_a_list_of_places() -> None:
    got = _names("支持珠海、佛山、东莞、中山、江门等重要节点城市")
    assert ("中山", "中山市", "prefecture") in got


def test_river_name_overlapping_a_province_yields_to_it() -> None:
    assert [n for _, n, _ in _names("加强漓江、九龙江流域治理")] == ["漓江", "九龙江"]


def test_ends_of_a_line_section_are_places() -> None:
    assert ("红庙", "红庙", "other") in _names("轨道交通22号线红庙至平谷段建成")


def test_list_item_must_be_a_whole_place_not_a_name_prefix() -> None:
    # 通道 is 通道侗族自治县 only when its neighbour is a whole item, not 黄茅海通道
    assert "通道" not in _texts("建成深中通道、黄茅海通道等互联互通工程")
    assert "安康" in _texts("安康、石泉分别入选全国美丽城市")


def test_development_zones_and_science_cities_named_by_a_place() -> None:
    # a development zone is named by a division, not by a region (an alliance's name)
    assert "中部地区国家高新区" not in _texts("中部地区国家高新区联盟成立")


def test_science_city_the_lexicon_does_not_know() -> None:
    assert ("东湖科学城", "area") in [(t, k) for t, _, k in _names("以东湖科学城为核心区域")]
    assert "大连英歌石科学城" in _texts("大连英歌石科学城汇聚项目")


def test_macro_regions_and_continents() -> None:
    got = _names("中欧班列华中区域集结中心打通通道，亚洲最大专业货运机场")
    assert [(t, n) for t, n, _ in got] == [("华中区域", "华中地区"), ("亚洲", "亚洲")]


def test_international_airports_are_places() -> None:
    got = _texts("亚洲最大专业货运机场花湖国际机场成为内陆出海口")
    assert "花湖国际机场" in got
    assert "西安咸阳国际机场" in _texts("。西安咸阳国际机场旅客吞吐量")


def test_world_subregions_and_central_western_region() -> None:
    got = _names("稳定美欧、东南亚等传统市场，开拓中亚、中东市场。中西部和东北地区加快开放")
    assert ("东南亚", "东南亚", "region") in got
    assert ("中亚", "中亚", "region") in got
    assert ("中东", "中东", "region") in got
    assert ("中西部", "中西部地区", "region") in got
    # 其中 + 东北, 中东部: no 中东; 罗得西亚 is no 西亚
    names = [n for _, n, _ in _names("其中东北各省增长较快，中东部地区，南非和罗得西亚")]
    assert "中东" not in names and "西亚" not in names
    assert "南非" in names


def test_china_and_country_abbreviation_is_no_place() -> None:
    assert "印度尼西亚" not in [n for _, n, _ in _names("中印尼“两国双园”合作谅解备忘录签署")]
    assert "印度尼西亚" in [n for _, n, _ in _names("同印尼、马来西亚合作")]


def test_airports_without_guoji() -> None:
    got = _texts("支持合肥机场、芜宣机场提升货运能力，揭阳潮汕机场成为枢纽")
    assert {"合肥机场", "芜宣机场", "揭阳潮汕机场"} <= set(got)
    got = _texts("加快广州新机场建设，新建通用机场5个，港珠澳大桥、港深机场铁路，共建世界级机场群")
    assert not [t for t in got if "机场" in t]


def test_science_city_with_its_city() -> None:
    got = _texts("建立合肥滨湖科学城实体化工作机制，大连英歌石科学城")
    assert {"合肥", "合肥滨湖科学城", "大连", "大连英歌石科学城"} <= set(got)
    assert "滨湖科学城" not in got
    assert "东湖科学城" in _texts("以东湖科学城为核心")


def test_partner_of_a_china_pairing_is_no_place() -> None:
    got = [n for _, n, _ in _names("中国—哈萨克斯坦草原生态修复联合实验室，中国—中东欧国家博览会")]
    assert "哈萨克斯坦" not in got and "中东欧" not in got and "东欧" not in got
    assert "哈萨克斯坦" in [n for _, n, _ in _names("对哈萨克斯坦出口增长")]


def test_china_before_a_bracketed_province_is_a_name_prefix() -> None:
    got = _names("举办中国（安徽）科交会、双创汇")
    assert "中华人民共和国" not in [n for _, n, _ in got]
    assert "安徽" in [t for t, _, _ in got]
    assert "中华人民共和国" in [n for _, n, _ in _names("中国经济持续向好")]


def test_border_crossings_after_a_place() -> None:
    got = _texts("二连浩特公路口岸货运量增长，珲春口岸实现通关")
    assert {"二连浩特公路口岸", "珲春口岸"} <= set(got)
    assert not [t for t, _, _ in _names("加强边境口岸建设，大力发展口岸经济") if "口岸" in t]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进高铁鹤洲至横琴段建设", "鹤洲"),
        ("以东湖科学城为核心", "东湖科学城"),
        ("建成花湖国际机场", "花湖国际机场"),
        ("合肥机场、芜宣机场", "芜宣机场"),
        ("珲春口岸", "珲春口岸"),
        ("以及梅山灌区、金塘冲水库等", "金塘冲"),
        ("、赤水河、", "赤水河"),
    ],
)
def test_each_reading_after_the_scan_passes_the_character_pretest(text: str, expected: str) -> None:
    """Every reading that needs no lexicon entry (a line's section, a science city, an
    airport, a crossing, a reservoir, a river) is found, so none of their key
    characters is missing from the sentence pre-test."""
    assert expected in [m.text for m in extract_places(Sentence.of(text))]


def test_named_natural_areas_are_whole_places() -> None:
    """Deserts, basins, peninsulas and national parks of regions.tsv: the whole name,
    not the place inside it (三江源国家公园, not 三江源)."""
    text = "实施科尔沁沙地综合治理，三江源国家公园建设取得新成效，推进南疆发展。"
    names = [m.text for m in extract_places(Sentence(0, 0, len(text), text))]
    assert names == ["科尔沁沙地", "三江源国家公园", "南疆"]
