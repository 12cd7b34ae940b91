"""Shapes that look like an initiative's name but are not: descriptions and banned things."""

from __future__ import annotations

from kg.extract.initiative_filters import forbidden_at, is_description


def test_descriptions_are_recognised() -> None:
    assert is_description("合肥滨湖科学城实体化工作和运行机制")
    assert is_description("宁德入围全球百强创新集群")
    assert is_description("福州新区管理体制")
    assert is_description("我们要坚持和完善民族区域自治制度")
    assert not is_description("新型举国体制")
    assert not is_description("提振消费专项行动")


def test_what_follows_a_ban_is_forbidden() -> None:
    text = "坚决杜绝“形象工程”“政绩工程”，深入实施“千万工程”"
    assert forbidden_at(text, text.index("形象")) and forbidden_at(text, text.index("政绩"))
    assert not forbidden_at(text, text.index("千万"))


def test_harms_are_not_initiatives() -> None:
    from kg.extract.initiative_filters import forbidden_at

    text = "坚决反对制造“台湾独立”、“两个中国”等各种分裂活动。"
    assert forbidden_at(text, text.index("台湾"), text.index("台湾") + 4)
    text = "同“四人帮”篡党夺权阴谋活动有牵连的人"
    assert forbidden_at(text, text.index("篡党"), text.index("有牵连"))


def test_drives_against_harms_are_kept() -> None:
    from kg.extract.initiative_filters import forbidden_at

    text = "开展打击非法集资专项行动。"
    assert not forbidden_at(text, 2, text.index("。"))
    text = "深入推进非法倾倒处置固体废物专项整治行动。"
    assert not forbidden_at(text, 4, text.index("。"))
