"""Canonical agency names from the document's province, by table."""

from __future__ import annotations

import pytest

from kg.extract.agency_lexicon import Province, provinces
from kg.resolve.agencies import canonical_agency


def province(short: str) -> Province:
    return next(p for p in provinces() if p.short == short)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("省司法厅", "甘肃省司法厅"),
        ("省委", "中共甘肃省委"),
        ("省政府", "甘肃省人民政府"),
        ("甘肃省政府", "甘肃省人民政府"),
        ("省法院", "甘肃省高级人民法院"),
        ("省委依法治省办", "中共甘肃省委全面依法治省委员会办公室"),
        ("依法治省办", "中共甘肃省委全面依法治省委员会办公室"),
        ("省政协", "中国人民政治协商会议甘肃省委员会"),
        ("省委党校", "中共甘肃省委党校"),
        ("党中央", "中国共产党中央委员会"),
        ("国务院", "中华人民共和国国务院"),
        ("司法部", "中华人民共和国司法部"),
        ("全国人大", "全国人民代表大会"),
        ("第十四届全国人民代表大会", "全国人民代表大会"),
        ("甘肃政法大学", "甘肃政法大学"),
    ],
)
def test_gansu_report(surface: str, name: str) -> None:
    found = canonical_agency(surface, province("甘肃"))
    assert found is not None and found.name == name


def test_the_same_short_form_elsewhere() -> None:
    assert canonical_agency("省司法厅", province("广东")).name == "广东省司法厅"  # type: ignore[union-attr]
    assert canonical_agency("市委", province("北京")).name == "中共北京市委"  # type: ignore[union-attr]
    assert canonical_agency("自治区党委", province("广西")).name == "中共广西壮族自治区委员会"  # type: ignore[union-attr]


def test_structure_offices_and_committees() -> None:
    office = canonical_agency("省委依法治省办", province("甘肃"))
    assert office is not None and office.relation == "unit_of"
    committee = canonical_agency(office.parent or "", province("甘肃"))
    assert committee is not None and committee.name == "中共甘肃省委全面依法治省委员会"
    assert (committee.parent, committee.relation) == ("中共甘肃省委", "sub_organization_of")
    composed = canonical_agency("省政府行政复议委员会", province("甘肃"))
    assert composed is not None and composed.name == "甘肃省人民政府行政复议委员会"
    assert composed.parent == "甘肃省人民政府"


@pytest.mark.parametrize("surface", ["各级政府", "有关部门", "纪检监察部门", "民政局", "我厅"])
def test_generic_mentions_resolve_to_none(surface: str) -> None:
    assert canonical_agency(surface, province("甘肃")) is None


def test_level_forms_need_a_province() -> None:
    assert canonical_agency("省政府", None) is None
    assert canonical_agency("市委", province("甘肃")) is None  # which city?
    assert canonical_agency("国务院", None).name == "中华人民共和国国务院"  # type: ignore[union-attr]


def test_a_city_report_resolves_city_forms() -> None:
    from kg.extract.agency_lexicon import locality, province_of

    city = locality("兰州市")
    assert city is not None and province_of(city) == province("甘肃")
    names = {s: canonical_agency(s, province("甘肃"), locality=city) for s in ("市委", "市法院", "市司法局", "省司法厅")}
    assert {s: (n.name if n else None) for s, n in names.items()} == {
        "市委": "中共兰州市委",
        "市法院": "兰州市中级人民法院",
        "市司法局": "兰州市司法局",
        "省司法厅": "甘肃省司法厅",
    }


def test_remembered_answers_depend_on_every_argument() -> None:
    """canonical_agency is cached: the same surface in another province, locality or
    subtype must not get the first answer back."""
    gansu, hubei = province("甘肃"), province("湖北")
    assert canonical_agency("省委", gansu).name == "中共甘肃省委"
    assert canonical_agency("省委", hubei).name == "中共湖北省委"
    assert canonical_agency("省委", gansu).name == "中共甘肃省委"
    assert canonical_agency("省委", None) is None
