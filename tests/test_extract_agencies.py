"""Agency extraction: lexicon names, head words with their left boundary, generics."""

from __future__ import annotations

import pytest

from kg.extract.agencies import (
    agency_spans,
    extract_agencies,
    is_bare_function,
    is_deictic,
)
from kg.model import Sentence


def names(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in agency_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年,省司法厅认真贯彻省委省政府和司法部决策部署", ["省司法厅", "省委", "省政府", "司法部"]),
        ("省委依法治省办选派9名干部参与", ["省委依法治省办"]),
        ("从省委依法治省委员会成员单位抽调人员组成7个省委法治督察组", ["省委依法治省委员会", "省委法治督察组"]),
        ("充分发挥省委党校(甘肃行政学院)、甘肃政法大学、陇东学院三个", ["省委党校", "甘肃行政学院", "甘肃政法大学", "陇东学院"]),
        ("在《甘肃日报》、法治甘肃网等媒体刊发", ["甘肃日报", "法治甘肃网"]),
        ("依托甘肃政法大学成立了全国首家行政规范性文件研究中心", ["甘肃政法大学", "行政规范性文件研究中心"]),
        ("受到中央全面依法治国委员会办公室和司法部充分肯定", ["中央全面依法治国委员会办公室", "司法部"]),
        ("甘肃省住房和城乡建设厅", ["甘肃省住房和城乡建设厅"]),
        ("美国国务院上周表示", ["美国国务院"]),
    ],
)
def test_names_found_with_their_boundaries(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_name_extends_the_body_it_directly_follows() -> None:
    assert names("省长、省政府行政复议委员会主任任振鹤") == ["省政府行政复议委员会"]


@pytest.mark.parametrize(
    "text",
    [
        "推动各级政府成立行政复议调解和解委员会",
        "推动省市两级纪检监察部门200多次参与",
        "全省公安、交通运输系统自查问题",
        "有关部门要加强协调",
        "建设国家技术创新中心和省实验室",
        "深化商业银行改革",
        "统筹部署，委托第三方",
    ],
)
def test_generic_mentions_are_not_agencies(text: str) -> None:
    assert names(text) == []


def test_subtypes_follow_the_head_word() -> None:
    got = {text: sub for text, sub in ((m.text, m.subtype) for m in extract_agencies(Sentence.of(
        "省委、省政府、省人大常委会、省政协、省法院、省检察院、甘肃政法大学、甘肃日报")))}
    assert got == {
        "省委": "party", "省政府": "government", "省人大常委会": "legislature",
        "省政协": "consultative", "省法院": "court", "省检察院": "procuratorate",
        "甘肃政法大学": "university", "甘肃日报": "media",
    }


def test_mentions_carry_document_offsets() -> None:
    sentence = Sentence(index=4, start=100, end=110, text="省司法厅召开会议")
    (m,) = extract_agencies(sentence)
    assert (m.start, m.end, m.sentence, m.text, m.kind) == (100, 104, 4, "省司法厅", "agency")


def test_deictic_and_bare_forms_are_marked_for_resolution() -> None:
    assert is_deictic("我厅") and is_deictic("全系统") and not is_deictic("省委")
    assert is_bare_function("民政局") and not is_bare_function("甘肃省民政厅")
    assert [m.subtype for m in extract_agencies(Sentence.of("我厅组织开展培训"))] == [None]


def test_corpus_reports_give_few_generic_names() -> None:
    from pathlib import Path

    path = Path("/work/shared/corpus/provincial-2026/guangdong.txt")
    if not path.exists():
        pytest.skip("corpus not available")
    found = {n for line in path.read_text(encoding="utf-8").splitlines() for n in names(line)}
    assert {"省委", "省政府", "党中央", "国务院"} <= found
    assert not found & {"各级政府", "有关部门", "政府", "商业银行", "省实验室"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组建国家雅下水电技术创新中心", ["国家雅下水电技术创新中心"]),
        ("建设国家生猪技术创新中心", ["国家生猪技术创新中心"]),
        ("中央政府同地方政府", ["中央政府"]),
        ("中国政府同英国政府", ["英国政府"]),
        ("第六师国土资源局", ["第六师国土资源局"]),
        ("向督院街派出所报案", ["督院街派出所"]),
        ("美空军和俄太平洋舰队", ["美空军", "俄太平洋舰队"]),
        ("NASA宣布", ["NASA"]),
        ("中国建设银行和交通银行深圳分行", ["中国建设银行", "交通银行深圳分行"]),
        ("由中国邮政集团公司印制", ["中国邮政集团公司"]),
        ("北京大学法学院教授", ["北京大学法学院"]),
    ],
)
def test_named_bodies_beyond_classic_heads(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "新建省重点实验室3家",
        "国家和省级区域医疗中心",
        "国家级知识产权保护中心",
        "积极发展大学教育",
        "只派大学毕业生",
        "压缩社会集团购买力",
        "有的由国家大部收购",
        "由省、市、自治区计委进行综合平衡",
        "一批直属师范大学",
        "或者某种集团",
        "三户企业集团",
        "把本部门的计划",
        "NASAX",
    ],
)
def test_designations_and_old_report_phrases_are_not_agencies(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("敦促美空军投资", ["美空军"]),
        ("法驻穗总领事馆文化处文化教育领事", ["法驻穗总领事馆文化处"]),
        ("出动约20架海军航空兵部队战机", ["海军航空兵部队"]),
        ("出动它的战略空军把", ["战略空军"]),
        ("WCG组委会当然", ["WCG组委会"]),
        ("已交市住房保障办和", ["市住房保障办"]),
        ("教育部国际合作与交流司司长", ["教育部国际合作与交流司"]),
        ("向参议院军事委员会保证", ["参议院军事委员会"]),
    ],
)
def test_foreign_and_military_bodies_and_long_subunits(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支持比亚迪、宁德时代等企业", ["比亚迪", "宁德时代"]),
        ("中国石油大学", ["中国石油大学"]),
        ("腾讯公司", ["腾讯公司"]),
        ("中国建设银行股份有限公司", ["中国建设银行股份有限公司"]),
        ("兰州新区管委会印发", ["兰州新区管委会"]),
        ("雄安新区管理委员会", ["雄安新区管理委员会"]),
        ("黄河水利委员会", ["黄河水利委员会"]),
        ("四川省人民医院", ["四川省人民医院"]),
        ("中国宋庆龄基金会", ["中国宋庆龄基金会"]),
        ("上海期货交易所", ["上海期货交易所"]),
    ],
)
def test_companies_zones_hospitals_and_foundations(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", ["县医院", "公立医院", "高新区管委会"])
def test_class_nouns_of_institutions_are_generic(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("比亚迪半导体、京东方第8.6代线等项目", []),
        ("宁德时代获奖", ["宁德时代"]),
        ("国家技术委员会", ["国家技术委员会"]),
        ("国家公立医院", []),
        ("东北地区部分行业", []),
        ("低维电子材料海河实验室", ["低维电子材料海河实验室"]),
        ("2家“一带一路”联合实验室", []),
    ],
)
def test_company_names_inside_project_names_and_national_classes(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("兰州市公证处", ["兰州市公证处"]),
        ("市委全面依法治市委员会办公室", ["市委全面依法治市委员会办公室"]),
        ("省市场监管局", ["省市场监管局"]),
        ("市司法局党组书记", ["市司法局"]),
        ("省市县政府", []),
    ],
)
def test_justice_and_department_forms(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "进一步清理规范行业协会商会",
        "发挥好行业协会商会行业自律",
        "除正规大学外",
        "上得起大学",
        "上层反动集团",
        "中华人民共和国村民委员会组织法",
        "经营者集团",
    ],
)
def test_verbs_particles_and_law_titles_end_no_name(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完善安徽高等研究院", ["安徽高等研究院"]),
        ("组建北京数据集团", ["北京数据集团"]),
        ("推动合肥综合性国家科学中心", ["合肥综合性国家科学中心"]),
        ("设立长三角国家技术创新中心", ["长三角国家技术创新中心"]),
        ("5个国家区域医疗中心", []),
    ],
)
def test_stop_characters_inside_words_and_places_before_national_centres(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("据中国共产党北京市委员会", ["中国共产党北京市委员会"]),
        ("中国共产党第八届中央委员会", ["中国共产党第八届中央委员会"]),
    ],
)
def test_full_party_committee_names_and_ordinals(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中信银行网站为其", ["中信银行"]),
        ("工商银行广东省分行营业部表示", ["工商银行广东省分行"]),
        ("在与世界空军强国对抗", ["空军"]),
        ("世界银行和世界卫生组织", ["世界银行", "世界卫生组织"]),
    ],
)
def test_a_bank_is_not_its_website_and_world_is_no_prefix(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("中国科学院大学", ["中国科学院大学"]), ("国家三大区域科技创新中心", []), ("学会协会", []), ("中国法学会", ["中国法学会"])],
)
def test_a_known_body_and_university_and_counted_classes(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("省农信联社", ["省农信联社"]),
        ("省科学院和省农科院", ["省科学院", "省农科院"]),
        ("省残联、省侨联、省文联、省作协、省红十字会", ["省残联", "省侨联", "省文联", "省作协", "省红十字会"]),
        ("杭州海关", ["杭州海关"]),
        ("省委网信办", ["省委网信办"]),
        ("离不开中央新疆工作协调小组统筹协调", ["中央新疆工作协调小组"]),
        ("全国首票海关特殊监管区域外", []),
    ],
)
def test_provincial_peoples_organisations_customs_and_overlapping_heads(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国家环保总局和电监会", ["国家环保总局", "电监会"]),  # former central bodies
        ("中央汇金公司注资", ["中央汇金公司"]),  # a known financial firm
        ("上面我所说的", []),  # 我所: a particle
        ("本所律师", ["本所"]),  # 本所: the publisher
        ("新组建安徽省实验室", []),  # a province and a designated head: a class
        ("建设青海实验室", ["青海实验室"]),
        ("讯美国会参议院拨款委员会近日", ["美国会参议院拨款委员会"]),  # a chamber after a country
        ("美国众议院", ["美国众议院"]),
        ("撤销了9个国家行业主管局", []),  # a national word and class words: a class
        ("国家外汇管理局", ["国家外汇管理局"]),
        ("国家银行贷款", []),  # state banks and police stations as classes
        ("各地公安派出所", []),
        ("支持成渝地区区域科技创新中心建设", []),  # regional designations and facilities
        ("建设华北区域中欧班列集结中心", []),
        ("新组建省实验室、产业创新研究院等10家以上", []),  # innovation alone names no institute
        ("推动湘江科技创新院建设", ["湘江科技创新院"]),
    ],
)
def test_known_bodies_particles_chambers_and_classes(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_named_alliances_innovation_institutes_and_branch_centres() -> None:
    text = "中部地区国家高新区联盟在汉成立，华中区域应急救援中心、国家药品和医疗器械审评检查华中分中心等项目实施"
    assert names(text) == ["中部地区国家高新区联盟", "华中区域应急救援中心", "国家药品和医疗器械审评检查华中分中心"]
    assert "湘江科技创新院" in names("建设岳麓山工业创新中心、湘江科技创新院、长沙文化科技大学")
    assert names("组建产业联盟，完善分中心布局") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全系统上下一心。", ["全系统"]),  # no known name, no head word: the short path
        ("本单位全力推进。", ["本单位"]),
        ("日本单位", []),  # 本 inside 日本: no deictic form
        ("今天天气很好。", []),
    ],
)
def test_sentence_without_names_keeps_its_deictic_forms(text: str, expected: list[str]) -> None:
    assert names(text) == expected
