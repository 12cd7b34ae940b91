"""resolve(): the sample report and the dev set against their gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.annotation import to_annotation
from kg.evaluate import score
from kg.extract import extract
from kg.ingest import read_document
from kg.model import Document, Extraction, Mention, Segmented, Sentence
from kg.resolve import resolve
from kg.segment import segment

EVAL = Path("/work/shared/eval")
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"


def _resolved(path: Path):  # type: ignore[no-untyped-def]
    return resolve(extract(segment(read_document(path))))


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    return _resolved(SAMPLE)


def test_sample_context(sample) -> None:  # type: ignore[no-untyped-def]
    assert (sample.province, sample.publisher, sample.year) == ("甘肃省", "agency:甘肃政法网", "2023")


def test_sample_against_gold(sample) -> None:  # type: ignore[no-untyped-def]
    gold_path = EVAL / "gansu-2023-rule-of-law-highlights.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = score(gold, to_annotation(sample)).categories
    assert scores["agencies"].f1 >= 0.9
    assert scores["people"].f1 == 1.0 and scores["posts"].f1 == 1.0


def test_sample_entities(sample) -> None:  # type: ignore[no-untyped-def]
    office = sample.entity("agency:中共甘肃省委全面依法治省委员会办公室")
    assert office.aliases == ("依法治省办", "省委依法治省办")
    assert (office.parent, office.parent_relation) == ("agency:中共甘肃省委全面依法治省委员会", "unit_of")
    assert sample.entity(office.parent).parent == "agency:中共甘肃省委"
    keys = [e.key for e in sample.entities]
    assert keys == sorted(keys)
    assert ("person:张曦云", "责任编辑", "agency:甘肃政法网") in {p[:3] for p in sample.posts}
    assert len(sample.mention_entities) == len(sample.extraction.mentions)


@pytest.mark.parametrize("name", ["gansu-gwr-2026-excerpt", "national-gwr-2023-excerpt"])
def test_dev_set(name: str) -> None:
    txt, gold = EVAL / "dev" / f"{name}.txt", EVAL / "dev" / f"{name}.gold.json"
    if not gold.exists():
        pytest.skip("dev set not available")
    scores = score(json.loads(gold.read_text(encoding="utf-8")), to_annotation(_resolved(txt))).categories
    assert scores["agencies"].precision >= 0.9 and scores["agencies"].recall >= 0.6
    assert scores["people"].f1 == 1.0 and scores["posts"].f1 == 1.0


def test_deictic_mentions_go_to_the_named_department() -> None:
    text = "省司法厅召开会议。我厅将继续推进工作。"
    doc = Document(id="d", text=text, title="甘肃省司法厅工作总结", source="甘肃省司法厅")
    sents = (Sentence(0, 0, 9, text[:9]), Sentence(1, 9, len(text), text[9:]))
    mentions = (
        Mention("agency", "省司法厅", 0, 4, 0, subtype="department"),
        Mention("agency", "我厅", 9, 11, 1),
        Mention("agency", "有关部门", 0, 0, 0),
    )
    r = resolve(Extraction(Segmented(doc, (), sents), mentions))
    assert r.mention_entities == ("agency:甘肃省司法厅", "agency:甘肃省司法厅", None)
    assert r.entity("agency:甘肃省司法厅").aliases == ("省司法厅",)


@pytest.mark.parametrize(("title", "source", "expected"), [
    ("1985年中华人民共和国国务院政府工作报告", "", None),  # each unit's own, not the State Council
    ("2026年甘肃省政府工作报告", "", None),
    ("兰州市司法局2023年工作总结", "兰州市司法局", "agency:兰州市司法局"),  # a bureau of itself
])
def test_this_unit_is_the_publisher_only_when_it_is_a_unit(title: str, source: str, expected: str | None) -> None:
    """From a work report's title the publisher became the government, and 从本单位利益出发
    (each unit's own interest) was resolved to 国务院 six times in national 1985."""
    text = "一些单位从本单位利益出发，乱提工资。"
    doc = Document(id="u", text=text, title=title, source=source)
    sents = (Sentence(0, 0, len(text), text),)
    this = Mention("agency", "本单位", 6, 9, 0)
    r = resolve(Extraction(Segmented(doc, (), sents), (this,)))
    assert r.mention_entities == (expected,)


def test_bureau_report_posts_of_the_bureau() -> None:
    text = "2023年，市司法局在市委的领导下开展工作。局长张建华主持召开会议。"
    doc = Document(id="lz", text=text, title="兰州市司法局2023年工作总结", source="兰州市司法局")
    from kg.segment import segment as seg

    r = resolve(extract(seg(doc)))
    assert ("person:张建华", "局长", "agency:兰州市司法局") in {p[:3] for p in r.posts}
    assert "agency:中共兰州市委" in r.mention_entities


def test_a_leader_written_in_traditional_characters_is_the_same_person() -> None:
    text = "毛澤東主席指出，要学习毛泽东思想。"
    doc = Document(id="v", text=text, title="报告", source="")
    r = resolve(extract(segment(doc)))
    people = [e.key for e in r.entities if e.kind == "person"]
    assert people == ["person:毛泽东"]
    assert ("person:毛泽东", "主席") in {p[:2] for p in r.posts}


def test_reporter_of_the_sample_is_the_agency_its_body_is_about(sample) -> None:  # type: ignore[no-untyped-def]
    assert sample.publisher == "agency:甘肃政法网"
    assert sample.reporter == "agency:甘肃省司法厅"  # 2023年,省司法厅认真贯彻…
    assert sample.entity(sample.reporter).kind == "agency"


def test_reporter_of_a_work_report_is_its_government() -> None:
    r = _resolved(Path(__file__).resolve().parent.parent / "data" / "reports" / "provincial-2026" / "gansu.txt")
    assert r.reporter == "agency:甘肃省人民政府"
    assert r.publisher != r.reporter  # 甘肃日报 publishes it
    assert r.entity(r.reporter).kind == "agency"


def _implied(text: str, **doc: str) -> list[tuple[str, str | None, str]]:
    from kg.model import REPORTER

    r = resolve(extract(segment(Document(id="x", text=text, **doc))))
    keys = r.mention_entities
    return [
        (rel.predicate, r.reporter if rel.subject == REPORTER else keys[rel.subject], keys[rel.object] or "")
        for rel in r.extraction.relations
        if rel.predicate in ("issues", "leads", "participates")
    ]


def test_implied_relations_go_to_the_reporter_or_are_dropped() -> None:
    head = "2023年，省司法厅认真贯彻决策部署。\n"
    body = "出台《甘肃省法治建设考评工作办法》，全面构建考评体系。"
    doc = {"title": "2023年甘肃省法治建设十大亮点", "source": "甘肃政法网"}
    assert _implied(head + body, **doc) == [("issues", "agency:甘肃省司法厅", "policy:甘肃省法治建设考评工作办法")]
    assert _implied(body, **doc) == []  # no reporter: nothing is guessed
    other = "2023年，省司法厅认真贯彻决策部署。\n省法院召开会议。" + body
    assert _implied(other, **doc) == []  # the sentence before names another subject


def test_a_national_programme_is_led_by_the_national_government_only() -> None:
    body = "各位代表：现在，我代表{}，向大会报告工作。\n实施“中国制造2025”，推进工业强基。"
    national = _implied(body.format("国务院"), title="政府工作报告")
    assert national == [("leads", "agency:中华人民共和国国务院", "initiative:中国制造2025")]
    provincial = _implied(body.format("省人民政府"), title="2026年甘肃省政府工作报告")
    assert provincial == [("participates", "agency:甘肃省人民政府", "initiative:中国制造2025")]


def test_reporter_from_the_publishing_bureau_or_the_title_not_from_a_joint_subject() -> None:
    text = "2023年，市司法局扎实工作。"
    by_source = resolve(extract(segment(Document(id="a", text=text, title="工作总结", source="兰州市司法局"))))
    assert by_source.reporter == "agency:兰州市司法局"
    titled = Document(id="b", text=text, title="兰州市司法局2023年工作总结", source="兰州日报")
    assert resolve(extract(segment(titled))).reporter == "agency:兰州市司法局"
    joint = Document(id="c", text="省委、省政府高度重视法治建设。", title="2023年工作总结", source="甘肃日报")
    assert resolve(extract(segment(joint))).reporter is None  # 省委、省政府: no one reporter
    alone = Document(id="d", text="2023年，省司法厅认真贯彻决策部署。", title="2023年工作总结", source="甘肃日报")
    assert resolve(extract(segment(alone))).reporter == "agency:甘肃省司法厅"
