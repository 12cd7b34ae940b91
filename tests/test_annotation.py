"""kg.annotation: the FORMAT.md object ``kg extract`` prints and ``kg eval`` scores."""

from __future__ import annotations

from kg.annotation import to_annotation
from kg.extract import extract
from kg.ingest import document_from_text
from kg.resolve import resolve
from kg.segment import segment


def annotate(text: str) -> tuple[dict, list[str]]:
    resolved = resolve(extract(segment(document_from_text(text))))
    places = [k for k in resolved.mention_entities if k and k.startswith("place:")]
    return to_annotation(resolved), places


def test_a_place_named_only_inside_an_agency_is_not_listed_but_stays_in_the_graph() -> None:
    out, found = annotate("经过同英国政府的平等协商，终于解决了香港问题。\n")
    assert "place:英国" in found, "extraction keeps it (located_in for the agency)"
    assert "英国" not in [p["name"] for p in out["places"]]


def test_the_same_place_named_on_its_own_is_listed() -> None:
    out, _ = annotate("经过同英国政府的平等协商，与英国、法国签署协议。\n")
    assert "英国" in [p["name"] for p in out["places"]]


def test_wo_guo_alone_does_not_name_the_country() -> None:
    out, found = annotate("我国经济持续增长，全年粮食产量1.3万亿斤。\n")
    assert found, "我国 is resolved to the country in the graph"
    assert out["places"] == []
    out, _ = annotate("我国经济持续增长，中国经济总量稳居世界第二。\n")
    assert "中华人民共和国" in [p["name"] for p in out["places"]]
