"""Tests for kg.extract.initiative_known: well-known programmes by name (unit tests,
then what the whole extractor makes of them)."""

from __future__ import annotations

from kg.extract.initiative_known import known_names
from initiative_support import found as _found



def test_known_names_by_name_or_alias() -> None:
    text = "全面推进乡村振兴，落实十年禁渔。"
    got = [(text[s:e], n, k) for s, e, n, k, _p in known_names(text)]
    assert got == [("乡村振兴", "乡村振兴", "other"), ("十年禁渔", "长江十年禁渔", "campaign")]


def test_an_agency_or_a_designation_named_after_a_programme() -> None:
    assert known_names("国家乡村振兴局") == []
    assert known_names("乡村振兴示范县") == []
    assert [c[2] for c in known_names("开展证照分离试点")] == ["证照分离"]


def test_well_known_national_programmes() -> None:
    got = _found("京津冀协同发展、长江经济带建设取得重要进展，兑现以旧换新补贴")
    assert [n for n, _ in got] == ["京津冀协同发展", "长江经济带", "以旧换新"]


def test_close_variants_of_a_known_programme_share_its_name() -> None:
    assert _found("如期打赢脱贫攻坚战，") == [("脱贫攻坚", "campaign")]
    # an abbreviation with no shared wording keeps its own name
    assert [n for n, _ in _found("服务“双碳”战略")] != ["碳达峰碳中和"]


def test_more_well_known_national_programmes() -> None:
    got = _found("促进中部地区崛起、东北全面振兴，推行揭榜挂帅，坚持长江十年禁渔")
    assert [n for n, _ in got] == ["中部地区崛起", "东北全面振兴", "揭榜挂帅", "长江十年禁渔"]
    assert _found("落实十年禁渔。") == [("长江十年禁渔", "campaign")]


def test_national_programmes_of_earlier_decades_by_name() -> None:
    got = _found("继续搞好三峡工程及其移民工作，积极推进农村税费改革，扩大新农合试点")
    assert got == [
        ("三峡工程", "project"),
        ("农村税费改革", "other"),
        ("新型农村合作医疗", "mechanism"),
    ]


def test_a_known_name_in_a_place_designation_is_not_the_programme() -> None:
    assert _found("创建国家乡村振兴示范县2个，支持乡村振兴重点帮扶县") == []
    assert _found("10个县市获批国家新型城镇化试点") == []
    assert [n for n, _ in _found("深化商事制度改革，开展证照分离试点")] == ["证照分离"]
    assert [n for n, _ in _found("全面推进乡村振兴，建设和美乡村")] == ["乡村振兴"]


def test_national_funding_schemes_and_recurring_games_by_name() -> None:
    got = _found("积极争取超长期特别国债、新型政策性金融工具支持，亚运会、全运会奖牌数领先")
    assert got == [
        ("超长期特别国债", "other"),
        ("新型政策性金融工具", "other"),
        ("亚运会", "activity"),
        ("全运会", "activity"),
    ]
    assert _found("发行特别国债") == []  # a plain bond issue is no scheme
