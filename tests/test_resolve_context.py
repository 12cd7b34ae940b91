"""Document context: province, publisher and year."""

from __future__ import annotations

from kg.model import Document
from kg.resolve.context import document_context


def test_province_from_the_source() -> None:
    doc = Document(id="x", text="全省法治建设……", title="2023年全省法治建设和司法行政工作十大亮点",
                   source="甘肃政法网", published="2024-01-31")
    ctx = document_context(doc)
    assert ctx.province is not None and ctx.province.full == "甘肃省"
    assert (ctx.publisher, ctx.year) == ("甘肃政法网", "2023")


def test_province_from_the_title_and_work_report_publisher() -> None:
    doc = Document(id="g", text="各位代表：……", title="2026年广东省政府工作报告", author="广东省省长 孟凡利")
    ctx = document_context(doc)
    assert ctx.province is not None and ctx.province.short == "广东"
    assert (ctx.publisher, ctx.year) == ("广东省人民政府", "2026")


def test_national_report_has_no_province() -> None:
    doc = Document(id="2023", text="各位代表：现在，我代表国务院，向大会报告工作。甘肃、甘肃、甘肃",
                   title="政府工作报告", subtitle="——2023年3月5日在第十四届全国人民代表大会第一次会议上",
                   author="国务院总理\u3000李克强")
    ctx = document_context(doc)
    assert ctx.province is None and ctx.national
    assert ctx.year == "2023"


def test_province_from_the_text_when_metadata_is_missing() -> None:
    text = "我代表省人民政府，向大会报告工作。甘肃发展……全省……我省……甘肃……省委……甘肃"
    ctx = document_context(Document(id="excerpt", text=text))
    assert ctx.province is not None and ctx.province.short == "甘肃"
    assert ctx.publisher == "省人民政府"


def test_city_report_has_a_locality_and_its_province() -> None:
    doc = Document(id="lz", text="2023年，市司法局……", title="兰州市司法局2023年工作总结", source="兰州市司法局")
    ctx = document_context(doc)
    assert ctx.locality is not None and ctx.locality.full == "兰州市"
    assert ctx.province is not None and ctx.province.full == "甘肃省"
    assert ctx.publisher == "兰州市司法局"


def test_reporter_of_work_reports() -> None:
    text = "各位代表：现在，我代表省人民政府，向大会报告工作。"
    assert document_context(Document(id="s", text=text, title="2026年四川省政府工作报告",
                                     source="四川日报")).reporter == "省人民政府"
    doc = Document(id="g", text="各位代表：……", title="政府工作报告", source="甘肃日报", author="甘肃省省长 任振鹤")
    ctx = document_context(doc)
    assert (ctx.publisher, ctx.reporter) == ("甘肃日报", "甘肃省人民政府")
    doc = Document(id="n", text="各位代表：……", title="政府工作报告", author="国务院总理\u3000李克强")
    assert document_context(doc).reporter == "中华人民共和国国务院"
    doc = Document(id="m", text="全省法治建设……", title="2023年全省法治建设十大亮点", source="甘肃政法网")
    assert document_context(doc).reporter is None  # found in the text by resolution, if at all
