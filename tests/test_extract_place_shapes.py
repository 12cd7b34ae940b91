"""Tests for kg.extract.place_shapes: sites read from the shape of their names."""

from kg.extract.place_shapes import (
    FREE_TRADE_ZONE,
    bare_free_trade_zones,
    city_ports,
    stem_sites,
)
from kg.extract.places import extract_places
from kg.model import Sentence
from kg.resolve.places import resolve_places


def _places(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in extract_places(Sentence(0, 0, len(text), text))]


def test_stem_before_a_work_is_a_place() -> None:
    text = "加快建设，大石峡水利枢纽、淖毛湖750千伏输变电工程投运，大红柳滩锂铍矿开工。"
    assert [text[s:e] for s, e in stem_sites(text, frozenset())] == ["大石峡", "淖毛湖", "大红柳滩"]


def test_verbs_before_a_work_are_no_place() -> None:
    text = "翻番。新建750千伏线路，推动工业园区发展，积极推进大型煤矿建设。"
    assert stem_sites(text, frozenset()) == []


def test_park_named_by_a_stem() -> None:
    assert ("昆冈工业园区", "昆冈工业园区") in _places("收益60亿元，昆冈工业园区总产值突破百亿元。")
    assert not any("园区" in t for t, _ in _places("完善产业配套，推动工业园区提质。"))


def test_site_after_its_locator_keeps_the_locator() -> None:
    found = _places("喀什古城、伊犁六星街、库车龟兹小巷等成为名片。")
    assert ("六星街", "六星街") in found and ("龟兹小巷", "龟兹小巷") in found
    assert ("喀什古城", "喀什古城") in found and ("伊犁", "伊犁") in found
    assert ("喀什", "喀什") not in found  # the old town holds the city's name


def test_city_wall_is_no_old_town() -> None:
    assert not any(t.endswith("古城") for t, _ in _places("推动潮州古城、肇庆古城墙等项目申报。")[1:])


def test_city_port() -> None:
    text = "青岛港获批全国首批试点。"
    assert city_ports(text) == [(0, 3)]
    assert _places(text) == [("青岛港", "青岛港")]
    assert city_ports("推进港口建设，扩大港澳合作。") == []


def test_bare_free_trade_zone_resolves_to_the_province() -> None:
    text = "自贸试验区3项创新成果在全国推广。"
    assert bare_free_trade_zones(text, frozenset()) == [(0, 5)]
    mentions = extract_places(Sentence(0, 0, len(text), text))
    assert [m.name for m in mentions] == [FREE_TRADE_ZONE]
    assert resolve_places(mentions, "山东省")[0].name == "中国（山东）自由贸易试验区"
    assert resolve_places(mentions, None) == [None]  # a national report: all the zones


def test_free_trade_zone_not_yet_granted() -> None:
    assert bare_free_trade_zones("积极申建国家自贸试验区。", frozenset()) == []
    assert bare_free_trade_zones("中国（山东）自由贸易试验区", frozenset()) == []


def test_long_country_name_after_a_brand() -> None:
    assert ("科威特", "科威特") in _places("万华科威特石化股权合作等项目落地。")
    assert ("法国", "法国") not in _places("深化司法国际合作。")


def test_archaeological_sites() -> None:
    text = "大汶口国家考古遗址公园挂牌，大明湖西南遗址考古取得重大突破。"
    assert [text[s:e] for s, e in stem_sites(text, frozenset())] == ["大汶口国家考古遗址公园", "大明湖西南遗址"]
    assert stem_sites("萨拉乌苏遗址入选国家考古遗址公园，加强革命遗址保护。", frozenset()) == [(0, 6)]


def test_city_cluster_led_by_a_place() -> None:
    assert ("天山北坡城市群", "天山北坡城市群") in _places("持续改善天山北坡城市群空气质量。")
    found = _places("增强中西部地区城市群和城镇发展后劲。")  # no name of its own: the region stays
    assert not any(t.endswith("城市群") for t, _ in found)


def test_unknown_county_before_a_listed_county() -> None:
    text = "新设和康、和安县加快建设。"
    found = [(m.text, m.name) for m in extract_places(Sentence(0, 0, len(text), text))]
    assert found == [("和康", "和康县"), ("和安县", "和安县")]


def test_no_county_stem_without_a_county_after() -> None:
    text = "加强养老和康复护理、医疗服务。"
    assert extract_places(Sentence(0, 0, len(text), text)) == []
