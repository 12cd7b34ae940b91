"""Tests for kg.extract.agency_events: international bodies inside an event's name."""

from kg.extract.agencies import extract_agencies
from kg.extract.agency_events import in_event_name
from kg.model import Sentence


def _agencies(text: str) -> list[str]:
    return [m.text for m in extract_agencies(Sentence(0, 0, len(text), text))]


def test_host_inside_an_event_name_is_dropped() -> None:
    text = "成功举办上合组织国家媒体合作论坛。"
    assert in_event_name(text, 4, 8)
    assert "上合组织" not in _agencies(text)


def test_own_summit_and_related_meetings_keep_the_body() -> None:
    assert "上合组织" in _agencies("出席上合组织峰会。")
    text = "经验在联合国相关大会交流。"
    assert not in_event_name(text, 3, 6)
    assert "联合国" in _agencies(text)
