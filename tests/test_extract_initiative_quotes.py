"""Tests for kg.extract.initiative_quotes: quoted names and quoted cores of list items
(unit tests of its two readings, then what the whole extractor makes of them)."""

from __future__ import annotations

from kg.extract.initiative_quotes import quoted_items, quoted_names
from initiative_support import found as _found



def test_quoted_name_spans_are_the_quote_content() -> None:
    text = "巩固深化“万所联万会”机制"
    assert [(text[s:e], n, k) for s, e, n, k, _p in quoted_names(text)] == [("万所联万会", "万所联万会", "mechanism")]
    assert quoted_names("没有引号的句子") == []


def test_quoted_modifier_gives_the_name_that_follows() -> None:
    text = "打造全国首家“二维码”一键举报平台"
    assert [(text[s:e], k) for s, e, _n, k, _p in quoted_names(text)] == [("一键举报平台", "platform")]


def test_quoted_items_need_a_list_and_a_closing_kind_word() -> None:
    text = "“汉孝随襄十”新能源汽车、“武鄂黄黄咸”光电子信息等产业走廊加快建设"
    assert [(text[s:e], k) for s, e, _n, k, _p in quoted_items(text)] == [
        ("汉孝随襄十", "project"),
        ("武鄂黄黄咸", "project"),
    ]
    assert quoted_items("“汉孝随襄十”新能源汽车等产业走廊") == []  # one item is no list
    text = "健全“96178”省长直通车、“2115”接诉即办等机制"
    assert [text[s:e] for s, e, *_ in quoted_items(text)] == ["省长直通车", "接诉即办"]  # a number's service


def test_quoted_name_before_a_head_word() -> None:
    assert _found("巩固深化“万所联万会”机制") == [("万所联万会", "mechanism")]
    assert _found("首创“1+4+7”法治建设考评模式") == [("1+4+7", "model")]


def test_run_of_quotes_before_a_head_word() -> None:
    got = _found("组织开展“涉法涉诉积案集中清理”“陇原风暴”、涉企“挂案”清理等专项行动")
    assert [n for n, _ in got] == ["涉法涉诉积案集中清理", "陇原风暴"]


def test_quoted_rhetoric_is_not_an_initiative() -> None:
    text = "考评内容突破“一刀切”，打通复议为民“最后一公里”，敢于“亮剑”，“同步同频”，提出“六个明显”工作目标"
    assert _found(text) == []


def test_quoted_word_that_modifies_the_name() -> None:
    assert _found("打造全国首家“二维码”一键举报平台") == [("一键举报平台", "platform")]


def test_short_quoted_name_with_a_short_descriptor_is_the_name() -> None:
    assert _found("开展“蓝盾”护企行动和“春风”行动") == [("蓝盾", "campaign"), ("春风", "campaign")]
    assert _found("打造“陇法通”服务平台。") == [("陇法通", "platform")]


def test_numbered_formula_is_a_name() -> None:
    assert _found("以链长制推动“14+1”重点产业链提质升级") == [("链长制", "mechanism"), ("14+1", "other")]


def test_a_quote_before_de_describes_what_follows() -> None:
    assert _found("打造“世界一流、百年不衰”的合肥滨湖科学城，") == []
    assert _found("坚持“两条腿走路”的方针") == []
    # the same quote before a head word is still a name
    assert _found("推行“周汇总、月通报、季调度”机制") == [("周汇总、月通报、季调度", "mechanism")]


def test_a_quoted_craft_or_device_is_a_project() -> None:
    assert _found("，取得“中国环流三号”首次实现原子核") == [("中国环流三号", "project")]
    got = _found("“嫦娥六号”实现人类首次月球背面采样返回，“梦想”号大洋钻探船建成入列")
    assert got == [("嫦娥六号", "project"), ("梦想", "project")]
    # a brand label or a crop variety is not a craft
    assert _found("，叫响“湘字号”，选育“青薯9号”品种") == []


def test_an_item_coordinated_with_a_quoted_name() -> None:
    got = _found("市场化建设“三大高速公路新通道”和甘川新通道。")
    assert got == [("三大高速公路新通道", "project"), ("甘川新通道", "project")]
    got = _found("巩固深化“万所联万会”机制和律师调解机制，")
    assert got == [("万所联万会", "mechanism"), ("律师调解机制", "mechanism")]
    # what follows 和 without a head word of its own is not named
    assert _found("推进“放管服”改革和政府职能转变，") == [("放管服", "other")]


def test_a_times_formula_is_a_coined_name() -> None:
    assert _found("聚焦“4×4”现代化产业体系") == [("4×4", "other")]


def test_quoted_cores_of_list_items_before_a_kind_word() -> None:
    got = _found("“汉孝随襄十”新能源汽车、“武鄂黄黄咸”光电子信息等产业走廊加快建设")
    assert got == [("汉孝随襄十", "project"), ("武鄂黄黄咸", "project")]
    assert [n for n, _ in _found("健全“96178”省长直通车、“2115”接诉即办等机制")] == ["省长直通车", "接诉即办"]


def test_quoted_descriptions_in_a_list_are_not_items() -> None:
    assert _found("“经济强”的基础更加巩固、“百姓富”的成果等工作") == []
    assert _found("“汉孝随襄十”新能源汽车、光电子信息等产业走廊") == []


def test_a_quoted_number_code_before_a_head_word_is_a_coined_name() -> None:
    assert _found("深化实施“1269”行动计划，") == [("1269", "campaign")]
    assert _found("实现“12”连增，") == []  # two digits: a count, not a code


def test_an_award_named_after_a_programme_is_not_one() -> None:
    assert _found("12部文艺作品获得“五个一工程”奖") == []
    assert _found("实施“五个一工程”") == [("五个一工程", "project")]


def test_city_leader_responsibility_systems() -> None:
    assert _found("要坚持“菜篮子”市长负责制，“米袋子”省长负责制。") == [("菜篮子", "mechanism"), ("米袋子", "mechanism")]
