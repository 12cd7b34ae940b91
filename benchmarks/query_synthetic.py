"""Latency of each named question on a synthetic govkg-shaped graph.

    python benchmarks/query_synthetic.py [--triples 100000] [--repeats 20] [--rdflib-repeats 5]

Generates a graph in the shape kg/rdf/namespace.py documents (documents with
sections, sentences, mentions, metrics, statements; a shared pool of
agencies, policies, initiatives, people), then times every question of
ontology/queries through kg.query on a pyoxigraph in-memory store, the same in
an on-disk store (GraphStore), the in-memory merged copy (GraphSource.merged:
deduplicated union as default graph) and rdflib's plain memory Dataset (union
default graph), each after one warm-up. Prints p50/p95 in ms and the ratio
rdflib / pyoxigraph. Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import random

import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset  # noqa: E402

from kg import query as kq  # noqa: E402
from kg.rdf.namespace import GKG, ORG, PROV, doc_iri, graph_iri, mint, unit_iri  # noqa: E402
from kg.rdf.store import GraphStore, open_graph  # noqa: E402

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
UNITS = ["元", "件", "人次", "%", "个", "人"]


def N(x: object) -> ox.NamedNode:
    return ox.NamedNode(str(x))


def L(text: str, dt: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(text, language=lang)
    return ox.Literal(text, datatype=ox.NamedNode(XSD + dt)) if dt else ox.Literal(text)


def synthetic(target: int, seed: int = 7) -> list[ox.Quad]:
    """About ``target`` quads in govkg's shape."""
    rnd = random.Random(seed)
    agencies = [f"机构{i:03d}厅" for i in range(300)]
    policies = [f"政策文件{i:03d}办法" for i in range(400)]
    initiatives = [f"专项行动{i:03d}" for i in range(250)]
    people = [f"人员{i:03d}" for i in range(120)]
    quads: list[ox.Quad] = []
    d = 0
    while len(quads) < target:
        doc = f"synthetic-{d:03d}"
        g = N(graph_iri(doc))

        def add(s: object, p: object, o: object) -> None:
            quads.append(ox.Quad(s if isinstance(s, ox.NamedNode) else N(s),
                                 p if isinstance(p, ox.NamedNode) else N(p),
                                 o if isinstance(o, (ox.NamedNode, ox.Literal)) else N(o), g))

        dn = doc_iri(doc)
        add(dn, RDF_TYPE, GKG.Document)
        add(dn, DCT + "title", L(f"报告{d}", lang="zh"))
        add(dn, GKG.sha256, L(f"{d:064x}"))
        sections = [doc_iri(doc, "section", i) for i in range(8)]
        for i, s in enumerate(sections):
            add(s, RDF_TYPE, GKG.Section)
            add(s, DCT + "title", L(f"{'一二三四五六七八'[i]}、工作部署第{i}部分", lang="zh"))
            add(s, GKG.order, L(str(i), "integer"))
            add(s, GKG.inDocument, dn)
        sentences = [doc_iri(doc, "sentence", i) for i in range(60)]
        for i, s in enumerate(sentences):
            add(s, RDF_TYPE, GKG.Sentence)
            add(s, GKG.text, L(f"第{i}句：推进法治建设，完成各项任务{rnd.randint(1, 999)}件。"))
            add(s, GKG.order, L(str(i), "integer"))
            add(s, GKG.begin, L(str(i * 40), "integer"))
            add(s, GKG.end, L(str(i * 40 + 40), "integer"))
            add(s, GKG.inDocument, dn)
            add(s, GKG.inSection, sections[i * 8 // 60])
        my_agencies = rnd.sample(agencies, 15)
        for name in my_agencies:
            a = mint("agency", name)
            add(a, RDF_TYPE, GKG.Agency)
            add(a, SKOS + "prefLabel", L(name, lang="zh"))
            add(a, SKOS + "altLabel", L(name[2:], lang="zh"))
            add(a, GKG.kind, GKG.agency_department)
            for s in rnd.sample(sentences, 3):
                add(a, GKG.mentionedIn, s)
        for name in rnd.sample(policies, 5):
            p = mint("policy", name)
            add(p, RDF_TYPE, GKG.Policy)
            add(p, SKOS + "prefLabel", L(name, lang="zh"))
            add(p, GKG.kind, rnd.choice([GKG.policy_law, GKG.policy_plan, GKG.policy_measures]))
            add(p, GKG.issuedBy, mint("agency", rnd.choice(my_agencies)))
            add(p, GKG.mentionedIn, rnd.choice(sentences))
        for name in rnd.sample(initiatives, 6):
            it = mint("initiative", name)
            add(it, RDF_TYPE, GKG.Initiative)
            add(it, SKOS + "prefLabel", L(name, lang="zh"))
            add(it, GKG.kind, GKG.initiative_campaign)
            add(it, GKG.ledBy, mint("agency", rnd.choice(my_agencies)))
            for a in rnd.sample(my_agencies, 2):
                add(it, GKG.participant, mint("agency", a))
            add(it, GKG.partOfSection, rnd.choice(sections))
            add(it, GKG.mentionedIn, rnd.choice(sentences))
        for name in rnd.sample(people, 3):
            person, agency = mint("person", name), rnd.choice(my_agencies)
            post = mint("post", agency, "厅长")
            add(person, RDF_TYPE, GKG.Person)
            add(person, SKOS + "prefLabel", L(name, lang="zh"))
            add(person, ORG.holds, post)
            add(post, RDF_TYPE, GKG.Post)
            add(post, SKOS + "prefLabel", L("厅长", lang="zh"))
            add(post, ORG.postIn, mint("agency", agency))
            add(post, ORG.heldBy, person)
        for i in range(30):
            m = doc_iri(doc, "metric", i)
            unit = rnd.choice(UNITS)
            add(m, RDF_TYPE, GKG.Metric)
            add(m, GKG.value, L(str(rnd.randint(1, 10**8)), "decimal"))
            add(m, GKG.unit, unit_iri(unit))
            add(m, GKG.qualifier, GKG.qualifier_exact)
            add(m, GKG.metricKind, GKG.metric_count)
            add(m, GKG.text, L(f"{i}{unit}"))
            add(m, GKG.measure, L("案件"))
            about = rnd.choice([mint("agency", rnd.choice(my_agencies)), mint("initiative", rnd.choice(initiatives))])
            add(m, GKG.about, about)
            add(m, GKG.period, L("2023"))
            if i % 5 == 0:
                add(m, GKG.direction, L(rnd.choice(["up", "down"])))
                add(m, GKG.basePeriod, L("2022年"))
            add(m, PROV.wasDerivedFrom, rnd.choice(sentences))
        for i in range(40):
            mn = doc_iri(doc, "mention", i)
            add(mn, RDF_TYPE, GKG.Mention)
            add(mn, GKG.denotes, mint("agency", rnd.choice(my_agencies)))
            add(mn, GKG.text, L("某机构"))
            add(mn, GKG.inSentence, rnd.choice(sentences))
            add(mn, GKG.inDocument, dn)
        for i in range(20):
            st = doc_iri(doc, "statement", i)
            add(st, RDF_TYPE, RDF + "Statement")
            add(st, RDF + "subject", mint("policy", rnd.choice(policies)))
            add(st, RDF + "predicate", GKG.issuedBy)
            add(st, RDF + "object", mint("agency", rnd.choice(my_agencies)))
            add(st, PROV.wasDerivedFrom, rnd.choice(sentences))
        d += 1
    return quads


def timed(fn, repeats: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--rdflib-repeats", type=int, default=5)
    args = ap.parse_args(argv)
    quads = synthetic(args.triples)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    trig = tmp / "synthetic.trig"
    ox.serialize(quads, str(trig), format=ox.RdfFormat.TRIG)
    mem = open_graph(graph_file=trig)
    with GraphStore.open(tmp / "store") as gs:
        by_graph: dict[str, list] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)
        for g, triples in by_graph.items():
            gs.replace_document(g.rsplit("/", 1)[1], "x", triples)
    disk = open_graph(store_dir=tmp / "store")
    t0 = time.perf_counter()
    merged = mem.merged()
    print(f"merged copy made in {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(trig, format="trig")
    print(f"{len(quads)} quads in {len(by_graph)} graphs; rdflib parse {time.perf_counter() - t0:.1f} s")
    label = "机构000厅"
    examples = {"entity": label, "agency": label, "name": label, "section": "工作部署第3",
                "fact": str(doc_iri("synthetic-000", "metric", 0)), "unit": "元", "direction": "up"}
    print(f"{'question':24} {'rows':>5} {'ox p50':>8} {'ox p95':>8} {'merged p50':>10} {'merged p95':>10} "
          f"{'disk p50':>9} {'rdflib p50':>11} {'rdflib p95':>11} {'rdflib/ox':>9} {'rdflib/merged':>13}")
    for q in kq.list_questions():
        params = {p.name: examples[p.name] for p in q.params if p.name in examples}
        text = kq.bind(q.text, q, params)
        t_ox = timed(lambda: kq.run(mem, q.name, params), args.repeats)
        t_disk = timed(lambda: kq.run(disk, q.name, params), args.repeats)
        t_mg = timed(lambda: kq.run(merged, q.name, params), args.repeats)
        t_rl = timed(lambda: list(ds.query(text)), args.rdflib_repeats)
        rows = len(kq.run(mem, q.name, params))
        rl_rows = len(list(ds.query(text)))
        flag = "" if rows == rl_rows else f"  (rdflib {rl_rows} rows)"
        ratio = pct(t_rl, 50) / max(pct(t_ox, 50), 1e-3)
        ratio_m = pct(t_rl, 50) / max(pct(t_mg, 50), 1e-3)
        print(f"{q.name:24} {rows:5d} {pct(t_ox, 50):8.2f} {pct(t_ox, 95):8.2f} {pct(t_mg, 50):10.2f} "
              f"{pct(t_mg, 95):10.2f} {pct(t_disk, 50):9.2f} {pct(t_rl, 50):11.1f} {pct(t_rl, 95):11.1f} "
              f"{ratio:8.0f}x {ratio_m:12.0f}x{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
