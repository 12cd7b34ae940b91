"""Child tasks about building: the stages timed one by one, and the same-run baselines.

Each task takes a request dict and returns a JSON-able dict; ``child.py``
runs it in a fresh process so that its peak memory is its own.
"""

from __future__ import annotations

import importlib
import logging
import time
from pathlib import Path

from .common import Stopwatch

__all__ = ["read_files", "jieba_segment", "stages", "parse_rdflib", "parse_ours", "profile_build", "STAGES"]

#: The stages timed in-process, in pipeline order.
STAGES = ("ingest", "segment", "extract", "resolve", "rdf", "serialise ttl", "serialise trig")


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


def _optional(module: str, name: str):
    """A stage function, or None while its module does not exist yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def stages(req: dict) -> dict:
    """Time each stage over every file, as the pipeline calls them (``-j 1``)."""
    from kg.errors import KgError
    from kg.extract import extract
    from kg.ingest import read_document
    from kg.rdf.namespace import graph_iri
    from kg.resolve import resolve
    from kg.segment import segment

    document_triples = _optional("kg.rdf.build", "document_triples")
    serialize = _optional("kg.export", "serialize")
    with Stopwatch() as warm:  # lexicons, tries, compiled patterns: once per process, not per character
        if req.get("warmup"):
            doc = read_document(req["warmup"])
            res = resolve(extract(segment(doc)))
            if document_triples is not None and serialize is not None:
                serialize([(s, p, o, None) for s, p, o in document_triples(res)], "ttl")
    sw = {name: Stopwatch() for name in STAGES}
    counts = {"documents": 0, "failed": 0, "chars": 0, "sentences": 0, "mentions": 0, "metrics": 0,
              "relations": 0, "entities": 0, "triples": 0}
    quads: list[tuple] = []
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
            triples: list = []
            if document_triples is not None:
                with sw["rdf"]:
                    triples = document_triples(res)
        except KgError:
            counts["failed"] += 1
            continue
        counts["documents"] += 1
        counts["chars"] += len(doc.text)
        counts["sentences"] += len(seg.sentences)
        counts["mentions"] += len(ext.mentions)
        counts["metrics"] += len(ext.metrics)
        counts["relations"] += len(ext.relations)
        counts["entities"] += len(res.entities)
        g = graph_iri(doc.id)
        quads += [(s, p, o, g) for s, p, o in triples]
    counts["triples"] = len(quads)
    sizes = {}
    if serialize is not None and quads:
        for fmt in ("ttl", "trig"):
            with sw[f"serialise {fmt}"]:
                sizes[fmt] = len(serialize(quads, fmt))
    missing = [n for n, fn in (("rdf", document_triples), ("serialise", serialize)) if fn is None]
    return {
        "stages": {name: {"wall": s.wall, "cpu": s.cpu} for name, s in sw.items()},
        "counts": counts,
        "bytes": sizes,
        "missing": missing,
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
    """What govkg uses: ``kg.rdf.store.open_graph`` on the same Turtle, and its serialiser."""
    from kg.rdf.store import open_graph

    with Stopwatch() as load:
        source = open_graph(graph_file=Path(req["turtle"]))
    out = {"load": load.wall}
    serialize = getattr(source, "serialize", None)
    if serialize is not None:
        with Stopwatch() as ser:
            out["bytes"] = len(serialize("ttl"))
        out["serialise"] = ser.wall
    return out


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
