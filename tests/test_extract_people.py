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
    ["省长高度重视", "市委书记主持召开会议", "各部门主要负责同志", "深入学习贯彻习近平法治思想", "全国政协委员"],
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
