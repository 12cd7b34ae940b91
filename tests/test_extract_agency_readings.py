"""Agency readings that depend on the words around a name (kg/extract/agency_readings.py)."""

from __future__ import annotations

from kg.extract.agencies import agency_spans
from kg.extract.agency_readings import in_reform_name


def names(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in agency_spans(text)]


def test_firm_glued_to_its_reform_is_no_agency() -> None:
    assert names("国家开发银行商业化转型和农业银行股份制改革扎实推进") == []
    assert "国家开发银行" in names("国家开发银行发放贷款，支持农业银行和国家开发银行改革")
    assert in_reform_name("银行股份制改革", 2) and not in_reform_name("银行转型升级", 2)


def test_centre_named_by_its_seat_in_brackets() -> None:
    assert names("获批建设高校区域技术转移转化中心（福建），新增") == ["高校区域技术转移转化中心（福建）"]
    assert names("高质量建设国家碳计量中心（福建）") == ["国家碳计量中心（福建）"]
    # a type or a field in brackets is no seat
    assert names("申建芜湖空港保税物流中心（B型）") == []
    assert names("加快建设国家医学中心（中医类）") == []


def test_committee_office_by_short_name() -> None:
    assert names("10项改革典型被中央改革办推介") == ["中央改革办"]
    assert names("省委改革办牵头") == ["省委改革办"]
    assert names("中央办好民生实事") == []
    assert names("省委办法出台") == ["省委"]
