"""Scoring rules of FORMAT.md, on small hand-made annotations."""

import pytest

from kg.evaluate import combine, dice, score


def test_dice_of_equal_and_disjoint_names():
    assert dice("万所联万会", "万所联万会") == 1.0
    assert dice("陇原风暴", "主动创稳") == 0.0
    # bigrams 一键 键举 举报 报平 平台 vs 一键 键举 举报: 2*3/(5+3)
    assert dice("一键举报平台", "一键举报") == pytest.approx(0.75)


def test_agencies_match_by_alias_each_gold_once():
    gold = {"agencies": [{"name": "甘肃省司法厅", "aliases": ["省司法厅"]}]}
    pred = {"agencies": [{"name": "省司法厅", "aliases": []}, {"name": "甘肃省司法厅", "aliases": []}]}
    s = score(gold, pred).categories["agencies"]
    assert (s.tp, s.predicted, s.gold) == (1, 2, 1)
    assert s.precision == 0.5 and s.recall == 1.0


def test_metrics_match_value_and_unit_as_multiset_with_qualifier_accuracy():
    gold = {"metrics": [
        {"text": "99%", "value": 99, "unit": "%", "qualifier": "exact"},
        {"text": "99%", "value": 99, "unit": "%", "qualifier": "exact"},
        {"text": "9000余万元", "value": 90000000, "unit": "元", "qualifier": "over"},
    ]}
    pred = {"metrics": [
        {"text": "99%", "value": 99.0, "unit": "%", "qualifier": "exact"},
        {"text": "9000余万元", "value": 90000000.0000000001, "unit": "元", "qualifier": "exact"},
        {"text": "99人", "value": 99, "unit": "人", "qualifier": "exact"},
    ]}
    s = score(gold, pred).categories["metrics"]
    assert (s.tp, s.predicted, s.gold) == (2, 3, 3)
    assert s.attr_accuracy == 0.5


def test_initiatives_match_by_dice_threshold():
    gold = {"initiatives": [{"name": "一键举报平台", "kind": "platform"}]}
    near = score(gold, {"initiatives": [{"name": "一键举报", "kind": "platform"}]})
    far = score(gold, {"initiatives": [{"name": "举报", "kind": "platform"}]})
    assert near.categories["initiatives"].tp == 1
    assert far.categories["initiatives"].tp == 0


def test_people_and_posts():
    gold = {"people": [{"name": "任振鹤", "posts": [{"title": "省长", "agency": "甘肃省人民政府"},
                                                 {"title": "省政府行政复议委员会主任", "agency": "x"}]}]}
    pred = {"people": [{"name": "任振鹤", "posts": [{"title": "省长", "agency": "甘肃省人民政府"}]}]}
    cats = score(gold, pred).categories
    assert cats["people"].f1 == 1.0
    assert (cats["posts"].tp, cats["posts"].gold) == (1, 2)


def test_policy_kind_accuracy_and_micro():
    gold = {"policies": [{"title": "甲条例", "kind": "regulation"}, {"title": "乙办法", "kind": "measures"}]}
    pred = {"policies": [{"title": "甲条例", "kind": "regulation"}, {"title": "乙办法", "kind": "rules"}]}
    s = score(gold, pred)
    assert s.categories["policies"].f1 == 1.0
    assert s.categories["policies"].attr_accuracy == 0.5
    assert s.micro.tp == 2


def test_gold_scores_perfectly_against_itself(sample_gold):
    s = score(sample_gold, sample_gold)
    for name, cat in s.categories.items():
        assert cat.f1 == 1.0, name
        assert cat.attr_accuracy in (None, 1.0), name


def test_combine_pools_counts():
    a = score({"agencies": [{"name": "甲"}]}, {"agencies": [{"name": "甲"}]})
    b = score({"agencies": [{"name": "乙"}]}, {"agencies": []})
    total = combine([a, b]).categories["agencies"]
    assert (total.tp, total.predicted, total.gold) == (1, 1, 2)
