"""Child tasks about building: the stages timed one by one, and the same-run baselines.

Each task takes a request dict and returns a JSON-able dict; ``child.py``
runs it in a fresh process so that its peak memory is its own.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from .common import Stopwatch

__all__ = ["read_files", "jieba_segment", "stages", "parse_rdflib", "parse_ours", "profile_build", "store_add", "STAGES"]

#: The stages timed in-process, in pipeline order. A build worker runs ingest to
#: "rdf" (the document's Turtle text); the main process runs "write ttl+trig".
STAGES = ("ingest", "segment", "extract", "resolve", "rdf", "write ttl+trig")


def _texts(files: list[str]) -> list[str]:
    return [Path(f).read_bytes().decode("utf-8-sig", errors="replace") for f in files]


def read_files(req: dict) -> dict:
    """The floor: read and decode every file, nothing else."""
    with Stopwatch() as sw:
        chars = sum(len(t) for t in _texts(req["files"]))
    return {"wall": sw.wall, "cpu": sw.cpu, "chars": chars}


def jieba_segment(req: dict) -> dict:
    """jieba's word segmentation alone (``jieba.lcut``) of each document's text.

    The dictionary load (``jieba.initialize()``) is timed apart and kept out
    of the comparison, which is in jieba's favour.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    texts = _texts(req["files"])
    t0 = time.perf_counter()
    jieba.initialize()
    init = time.perf_counter() - t0
    words = 0
    with Stopwatch() as sw:
        for text in texts:
            words += len(jieba.lcut(text))
    return {"wall": sw.wall, "cpu": sw.cpu, "init": init, "words": words, "chars": sum(map(len, texts))}


def stages(req: dict) -> dict:
    """Time each stage over every file, as ``kg.pipeline`` calls them at ``-j 1``.

    Documents stream through ``kg.export.GraphWriter`` into ``req['out']``
    exactly as the build does; nothing is held for the whole corpus.
    """
    from kg.errors import KgError
    from kg.export import GraphWriter
    from kg.extract import extract
    from kg.ingest import read_document
    from kg.rdf.build import document_graph
    from kg.resolve import resolve
    from kg.segment import segment

    with Stopwatch() as warm:  # lexicons, tries, compiled patterns: once per process, not per character
        if req.get("warmup"):
            document_graph(resolve(extract(segment(read_document(req["warmup"])))))
    sw = {name: Stopwatch() for name in STAGES}
    counts = {"documents": 0, "failed": 0, "chars": 0, "sentences": 0, "mentions": 0, "metrics": 0,
              "relations": 0, "entities": 0, "triples": 0}
    out = Path(req["out"])
    writer = GraphWriter(out / "graph.ttl", out / "graph.trig")
    for f in req["files"]:
        try:
            with sw["ingest"]:
                doc = read_document(f)
            with sw["segment"]:
                seg = segment(doc)
            with sw["extract"]:
                ext = extract(seg)
            with sw["resolve"]:
                res = resolve(ext)
            with sw["rdf"]:
                graph = document_graph(res)
        except KgError:
            counts["failed"] += 1
            continue
        with sw["write ttl+trig"]:
            writer.add(graph)
        counts["documents"] += 1
        counts["chars"] += len(doc.text)
        counts["sentences"] += len(seg.sentences)
        counts["mentions"] += len(ext.mentions)
        counts["metrics"] += len(ext.metrics)
        counts["relations"] += len(ext.relations)
        counts["entities"] += len(res.entities)
        counts["triples"] += graph.triples
    with sw["write ttl+trig"]:
        writer.close()
    return {
        "stages": {name: {"wall": s.wall, "cpu": s.cpu} for name, s in sw.items()},
        "counts": counts,
        "bytes": {p.name: p.stat().st_size for p in writer.paths},
        "warmup": warm.wall,
    }


def parse_rdflib(req: dict) -> dict:
    """rdflib's plain memory store: parse the built Turtle, then serialise it again."""
    from rdflib import Graph

    g = Graph()
    with Stopwatch() as load:
        g.parse(req["turtle"], format="turtle")
    n = len(g)
    with Stopwatch() as ser:
        data = g.serialize(format="turtle", encoding="utf-8")
    return {"load": load.wall, "serialise": ser.wall, "triples": n, "bytes": len(data)}


def parse_ours(req: dict) -> dict:
    """What govkg uses: ``kg.rdf.store.open_graph`` on the same Turtle, and ``kg export``'s serialiser."""
    from kg.rdf.store import open_graph

    with Stopwatch() as load:
        source = open_graph(graph_file=Path(req["turtle"]))
    from kg.export import serialize_source

    with Stopwatch() as ser:
        data = serialize_source(source, "ttl")
    return {"load": load.wall, "serialise": ser.wall, "bytes": len(data), "triples": len(source)}


def profile_build(req: dict) -> dict:
    """pyinstrument over ``kg.pipeline.build`` at ``-j 1``: the text report's top lines."""
    from pyinstrument import Profiler

    from kg.pipeline import build

    profiler = Profiler(interval=0.002)
    with Stopwatch() as sw:
        profiler.start()
        build(req["paths"], Path(req["out"]), jobs=1, report=False, viz=False)
        profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    Path(req["report"]).write_text(text, encoding="utf-8")
    return {"wall": sw.wall, "report": req["report"]}


def store_add(req: dict) -> dict:
    """The store alone: add one report to an existing store (``kg build --store`` made it).

    The report goes through extraction and ``document_graph`` (timed apart)
    and then ``GraphStore.replace_document``; no interpreter start-up, no
    rewriting of the outputs.
    """
    from kg.pipeline import extract_file
    from kg.rdf.build import document_graph
    from kg.rdf.store import GraphStore

    out: dict = {}
    with Stopwatch() as sw:
        store = GraphStore.open(req["store"])
    out["open"] = sw.wall
    with store:
        out["quads"] = len(store.store)
        with Stopwatch() as sw:
            resolved = extract_file(req["new"])
            triples = document_graph(resolved).parse()
        out["extract"] = sw.wall
        doc = resolved.document
        with Stopwatch() as sw:
            store.replace_document(doc.id, doc.sha256, triples)
        out["write"] = sw.wall
        with Stopwatch() as sw:
            out["check_ok"] = store.has_document(doc.id, doc.sha256)
        out["check"] = sw.wall
    return out
