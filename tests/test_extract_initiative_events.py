"""Tests for kg.extract.initiative_events."""

from __future__ import annotations

from kg.extract.initiative_events import listed_events


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
