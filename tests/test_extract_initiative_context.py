"""Initiatives by context: bare quoted coinages, events, games and funds."""

from __future__ import annotations

import re

import pytest

from kg.extract.initiative_context import (
    bare_quote_kind,
    branded_drives,
    events_and_funds,
    is_formula,
    is_period,
)
from initiative_support import found as _found



def _bare(text: str) -> str | None:
    q = re.search(r"“([^“”]+)”", text)
    assert q is not None
    return bare_quote_kind(text, q.start(), q, q.end())


#: (text, kind of its quoted coinage or None): one case per line, grouped by rule.
_BARE_QUOTES = [
    # a verb before or a carrier noun after makes a quote a name
    pytest.param("推广数智化“链式改造”，", "other", id="verb"),
    pytest.param("发放“蜀里安逸”消费券", "campaign", id="carrier-voucher"),
    pytest.param("探索空间治理“一张图”建设", "project", id="carrier-building"),
    # rhetoric, honours and achievements are not
    pytest.param("成功培育首家“灯塔工厂”", None, id="honour"),
    pytest.param("首次实现“双过万”", None, id="achievement"),
    pytest.param("专精特新“小巨人”企业", None, id="title"),
    pytest.param("敢于“亮剑”，", None, id="rhetoric"),
    pytest.param("打造“365天不落幕的科技博览会”", None, id="description"),
    # tasks taken in hand are named
    pytest.param("重点抓好“三去一降一补”五项任务", "other", id="task-counted"),
    pytest.param("做好“保交楼”任务", "other", id="task"),
    # a quoted coinage before a blueprint, but not a plan period
    pytest.param("锚定“三高四新”美好蓝图", "other", id="blueprint"),
    pytest.param("绘就“十五五”蓝图", None, id="blueprint-period"),
]


@pytest.mark.parametrize(("text", "kind"), _BARE_QUOTES)
def test_bare_quote_kind(text: str, kind: str | None) -> None:
    assert _bare(text) == kind


def test_formulas_and_periods() -> None:
    assert is_formula("四个意识") and not is_formula("链式改造")
    assert is_period("十四五") and is_period("八五") and not is_period("五个专项治理")


def test_events_games_and_funds() -> None:
    names = [c[2] for c in events_and_funds("办好第十四届中国艺术节、成都世运会，落地四川社保科创基金，")]
    assert names == ["第十四届中国艺术节", "成都世运会", "四川社保科创基金"]
    assert events_and_funds("第十四届全国人民代表大会，设立产业投资基金，") == []


def test_a_province_drive_named_like_a_national_one() -> None:
    got = branded_drives("推动美丽湖北建设，深入推进健康湖北行动，建设数字重庆")
    assert [(n, k) for _s, _e, n, k, _p in got] == [("美丽湖北", "other"), ("健康湖北", "other"), ("数字重庆", "other")]
    assert branded_drives("建设美丽乡村，促进数字经济健康发展，祝愿健康长寿") == []


def test_a_fund_with_a_host_in_brackets_or_before_a_predicate() -> None:
    names = [c[2] for c in events_and_funds("福建（厦门）社保科创基金落地，国家自然科学基金立项数实现四连增")]
    assert names == ["福建（厦门）社保科创基金", "国家自然科学基金"]
    assert events_and_funds("产业投资基金落地，") == []


def test_numbered_national_surveys() -> None:
    from kg.extract.initiative_context import censuses

    assert [c[2:4] for c in censuses("完成第四次全国文物普查，做好第七次全国人口普查。")] == [
        ("第四次全国文物普查", "campaign"),
        ("第七次全国人口普查", "campaign"),
    ]
    assert censuses("开展全国文物普查工作，加强统计调查。") == []  # no number: the activity, not the named survey


def test_numbered_events_and_city_games() -> None:
    assert _found("办好第十四届中国艺术节。") == [("第十四届中国艺术节", "activity")]
    assert _found("成功举办第二届“一带一路”科技交流大会。")[0] == ("第二届“一带一路”科技交流大会", "activity")
    assert _found("精心筹办成都世运会，") == [("成都世运会", "activity")]
    # a people's congress is an agency's session, not an event
    assert _found("第十四届全国人民代表大会第三次会议") == []


def test_named_funds_start_with_a_place_or_the_state() -> None:
    got = _found("成功落地国家科创协同发展母基金、国家创业投资S基金、四川社保科创基金，支持")
    assert [n for n, _ in got] == ["国家科创协同发展母基金", "国家创业投资S基金", "四川社保科创基金"]
    assert _found("设立产业投资基金，") == []
