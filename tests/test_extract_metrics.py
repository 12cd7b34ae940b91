"""Tests for kg.extract.metrics (and metric_context, metric_filters)."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.metrics import extract_metrics
from kg.extract.titles import extract_titles
from kg.model import METRIC_KINDS, QUALIFIERS, Metric, Sentence

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
EVAL = Path("/work/shared/eval")
DEV = EVAL / "dev"


def metrics(text: str, blocked: list[tuple[int, int]] | None = None) -> list[Metric]:
    return extract_metrics(Sentence.of(text), blocked or [])


def one(text: str) -> Metric:
    found = metrics(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "qualifier"),
    [
        ("为企业挽回经济损失9000余万元。", "9000余万元", "90000000", "元", "over"),
        ("群众满意度达98%以上。", "98%以上", "98", "%", "at_least"),
        ("全年增值税留抵退税超过2.4万亿元。", "超过2.4万亿元", "2400000000000", "元", "over"),
        ("向低收入群众发放价格补贴，约6700万人受益。", "约6700万人", "67000000", "人", "approx"),
        ("十年增加近70万亿元。", "近70万亿元", "70000000000000", "元", "under"),
        ("新探明玉门超40吨金矿。", "超40吨", "40", "吨", "over"),
        ("粮食产量连年稳定在1.3万亿斤以上。", "1.3万亿斤以上", "1300000000000", "斤", "at_least"),
        ("外汇储备稳定在3万亿美元以上。", "3万亿美元以上", "3000000000000", "美元", "at_least"),
        ("新能源总装机达到8041.6万千瓦。", "8041.6万千瓦", "80416000", "千瓦", "exact"),
        ("累计首播收视1546.5万人次。", "1546.5万人次", "15465000", "人次", "exact"),
        ("为企业纾困解难235件次。", "235件次", "235", "件次", "exact"),
        ("警务技能训练510余场次。", "510余场次", "510", "场次", "over"),
        ("点击量达266万余次。", "266万余次", "2660000", "次", "over"),
        ("法治甘肃网刊发稿件2.1万余条。", "2.1万余条", "21000", "条", "over"),
        ("推动省市两级部门200多次参与。", "200多次", "200", "次", "over"),
        ("收入增长１２．５％。", "１２．５％", "12.5", "%", "exact"),
        ("城镇化率提高2.5个百分点。", "2.5个百分点", "2.5", "个百分点", "exact"),
        ("投入资金三千二百万元。", "三千二百万元", "32000000", "元", "exact"),
        ("十余万人参加培训。", "十余万人", "100000", "人", "over"),
        ("分两期投放政策性开发性金融工具。", "两期", "2", "期", "exact"),
        ("分三批向种粮农民发放农资补贴。", "三批", "3", "批", "exact"),
        ("经过八年持续努力。", "八年", "8", "年", "exact"),
        ("连续三年获国家考核优秀等次。", "三年", "3", "年", "exact"),
        ("去年全球通胀达到40多年来新高。", "40多年", "40", "年", "over"),
        ("庆阳、酒泉经济总量突破千亿元。", "千亿元", "100000000000", "元", "over"),
        ("工业增加值突破40万亿元。", "40万亿元", "40000000000000", "元", "over"),
        ("合作项目投资规模超万亿元。", "超万亿元", "1000000000000", "元", "over"),
        ("重污染天数下降超过五成。", "超过五成", "5", "成", "over"),
        ("让46万群众远离了危险。", "46万", "460000", "人", "exact"),
        ("共向1000多万失业人员发放失业保险待遇。", "1000多万", "10000000", "人", "over"),
        ("近1亿农村贫困人口实现脱贫。", "近1亿", "100000000", "人", "under"),
        ("平凉7亿吨级冶镁白云岩。", "7亿吨级", "700000000", "吨", "approx"),
        ("比重达到百分之三十。", "百分之三十", "30", "%", "exact"),
        ("产值增长四点七倍。", "四点七倍", "4.7", "倍", "exact"),
        ("增速连续16个季度高于全国平均水平。", "16个季度", "16", "个季度", "exact"),
        ("增速连续30个月居全国前列。", "30个月", "30", "个月", "exact"),
        ("在《中华人民共和国律师法》颁布27周年之际。", "27周年", "27", "周年", "exact"),
        ("度电排放二氧化碳0.13千克。", "0.13千克", "0.13", "千克", "exact"),
        ("日均新设企业增加到1万6千多户。", "1万6千多户", "16000", "户", "over"),
        ("最高时速350公里/小时。", "350公里/小时", "350", "公里/小时", "exact"),
        ("惠及近千万家庭。", "近千万家庭", "10000000", "户", "under"),
        ("收入合计２７，２０３，３１９，０００元。", "２７，２０３，３１９，０００元", "27203319000", "元", "exact"),
        ("算力规模达到11.4万P。", "11.4万P", "114000", "P", "exact"),
        ("审批时间压缩到不超过120个工作日。", "不超过120个工作日", "120", "个工作日", "at_most"),
        ("全年接待游客5000万人次左右。", "5000万人次左右", "50000000", "人次", "approx"),
        ("受理案件不足300件。", "不足300件", "300", "件", "under"),
    ],
)
def test_units_values_qualifiers(sentence: str, surface: str, value: str, unit: str, qualifier: str) -> None:
    m = one(sentence)
    assert (m.text, m.value, m.unit, m.qualifier) == (surface, Decimal(value), unit, qualifier)
    assert sentence[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年全省法治建设和司法行政工作十大亮点",
        "2024年1月，3月5日召开会议。",
        "——二〇二六年一月二十七日在甘肃省第十四届人民代表大会第五次会议上",
        "习近平总书记第三次亲临视察。",
        "自查问题数量居全国第3位，增速居全国前10位。",
        "首创“1+4+7”法治建设考评模式。",
        "创新推行“四个一”工作模式，提出“六个明显”工作目标。",
        "打造全国首家“二维码”一键举报平台。",
        "狠抓“六大工程”重点任务落实。",
        "“十四五”时期工作回顾。",
        "省司法厅举行“光荣在党50年”纪念章颁发仪式。",
        "开展“做党和人民满意的好律师”三年提升行动。",
        "过去五年极不平凡。",
        "五年来主要做了以下工作。",
        "十三届全国人大五次会议批准的政府工作报告。",
        "深入学习贯彻省委十二届十一次全会精神。",
        "检验结果互认覆盖二级及以上医疗机构。",
        "为60岁以上老人提供服务。",
        "充分发挥三个甘肃省学习贯彻习近平法治思想研究基地作用。",
        "实施一批重大项目，建设一批智能工厂。",
        "新增百亿县区，打造千亿级产业集群。",
        "守护万家灯火。",
        "兰州新区经济总量实现翻一番。",
        "城乡居民收入比值由3.27缩小至2.93。",
        "引进数十个项目、上百家企业。",
        "重点做好十一个方面工作。",
        "工业投资保持两位数增长。",
        "加快建设750千伏输变电工程。",
        "学科进入ESI全球前1%。",
        "印发《关于降低5%收费标准的通知》。",
        "建成5G基站。",
        "深入贯彻党的二十大精神，推进“三抓三促”行动。",
        "中央八项规定精神。",
        "出台促进经济增长的十项措施，办好十件民生实事。",
        "电话：0931-8888888，邮编730000。",
    ],
)
def test_not_metrics(sentence: str) -> None:
    assert [m.text for m in metrics(sentence)] == []


def test_numbers_around_names_are_still_found() -> None:
    assert [m.text for m in metrics("建成5G基站8.99万个。")] == ["8.99万个"]
    assert [m.text for m in metrics("PM2.5平均浓度下降27.5%。")] == ["27.5%"]
    assert [m.text for m in metrics("五年年均增长5.2%。")] == ["5.2%"]
    assert [m.text for m in metrics("“十四五”以来新增就业12万人。")] == ["12万人"]
    assert [m.text for m in metrics("让13.07万户46万群众远离了危险。")] == ["13.07万户", "46万"]


def test_blocked_spans_are_skipped() -> None:
    text = "实施10万亩高标准农田工程，完成投资5亿元。"
    base = 1000
    s = Sentence.of(text, start=base)
    blocked = [(base + text.index("10万亩"), base + text.index("工程") + 2)]
    assert [m.text for m in extract_metrics(s, blocked)] == ["5亿元"]
    assert [m.text for m in extract_metrics(s)] == ["10万亩", "5亿元"]


def test_document_offsets() -> None:
    doc = "前一句。全省受理案件2852件，办结率99%。"
    start = doc.index("全省")
    found = extract_metrics(Sentence(7, start, len(doc), doc[start:]))
    assert [(doc[m.start : m.end], m.sentence) for m in found] == [("2852件", 7), ("99%", 7)]


def test_distributive_list() -> None:
    text = "2023年全省律师数量、办理法律事务数量、业务收费较2022年底分别增长12.4%、31.1%、43.1%。"
    found = metrics(text)
    assert [m.value for m in found] == [Decimal("12.4"), Decimal("31.1"), Decimal("43.1")]
    assert {(m.kind, m.direction, m.base_period, m.period) for m in found} == {
        ("change", "up", "较2022年底", "2023")
    }
    assert "律师数量" in found[0].about and "业务收费" in found[2].about


def test_elided_units_in_lists() -> None:
    found = metrics("三类企业分别为3、5、7个。")
    assert [(m.text, m.value, m.unit) for m in found] == [("3", 3, "个"), ("5", 5, "个"), ("7个", 7, "个")]
    found = metrics("增速分别高于全国12.7个、12个百分点。")
    assert [m.unit for m in found] == ["个百分点", "个百分点"]


def test_breakdown_after_qizhong() -> None:
    text = "全省惩处问责267人，其中组织处理195人，给予党纪政纪处分30人，移送司法机关3人。"
    found = metrics(text)
    assert [m.value for m in found] == [267, 195, 30, 3]
    assert [m.parent for m in found] == [None, 0, 0, 0]


def test_breakdown_in_parentheses() -> None:
    found = metrics("梳理汇总6类476项具体问题（市州302项、省直部门单位174项）。")
    assert [(m.text, m.parent) for m in found] == [("6类", None), ("476项", None), ("302项", 1), ("174项", 1)]


def test_parts_larger_than_the_total_are_not_parts() -> None:
    found = metrics("完成投资100亿元，其中新增200亿元。")
    assert [m.parent for m in found] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "kind", "direction"),
    [
        ("全省行政复议机构受理案件2852件。", "count", None),
        ("整改率99%。", "rate", None),
        ("执行到位金额245.3亿元。", "amount", None),
        ("单位国内生产总值能耗下降8.1%。", "change", "down"),
        ("粮食增产74亿斤。", "change", "up"),
        ("新增城镇就业1206万人。", "count", None),
        ("常住人口城镇化率提高到65.2%。", "level", "up"),
        ("居民消费价格涨幅控制在3%。", "level", None),
    ],
)
def test_kind_and_direction(sentence: str, kind: str, direction: str | None) -> None:
    m = one(sentence)
    assert (m.kind, m.direction) == (kind, direction)


def test_about_period_and_base() -> None:
    m = one("2023年全省行政复议机构受理案件2852件。")
    assert m.period == "2023" and "受理案件" in m.about
    assert one("群众满意度达98%以上。").about == "群众满意度"
    assert one("累计执结案件97892件。").about == "执结案件"
    assert one("组成2个督察组开展明察暗访。").about == "督察组"  # the thing counted follows
    assert one("工作做法先后16次受到肯定。").about == "工作做法先后"  # 次 counts events, not things
    assert one("比上年增长5%。").base_period == "比上年"
    assert one("同比增长5%。").base_period == "同比"
    assert one("较“十三五”末增加4374.4亿元。").base_period == "较“十三五”末"


def test_huge_and_odd_numbers_do_not_crash() -> None:
    m = one("投资9999999999999亿元。")
    assert m.value.is_finite() and m.value > 10**20
    m = one("增长3.14159265358979%。")
    assert m.value == Decimal("3.14159265358979")
    assert all(x.value.is_finite() for x in metrics("亿" * 200 + "元，" + "9" * 300 + "个"))


_ALPHABET = "0123456789.,%０１２３４５６７８９．％一二两三四五六七八九十百千万亿零〇余多近超约以上下左右个人次元年月第届《》“”、，。其中（）分别增长较"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.integers(0, 5000))
def test_metric_invariants(text: str, start: int) -> None:
    found = extract_metrics(Sentence.of(text, start=start), [(start, start + 3)])
    for i, m in enumerate(found):
        assert text[m.start - start : m.end - start] == m.text
        assert m.value.is_finite()
        assert m.qualifier in QUALIFIERS and m.kind in METRIC_KINDS
        assert m.parent is None or (0 <= m.parent < len(found) and m.parent != i)
        assert not (m.start < start + 3 and m.start >= start and m.end <= start + 3)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_never_raises(text: str) -> None:
    for m in extract_metrics(Sentence.of(text)):
        assert text[m.start : m.end] == m.text and m.value.is_finite()


def _score(text_path: Path, gold_path: Path) -> tuple[float, float]:
    """Metrics F1 by (value, unit) multiset and qualifier accuracy, as ../shared/eval/FORMAT.md scores."""
    from kg.ingest import read_document
    from kg.segment import segment

    found: list[Metric] = []
    for sentence in segment(read_document(text_path)).sentences:
        titles = extract_titles(sentence)
        found += extract_metrics(sentence, [(t.start, t.end) for t in titles])
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["metrics"]

    def key(value: object, unit: str) -> tuple[Decimal, str]:
        return Decimal(str(value)).normalize(), unit

    g = Counter(key(m["value"], m["unit"]) for m in gold)
    p = Counter(key(m.value, m.unit) for m in found)
    tp = sum((g & p).values())
    precision, recall = tp / max(1, sum(p.values())), tp / max(1, sum(g.values()))
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    quals: dict[tuple[Decimal, str], list[str]] = {}
    for m in gold:
        quals.setdefault(key(m["value"], m["unit"]), []).append(m["qualifier"])
    right = total = 0
    for m in found:
        pending = quals.get(key(m.value, m.unit))
        if pending:
            total += 1
            right += pending.pop(0) == m.qualifier
    return f1, right / max(1, total)


@pytest.mark.skipif(not EVAL.exists(), reason="gold annotations not available")
def test_sample_report_against_gold() -> None:
    f1, qualifier_accuracy = _score(SAMPLE, EVAL / "gansu-2023-rule-of-law-highlights.gold.json")
    assert f1 >= 0.99
    assert qualifier_accuracy >= 0.97


@pytest.mark.skipif(not DEV.exists(), reason="dev set not available")
@pytest.mark.parametrize("text", sorted(DEV.glob("*.txt")), ids=lambda p: p.stem)
def test_dev_excerpts_against_gold(text: Path) -> None:
    f1, qualifier_accuracy = _score(text, text.with_name(text.name.replace(".txt", ".gold.json")))
    assert f1 >= 0.97
    assert qualifier_accuracy >= 0.97


@pytest.mark.parametrize(
    ("text", "kind", "direction"),
    [
        ("收入增长12.4%。", "change", "up"),
        ("成本下降3%。", "change", "down"),
        ("覆盖率提高到66.2%。", "level", "up"),
        ("新增1832户。", "count", None),  # 新增 is a count cue though it ends in 增
        ("投入资金5亿元。", "amount", None),
    ],
)
def test_the_verb_before_a_number_gives_its_kind(text: str, kind: str, direction: str | None) -> None:
    (m,) = extract_metrics(Sentence.of(text))
    assert (m.kind, m.direction) == (kind, direction)


def test_a_sentence_whose_only_digits_are_full_width_is_read() -> None:
    """The number pre-test runs before digits are normalised: １２, 萬 and 兩 pass it."""
    (m,) = extract_metrics(Sentence.of("投入资金１２亿元。"))
    assert m.value == Decimal("1200000000") and m.unit == "元"
    (m,) = extract_metrics(Sentence.of("新增就业兩萬人。"))
    assert m.value == Decimal("20000")
