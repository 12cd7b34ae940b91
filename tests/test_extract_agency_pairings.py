"""Tests for kg.extract.agency_pairings: bodies of a China–X pairing."""

from kg.extract.agencies import extract_agencies
from kg.extract.agency_pairings import paired_spans
from kg.model import Sentence


def _agencies(text: str) -> list[str]:
    return [m.text for m in extract_agencies(Sentence(0, 0, len(text), text))]


def test_paired_centre_and_its_sibling() -> None:
    text = "落实峰会成果，中国—中亚减贫合作中心、教育交流合作中心落地新疆。"
    assert [text[s:e] for s, e in paired_spans(text)] == ["中国—中亚减贫合作中心", "教育交流合作中心"]
    found = _agencies(text)
    assert "中国—中亚减贫合作中心" in found and "教育交流合作中心" in found


def test_partner_alone_is_no_centre() -> None:
    assert paired_spans("落实中国—中亚峰会成果清单，推进合作。") == []
    assert paired_spans("中国-中亚荒漠化防治合作中心落户宁夏。") == [(0, 14)]
