"""Tests for kg.extract.agency_firms: financial firms named by brand and trade."""

from kg.extract.agencies import extract_agencies
from kg.extract.agency_firms import firm_spans
from kg.model import Sentence


def test_brand_and_trade_is_a_firm() -> None:
    text = "完善机制，德邦证券、富泽人寿成功落户，恒丰银行稳健发展。"
    assert [text[s:e] for s, e in firm_spans(text)] == ["德邦证券", "富泽人寿", "恒丰银行"]
    names = [m.text for m in extract_agencies(Sentence(0, 0, len(text), text))]
    assert {"德邦证券", "富泽人寿", "恒丰银行"} <= set(names)


def test_verbs_and_class_words_are_no_brand() -> None:
    assert firm_spans("要改革银行、影子银行和国家银行等问题。") == []
    assert firm_spans("积极推进农商银行改革。") == []
