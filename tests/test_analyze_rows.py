"""kg.analyze.rows: query rows as plain values, IRI names, natural order, sentence lists."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.analyze.rows import (
    QUERY_DIR,
    add_sentence,
    concept,
    finish_sentences,
    first,
    local_name,
    natural_key,
    select_rows,
)
from kg.errors import QueryError
from kg.rdf.namespace import GKG, ID


def test_local_name_takes_the_last_segment_and_unquotes() -> None:
    assert local_name(str(GKG.ledBy)) == "ledBy"
    assert local_name(str(ID) + "unit/%25") == "%"
    assert local_name(str(ID) + "doc/x/") == "x"


def test_natural_key_orders_numbers_by_value() -> None:
    names = ["s/10", "s/2", "s/1", "t/1"]
    assert sorted(names, key=natural_key) == ["s/1", "s/2", "s/10", "t/1"]
    assert first({"s/10", "s/9"}, "none") == "s/9"
    assert first(set(), "none") == "none"


def test_concept_is_the_part_after_the_first_underscore() -> None:
    assert concept(GKG.metric_amount) == "amount"
    assert concept(GKG.qualifier_at_least) == "at_least"
    assert concept(GKG.Agency) == "Agency"


def test_sentences_end_up_aligned_in_natural_order() -> None:
    attrs: dict[str, Any] = {}
    for n in (10, 2, 2):
        add_sentence(attrs, URIRef(f"{ID}doc/d/sentence/{n}"), Literal(f"text {n}"))
    add_sentence(attrs, None, "ignored")
    add_sentence(attrs, f"{ID}doc/d/sentence/1", None)
    finish_sentences(attrs)
    assert attrs == {
        "sentences": [f"{ID}doc/d/sentence/{n}" for n in (1, 2, 10)],
        "sentence_texts": ["", "text 2", "text 10"],
    }


def _doc_graph(g: Graph) -> Graph:
    doc = ID["doc/d"]
    g.add((doc, RDF.type, GKG.Document))
    g.add((doc, DCTERMS.title, Literal("标题", lang="zh")))
    return g


def test_select_rows_gives_the_same_plain_rows_on_rdflib_and_oxigraph() -> None:
    plain = list(select_rows(_doc_graph(Graph()), "_entity_sections"))
    ds = Dataset(store="Oxigraph", default_union=True)
    _doc_graph(ds.graph(ID["graph/a"]))
    union = list(select_rows(ds, "_entity_sections"))
    expected = [{"s": str(ID["doc/d"]), "p": str(DCTERMS.title), "o": "标题"}]
    assert plain == expected and union == expected
    assert all(type(v) is str for row in plain + union for v in row.values())


def test_a_missing_query_is_a_query_error() -> None:
    assert (QUERY_DIR / "_entity_nodes.rq").is_file()
    with pytest.raises(QueryError, match="no_such_query"):
        list(select_rows(Graph(), "no_such_query"))
