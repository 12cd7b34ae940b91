"""Tests for kg.extract.titles: 《》 titles as policy and work mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.titles import classify_title, extract_titles, title_spans
from kg.model import Sentence

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
GOLD = Path("/work/shared/eval/gansu-2023-rule-of-law-highlights.gold.json")
DEV = Path("/work/shared/eval/dev")


def _one(text: str) -> tuple[str, str | None, str]:
    found = extract_titles(Sentence.of(text))
    assert len(found) == 1, found
    return found[0].kind, found[0].subtype, found[0].name


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("颁布《中华人民共和国律师法》", "law"),
        ("审议《民法典》", "law"),
        ("《中华人民共和国企业所得税法（草案）》提请审议", "law"),
        ("《中华人民共和国律师法（修正案）》", "law"),
        ("完成《甘肃省黄河流域生态保护和高质量发展条例》立法", "regulation"),
        ("制定《甘肃省政府立法程序规定》", "rules"),
        ("印发《实施细则》", "rules"),
        ("出台《甘肃省法治建设考评工作办法》", "measures"),
        ("出台《关于进一步推动经济运行回升向好的若干政策措施》", "measures"),
        ("出台《甘肃省优化法治化营商环境攻坚实施意见》", "opinions"),
        ("请与《甘肃省国民经济和社会发展第十五个五年规划纲要（草案）》一并审议", "plan"),
        ("《横琴粤澳深度合作区建设总体方案》", "plan"),
        ("《中国制造2025》", "plan"),
        ("印发《关于做好春节期间安全生产工作的通知》", "notice"),
        ("《关于严惩严重危害社会治安的犯罪分子的决定》", "other"),
        ("《中共甘肃省委关于制定国民经济和社会发展第十五个五年规划的建议》", "other"),
        ("《巴黎协定》", "other"),
    ],
)
def test_policy_kinds(text: str, subtype: str) -> None:
    assert _one(text)[:2] == ("policy", subtype)


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("《甘肃日报》刊发文章", "newspaper"),
        ("在《人民日报》发表", "newspaper"),
        ("甘肃卫视《法治伴你行》栏目全年播出230余期", "programme"),
        ("《法治伴你行》栏目全年播出", "programme"),
        ("电视剧《山海情》热播", "programme"),
        ("确定《红色法治文化与习近平法治思想的渊源传承——以南梁红色法治文化为例》等为年度重点课题", "research"),
        ("开展《乡村治理法治化路径研究》", "research"),
        ("出版《河西走廊通史》", "book"),
        ("《现代汉语词典》", "book"),
        ("电影《钢铁意志》等6部作品获奖", "other"),
        ("《我的阿勒泰》", "other"),
        ("学习《书法》", "other"),  # 法 at the end is not always a law
    ],
)
def test_work_kinds(text: str, subtype: str) -> None:
    assert _one(text)[:2] == ("work", subtype)


def test_nearest_cue_wins() -> None:
    found = extract_titles(Sentence.of("电影《长空之王》、电视剧《山海情》"))
    assert [(m.name, m.subtype) for m in found] == [("长空之王", "other"), ("山海情", "programme")]


def test_offsets_are_document_offsets_without_brackets() -> None:
    doc = "前文。出台《甘肃省税费征管保障办法》和《甘肃日报》。"
    start = doc.index("出台")
    sentence = Sentence(3, start, len(doc), doc[start:])
    found = extract_titles(sentence)
    assert [m.text for m in found] == ["甘肃省税费征管保障办法", "甘肃日报"]
    for m in found:
        assert doc[m.start : m.end] == m.text
        assert m.sentence == 3
        assert doc[m.start - 1] == "《" and doc[m.end] == "》"


def test_name_drops_spaces_but_text_is_exact() -> None:
    (m,) = extract_titles(Sentence.of("《 甘肃省 税费征管保障办法 》"))
    assert m.name == "甘肃省税费征管保障办法"
    assert m.text == "甘肃省 税费征管保障办法"
    assert m.kind == "policy" and m.subtype == "measures"


def test_nested_titles_give_outer_and_inner() -> None:
    found = extract_titles(Sentence.of("印发《关于贯彻〈中华人民共和国律师法〉的意见》"))
    got = {(m.name, m.kind, m.subtype) for m in found}
    assert ("关于贯彻〈中华人民共和国律师法〉的意见", "policy", "opinions") in got
    assert ("中华人民共和国律师法", "policy", "law") in got
    found = extract_titles(Sentence.of("《关于学习《民法典》的通知》"))
    assert {m.name for m in found} == {"关于学习《民法典》的通知", "民法典"}


@pytest.mark.parametrize(
    "text",
    ["《未闭合的标题", "》《", "《》", "〈律师法〉", "＜甲＞", "《a《b》", "a》b《c", "《 》", "《" * 50 + "》" * 3],
)
def test_unbalanced_or_empty_brackets_do_not_crash(text: str) -> None:
    found = extract_titles(Sentence.of(text))
    for m in found:
        assert text[m.start : m.end] == m.text and m.name


def test_unbalanced_inner_bracket_still_finds_closed_title() -> None:
    assert [m.name for m in extract_titles(Sentence.of("《a《b》"))] == ["b"]
    assert extract_titles(Sentence.of("〈律师法〉与＜条例＞")) == []  # not title marks on their own


def test_title_spans_depth() -> None:
    assert title_spans("《甲《乙》丙》") == [(1, 6, 0), (3, 4, 1)]


def test_classify_title_uses_context() -> None:
    assert classify_title("新闻联播", after="栏目") == ("work", "programme")
    assert classify_title("新闻联播", before="央视") == ("work", "programme")
    assert classify_title("新闻联播") == ("work", "other")


@given(st.text(alphabet="《》〈〉＜＞甲乙法条例办法报 　", max_size=40), st.integers(0, 10_000))
def test_any_brackets_offsets_hold(text: str, start: int) -> None:
    for m in extract_titles(Sentence.of(text, start=start)):
        assert text[m.start - start : m.end - start] == m.text
        assert m.kind in ("policy", "work") and m.name and " " not in m.name


def _gold_titles(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    return {p["title"]: p["kind"] for p in gold["policies"]}, {w["title"]: w["kind"] for w in gold["works"]}


def _found_titles(path: Path) -> tuple[dict[str, str | None], dict[str, str | None]]:
    from kg.ingest import read_document
    from kg.segment import segment

    policies: dict[str, str | None] = {}
    works: dict[str, str | None] = {}
    for sentence in segment(read_document(path)).sentences:
        for m in extract_titles(sentence):
            (policies if m.kind == "policy" else works)[m.name] = m.subtype
    return policies, works


@pytest.mark.skipif(not GOLD.exists(), reason="gold annotations not available")
@pytest.mark.parametrize(
    ("text", "gold"),
    [(SAMPLE, GOLD)]
    + [(p, p.with_name(p.name.replace(".txt", ".gold.json"))) for p in sorted(DEV.glob("*.txt"))],
    ids=lambda p: p.stem,
)
def test_titles_match_gold(text: Path, gold: Path) -> None:
    assert _found_titles(text) == _gold_titles(gold)
