"""Metadata from the head (and tail) of a cleaned report.

The lines stay in ``Document.text`` (segment gives them role ``title``):
the extractors need them (责任编辑:张曦云 is a person with a post). This
module only reads them into :class:`~kg.model.Document` fields:

- ``title``: the first title-like line of the head (not metadata, not a
  photo credit, no sentence punctuation): 2026年甘肃省政府工作报告;
- ``subtitle``: ——二〇二六年一月二十七日在…会议上 (a dash line, or a
  date-在-会议上 line), without a speaker written on the same line;
- ``source`` (来源), ``editor`` (责任编辑 / 编辑);
- ``published``: ISO date of the publication line only (发布时间/时间/发表时间,
  or a bare 2026-01-31 07:00:44 line in the head), never a date in the text;
- ``author``: the speaker line, 甘肃省省长 任振鹤 / 国务院总理　李克强.

The head is everything before the first body line (a line of 60 characters
or more, or 各位代表…), at most :data:`HEAD_LINES` non-blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Metadata",
    "HEAD_LINES",
    "parse_metadata",
    "is_metadata_line",
    "is_photo_credit",
    "is_subtitle_line",
    "head_end",
    "iso_date",
]

HEAD_LINES = 30

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_SOURCE = re.compile(r"来\s*源\s*[:：]\s*([^\s)）】\]]+)")
_EDITOR = re.compile(r"(?:责任编辑|编辑)\s*[:：]\s*([^\s)）】\]]+)")
_PUBLISHED = re.compile(r"(?:发布时间|发表时间|发布日期|时间|日期)\s*[:：]\s*" + _DATE)
_LABELLED = re.compile(
    r"^[（(【\[]?\s*(?:来\s*源|责任编辑|编辑|发布时间|发表时间|发布日期|时间|日期|作者)\s*[:：]"
)
_BARE_DATE = re.compile(
    r"^" + _DATE + r"(?:\s*\d{1,2}\s*[:时]\s*\d{1,2}\s*(?:[:分]\s*(?:\d{1,2}\s*秒?)?)?)?$"
)
_SUBTITLE = re.compile(
    r"^(?:(?:——|――|—|--)\s*\S.*"
    r"|[（(]?(?:\d{4}|[〇零一二三四五六七八九]{4})年.{1,8}日在.{2,60}?[会會][议議]上[）)]?(?:\s.*)?)$"
)
_SUBTITLE_TAIL = re.compile(r"^(.*?[会會][议議]上[）)]?)\s+(\S.*)$")
_POSTS = r"(?:总理|副总理|省长|代省长|市长|代市长|主席|区长|州长|县长|书记|部长|厅长|局长|主任)"
_NAME = (
    r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff][\s\u3000]+[\u4e00-\u9fff]{1,2}"
    r"|[\u4e00-\u9fff]{1,6}(?:[·•．][\u4e00-\u9fff]{1,8})+)"
)
_AUTHOR = re.compile(r"^(?:\S{0,20}?" + _POSTS + r")[\s\u3000]*" + _NAME + "$")
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_PHOTO = re.compile(r"(?:记者|摄影|通讯员|供图|图/|图：|图为).{0,20}摄?$|\s摄$|[\u4e00-\u9fff]摄$")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;：:，,]")
_BODY = re.compile(r"^各位代表")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about the report (all optional)."""

    title: str | None = None
    subtitle: str | None = None
    source: str | None = None
    editor: str | None = None
    published: str | None = None
    author: str | None = None


def iso_date(y: str, m: str, d: str) -> str | None:
    """``2024-01-31`` from its parts, or ``None`` if not a plausible date."""
    yi, mi, di = int(y), int(m), int(d)
    if not (1900 <= yi <= 2200 and 1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def is_metadata_line(line: str) -> bool:
    """A 来源/责任编辑/发布时间 line, or a bare publication date-time line."""
    s = line.strip()
    return bool(s) and len(s) <= 80 and bool(_LABELLED.match(s) or _BARE_DATE.match(s))


def is_photo_credit(line: str) -> bool:
    """A photo caption with its credit: 省长…作政府工作报告。本报记者 朱江 摄."""
    s = line.strip()
    return len(s) <= 80 and bool(_PHOTO.search(s))


def is_subtitle_line(line: str) -> bool:
    """——2026年1月27日在…会议上, （2026年1月27日在…会议上）, ——2023年…十大亮点."""
    s = line.strip()
    return 4 <= len(s) <= 100 and bool(_SUBTITLE.match(s)) and "。" not in s


def head_end(lines: list[str]) -> int:
    """Index of the first body line (at most :data:`HEAD_LINES` non-blank lines in)."""
    seen = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if len(s) >= 60 or _BODY.match(s) or seen > HEAD_LINES:
            return i
    return len(lines)


def _title_like(s: str) -> bool:
    return (
        2 <= len(s) <= 60
        and not _SENTENCE_PUNCT.search(s)
        and not is_metadata_line(s)
        and not is_photo_credit(s)
        and not is_subtitle_line(s)
        and not _AUTHOR.match(s)
    )


def parse_metadata(text: str, html_title: str | None = None) -> Metadata:
    """Read the metadata fields from cleaned text (see the module docstring)."""
    lines = text.split("\n")
    end = head_end(lines)
    head = [s for s in (line.strip() for line in lines[:end]) if s]
    tail = [s for s in (line.strip() for line in lines[-12:]) if s]
    title = subtitle = source = editor = published = author = None
    for s in head:
        if title is None and _title_like(s):
            title = s
        elif subtitle is None and is_subtitle_line(s):
            m = _SUBTITLE_TAIL.match(s)
            if m and _AUTHOR.match(m.group(2)):
                subtitle, author = m.group(1), author or m.group(2)
            else:
                subtitle = s
        elif author is None and _AUTHOR.match(s) and not is_photo_credit(s):
            author = s
        if is_metadata_line(s) and published is None:
            m = _PUBLISHED.search(s) or _BARE_DATE.match(s)
            if m:
                published = iso_date(*m.groups()[:3])
    for s in head + tail:
        if source is None and (m := _SOURCE.search(s)) and is_metadata_line(s):
            source = m.group(1)
        if editor is None and (m := _EDITOR.search(s)) and is_metadata_line(s) or (
            editor is None and (m := _EDITOR.search(s)) and "来源" in s and len(s) <= 80
        ):
            editor = m.group(1)
    if author is None and title is not None:
        after_title = head[head.index(title) + 1 :]
        for s in after_title:
            if _BARE_NAME.match(s) and s != title:
                author = s
                break
    if title is None and html_title:
        title = html_title.strip() or None
    return Metadata(title, subtitle, source, editor, published, author)
