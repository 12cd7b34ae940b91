"""Tests of kg.segment: sentences, sections, roles, and invariants on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import document_from_text
from kg.model import Document, Segmented
from kg.segment import segment, split_sentences


def _seg(text: str, **meta: str) -> Segmented:
    return segment(Document(id="t", text=text, **meta))


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, 0, len(text))]


# --- sentences -----------------------------------------------------------


def test_split_on_final_punctuation_keeping_semicolons() -> None:
    assert _texts("甲乙。丙丁！戊己？庚；辛。") == ["甲乙。", "丙丁！", "戊己？", "庚；辛。"]


def test_closing_quotes_and_brackets_stay_with_the_sentence() -> None:
    assert _texts("他说：“要干。”然后走了。（完。）再见") == ["他说：“要干。”", "然后走了。", "（完。）", "再见"]


def test_never_split_inside_titles_or_quotes() -> None:
    text = "出台《关于做好。工作的意见》。开展“大走访。大调研”活动。"
    assert _texts(text) == ["出台《关于做好。工作的意见》。", "开展“大走访。大调研”活动。"]


def test_unbalanced_quote_does_not_swallow_the_next_line() -> None:
    seg = _seg("开展“活动。没有闭合\n下一行。再一句。")
    assert [s.text for s in seg.sentences] == ["开展“活动。没有闭合", "下一行。", "再一句。"]


def test_sentences_split_at_line_breaks_and_trim_whitespace() -> None:
    seg = _seg("  第一行没有句号 \n\n\u3000\u3000第二行。  ")
    assert [(s.text, s.start) for s in seg.sentences] == [("第一行没有句号", 2), ("第二行。", 14)]


# --- sections ------------------------------------------------------------


REPORT = """各位代表：
现在，我代表省人民政府向大会报告工作。
一、2025年工作回顾
过去一年很不平凡。全省经济持续向好。
（一）经济增长迈出坚实步伐。抓好国家政策落实，梯次推出三批政策清单。
（二）加力扩内需稳增长
深化理论学习。研究制定学习方案，印发实施意见。
1.加强组织领导
二、2026年重点工作
“十五五”开局之年意义重大。
"""


def test_numbered_headings_levels_parents_and_inline_titles() -> None:
    seg = _seg(REPORT)
    got = [(s.number, s.title, s.level, s.parent) for s in seg.sections]
    assert got == [
        ("一、", "2025年工作回顾", 1, None),
        ("（一）", "经济增长迈出坚实步伐", 2, 0),
        ("（二）", "加力扩内需稳增长", 2, 0),
        ("1.", "加强组织领导", 3, 2),
        ("二、", "2026年重点工作", 1, None),
    ]
    one, two = seg.sections[0], seg.sections[4]
    assert one.end == two.start and two.end == len(REPORT)
    roles = {s.text: (s.role, s.section) for s in seg.sentences}
    assert roles["（一）经济增长迈出坚实步伐。"] == ("heading", 1)
    assert roles["抓好国家政策落实，梯次推出三批政策清单。"] == ("body", 1)
    assert roles["深化理论学习。"] == ("lead", 2)
    assert roles["过去一年很不平凡。"] == ("body", 0)  # an opening remark, not a sub-point
    assert roles["现在，我代表省人民政府向大会报告工作。"] == ("body", None)


def test_numbered_list_restarting_inside_a_section_is_not_a_heading() -> None:
    text = "一、总体要求\n正文。\n二、主要任务\n要做到：\n一、开垦荒地\n二、兴修水利\n三、保障措施\n正文。"
    titles = [s.title for s in _seg(text).sections]
    assert titles == ["总体要求", "主要任务", "保障措施"]


def test_blank_line_layout_headings_two_line_heading_and_captions() -> None:
    body = "省司法厅坚持把学习贯彻作为重大政治任务，在深化内化转化上下功夫，取得明显成效。"
    text = (
        f"{body}\n\n\n深入学习贯彻研究阐释习近平法治思想\n\n\n深化理论学习。{body}\n\n\n"
        f"深化理论研究。{body}\n\n\n\n省司法厅举行纪念章颁发仪式。\n\n\n合力打造法治化营商环境\n\n"
        f"护航全省经济高质量发展\n\n\n{body}\n\n\n\n张掖市山丹县行政复议员同企业家座谈\n\n\n"
        f"持续巩固提升行政复议体制改革成果\n\n\n突出复议便民导向。{body}"
    )
    seg = _seg(text)
    assert [s.title for s in seg.sections] == [
        "深入学习贯彻研究阐释习近平法治思想",
        "合力打造法治化营商环境 护航全省经济高质量发展",
        "持续巩固提升行政复议体制改革成果",
    ]
    by_role: dict[str, list[str]] = {}
    for s in seg.sentences:
        by_role.setdefault(s.role, []).append(s.text)
    assert by_role["caption"] == ["省司法厅举行纪念章颁发仪式。", "张掖市山丹县行政复议员同企业家座谈"]
    assert by_role["lead"] == ["深化理论学习。", "深化理论研究。", "突出复议便民导向。"]
    assert "护航全省经济高质量发展" in by_role["heading"]


def test_title_and_metadata_lines_have_role_title() -> None:
    raw = (
        "下载\n打印\n2026年甘肃省政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n"
        "来源：甘肃日报\n时间：2026-02-10\n甘肃省省长 任振鹤\n任振鹤作政府工作报告。本报记者 盛学卿 摄\n各位代表：\n"
        "“十四五”时期工作回顾\n" + "全省经济持续向好，发展质量稳步提升，人民生活持续改善。" * 3 + "\n"
    )
    doc = document_from_text(raw)
    seg = segment(doc)
    roles = [(s.text, s.role) for s in seg.sentences]
    assert roles[:5] == [
        ("2026年甘肃省政府工作报告", "title"),
        ("——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", "title"),
        ("来源：甘肃日报", "title"),
        ("时间：2026-02-10", "title"),
        ("甘肃省省长 任振鹤", "title"),
    ]
    assert roles[5][1] == roles[6][1] == "caption"
    assert [s.title for s in seg.sections] == ["“十四五”时期工作回顾"]


def test_short_line_with_comma_is_not_a_heading() -> None:
    text = "这五年，我们坚定不移推动高质量发展\n正文很长很长很长很长很长很长很长很长很长很长。"
    assert _seg(text).sections == ()


def test_empty_and_blank_documents() -> None:
    assert _seg("").sentences == () and _seg("").sections == ()
    assert _seg("\n\n \u3000\n").sentences == ()


# --- invariants on arbitrary text ------------------------------------------

_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、.．1234567890。！？；：，“”《》「」『』 \n\n\n\u3000\t")
    + list("深化理论学习来源时间编辑各位代表省司法厅——")
)
_TEXT = st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=400))


def _check(seg: Segmented) -> None:
    text = seg.document.text
    last = 0
    for i, s in enumerate(seg.sentences):
        assert s.index == i
        assert text[s.start : s.end] == s.text and s.text
        assert last <= s.start < s.end
        last = s.end
        assert s.role in ("body", "lead", "heading", "caption", "title")
        if s.section is not None:
            sec = seg.sections[s.section]
            assert sec.start <= s.start and s.end <= sec.end
    for k, sec in enumerate(seg.sections):
        assert sec.index == k and 0 <= sec.start < sec.end <= len(text)
        if sec.parent is not None:
            p = seg.sections[sec.parent]
            assert p.index < k and p.start < sec.start and sec.end <= p.end and p.level < sec.level
        if k:
            prev = seg.sections[k - 1]
            assert prev.start < sec.start
            assert prev.end <= sec.start or sec.end <= prev.end  # nested or disjoint


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.one_of(st.none(), _TEXT))
def test_segment_invariants_on_any_string(text: str, title: str | None) -> None:
    _check(segment(Document(id="x", text=text, title=title, subtitle=title)))


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_ingest_then_segment_never_raises_unexpectedly(text: str) -> None:
    from kg.errors import InputError

    try:
        doc = document_from_text(text)
    except InputError:
        return
    assert doc.text == doc.text.strip("\n") and "\r" not in doc.text
    _check(segment(doc))


def test_short_line_under_the_title_block_is_a_caption_not_a_heading() -> None:
    raw = "陕西省2026年政府工作报告\n时间：2026-02-02 09:20\n来源：陕西省人民政府\n省长赵刚作政府工作报告\n各位代表：\n正文。\n"
    seg = segment(document_from_text(raw))
    assert seg.sections == ()
    assert [s.role for s in seg.sentences][:4] == ["title", "title", "title", "caption"]


def test_a_body_line_gives_its_later_sentences_the_body_role() -> None:
    seg = _seg("一、工作回顾\n\n深化理论学习。组织专题学习会议。开展专题研讨活动。\n\n过去一年很不平凡。我们迎难而上。")
    roles = [(s.text, s.role) for s in seg.sentences]
    assert roles == [
        ("一、工作回顾", "heading"),
        ("深化理论学习。", "lead"),
        ("组织专题学习会议。", "body"),
        ("开展专题研讨活动。", "body"),
        ("过去一年很不平凡。", "body"),
        ("我们迎难而上。", "body"),
    ]
