"""Issue 2's "done when" on the real sample report: `kg build` of the sample gives a
graph that passes `kg validate`, in which SPARQL finds each 《》 title (with its kind) and
each metric of the gold annotation (value, unit, qualifier) with its source sentence, and in which every
metric, mention and relation statement leads to a sentence whose text is the
cleaned document's text at the sentence's offsets.

(That rdflib and Oxigraph parse graph.ttl back to isomorphic graphs is
tests/test_pipeline.py's test_turtle_parses_back_isomorphic_with_rdflib_and_oxigraph.)
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import SAMPLE, SAMPLE_GOLD
from sample_support import build_sample, iri, label, select, unit

from kg.ingest import read_document
from kg.rdf.namespace import GKG, concept, doc_iri
from kg.rdf.store import GraphSource, open_graph
from kg.validate import validate

GOLD = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
TITLES = [("policy", p["title"], p["kind"]) for p in GOLD["policies"]] + [
    ("work", w["title"], w["kind"]) for w in GOLD["works"]
]
# Gold metrics grouped by (value, unit, text, qualifier): 99% is reported twice, in two sentences.
METRICS = sorted(Counter((Decimal(str(m["value"])), m["unit"], m["text"], m["qualifier"])
                         for m in GOLD["metrics"]).items())


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    build_sample(out)
    return out


@pytest.fixture(scope="module")
def src(out: Path) -> GraphSource:
    return open_graph(graph_file=out / "graph.trig")


@pytest.fixture(scope="module")
def cleaned() -> str:
    return read_document(SAMPLE).text


def test_graph_passes_validation(out: Path) -> None:
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    report = validate(graph)
    assert report.conforms, "\n".join(report.results)
    assert report.results == []


def test_gold_titles_are_the_sample_titles(cleaned: str) -> None:
    """The gold's policies and works are exactly the 《》 titles of the text, so that
    the test below covers every title."""
    assert set(re.findall(r"《([^》]+)》", cleaned)) == {t for _, t, _ in TITLES}


@pytest.mark.parametrize("category, title, kind", TITLES, ids=[t for _, t, _ in TITLES])
def test_sparql_finds_each_title_with_kind_and_sentence(src: GraphSource, category: str, title: str,
                                                        kind: str) -> None:
    rows = select(src, """
        SELECT DISTINCT ?e ?kind ?sentence ?text WHERE {
          ?e skos:prefLabel ?title ; a ?class ; gkg:kind ?kind .
          ?mention gkg:denotes ?e ; gkg:inSentence ?sentence .
          ?sentence gkg:text ?text .
        }""", title=label(title), **{"class": iri(GKG.Policy if category == "policy" else GKG.Work)})
    assert rows, f"no {category} titled {title}"
    assert {r["e"] for r in rows} == {rows[0]["e"]}, "one node per title"
    assert {r["kind"] for r in rows} == {iri(concept(category, kind))}
    assert any(f"《{title}》" in r["text"].value for r in rows), [r["text"].value for r in rows]


@pytest.mark.parametrize("key, count", METRICS, ids=[f"{t}-{u}" for (_, u, t, _), _ in METRICS])
def test_sparql_finds_each_metric_with_its_sentence(src: GraphSource, key: tuple, count: int) -> None:
    value, unit_name, text, qualifier = key
    rows = select(src, """
        SELECT DISTINCT ?m ?text ?sentenceText WHERE {
          ?m a gkg:Metric ; gkg:value ?v ; gkg:unit ?unit ; gkg:qualifier ?qualifier ; gkg:text ?text ;
             prov:wasDerivedFrom ?sentence .
          ?sentence gkg:text ?sentenceText .
          FILTER(?v = ?value)
        }""", value=ox.Literal(str(value), datatype=ox.NamedNode(str(rdflib.XSD.decimal))), unit=unit(unit_name),
                  qualifier=iri(concept("qualifier", qualifier)))
    found = {r["m"] for r in rows if text in r["sentenceText"].value}
    graph_texts = [r["text"].value for r in rows]
    assert len(found) >= count, f"{text}: {value} {unit_name} {qualifier} ×{count}; graph has {graph_texts}"


PROVENANCE = """
    SELECT DISTINCT ?fact ?class ?factText ?factBegin ?factEnd ?sentence ?text ?begin ?end ?doc WHERE {
      VALUES (?class ?link) { (gkg:Metric prov:wasDerivedFrom) (gkg:Mention gkg:inSentence)
                              (rdf:Statement prov:wasDerivedFrom) }
      ?fact a ?class .
      OPTIONAL { ?fact gkg:text ?factText ; gkg:begin ?factBegin ; gkg:end ?factEnd }
      OPTIONAL {
        ?fact ?link ?sentence .
        OPTIONAL { ?sentence gkg:text ?text }
        OPTIONAL { ?sentence gkg:begin ?begin }
        OPTIONAL { ?sentence gkg:end ?end }
        OPTIONAL { ?sentence gkg:inDocument ?doc }
      }
    }"""


def test_every_fact_leads_to_its_sentence_in_the_cleaned_text(src: GraphSource, cleaned: str) -> None:
    rows = select(src, PROVENANCE)
    by_fact: dict[ox.NamedNode, list[dict]] = {}
    for r in rows:
        by_fact.setdefault(r["fact"], []).append(r)
    classes = Counter(rs[0]["class"] for rs in by_fact.values())
    assert all(classes[iri(c)] > 0 for c in (GKG.Metric, GKG.Mention, rdflib.RDF.Statement)), classes
    document = iri(doc_iri(read_document(SAMPLE).id))
    problems = []
    for fact, rs in sorted(by_fact.items(), key=lambda kv: kv[0].value):
        r = rs[0]
        missing = [k for k in ("sentence", "text", "begin", "end", "doc") if k not in r]
        if len(rs) != 1 or missing:
            problems.append(f"{fact.value}: {len(rs)} sentences, missing {missing}")
            continue
        begin, end = int(r["begin"].value), int(r["end"].value)
        if r["text"].value != cleaned[begin:end]:
            problems.append(f"{fact.value}: sentence text is not the cleaned text [{begin}:{end}]")
        if r["doc"] != document:
            problems.append(f"{fact.value}: sentence in {r['doc'].value}")
        if "factText" in r:  # metrics and mentions: their own span lies inside the sentence's
            fb, fe = int(r["factBegin"].value), int(r["factEnd"].value)
            if r["factText"].value != cleaned[fb:fe] or not begin <= fb <= fe <= end:
                problems.append(f"{fact.value}: {r['factText'].value!r} is not at [{fb}:{fe}] in its sentence")
    assert not problems, "\n".join(problems)
