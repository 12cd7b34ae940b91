"""People extraction: names next to post titles and 同志, with their posts."""

from __future__ import annotations

import pytest

from kg.extract.people import extract_people
from kg.model import PostRef, Sentence


def people(text: str) -> dict[str, tuple[PostRef, ...]]:
    return {m.text: m.posts for m in extract_people(Sentence.of(text))}


def test_title_before_name() -> None:
    assert people("省委书记胡昌升同志、省长任振鹤同志多次作出指示批示") == {
        "胡昌升": (PostRef("省委书记", "省委"),),
        "任振鹤": (PostRef("省长", "省政府"),),
    }


def test_titles_joined_by_a_comma_mark_give_two_posts() -> None:
    got = people("省长、省政府行政复议委员会主任任振鹤为行政复议大厅揭牌")
    assert got == {"任振鹤": (PostRef("省长", "省政府"), PostRef("省政府行政复议委员会主任", "省政府行政复议委员会"))}


def test_agency_written_before_the_title_is_part_of_it() -> None:
    got = people("省委政法委书记刘长根,副省长黄瑞雪和省法院院长王中明应邀参加")
    assert got == {
        "刘长根": (PostRef("省委政法委书记", "省委政法委"),),
        "黄瑞雪": (PostRef("副省长", "省政府"),),
        "王中明": (PostRef("省法院院长", "省法院"),),
    }


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        ("来源:甘肃政法网 责任编辑:张曦云 发布时间:2024-01-31", "张曦云", PostRef("责任编辑", None)),
        ("甘肃省省长 任振鹤", "任振鹤", PostRef("省长", "甘肃省政府")),
        ("国务院总理\u3000李克强", "李克强", PostRef("国务院总理", "国务院")),
        ("深入贯彻落实习近平总书记视察甘肃重要讲话", "习近平", PostRef("总书记", "党中央")),
    ],
)
def test_bylines_and_names_before_titles(text: str, name: str, post: PostRef) -> None:
    assert people(text) == {name: (post,)}


def test_comrade_without_title() -> None:
    assert people("在以习近平同志为核心的党中央坚强领导下") == {"习近平": ()}


@pytest.mark.parametrize(
    "text",
    ["省长高度重视", "市委书记主持召开会议", "各部门主要负责同志", "全国政协委员"],
)
def test_no_person_without_a_name(text: str) -> None:
    assert people(text) == {}


def test_offsets_are_document_offsets() -> None:
    (m,) = extract_people(Sentence(index=2, start=50, end=58, text="副省长黄瑞雪出席"))
    assert (m.start, m.end, m.sentence, m.kind) == (53, 56, 2, "person")


def test_a_bare_unit_word_before_the_title_is_kept_for_resolution() -> None:
    got = people("厅党委书记、厅长王文奇主持召开厅党委会议")
    assert got == {"王文奇": (PostRef("厅党委书记", None), PostRef("厅长", None))}


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        ("王凯省长出席会议", "王凯", PostRef("省长", "省政府")),
        ("张三副市长强调", "张三", PostRef("副市长", "市政府")),
        ("以胡锦涛同志为总书记的党中央", "胡锦涛", PostRef("总书记", "党中央")),
    ],
)
def test_level_titles_after_names_and_posts_given_by_wei(text: str, name: str, post: PostRef) -> None:
    assert people(text) == {name: (post,)}


@pytest.mark.parametrize("text", ["陕西省长安区", "全省长江流域", "吉林省长春市", "召开全国省长、市长会议", "城市长效机制"])
def test_level_characters_inside_places_are_no_titles(text: str) -> None:
    assert people(text) == {}


def test_a_party_group_title_after_a_bureau_is_a_post_of_the_bureau() -> None:
    got = people("市司法局党组书记、局长张三主持会议")
    assert got == {"张三": (PostRef("市司法局党组书记", "市司法局"), PostRef("局长", "市司法局"))}


def test_a_bare_title_in_a_chain_takes_the_agency_before_it() -> None:
    assert people("司法部党组书记、部长贺荣") == {"贺荣": (PostRef("司法部党组书记", "司法部"), PostRef("部长", "司法部"))}


def test_names_listed_after_a_title_share_its_post() -> None:
    got = people("副省长张三、李四和省法院院长王中明出席")
    assert got == {
        "张三": (PostRef("副省长", "省政府"),),
        "李四": (PostRef("副省长", "省政府"),),
        "王中明": (PostRef("省法院院长", "省法院"),),
    }


@pytest.mark.parametrize(
    ("text", "name", "posts"),
    [
        ("中共中央政治局委员、省委书记陈敏尔", "陈敏尔", (PostRef("中共中央政治局委员", "中共中央政治局"), PostRef("省委书记", "省委"))),
        ("全国人大常委会副委员长王东明", "王东明", (PostRef("全国人大常委会副委员长", "全国人大常委会"),)),
        ("省委常委、常务副省长孙守刚主持", "孙守刚", (PostRef("省委常委", "省委"), PostRef("常务副省长", "省政府"))),
        ("许勤书记强调", "许勤", (PostRef("书记", None),)),
    ],
)
def test_member_titles_vice_chairs_and_secretary_after_a_name(text: str, name: str, posts: tuple[PostRef, ...]) -> None:
    assert people(text) == {name: posts}


def test_a_party_committee_secretary_without_a_name_is_no_person() -> None:
    assert people("各级党委书记要带头") == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("以毛泽东同志为主要代表的中国共产党人", {"毛泽东"}),
        ("以江泽民同志为核心的党中央", {"江泽民"}),
        ("毛泽东、周恩来、刘少奇、朱德等老一辈革命家", {"毛泽东", "周恩来", "刘少奇", "朱德"}),
        ("胡锦涛、温家宝、江泽民、朱镕基、李鹏同志", {"胡锦涛", "温家宝", "江泽民", "朱镕基", "李鹏"}),
        ("对林彪、“四人帮”的斗争", {"林彪"}),
        ("刘少奇、林彪两个资产阶级司令部", {"刘少奇", "林彪"}),
    ],
)
def test_leaders_are_named_anywhere_without_a_post(text: str, names: set[str]) -> None:
    got = people(text)
    assert set(got) == names and all(p == () for p in got.values())


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        ("李强总理出席", "李强", PostRef("总理", "国务院")),
        ("国务院总理李强", "李强", PostRef("国务院总理", "国务院")),
        ("以胡锦涛同志为总书记的党中央", "胡锦涛", PostRef("总书记", "党中央")),
        ("毛泽东主席指出", "毛泽东", PostRef("主席", None)),
    ],
)
def test_a_leader_gets_a_post_only_where_the_text_gives_one(text: str, name: str, post: PostRef) -> None:
    assert people(text) == {name: (post,)}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("向更加宽裕的小康生活迈进", set()),  # 康生 inside 小康生活
        ("中韩正在推进自贸协定谈判", set()),  # 韩正 across 中韩|正在
        ("李鹏飞主持会议", set()),  # a longer name that starts with 李鹏
        ("在国际市场汪洋大海中搏击风浪", set()),  # 汪洋 is also a word
        ("推进万里茶道申遗", set()),  # 万里 is also a word
        ("委员长万里主持会议", {"万里"}),  # … but a person next to a title
        ("陈云同志的发言", {"陈云"}),
        ("韩正副主席出席", {"韩正"}),
    ],
)
def test_two_character_leader_names_need_a_boundary(text: str, names: set[str]) -> None:
    assert set(people(text)) == names


@pytest.mark.parametrize(
    "text",
    [
        "坚持以习近平新时代中国特色社会主义思想为指导",
        "深入学习贯彻习近平法治思想",
        "以马克思列宁主义、毛泽东思想、邓小平理论为指导",
    ],
)
def test_a_doctrine_named_after_a_leader_names_no_person(text: str) -> None:
    # The sample's gold counts no person for its many 习近平法治思想.
    assert people(text) == {}


def test_variant_spellings_resolve_to_the_simplified_name() -> None:
    (m,) = extract_people(Sentence.of("毛澤東主席"))
    assert (m.text, m.name) == ("毛澤東", "毛泽东")
    (m,) = extract_people(Sentence.of("劉少奇、"))
    assert (m.text, m.name, m.posts) == ("劉少奇", "刘少奇", ())


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("王凯同志指出。", "王凯"),  # 同志 alone passes the one-search pre-test
        ("省长任振鹤主持会议。", "任振鹤"),  # a title
        ("胡锦涛、温家宝出席。", "胡锦涛"),  # a scanned leader's name
    ],
)
def test_each_kind_of_cue_lets_a_sentence_through(text: str, person: str) -> None:
    assert person in [m.text for m in extract_people(Sentence.of(text))]
