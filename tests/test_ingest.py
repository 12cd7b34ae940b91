"""Unit tests of kg.ingest: inputs, ids, encodings, cleaning, boilerplate, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import doc_id, document_from_text, iter_inputs, read_document
from kg.ingest.boilerplate import is_boilerplate_line, strip_boilerplate
from kg.ingest.clean import join_soft_breaks, normalise
from kg.ingest.encoding import decode, declared_charset
from kg.ingest.html import html_to_text
from kg.ingest.markdown import markdown_to_text
from kg.ingest.metadata import parse_metadata

REPORT = "2026年甘肃省政府工作报告\n来源：甘肃日报\n时间：2026-02-10\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n"


def _write(p: Path, data: bytes | str) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    return p


# --- iter_inputs -----------------------------------------------------------


def test_iter_inputs_walks_directories_sorted_and_skips_other_types(tmp_path: Path) -> None:
    _write(tmp_path / "b" / "z.txt", REPORT)
    _write(tmp_path / "b" / "a.md", REPORT)
    _write(tmp_path / "a.html", "<p>x</p>")
    _write(tmp_path / "notes.pdf", b"%PDF-")
    _write(tmp_path / ".hidden.txt", REPORT)
    got = iter_inputs([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in got] == ["a.html", "b/a.md", "b/z.txt"]


def test_iter_inputs_skips_a_folders_own_documentation_unless_named(tmp_path: Path) -> None:
    """Bug: `kg build data/corpus data/reports` read data/reports/SOURCES.md as an 85th report."""
    (tmp_path / "SOURCES.md").write_text("# Sources\n", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("about this folder\n", encoding="utf-8")
    (tmp_path / "report.md").write_text("# 报告\n", encoding="utf-8")
    assert iter_inputs([tmp_path]) == [tmp_path / "report.md"]
    assert iter_inputs([tmp_path / "SOURCES.md"]) == [tmp_path / "SOURCES.md"]  # named: read


def test_iter_inputs_keeps_argument_order_and_deduplicates(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", REPORT)
    b = _write(tmp_path / "b.TXT", REPORT)
    assert iter_inputs([b, a, tmp_path]) == [b, a]


def test_iter_inputs_missing_path_and_explicit_unsupported_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        iter_inputs([tmp_path / "missing.txt"])
    pdf = _write(tmp_path / "x.pdf", b"%PDF-")
    with pytest.raises(InputError, match="unsupported file type '.pdf'") as exc:
        iter_inputs([pdf])
    assert exc.value.path == str(pdf)


# --- ids and documents -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gansu-2023-rule-of-law-highlights.txt", "gansu-2023-rule-of-law-highlights"),
        ("2026年 甘肃省(政府)工作报告.txt", "2026年-甘肃省-政府-工作报告"),
        ("a b/c.d.txt", "c-d"),
        ("...txt", "document"),
        ("under_score.md", "under_score"),
    ],
)
def test_doc_id_is_safe(name: str, expected: str) -> None:
    assert doc_id(name) == expected


def test_read_document_fields(tmp_path: Path) -> None:
    p = _write(tmp_path / "甘肃 2026.txt", REPORT)
    d = read_document(str(p))
    assert d.id == "甘肃-2026"
    assert d.path == str(p)
    assert d.media_type == "text/plain"
    assert d.encoding == "utf-8"
    assert len(d.sha256) == 64 and d.sha256 == __import__("hashlib").sha256(p.read_bytes()).hexdigest()
    assert (d.title, d.source, d.published) == ("2026年甘肃省政府工作报告", "甘肃日报", "2026-02-10")
    assert "来源：甘肃日报" in d.text  # metadata lines stay in the text


def test_read_document_size_limit_is_configurable(tmp_path: Path) -> None:
    p = _write(tmp_path / "big.txt", REPORT * 10)
    with pytest.raises(InputError, match="too large"):
        read_document(p, max_bytes=100)
    assert read_document(p, max_bytes=10_000).text


def test_read_document_refuses_a_pipe(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(fifo)


def test_read_document_directory_and_missing(tmp_path: Path) -> None:
    d = tmp_path / "dir.txt"
    d.mkdir()
    with pytest.raises(InputError, match="directory"):
        read_document(d)
    with pytest.raises(InputError, match="no such file|cannot read"):
        read_document(tmp_path / "nope.txt")


# --- encodings ---------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "gbk", "utf-16-le", "utf-16-be"])
def test_decode_without_being_told(codec: str) -> None:
    raw = REPORT.encode(codec)
    got = decode(raw, "x")
    assert got.text == REPORT
    assert got.encoding in {codec, "gb18030"}


def test_decode_utf16_without_nul_bytes() -> None:
    text = "政府工作报告全省经济持续向好" * 5  # no ASCII at all: no NUL byte to go by
    assert decode(text.encode("utf-16-le"), "x").text == text


def test_decode_truncated_final_sequence_keeps_the_rest(caplog: pytest.LogCaptureFixture) -> None:
    raw = "报告全文".encode() + "增".encode()[:2]
    got = decode(raw, "cut.txt")
    assert (got.text, got.truncated) == ("报告全文", True)
    assert "incomplete" in caplog.text


def test_decode_declared_charset_is_a_hint() -> None:
    assert declared_charset(b'<meta charset="GB2312">') == "gb18030"
    assert declared_charset(b'<meta http-equiv="content-type" content="text/html; charset=utf-8">') == "utf-8"
    assert declared_charset(b"<meta charset=bogus-codec>") is None
    # a wrong declaration does not win over bytes that are valid UTF-8
    assert decode("中文".encode(), "x", hint="gb18030").text == "中文"


# --- cleaning ---------------------------------------------------------------


def test_normalise_newlines_controls_zero_width_and_nfc() -> None:
    raw = "a\r\nb\rc\u2028d\x0ce\u200bf\x07g  \nｈ１２３，\u0065\u0301\t"
    assert normalise(raw) == "a\nb\nc\nd\nef" + "g\nｈ１２３，\u00e9\t".rstrip("\t")


def test_line_of_only_zero_width_space_is_dropped_not_blank() -> None:
    d = document_from_text("第一段第一行\n\n第一段续行74.4\n\u200b\n万亿元\n\n第二段\n\n第三段\n\n第四段")
    assert "74.4万亿元" in d.text


def test_soft_breaks_join_only_in_blank_line_paragraph_layout() -> None:
    wiki = ["甲根据《", "著作权法", "》规定", "", "乙段", "", "丙段", "", "丁段", "", "戊段"]
    assert join_soft_breaks(wiki)[0] == "甲根据《著作权法》规定"
    one_per_line = ["甲段。", "乙段。", "丙段。"]
    assert join_soft_breaks(one_per_line) == one_per_line


def test_blank_line_runs_are_capped_and_offsets_are_into_the_cleaned_text() -> None:
    d = document_from_text("标题\n\n\n\n\n\n\n正文第一段。\n\n正文第二段。\n\n第三段。\n\n第四段。")
    assert "\n" * 5 not in d.text
    assert d.text.startswith("标题\n\n\n\n正文")


# --- boilerplate -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "欢迎访问甘肃政法网 今天是 2024年11月24日 星期日",
        "字号:A A\u00a0\u00a0 颜色:",
        "下载",
        "加大",
        "分享到微信",
        "当前位置：首页 > 政务信息 > 宁夏要闻",
        "扫一扫在手机打开当前页",
        "》》点击图片进入专题《《",
        "|",
        "阅读量：",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", ["来源：甘肃日报", "深化理论学习。", "2026年重点工作", "各位代表：", "分享发展成果", "加大民生投入"])
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_breadcrumb_chain_font_block_and_footer() -> None:
    body = ["正文" * 40] * 6
    lines = ["当前位置：", "首页", ">", "政务信息", ">", "宁夏要闻", "宁夏要闻", "【字体：", "小", "中", "大", "】",
             "2026年宁夏回族自治区政府工作报告", *body, "相关报道：", "某某新闻标题"]
    kept, removed = strip_boilerplate(lines)
    assert kept[0] == "2026年宁夏回族自治区政府工作报告"
    assert kept[-1] == body[-1]
    assert removed[:7] == ["当前位置：", "首页", ">", "政务信息", ">", "宁夏要闻", "宁夏要闻"]
    assert removed[-2:] == ["相关报道：", "某某新闻标题"]


def test_wikisource_licence_box_is_removed() -> None:
    body = "\n\n".join(["报告正文段落。" * 8] * 10)
    box = "\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，属于\n公有领域\n。\n\n\nPublic domain\nPublic domain\nfalse\nfalse"
    d = document_from_text(body + box)
    assert "公有领域" not in d.text and "false" not in d.text
    assert "本作品是中华人民共和国的" in d.boilerplate and "false" in d.boilerplate


# --- HTML and Markdown -----------------------------------------------------


def test_html_to_text_blocks_entities_and_dropped_elements() -> None:
    html = (
        "<html><head><title>页面 标题</title><style>p{}</style></head><body><nav>首页 &gt; 要闻</nav>"
        "<h1>2026年报告</h1><p>各位代表：<br>现在，我&amp;你。</p><p>全省\n经济</p><script>x()</script>"
        "<table><tr><td>甲</td><td>乙</td></tr></table></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "页面 标题"
    assert text.split("\n") == ["2026年报告", "各位代表：", "现在，我&你。", "全省经济", "甲  乙"]


def test_html_deeply_nested_does_not_recurse() -> None:
    html = "<div>" * 50_000 + "深层正文内容。" + "</div>" * 50_000
    assert document_from_text(html, media_type="text/html").text == "深层正文内容。"


def test_markdown_reduced_to_text() -> None:
    md = "# 一、工作回顾\n\n**深化理论学习。**研究[方案](http://x)，\n印发《*办法*》。\n\n- 项目`一`\n* 项目二\n\n标题二\n===\n"
    assert markdown_to_text(md).split("\n") == ["一、工作回顾", "深化理论学习。研究方案，印发《办法》。", "项目一", "项目二", "标题二"]


# --- metadata ----------------------------------------------------------------


def test_metadata_of_a_provincial_page() -> None:
    text = (
        "2026年甘肃省政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n"
        "来源：甘肃日报\n时间：2026-02-10\n甘肃省省长 任振鹤\n各位代表：\n" + "正文。" * 30
    )
    m = parse_metadata(text)
    assert m.title == "2026年甘肃省政府工作报告"
    assert m.subtitle == "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上"
    assert (m.source, m.published, m.author, m.editor) == ("甘肃日报", "2026-02-10", "甘肃省省长 任振鹤", None)


def test_metadata_of_one_line_source_editor_date() -> None:
    m = parse_metadata("十大亮点\n\n来源:甘肃政法网 责任编辑:张曦云 发布时间:2024-01-31\n\n" + "正文。" * 30)
    assert (m.title, m.source, m.editor, m.published) == ("十大亮点", "甘肃政法网", "张曦云", "2024-01-31")


def test_metadata_subtitle_with_speaker_and_split_label_lines() -> None:
    d = document_from_text(
        "陕西省2026年政府工作报告\n2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚\n"
        "时间：\n2026-02-02 09:20\n来源：\n陕西省人民政府\n各位代表：\n" + "正文。" * 30
    )
    assert d.subtitle == "2026年1月27日在陕西省第十四届人民代表大会第四次会议上"
    assert (d.author, d.published, d.source) == ("陕西省省长 赵刚", "2026-02-02", "陕西省人民政府")


def test_published_is_only_the_publication_line() -> None:
    m = parse_metadata("政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n各位代表：\n正文")
    assert m.published is None
    assert m.title == "政府工作报告"


def test_single_byte_declaration_does_not_beat_gbk_bytes() -> None:
    raw = REPORT.encode("gbk")
    assert decode(raw, "x", hint="cp1252").encoding == "gb18030"
    assert decode("Café".encode("cp1252"), "x", hint="cp1252").text == "Café"


@pytest.mark.parametrize("codec", ["gbk", "utf-16-le", "utf-16-be"])
def test_decode_traditional_text_and_nul_bytes_on_both_sides(codec: str) -> None:
    # 1954's report is in traditional characters; 一 is 00 4E in UTF-16-LE, A is 41 00
    text = "我們第一届全國人民代表大會第一次會議，一致通過了A憲法。\n" * 3
    got = decode(text.encode(codec), "x")
    assert got.text == text and got.encoding == ("gb18030" if codec == "gbk" else codec)


def test_torn_punctuation_is_joined_in_one_line_per_paragraph_layout() -> None:
    d = document_from_text("（二）产业发展提质增效。\n（\n三）改革开放持续深化。\n“科技成果”揭榜\n。\n下一段。")
    assert d.text.split("\n") == ["（二）产业发展提质增效。", "（三）改革开放持续深化。", "“科技成果”揭榜。", "下一段。"]


def test_lines_of_furniture_symbols_only_are_boilerplate() -> None:
    assert is_boilerplate_line(">> | ")
    assert is_boilerplate_line("【 × 】")
    assert not is_boilerplate_line("》、《")  # CJK punctuation: part of a sentence
    assert not is_boilerplate_line("> 甘肃")  # a symbol before a word is no furniture line
