"""Places: divisions by full and short name, regions, the country, context rules."""

from __future__ import annotations

from pathlib import Path

from kg.extract.places import extract_places
from kg.model import Document, Sentence
from kg.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _names(text: str, start: int = 0) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.name, m.subtype) for m in extract_places(Sentence.of(text, start=start))]


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


def test_common_words_are_not_places() -> None:
    # 均衡水平 is not 衡水, 伟大理想 not 大理, 制定西部 not 定西, 白银 the metal
    text = "人民币汇率在合理均衡水平上基本稳定，伟大理想，制定西部大开发规划，黄金、白银产量"
    assert _names(text) == []


def test_one_character_abbreviations_and_institutions() -> None:
    assert _names("兰张三四线铁路中武段") == []  # 兰张: two one-character abbreviations
    assert _names("陇东学院、兰州大学") == []  # places inside university names
    assert _names("《中华人民共和国律师法》颁布") == []


def test_whole_sample_report() -> None:
    text = (ROOT / "data/corpus/gansu-2023-rule-of-law-highlights.txt").read_text(encoding="utf-8")
    seg = segment(Document(id="s", text=text))
    found = [m for s in seg.sentences for m in extract_places(s)]
    assert {m.name for m in found} >= {"甘肃省", "张掖市", "山丹县", "兰州新区", "黄河流域", "南梁"}
    assert all(text[m.start : m.end] == m.text for m in found)
