"""Hostile inputs (tests/hostile/): each gives a Document or a one-line InputError naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_inputs, read_document
from kg.segment import segment

HOSTILE = Path(__file__).parent / "hostile"

#: file → (encoding, media type) of the Document it must give
GOOD = {
    "gbk-mislabelled.txt": ("gb18030", "text/plain"),
    "utf16le-no-bom.txt": ("utf-16-le", "text/plain"),
    "utf16be-bom.txt": ("utf-16-be", "text/plain"),
    "utf8-bom-crlf.txt": ("utf-8", "text/plain"),
    "truncated-utf8.txt": ("utf-8", "text/plain"),
    "meta-gbk.html": ("gb18030", "text/html"),
    "report.md": ("utf-8", "text/markdown"),
}

#: file → words the error message must contain
BAD = {
    "pdf-renamed.txt": "PDF",
    "empty.txt": "empty",
    "whitespace-only.txt": "empty",
    "all-script.html": "empty",
    "nul-bytes.txt": "binary",
    "latin1-garbage.txt": "undecodable",
}


def test_every_fixture_is_covered() -> None:
    assert {p.name for p in HOSTILE.iterdir()} == set(GOOD) | set(BAD)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_hostile_file_gives_a_document(name: str) -> None:
    d = read_document(HOSTILE / name)
    assert (d.encoding, d.media_type) == GOOD[name]
    assert d.title == "2026年甘肃省政府工作报告"
    assert d.source == "甘肃日报"
    assert "\r" not in d.text and "\ufeff" not in d.text
    seg = segment(d)
    assert all(d.text[s.start : s.end] == s.text for s in seg.sentences)


def test_truncated_sequence_keeps_what_decodes() -> None:
    d = read_document(HOSTILE / "truncated-utf8.txt")
    assert d.text.endswith("增")  # 增 is whole; the cut 长 is dropped


def test_gbk_html_page_drops_nav_and_script_and_unescapes() -> None:
    d = read_document(HOSTILE / "meta-gbk.html")
    assert "首页" not in d.text and "alert" not in d.text
    assert "5.8%&以上" in d.text
    assert d.published == "2026-02-10"


@pytest.mark.parametrize("name", sorted(BAD))
def test_hostile_file_gives_a_one_line_input_error(name: str) -> None:
    path = HOSTILE / name
    with pytest.raises(InputError) as exc:
        read_document(path)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert BAD[name].lower() in message.lower()


def test_unsupported_type_named_explicitly(tmp_path: Path) -> None:
    p = tmp_path / "report.docx"
    p.write_bytes(b"PK\x03\x04")
    for call in (lambda: read_document(p), lambda: iter_inputs([p])):
        with pytest.raises(InputError, match="unsupported file type"):
            call()


def test_deeply_nested_html_file(tmp_path: Path) -> None:
    p = tmp_path / "nested.html"
    p.write_text("<div><span>" * 30_000 + "来源：某网<br>正文内容。" + "</span></div>" * 30_000, encoding="utf-8")
    d = read_document(p)
    assert d.text == "来源：某网\n正文内容。"
    assert d.source == "某网"


def test_unclosed_tags_and_bad_entities_do_not_crash(tmp_path: Path) -> None:
    p = tmp_path / "broken.htm"
    p.write_text("<p>甲&bogus;乙<p>丙<div><b>丁&#xFFFFFFF;</i>戊<!-- 未闭合注释", encoding="utf-8")
    d = read_document(p)
    assert "甲" in d.text and "戊" in d.text


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    p = tmp_path / "secret.txt"
    p.write_text("正文", encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read anything")
        with pytest.raises(InputError, match="cannot read"):
            read_document(p)
    finally:
        p.chmod(0o644)
