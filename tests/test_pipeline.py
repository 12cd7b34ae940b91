"""The whole pipeline on real reports: kg.pipeline.build and extract_file."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import REPORTS, SAMPLE, corpus_files
from kg.export import serialize_source
from kg.pipeline import build, extract_file
from kg.rdf.namespace import GKG
from kg.rdf.store import open_graph
from rdflib.namespace import SKOS


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("out")
    return out, build([SAMPLE], out, report=False, viz=False)


def test_sample_builds_turtle_trig_and_manifest(sample_build):
    out, result = sample_build
    assert not result.failures
    assert result.triples > 1000
    for name in ("graph.ttl", "graph.trig", "build.json"):
        assert (out / name).stat().st_size > 0
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert manifest["graph"] == "graph.trig"
    assert list(manifest["documents"]) == ["gansu-2023-rule-of-law-highlights"]
    assert not list(out.glob("*.tmp*")), "no temporary file may be left behind"


def test_turtle_parses_back_isomorphic_with_rdflib_and_oxigraph(sample_build):
    out, _ = sample_build
    data = (out / "graph.ttl").read_bytes()
    by_rdflib = rdflib.Graph().parse(data=data, format="turtle")
    by_oxigraph = rdflib.Graph()
    for t in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE):
        by_oxigraph.add(tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    assert len(by_rdflib) == len(by_oxigraph) > 1000
    assert isomorphic(by_rdflib, by_oxigraph)


def _to_rdflib(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    lang = term.language
    if lang or term.datatype.value == str(rdflib.XSD.string):
        return rdflib.Literal(term.value, lang=lang)  # a plain literal in rdflib's terms
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def test_rebuild_is_byte_identical_and_independent_of_jobs(tmp_path):
    files = [SAMPLE, REPORTS / "provincial-2026" / "gansu.txt", REPORTS / "national" / "2023.txt"]
    a, b = tmp_path / "a", tmp_path / "b"
    build(files, a, report=False, viz=False)
    build(list(reversed(files)), b, jobs=2, report=False, viz=False)
    assert (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()
    assert (a / "graph.trig").read_bytes() == (b / "graph.trig").read_bytes()


def test_bad_inputs_are_reported_and_the_rest_still_builds(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00\x00")
    missing = tmp_path / "missing.txt"
    result = build([SAMPLE, empty, binary, missing], tmp_path / "out", report=False, viz=False)
    assert [d.path for d in result.built] == [str(SAMPLE)]
    errors = sorted(d.error for d in result.failures)
    assert len(errors) == 3
    for path, err in zip(sorted([str(binary), str(empty), str(missing)]), errors):
        assert err.startswith(path) and "\n" not in err
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_every_report_in_the_corpus_extracts():
    for path in corpus_files():
        resolved = extract_file(path)
        text = resolved.document.text
        assert resolved.extraction.segmented.sentences, path
        for m in resolved.extraction.mentions:
            assert text[m.start:m.end] == m.text, (path, m)
        for x in resolved.extraction.metrics:
            assert text[x.start:x.end] == x.text, (path, x)


def test_store_build_skips_unchanged_and_replaces_changed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    a, b = src / "a.txt", src / "b.txt"
    a.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text("2023年，省司法厅出台《甘肃省法律援助条例》，办理案件1200件。\n", encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "out"
    first = build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in first.documents] == [False, False]
    turtle = (out / "graph.ttl").read_bytes()
    mtime = (out / "graph.ttl").stat().st_mtime_ns
    again = build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in again.documents] == [True, True]
    assert (out / "graph.ttl").read_bytes() == turtle, "an unchanged corpus keeps the same graph"
    assert (out / "graph.ttl").stat().st_mtime_ns == mtime, "and is not exported again"
    assert (again.triples, again.classes) == (first.triples, first.classes)
    b.write_text("2023年，省司法厅出台《甘肃省公证条例》，办理案件1300件。\n", encoding="utf-8")
    third = build([src], out, store=store, export=True, report=False, viz=False)
    assert sorted((d.doc_id, d.skipped) for d in third.documents) == [("a", True), ("b", False)]
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "甘肃省公证条例" in text and "甘肃省法律援助条例" not in text
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["store"] == str(store.resolve())


def test_store_build_without_export_writes_only_the_store(tmp_path):
    """Adding a report to a store must not rewrite files the size of the whole store."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2023年，省司法厅出台《甘肃省法律援助条例》，办理案件1200件。\n", encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "out"
    first = build([src], out, store=store, report=False, viz=False)
    assert not (out / "graph.ttl").exists() and not (out / "graph.trig").exists()
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert manifest["store"] == str(store.resolve()) and manifest["graph"] is None
    assert first.triples > 10 and first.classes["policy"] == 1
    (src / "b.txt").write_text("2024年，省司法厅出台《甘肃省公证条例》。\n", encoding="utf-8")
    second = build([src], out, store=store, report=False, viz=False)
    assert sorted((d.doc_id, d.skipped) for d in second.documents) == [("a", True), ("b", False)]
    assert second.classes["policy"] == 1, "counts are those of the documents written now"
    with open_graph(out_dir=out) as source:  # what kg query reads: the store, with both reports
        rows = source.query("SELECT DISTINCT ?l WHERE { ?p a gkg:Policy ; skos:prefLabel ?l }",
                            prefixes={"gkg": str(GKG), "skos": str(SKOS)})
        assert sorted(r["l"].value for r in rows) == ["甘肃省公证条例", "甘肃省法律援助条例"]


def test_a_build_removes_what_an_interrupted_build_left(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".graph.ttl.abc123.tmp", out / ".graph.html.x.tmp"]
    for f in stale:
        f.write_text("half a file", encoding="utf-8")
    keep = out / ".notes.tmp"  # not ours
    keep.write_text("x", encoding="utf-8")
    build([SAMPLE], out, report=False, viz=False)
    assert not any(f.exists() for f in stale) and keep.exists()


def test_store_export_gives_the_same_graph_as_a_plain_build(tmp_path):
    plain = build([SAMPLE], tmp_path / "plain", report=False, viz=False)
    stored = build([SAMPLE], tmp_path / "out", store=tmp_path / "store", export=True, report=False, viz=False)

    def triples(path):
        fmt = pyoxigraph.RdfFormat.TURTLE if path.suffix == ".ttl" else pyoxigraph.RdfFormat.TRIG
        return {(q.subject, q.predicate, q.object, getattr(q, "graph_name", None))
                for q in pyoxigraph.parse(path.read_bytes(), format=fmt)}

    for name in ("graph.ttl", "graph.trig"):
        assert triples(tmp_path / "out" / name) == triples(tmp_path / "plain" / name), name
    assert (stored.triples, stored.classes) == (plain.triples, plain.classes)
    with open_graph(store_dir=tmp_path / "store") as source:  # what `kg export --store` writes
        exported = pyoxigraph.parse(serialize_source(source, "nq"), format=pyoxigraph.RdfFormat.N_QUADS)
        assert {(q.subject, q.predicate, q.object, q.graph_name) for q in exported} == triples(
            tmp_path / "plain" / "graph.trig")


def test_store_build_commits_in_batches_and_resumes(tmp_path, monkeypatch):
    """A store build that dies midway keeps the batches it committed; the rerun does the rest."""
    from kg import incremental
    from kg.rdf.store import GraphStore

    src = tmp_path / "src"
    src.mkdir()
    for name, title in (("a", "法律援助条例"), ("b", "公证条例"), ("c", "人民调解条例")):
        (src / f"{name}.txt").write_text(f"2023年，省司法厅出台《甘肃省{title}》。\n", encoding="utf-8")
    monkeypatch.setattr(incremental.StoreBatches, "LIMIT", 1)  # one document per transaction
    real = GraphStore.replace_documents
    calls = []

    def dies_on_the_second(self, docs, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, docs, **kwargs)

    monkeypatch.setattr(GraphStore, "replace_documents", dies_on_the_second)
    store = tmp_path / "store"
    GraphStore.open(store).close()  # an existing store is updated in place, batch by batch
    with pytest.raises(KeyboardInterrupt):
        build([src], tmp_path / "out", store=store, report=False, viz=False)
    with GraphStore.open(store) as gs:
        assert list(gs.documents()) == ["a"]
    monkeypatch.setattr(GraphStore, "replace_documents", real)
    again = build([src], tmp_path / "out", store=store, report=False, viz=False)
    assert sorted((d.doc_id, d.skipped) for d in again.documents) == [("a", True), ("b", False), ("c", False)]


def test_a_new_store_is_built_aside_and_appears_only_when_complete(tmp_path, monkeypatch):
    from kg.rdf.store import GraphStore

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2023年，省司法厅出台《甘肃省法律援助条例》。\n", encoding="utf-8")
    store = tmp_path / "store"
    real = GraphStore.replace_documents

    def dies(self, docs, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(GraphStore, "replace_documents", dies)
    with pytest.raises(KeyboardInterrupt):
        build([src], tmp_path / "out", store=store, report=False, viz=False)
    assert not store.exists(), "a killed first build leaves no half store"
    monkeypatch.setattr(GraphStore, "replace_documents", real)
    build([src], tmp_path / "out", store=store, report=False, viz=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "src", "store"], "the aside copy is gone"
    with GraphStore.open(store) as gs:
        assert list(gs.documents()) == ["a"]


def test_a_store_rebuilds_unchanged_reports_after_the_extractor_changes(tmp_path, monkeypatch):
    """The store compared only the file's hash: after an upgrade (new rules or lexicon
    entries) it kept every report's old reading, and the export from last time."""
    import kg.fingerprint
    from kg import pipeline

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2023年，省司法厅出台《甘肃省法律援助条例》，办理案件1200件。\n", encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "out"
    build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in build([src], out, store=store, export=True, report=False, viz=False).documents] == [True]
    mtime = (out / "graph.ttl").stat().st_mtime_ns
    for module in (kg.fingerprint, pipeline):
        monkeypatch.setattr(module, "extractor_fingerprint", lambda: "an upgraded extractor")
    upgraded = build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in upgraded.documents] == [False]
    assert (out / "graph.ttl").stat().st_mtime_ns != mtime, "exported again"
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert manifest["extractor"] == "an upgraded extractor"
    again = build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in again.documents] == [True]


def test_a_manifest_row_titles_a_report_and_a_changed_row_rebuilds_it(tmp_path):
    """National work reports have no title line: data/reports/MANIFEST.tsv gives it, the
    date and the page; the store must not keep the old row's title."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2023年，省司法厅出台《甘肃省法律援助条例》，办理案件1200件。\n", encoding="utf-8")
    row = "file\ttitle\tpublished\tsource_url\na.txt\t{}\t2024-01-31\thttps://example.org/a?id=1\n"
    (src / "MANIFEST.tsv").write_text(row.format("甲报告"), encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "out"
    build([src], out, store=store, export=True, report=False, viz=False)
    ask = ("SELECT ?t ?d ?u WHERE { ?doc a gkg:Document ; dcterms:title ?t ; dcterms:issued ?d ; "
           "dcterms:source ?u }")

    def described():
        with open_graph(out_dir=out) as source:
            return [(r["t"].value, r["d"].value, r["u"].value) for r in source.query(ask, prefixes={
                "gkg": str(GKG), "dcterms": "http://purl.org/dc/terms/"})]

    assert described() == [("甲报告", "2024-01-31", "https://example.org/a?id=1")]
    assert [d.skipped for d in build([src], out, store=store, report=False, viz=False).documents] == [True]
    (src / "MANIFEST.tsv").write_text(row.format("乙报告"), encoding="utf-8")
    again = build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in again.documents] == [False]
    assert described() == [("乙报告", "2024-01-31", "https://example.org/a?id=1")]


def test_an_export_is_not_reused_after_a_manifest_row_changed_the_store(tmp_path):
    """build.json compared file hashes only: a row changed and built into the store
    through another output folder left the next export reusing the old title."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2023年，省司法厅出台《甘肃省法律援助条例》，办理案件1200件。\n", encoding="utf-8")
    row = "file\ttitle\na.txt\t{}\n"
    (src / "MANIFEST.tsv").write_text(row.format("甲报告"), encoding="utf-8")
    store, out, elsewhere = tmp_path / "store", tmp_path / "out", tmp_path / "elsewhere"
    build([src], out, store=store, export=True, report=False, viz=False)
    (src / "MANIFEST.tsv").write_text(row.format("乙报告"), encoding="utf-8")
    assert [d.skipped for d in build([src], elsewhere, store=store, report=False, viz=False).documents] == [False]
    again = build([src], out, store=store, export=True, report=False, viz=False)
    assert [d.skipped for d in again.documents] == [True]
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "乙报告" in text and "甲报告" not in text
