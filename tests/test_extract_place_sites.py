"""Places that name reservoirs (kg/extract/place_sites.py)."""

from __future__ import annotations

from kg.extract.place_sites import reservoir_stems
from kg.extract.places import extract_places
from kg.model import Sentence


def _stems(text: str) -> list[str]:
    return [text[s:e] for s, e in reservoir_stems(text)]


def test_reservoir_names_after_a_boundary() -> None:
    assert _stems("以及梅山灌区、金塘冲水库等，淮河的南湾水库工程") == ["金塘冲", "南湾"]
    assert _stems("德厚、阿岗、车马碧大型水库建成") == ["车马碧"]


def test_size_state_and_verbs_are_no_names() -> None:
    assert _stems("完成病险水库除险加固，完善大中型水库，推进中型水库，（含小型水库）") == []
    assert _stems("加快太平水库建设") == []  # no boundary: the left edge is unknown


def test_extracted_as_places() -> None:
    found = extract_places(Sentence.of("水资源配置工程、长塘水库、邕北灌区建设"))
    assert [(m.text, m.subtype) for m in found] == [("长塘", "other")]


def test_rivers_and_lakes_by_shape() -> None:
    from kg.extract.place_sites import water_bodies

    text = "保护好乌江、赤水河、都柳江流域，杞麓湖治理，以及无定河综合治理"
    assert [text[s:e] for s, e in water_bodies(text)] == ["赤水河", "都柳江", "杞麓湖", "无定河"]
    for words in ("推进退耕还湖、重要河湖保护", "推进北沿江、通苏嘉甬等高铁", "加快长江、黄河生态保护"):
        assert water_bodies(words) == []
