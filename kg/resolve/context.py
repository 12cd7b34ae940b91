"""A document's context: the province it is about, its publisher and its year.

What turns 省司法厅 into 甘肃省司法厅. The province comes from the title, the
source, the author line and the subtitle (甘肃政法网, 2026年甘肃省政府工作报告,
甘肃省省长 任振鹤), else from the province the text names most when it also
speaks as a province (全省, 我省, 省委); a national report (国务院总理, 全国人民
代表大会 in its header) has none. The publisher is the source when that names a
body (甘肃政法网, 甘肃日报), else the government that gives a work report.
The reporter is the agency whose work the report tells, the subject its
sentences leave out: the government that gives a work report (我代表省人民政府,
甘肃省省长 → 甘肃省人民政府, 国务院总理 → 国务院); for other reports resolution
looks for it in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from functools import cache

from ..extract.agency_lexicon import Province, locality, province_of, provinces
from ..extract.wordmatch import WordMatcher
from ..lexicon import load_table
from ..model import Document

__all__ = ["Context", "document_context"]

_HEAD_CHARS = 600  #: how much of the text stands in for missing metadata
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_ISO_YEAR = re.compile(r"^((?:19|20)\d{2})")
_SOURCE = re.compile(r"来源[:：]\s*([^\s|｜]{2,20})")
_NATIONAL = re.compile(r"国务院总理|全国人民代表大会|全国人大")
_SPEAKER = re.compile(r"我代表((?:[^，,。\s]{0,8})?(?:人民政府|国务院))")
_REPORTING = re.compile(r"我代表((?:[^，,。\s]{0,8})?(?:人民政府|国务院|省政府|市政府))")
#: The head of a government, as the author line gives the speaker (甘肃省省长 任振鹤).
_HEAD_OF_GOVERNMENT = re.compile(r"(?:省长|市长|主席)(?:\s|$)")
_MEDIA_TAIL = re.compile(r"(?:网|日报|晚报|报社|卫视|电视台|广播电台|杂志社|客户端|新闻)$")
_SELF = {
    "省": re.compile(r"全省|我省|本省|省委|省政府|省人民政府"),
    "市": re.compile(r"全市|我市|本市|市委|市政府|市人民政府"),
    "自治区": re.compile(r"全区|我区|自治区"),
}


@dataclass(frozen=True, slots=True)
class Context:
    """What resolution needs to know about one document."""

    province: Province | None  #: the province the report is about, None for national
    publisher: str | None  #: surface name of the publishing body (甘肃政法网, 甘肃省人民政府)
    year: str | None  #: reference year (2023 for 2023年…十大亮点 published in 2024)
    national: bool = False  #: a national report (国务院 / 全国人大 in its header)
    locality: Province | None = None  #: the city or county a local report is about (兰州市司法局)
    reporter: str | None = None  #: surface name of the reporting government, where the header says it


@cache
def _locality_regex() -> WordMatcher:
    """Prefecture and county names, longest first (a matcher: a regex of 3,000 names took 30 ms to build)."""
    return WordMatcher(r["name"] for r in load_table("divisions") if r["level"] in ("prefecture", "county"))


def _find_locality(texts: tuple[str, ...]) -> Province | None:
    """A city or county the header names as the report's own (兰州市司法局, 榆中县人民政府)."""
    for text in texts:
        for p in provinces():  # 天津市市长 holds 津市市 (a county in Hunan): province names first
            text = text.replace(p.full, "\u3000" * len(p.full))
        for m in _locality_regex().finditer(text):
            found = locality(m.group())
            if found is not None:
                return found
    return None


def _find_province(text: str) -> Province | None:
    """The first province named in ``text`` (longest names first: 内蒙古 before 蒙古)."""
    best: tuple[int, int, Province] | None = None
    for p in provinces():
        i = text.find(p.short)
        if i >= 0 and (best is None or (i, -len(p.short)) < (best[0], best[1])):
            best = (i, -len(p.short), p)
    return best[2] if best else None


def _by_frequency(text: str) -> Province | None:
    """The province the text names most, when it also speaks as that province."""
    counts = Counter({p: text.count(p.short) for p in provinces()})
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return None
    top, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * 2 > n:
        return None
    if len(_SELF[top.level].findall(text)) < 3:
        return None
    return top


def _by_id(doc_id: str) -> Province | None:
    """A province named by the file's id (gansu-gwr-2026 → 甘肃), for the corpus layout."""
    token = re.split(r"[-_.\s]", doc_id.lower())[0]
    for p in provinces():
        if token == p.pinyin:
            return p
    return None


def _header(doc: Document) -> tuple[str, str, str, str]:
    """(title, subtitle, source, author), from the metadata or the text's first lines."""
    head = doc.text[:_HEAD_CHARS]
    title = doc.title or ""
    if not title:
        for line in head.splitlines():
            line = line.strip()
            if 6 <= len(line) <= 60 and not re.search(r"欢迎|今天是|来源|字号|时间", line):
                title = line
                break
    source = doc.source or ""
    if not source:
        m = _SOURCE.search(head)
        source = m.group(1) if m else ""
    return title, doc.subtitle or "", source, doc.author or ""


def _year(doc: Document, title: str, subtitle: str) -> str | None:
    for text in (title, subtitle):
        m = _YEAR.search(text)
        if m:
            return m.group(1)
    if doc.published:
        m = _ISO_YEAR.match(doc.published)
        if m:
            return m.group(1)
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", doc.id)
    if m:
        return m.group(1)  # national/2023.txt, gansu-gwr-2026-excerpt
    m = _YEAR.search(doc.text[:_HEAD_CHARS])
    return m.group(1) if m else None


def document_context(doc: Document) -> Context:
    """Province, publisher and year of ``doc``."""
    title, subtitle, source, author = _header(doc)
    head = doc.text[:_HEAD_CHARS]
    province = None
    local = _find_locality((title, source, author))
    for text in (title, source, author, subtitle):
        province = _find_province(text)
        if province:
            break
    if province is None and local is not None:
        province = province_of(local)
    national = province is None and bool(_NATIONAL.search(" ".join((title, subtitle, author, head))))
    if province is None and not national:
        province = _by_frequency(doc.text) or _by_id(doc.id)
    publisher: str | None = None
    reporter = _reporter(doc, title, source, author, None if local else province, national)
    if source and (_MEDIA_TAIL.search(source) or source.endswith(("厅", "局", "委", "院", "部"))):
        publisher = source
    elif m := _SPEAKER.search(doc.text, 0, 4 * _HEAD_CHARS):
        publisher = m.group(1)  # 我代表省人民政府，向大会报告工作
    elif "政府工作报告" in title or "政府工作报告" in source or "国务院总理" in author:
        publisher = "中华人民共和国国务院" if national or province is None else f"{province.full}人民政府"
    return Context(province, publisher, _year(doc, title, subtitle), national, local, reporter)


def _reporter(
    doc: Document, title: str, source: str, author: str, province: Province | None, national: bool
) -> str | None:
    """The government giving a work report: 我代表X, else the speaker's title, else the title.
    ``province`` is None for a city's or county's report (its government is not the province's)."""
    if m := _REPORTING.search(doc.text, 0, 4 * _HEAD_CHARS):
        return m.group(1)
    if "国务院总理" in author:
        return "中华人民共和国国务院"
    if province is not None and _HEAD_OF_GOVERNMENT.search(author + " "):
        return f"{province.full}人民政府"
    if "政府工作报告" in title or "政府工作报告" in source:
        if national:
            return "中华人民共和国国务院"
        return f"{province.full}人民政府" if province is not None else None
    return None
