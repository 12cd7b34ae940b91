"""Initiatives by context: bare quoted coinages, events, games and funds."""

from __future__ import annotations

import re

from kg.extract.initiative_context import (
    bare_quote_kind,
    branded_drives,
    events_and_funds,
    is_formula,
    is_period,
)


def _bare(text: str) -> str | None:
    q = re.search(r"“([^“”]+)”", text)
    assert q is not None
    return bare_quote_kind(text, q.start(), q, q.end())


def test_verb_or_carrier_makes_a_quote_a_name() -> None:
    assert _bare("推广数智化“链式改造”，") == "other"
    assert _bare("发放“蜀里安逸”消费券") == "campaign"
    assert _bare("探索空间治理“一张图”建设") == "project"


def test_rhetoric_honours_and_achievements_are_not() -> None:
    assert _bare("成功培育首家“灯塔工厂”") is None
    assert _bare("首次实现“双过万”") is None
    assert _bare("专精特新“小巨人”企业") is None
    assert _bare("敢于“亮剑”，") is None
    assert _bare("打造“365天不落幕的科技博览会”") is None


def test_formulas_and_periods() -> None:
    assert is_formula("四个意识") and not is_formula("链式改造")
    assert is_period("十四五") and is_period("八五") and not is_period("五个专项治理")


def test_events_games_and_funds() -> None:
    names = [c[2] for c in events_and_funds("办好第十四届中国艺术节、成都世运会，落地四川社保科创基金，")]
    assert names == ["第十四届中国艺术节", "成都世运会", "四川社保科创基金"]
    assert events_and_funds("第十四届全国人民代表大会，设立产业投资基金，") == []


def test_tasks_taken_in_hand_are_named() -> None:
    assert _bare("重点抓好“三去一降一补”五项任务") == "other"
    assert _bare("做好“保交楼”任务") == "other"


def test_a_province_drive_named_like_a_national_one() -> None:
    got = branded_drives("推动美丽湖北建设，深入推进健康湖北行动，建设数字重庆")
    assert [(n, k) for _s, _e, n, k, _p in got] == [("美丽湖北", "other"), ("健康湖北", "other"), ("数字重庆", "other")]
    assert branded_drives("建设美丽乡村，促进数字经济健康发展，祝愿健康长寿") == []


def test_a_quoted_coinage_before_a_blueprint() -> None:
    assert _bare("锚定“三高四新”美好蓝图") == "other"
    assert _bare("绘就“十五五”蓝图") is None  # a plan period


def test_a_fund_with_a_host_in_brackets_or_before_a_predicate() -> None:
    names = [c[2] for c in events_and_funds("福建（厦门）社保科创基金落地，国家自然科学基金立项数实现四连增")]
    assert names == ["福建（厦门）社保科创基金", "国家自然科学基金"]
    assert events_and_funds("产业投资基金落地，") == []
