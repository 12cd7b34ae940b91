"""Tests for kg.extract.initiative_brands and the readings that use it."""

from __future__ import annotations

from kg.extract.initiative_brands import acting_brand_kind, counted_before, plan_kind
from kg.extract.initiative_filters import title_spans
from kg.extract.initiative_quotes import quoted_names


def _names(text: str) -> list[tuple[str, str]]:
    return [(c[2], c[3]) for c in quoted_names(text)]


def test_brand_as_subject_with_its_verb() -> None:
    assert _names("“鲁惠通”兑现政策资金166亿元，“金融直达基层加速跑”促成贷款投放。") == [
        ("鲁惠通", "platform"),
        ("金融直达基层加速跑", "campaign"),
    ]
    assert _names("“齐鲁农云”数字乡村大脑上线。") == [("齐鲁农云", "platform")]
    assert acting_brand_kind("“一业一策”推动钢铁", 0, 6, "一业一策") == "mechanism"


def test_slogan_at_clause_start_is_not_a_brand() -> None:
    assert _names("“五向图强”聚势赋能，“一老一小”服务保障更加有力。") == []
    assert acting_brand_kind("打造“鲁惠通”兑现", 2, 7, "鲁惠通") is None  # not the clause's subject


def test_counted_quote_is_a_class() -> None:
    assert _names("37个“一件事”落地落实。") == []
    assert counted_before("206个“两重”项目", 4)
    assert ("两重", "project") in _names("206个“两重”项目开工建设。")  # its head word names the programme


def test_period_plan_kind() -> None:
    assert plan_kind("八五", "project", "计划与") == "other"
    assert plan_kind("八五", "project", "期间") == "project"
    assert plan_kind("八七扶贫攻坚计划", "project") == "campaign"
    assert plan_kind("营养改善计划", "project") == "project"


def test_title_spans() -> None:
    text = "文艺晚会《美丽新疆》情感浓烈，建设美丽新疆。"
    spans = title_spans(text)
    assert spans == [(4, 10)]
    assert title_spans("建设美丽新疆。") == []


def test_name_inside_a_title_is_dropped() -> None:
    from kg.extract.initiatives import extract_initiatives
    from kg.model import Sentence

    def names(text: str) -> list[str]:
        return [m.name for m in extract_initiatives(Sentence(index=0, start=0, end=len(text), text=text))]

    assert names("完成《甘肃省黄河流域生态保护和高质量发展条例》审议。") == []
    assert names("推动黄河流域生态保护和高质量发展。") == ["黄河流域生态保护和高质量发展"]


def test_event_kind_of_promotions_and_festivities() -> None:
    from kg.extract.initiative_brands import drive_kind

    text = "开展“全闽乐购”等促消费活动。"
    assert drive_kind(text, 3, 7, "全闽乐购", "campaign") == "activity"
    text = "近20万家庭参与“小手拉大手·全家一起学”活动。"
    s = text.index("小手")
    assert drive_kind(text, s, text.index("”"), "小手拉大手·全家一起学", "campaign") == "activity"
    text = "开展增产节约、增收节支活动。"
    assert drive_kind(text, 2, text.index("。"), "增产节约、增收节支活动", "campaign") == "campaign"
    text = "开展“铸忠诚警魂”活动。"
    assert drive_kind(text, 3, 8, "铸忠诚警魂", "campaign") == "campaign"
