"""Tests for kg.extract.initiative_events (unit tests, then what the whole extractor makes of them)."""

from __future__ import annotations

from kg.extract.initiative_events import listed_events
from initiative_support import found as _found



def _events(text: str) -> list[str]:
    return [c[2] for c in listed_events(text)]


def test_list_of_events_closed_by_any_word() -> None:
    assert _events("跨国公司领导人青岛峰会、儒商大会、绿色低碳高质量发展大会等成果丰硕。") == [
        "跨国公司领导人青岛峰会",
        "儒商大会",
        "绿色低碳高质量发展大会",
    ]
    assert _events("用好中关村论坛、金融街论坛等开放平台。") == ["中关村论坛", "金融街论坛"]


def test_mixed_list_or_attended_summits_are_not_events() -> None:
    assert _events("世界制造业大会、产业链协同等成效明显。") == []  # not every item an event
    assert _events("出席二十国集团领导人峰会、亚太经合组织领导人非正式会议等。") == []


def test_named_events_in_a_list_closed_by_a_word_for_events() -> None:
    got = _found("投洽会、世界航海装备大会、世界闽商大会、港澳山东周等活动成功举办")
    assert ("世界航海装备大会", "activity") in got and ("世界闽商大会", "activity") in got
    assert not any("山东周" in n for n, _ in got)
    assert ("滇商大会", "activity") in _found("圆满举办4届南博会、3届滇商大会等系列活动")


def test_summits_attended_and_events_cut_back_are_not_listed_events() -> None:
    assert _found("出席二十国集团领导人峰会、亚欧首脑会议、世界经济论坛等重大活动") == []
    assert _found("清理和规范各种达标、评比、表彰以及论坛、庆典等活动") == []


def test_events_held_in_a_list_without_a_closing_word() -> None:
    got = _found("成功举办第八届数字中国建设峰会、世界互联网大会数字丝路发展论坛。")
    assert {"第八届数字中国建设峰会", "世界互联网大会数字丝路发展论坛"} <= {n for n, _ in got}
    assert _found("办好特殊教育、继续教育、专门教育。") == []
