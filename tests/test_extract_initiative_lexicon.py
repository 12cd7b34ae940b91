"""The initiative lexicons as lookups: heads longest first, kinds, known names and variants."""

from __future__ import annotations

from kg.extract.initiative_lexicon import cues, head_kind, heads, known, variant


def test_heads_are_longest_first_with_their_kind() -> None:
    lengths = [len(h) for h, _ in heads()]
    assert lengths == sorted(lengths, reverse=True)
    assert head_kind("专项行动") == "campaign"
    assert head_kind("机制") == "mechanism"
    assert head_kind("不是头词") == "other"


def test_known_names_and_close_variants() -> None:
    assert known()["脱贫攻坚战"] == ("脱贫攻坚", "campaign")
    assert variant("脱贫攻坚战", "campaign") == ("脱贫攻坚", "campaign")
    # an abbreviation with no shared wording is no variant
    assert variant("双碳", "other") == ("双碳", "other")
    assert variant("某某行动", "campaign") == ("某某行动", "campaign")


def test_cues_compile_each_role() -> None:
    c = cues()
    assert c.lead_verb.match("加快推进") and c.lead_modifier.match("全国首个")
    assert c.generic_start.match("重点项目") and not c.generic_start.match("陇电入鲁工程")
    assert "开展" in c.verbs.split("|")



def test_national_schemes_known_by_name() -> None:
    from kg.extract.initiative_lexicon import known

    assert known()["保交房"] == ("保交房", "campaign")
    assert known()["最严格水资源管理制度"][1] == "mechanism"
    assert "城中村" not in known()  # a kind of place, not the programme (城中村改造)
