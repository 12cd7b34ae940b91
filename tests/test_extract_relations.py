"""Relations between the mentions of a sentence, and metric subjects."""

from __future__ import annotations

from decimal import Decimal

from kg.extract.agencies import extract_agencies
from kg.extract.initiatives import extract_initiatives
from kg.extract.places import extract_places
from kg.extract.relations import extract_relations, opening_subjects
from kg.model import REPORTER, Mention, Metric, Sentence


def _mention(text: str, sentence: str, kind: str, subtype: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(text, start + 1)
    return Mention(kind=kind, text=text, start=start, end=start + len(text), sentence=0, subtype=subtype)


def _rels(sentence: str, mentions: list[Mention], metrics=()):
    mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
    rels, linked = extract_relations(Sentence.of(sentence), mentions, list(metrics))
    named = [
        (r.predicate, "REPORTER" if r.subject == REPORTER else mentions[r.subject].text, mentions[r.object].text)
        for r in rels
    ]
    return named, linked, mentions


def test_agency_subject_issues_each_policy_of_a_run() -> None:
    s = "省政府出台《甘肃省税费征管保障办法》《甘肃省政府规章动态清理办法》。"
    ms = [
        _mention("省政府", s, "agency"),
        _mention("甘肃省税费征管保障办法", s, "policy"),
        _mention("甘肃省政府规章动态清理办法", s, "policy"),
    ]
    ms += extract_places(Sentence.of(s))  # 甘肃省 inside the titles
    named, _, _ = _rels(s, ms)
    assert named == [
        ("issues", "省政府", "甘肃省税费征管保障办法"),
        ("issues", "省政府", "甘肃省政府规章动态清理办法"),
    ]


def test_agency_not_opening_the_clause_is_no_subject() -> None:
    s = "甘肃日报报道，省政府出台《甘肃省税费征管保障办法》"  # agency not before the verb's clause
    ms = [_mention("甘肃日报", s, "work"), _mention("甘肃省税费征管保障办法", s, "policy")]
    assert _rels(s, ms)[0] == []


def test_subjectless_clause_implies_the_reporter() -> None:
    s = "出台《甘肃省法治建设考评工作办法》，全面构建考评体系。"
    assert _rels(s, [_mention("甘肃省法治建设考评工作办法", s, "policy")])[0] == [
        ("issues", "REPORTER", "甘肃省法治建设考评工作办法")
    ]
    s = "2023年，在全国率先首创“1+4+7”法治建设考评模式"
    ms = extract_initiatives(Sentence.of(s))
    assert ("leads", "REPORTER", "1+4+7") in _rels(s, ms)[0]
    s = "率先在全国创新制定政府规章动态清理机制，在总结经验的基础上，制定《甘肃省政府立法程序规定》"
    assert _rels(s, [_mention("甘肃省政府立法程序规定", s, "policy")])[0] == [
        ("issues", "REPORTER", "甘肃省政府立法程序规定")
    ]


def test_explicit_subject_wins_over_the_reporter() -> None:
    s = "省政府出台《甘肃省税费征管保障办法》"
    ms = [_mention("省政府", s, "agency"), _mention("甘肃省税费征管保障办法", s, "policy")]
    assert _rels(s, ms)[0] == [("issues", "省政府", "甘肃省税费征管保障办法")]
    s = "省法院高度重视，出台《甘肃省税费征管保障办法》"  # the sentence's subject, an earlier clause
    ms = [_mention("省法院", s, "agency"), _mention("甘肃省税费征管保障办法", s, "policy")]
    assert _rels(s, ms)[0] == []


def test_generic_subject_blocks_the_reporter() -> None:
    for s in ("各地出台《甘肃省税费征管保障办法》", "全省律师行业开展“民营企业法治体检”行动",
              "群众积极响应，开展“民营企业法治体检”行动", "中央预算占比提高到70%，建立“直达”机制"):
        ms = [m for m in extract_initiatives(Sentence.of(s))]
        if "《" in s:
            ms.append(_mention("甘肃省税费征管保障办法", s, "policy"))
        assert ms and _rels(s, ms)[0] == [], s


def test_verb_not_opening_its_clause_blocks_the_reporter() -> None:
    s = "依托实验室开展“民营企业法治体检”行动"
    ms = extract_initiatives(Sentence.of(s))
    assert ms and _rels(s, ms)[0] == []
    s = "推动各地出台《甘肃省税费征管保障办法》"
    assert _rels(s, [_mention("甘肃省税费征管保障办法", s, "policy")])[0] == []
    s = "对照《甘肃省税费征管保障办法》开展检查"  # the title is not the verb's object
    assert _rels(s, [_mention("甘肃省税费征管保障办法", s, "policy")])[0] == []


def test_a_title_states_no_work_of_the_reporter() -> None:
    s = "出台《甘肃省法治建设考评工作办法》"
    policy = _mention("甘肃省法治建设考评工作办法", s, "policy")
    rels, _ = extract_relations(Sentence(0, 0, len(s), s, role="title"), [policy], [])
    assert rels == []
    assert _rels(s, [policy])[0] == [("issues", "REPORTER", "甘肃省法治建设考评工作办法")]


def test_what_the_reporter_does_not_lead() -> None:
    s = "积极开展“中华文明探源工程”，深入实施“九五”普法规划，深入实施就业优先战略。"
    named = _rels(s, extract_initiatives(Sentence.of(s)))[0]
    assert ("participates", "REPORTER", "中华文明探源工程") in named
    assert not [n for n in named if n[0] == "leads"]


def test_implements_and_leads() -> None:
    s = "省司法厅认真贯彻《中华人民共和国律师法》"
    ms = [_mention("省司法厅", s, "agency"), _mention("中华人民共和国律师法", s, "policy")]
    assert _rels(s, ms)[0] == [("implements", "省司法厅", "中华人民共和国律师法")]
    s = "省司法厅开展“民营企业法治体检”行动"
    ms = [_mention("省司法厅", s, "agency"), *extract_initiatives(Sentence.of(s))]
    assert _rels(s, ms)[0] == [("leads", "省司法厅", "民营企业法治体检")]


def test_located_in_for_projects_and_agencies() -> None:
    s = "建成兰州轨道交通二号线，“钍基熔盐实验堆”在武威建成运行"
    ms = extract_places(Sentence.of(s)) + extract_initiatives(Sentence.of(s))
    named, _, _ = _rels(s, ms)
    assert ("located_in", "兰州轨道交通二号线", "兰州") in named
    assert ("located_in", "钍基熔盐实验堆", "武威") in named
    s = "甘肃省司法厅"
    ms = [_mention("甘肃省司法厅", s, "agency"), *extract_places(Sentence.of(s))]
    assert _rels(s, ms)[0] == [("located_in", "甘肃省司法厅", "甘肃省")]


def _metric(text: str, sentence: str) -> Metric:
    start = sentence.index(text)
    return Metric(text=text, start=start, end=start + len(text), sentence=0, value=Decimal(1), unit="x")


def test_metric_subjects() -> None:
    s = "甘肃卫视《法治伴你行》栏目全年播出230余期,累计首播收视1546.5万人次,全省律师数量增长12.4%"
    ms = [_mention("甘肃卫视", s, "agency"), _mention("法治伴你行", s, "work")]
    xs = [_metric("230余期", s), _metric("1546.5万人次", s), _metric("12.4%", s)]
    _, linked, mentions = _rels(s, ms, xs)
    subjects = [None if x.subject is None else mentions[x.subject].text for x in linked]
    assert subjects == ["法治伴你行", "法治伴你行", None]


def test_metric_subject_kept_when_already_set() -> None:
    s = "法治甘肃网刊发稿件2.1万余条"
    ms = [_mention("法治甘肃网", s, "agency")]
    x = _metric("2.1万余条", s)
    _, linked, _ = _rels(s, ms, [x])
    assert linked[0].subject == 0
    from dataclasses import replace

    _, linked, _ = _rels(s, ms, [replace(x, subject=5, parent=2)])
    assert (linked[0].subject, linked[0].parent) == (5, 2)


def test_subject_must_open_the_clause() -> None:
    s = "依托岳麓山实验室开展农业领域教育科技人才一体改革试点。"
    ms = [_mention("岳麓山实验室", s, "agency"), *extract_initiatives(Sentence.of(s))]
    assert _rels(s, ms)[0] == []
    s = "2025年6月，省委办公厅、省政府办公厅印发《四川省优化民营经济发展环境专项治理工作方案》"
    ms = [
        _mention("省委办公厅", s, "agency"),
        _mention("省政府办公厅", s, "agency"),
        _mention("四川省优化民营经济发展环境专项治理工作方案", s, "policy"),
    ]
    assert [(p, a) for p, a, _ in _rels(s, ms)[0]] == [("issues", "省委办公厅"), ("issues", "省政府办公厅")]


def test_opening_subjects_only_of_the_kinds_asked() -> None:
    s = Sentence.of("2023年，省司法厅认真贯彻落实。")
    agencies = extract_agencies(s)
    assert [agencies[i].text for i in opening_subjects(s, agencies)] == ["省司法厅"]
    assert opening_subjects(s, agencies, ("person",)) == []
    assert opening_subjects(s, []) == []
