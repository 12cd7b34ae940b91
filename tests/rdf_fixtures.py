"""A tiny hand-built :class:`kg.model.Resolved` for the RDF tests (no extractor involved)."""

from __future__ import annotations

from decimal import Decimal

from kg.model import (
    Document,
    Entity,
    Extraction,
    Mention,
    Metric,
    Relation,
    Resolved,
    Section,
    Segmented,
    Sentence,
)

TITLE = "2023年法治建设亮点"
HEADING = "一、完善制度"
S0 = "甘肃省司法厅出台《甘肃省法治建设考评工作办法》。"
S1 = "省长任振鹤推动各级“万所联万会”机制在兰州市落地，全年办理案件1.2万件，其中刑事案件3000余件。"
TEXT = f"{TITLE}\n{HEADING}\n{S0}{S1}"


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def tiny_resolved(doc_id: str = "tiny-report", value: Decimal = Decimal("12000.0")) -> Resolved:
    """Two sentences under one heading: a policy, an initiative, a person, two metrics."""
    doc = Document(
        id=doc_id,
        text=TEXT,
        path=f"data/corpus/{doc_id}.txt",
        sha256="ab" * 32,
        title=TITLE,
        source="甘肃政法网",
        editor="张曦云",
        published="2024-01-31",
    )
    h0, h1 = _span(TEXT, HEADING)
    a0, a1 = _span(TEXT, S0)
    b0, b1 = _span(TEXT, S1)
    sections = (
        Section(index=0, title=HEADING, start=h0, end=b1, number="一、"),
        Section(index=1, title="（一）健全机制", start=b0, end=b1, level=2, parent=0, number="（一）"),
    )
    sentences = (
        Sentence(0, 0, len(TITLE), TITLE, None, "title"),
        Sentence(1, h0, h1, HEADING, 0, "heading"),
        Sentence(2, a0, a1, S0, 0, "body"),
        Sentence(3, b0, b1, S1, 0, "body"),
    )

    def mention(kind: str, part: str, sentence: int, **kw: object) -> Mention:
        s, e = _span(TEXT, part)
        return Mention(kind=kind, text=part, start=s, end=e, sentence=sentence, **kw)  # type: ignore[arg-type]

    mentions = (
        mention("agency", "甘肃省司法厅", 2, subtype="department"),  # 0
        mention("policy", "甘肃省法治建设考评工作办法", 2, subtype="measures"),  # 1
        mention("person", "任振鹤", 3),  # 2
        mention("initiative", "万所联万会", 3, subtype="mechanism"),  # 3
        mention("place", "兰州市", 3, subtype="prefecture"),  # 4
        mention("agency", "各级", 3),  # 5: dropped by resolution
    )
    m0, m1 = _span(TEXT, "1.2万件")
    n0, n1 = _span(TEXT, "3000余件")
    metrics = (
        Metric("1.2万件", m0, m1, 3, value, "件", "exact", "count", "办理案件", subject=3),
        Metric("3000余件", n0, n1, 3, Decimal("3000"), "件", "over", "count", "刑事案件", parent=0),
    )
    relations = (
        Relation("issues", 0, 1, 2),
        Relation("located_in", 3, 4, 3),
        Relation("leads", 5, 3, 3),  # subject dropped: no triple
    )
    extraction = Extraction(Segmented(doc, sections, sentences), mentions, metrics, relations)
    entities = (
        Entity("agency", "甘肃省司法厅", ("省司法厅",), "department", parent="agency:甘肃省人民政府",
               parent_relation="sub_organization_of"),
        Entity("initiative", "万所联万会", (), "mechanism"),
        Entity("person", "任振鹤"),
        Entity("place", "兰州市", (), "prefecture", code="620100", parent="place:甘肃省"),
        Entity("policy", "甘肃省法治建设考评工作办法", (), "measures"),
    )
    keys = (
        "agency:甘肃省司法厅",
        "policy:甘肃省法治建设考评工作办法",
        "person:任振鹤",
        "initiative:万所联万会",
        "place:兰州市",
        None,
    )
    posts = (("person:任振鹤", "省长", "agency:甘肃省人民政府", 3),)
    return Resolved(
        extraction,
        entities,
        keys,
        posts,
        publisher="agency:甘肃省司法厅",
        province="甘肃省",
        year="2023",
    )
