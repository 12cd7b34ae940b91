"""Place resolution: canonical names, codes, parents, ambiguity."""

from __future__ import annotations

from kg.extract.places import extract_places
from kg.model import Mention, Sentence
from kg.resolve.places import resolve_places


def _resolve(text: str, province: str | None):
    mentions = extract_places(Sentence.of(text))
    return mentions, resolve_places(mentions, province)


def test_short_forms_get_full_names_codes_and_parents() -> None:
    _, ents = _resolve("甘肃庆阳、张掖市山丹县", "甘肃省")
    by_name = {e.name: e for e in ents}
    assert by_name["甘肃省"].code == "620000" and by_name["甘肃省"].aliases == ("甘肃",)
    assert by_name["甘肃省"].parent == "place:中华人民共和国"
    assert by_name["庆阳市"].code == "621000" and by_name["庆阳市"].parent == "place:甘肃省"
    assert by_name["山丹县"].parent == "place:张掖市"
    assert by_name["山丹县"].parent_relation == "contained_in"
    assert by_name["山丹县"].subtype == "county"


def test_ambiguous_name_settled_by_province_or_left_without_code() -> None:
    _, ents = _resolve("城关区", "甘肃省")
    assert ents[0].code == "620102"
    _, ents = _resolve("城关区", "西藏自治区")
    assert ents[0].code == "540102"
    _, ents = _resolve("城关区", None)
    assert ents[0].name == "城关区" and ents[0].code is None


def test_ambiguous_name_settled_by_a_parent_in_the_document() -> None:
    _, ents = _resolve("兰州市城关区", None)
    assert ents[1].code == "620102"


def test_broader_level_wins_and_deictic_forms() -> None:
    _, ents = _resolve("吉林、我国、我省", "甘肃")
    assert [e.name for e in ents] == ["吉林省", "中华人民共和国", "甘肃省"]
    assert ents[1].aliases == ()  # 我国 is never an alias
    _, ents = _resolve("我省", None)
    assert ents == [None]


def test_county_short_forms_only_in_their_province() -> None:
    mentions, ents = _resolve("泾川特大型铀矿", "甘肃省")
    assert ents[0] is not None and ents[0].name == "泾川县"
    _, ents = _resolve("泾川特大型铀矿", None)
    assert ents == [None]


def test_non_place_mentions_get_none() -> None:
    m = Mention(kind="agency", text="省司法厅", start=0, end=4, sentence=0)
    assert resolve_places([m], "甘肃省") == [None]


def test_township_after_its_county() -> None:
    mentions, ents = _resolve("化隆县谢家滩乡拉扎村，山丹县城乡一体化", "青海省")
    assert [m.text for m in mentions] == ["化隆县", "谢家滩乡", "山丹县"]
    assert ents[1].name == "谢家滩乡" and ents[1].parent == "place:化隆回族自治县" and ents[1].code is None


def test_we_region_only_in_an_autonomous_region() -> None:
    _, ents = _resolve("我区营商环境", "宁夏回族自治区")
    assert ents[0].name == "宁夏回族自治区" and ents[0].aliases == ()
    _, ents = _resolve("我区营商环境", "甘肃省")
    assert ents == [None]


def test_parents_up_to_the_country() -> None:
    from kg.resolve.places import place_parents

    _, ents = _resolve("山丹县", "甘肃省")
    parents = place_parents(ents)
    assert [(e.name, e.code, e.parent) for e in parents] == [
        ("中华人民共和国", None, None),
        ("张掖市", "620700", "place:甘肃省"),
        ("甘肃省", "620000", "place:中华人民共和国"),
    ]
    assert place_parents(parents + ents) == []


def test_repeated_places_resolve_alike_and_gather_every_alias() -> None:
    """Each distinct written place is read once: its repeats get the same entity,
    with the aliases of all the mentions, and a later parent still settles an
    earlier ambiguous name."""
    mentions, ents = _resolve("城关区、甘肃、甘肃省、城关区、兰州市、甘肃", None)
    texts = [m.text for m in mentions]
    assert texts == ["城关区", "甘肃", "甘肃省", "城关区", "兰州市", "甘肃"]
    assert ents[1] == ents[2] == ents[5] and ents[1].aliases == ("甘肃",)
    assert ents[0] == ents[3] and ents[0].code == "620102"  # 兰州市 named later settles both
