"""Integration: every real report of /work/shared/corpus ingests and segments cleanly."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest

from kg.ingest import iter_inputs, read_document
from kg.model import Document, Segmented
from kg.segment import segment

CORPUS = Path("/work/shared/corpus")
SEED = Path(__file__).resolve().parent.parent / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
GOLD = Path("/work/shared/eval/gansu-2023-rule-of-law-highlights.gold.json")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")


@cache
def _all() -> dict[str, tuple[Document, Segmented]]:
    out = {}
    for p in iter_inputs([CORPUS]):
        if p.suffix == ".txt":
            d = read_document(p, manifest=False)  # what the text itself gives
            out[p.relative_to(CORPUS).as_posix()] = (d, segment(d))
    return out


def test_all_84_reports_ingest_and_segment() -> None:
    docs = _all()
    assert len(docs) == 84
    for name, (d, seg) in docs.items():
        assert seg.sentences, name
        last = 0
        for i, s in enumerate(seg.sentences):
            assert s.index == i and d.text[s.start : s.end] == s.text and s.start >= last, name
            last = s.end
        for sec in seg.sections:
            assert sec.start < sec.end <= len(d.text), name
            if sec.parent is not None:
                p = seg.sections[sec.parent]
                assert p.start < sec.start and sec.end <= p.end and p.level < sec.level, name


def test_no_page_furniture_left_in_any_report() -> None:
    starts = ("字号", "【字", "打印本页", "关闭窗口", "扫一扫", "相关报道", "分享", "Public domain", "当前位置", "您的位置",
              "本作品", ">", "|")
    whole = {"下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "】", "false", "大", "中", "小"}
    for name, (d, _) in _all().items():
        for line in d.text.split("\n"):
            assert not line.startswith(starts) and line not in whole, (name, line)
        assert "\n\n\n\n\n" not in d.text and "\u200b" not in d.text


def test_national_reports_lose_the_licence_box_and_wiki_line_breaks() -> None:
    docs = _all()
    for year in ("1954", "1981", "2006", "2017", "2023"):
        d, _ = docs[f"national/{year}.txt"]
        assert "本作品是中华人民共和国的" in d.boilerplate
        assert "《\n" not in d.text and "\n》" not in d.text
    d, _ = docs["national/2023.txt"]
    assert (d.title, d.author) == ("政府工作报告", "国务院总理\u3000李克强")
    assert d.subtitle == "——2023年3月5日在第十四届全国人民代表大会第一次会议上"


def test_provincial_titles_and_dates_agree_with_the_manifest() -> None:
    docs = _all()
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["file"].startswith("provincial")]
    with_source = [r for r in rows if docs[r["file"]][0].source]
    assert len(with_source) >= 27
    titles = sum(docs[r["file"]][0].title == r["title"] for r in with_source)
    dates = sum(docs[r["file"]][0].published == r["published"] for r in with_source)
    assert titles >= len(with_source) - 1 and dates >= len(with_source) - 1
    for r in rows:
        d, seg = docs[r["file"]]
        assert d.subtitle and "会议上" in d.subtitle, r["file"]
        assert d.author, r["file"]
        roles = {s.text: s.role for s in seg.sentences}
        assert roles.get(d.title) == "title", r["file"]


def test_seed_page_metadata_matches_the_gold() -> None:
    d, seg = _all()["seed/gansu-2023-rule-of-law-highlights.txt"]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["document"]
    assert (d.title, d.published, d.source) == (gold["title"], gold["published"], gold["source"])
    assert d.editor == "张曦云"
    assert d.boilerplate == ("欢迎访问甘肃政法网 今天是 2024年11月24日 星期日", "字号:A A\u00a0\u00a0\u00a0\u00a0颜色:")
    meta = [s for s in seg.sentences if "责任编辑" in s.text]
    assert len(meta) == 1 and meta[0].role == "title"


def test_seed_layout_ten_highlights_captions_and_leads() -> None:
    d, seg = _all()["seed/gansu-2023-rule-of-law-highlights.txt"]
    assert [s.level for s in seg.sections] == [1] * 10
    assert seg.sections[1].title == "构建科学、精准、规范法治建设考评体系"
    assert seg.sections[6].title == "合力打造法治化营商环境 护航全省经济高质量发展"
    captions = [s.text for s in seg.sentences if s.role == "caption"]
    assert captions == [
        "省司法厅举行“光荣在党50年”纪念章颁发仪式暨“两优一先”表彰大会。",
        "张掖市山丹县行政复议员同企业家座谈",
        "参加首届“行政规范性文件法治化与高质量建设”研讨会并做交流发言。",
        "全省监狱戒毒人民警察“铸忠诚警魂”活动岗位实战大练兵成果集中汇报演练",
    ]
    leads = [s.text for s in seg.sentences if s.role == "lead"]
    assert "深化理论学习。" in leads and "突出复议便民导向。" in leads and len(leads) == 30
    first_lead = next(s for s in seg.sentences if s.text == "深化理论学习。")
    assert first_lead.section == 0


def test_repo_copy_of_the_sample_reads_the_same() -> None:
    if not SEED.is_file():
        pytest.skip("no data/corpus copy")
    d = read_document(SEED)
    assert d.text == _all()["seed/gansu-2023-rule-of-law-highlights.txt"][0].text
