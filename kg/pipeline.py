"""The whole pipeline for files on disk: what ``kg build`` and ``kg extract`` run.

Each document goes ingest → segment → extract → resolve → triples on its
own (in a worker process with ``jobs > 1``); results are merged in input
order, so the output does not depend on ``jobs``. One bad file is reported
and skipped; the others still build.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path


from .errors import InputError, KgError
from .export import GraphWriter, write
from .extract import extract
from .fingerprint import extractor_fingerprint
from .incremental import StoreBatches, export_store, open_store, reusable_export, split_unchanged, store_key
from .ingest import doc_id, iter_inputs, read_document
from .model import Resolved
from .rdf.build import document_graph
from .rdf.namespace import ENTITY_KIND_CLASS, GKG
from .rdf.turtle import DocumentGraph
from .resolve import resolve
from .segment import segment
from .validate import ONTOLOGY as ONTOLOGY_FILE

__all__ = ["extract_file", "build", "BuildResult", "DocumentResult", "DEFAULT_DATA", "DEFAULT_OUT"]

#: The corpus ``kg build`` reads when given no path.
DEFAULT_DATA = Path("data/corpus")
#: Where ``kg build`` writes.
DEFAULT_OUT = Path("out")

def extract_file(path: str | Path, *, max_bytes: int | None = None) -> Resolved:
    """Read, segment, extract and resolve one report."""
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    document = read_document(path, **kwargs)
    return resolve(extract(segment(document)))


@dataclass
class DocumentResult:
    """One document's outcome: its triples, or the one-line error that stopped it."""

    path: str
    doc_id: str = ""
    sha256: str = ""
    key: str = ""  #: what a store keeps to tell an unchanged report (:func:`kg.incremental.store_key`)
    graph: DocumentGraph | None = None  #: its triples as Turtle text, until written
    error: str | None = None
    skipped: bool = False  #: unchanged in the store, not rebuilt


@dataclass
class BuildResult:
    """What a build did: for the summary, the exit code and ``build.json``."""

    documents: list[DocumentResult] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: int = 0
    classes: Counter[str] = field(default_factory=Counter)  #: instances per class in the output

    @property
    def failures(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error is not None]

    @property
    def built(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error is None]

    def summary(self) -> str:
        """The one-screen summary ``kg build`` prints."""
        skipped = sum(d.skipped for d in self.documents)
        lines = [
            f"documents  {len(self.built) - skipped} built, {skipped} unchanged, {len(self.failures)} failed",
            f"triples    {self.triples}" + ("" if "turtle" in self.outputs else " (written to the store now)"),
            f"metrics    {self.classes.get('metric', 0)}",
            "entities",
        ]
        for kind in ("agency", "person", "place", "policy", "work", "initiative"):
            lines.append(f"  {kind:<11}{self.classes.get(kind, 0)}")
        for name, path in self.outputs.items():
            lines.append(f"{name:<11}{path}")
        return "\n".join(lines)


def _process(path: str, max_bytes: int | None) -> DocumentResult:
    """Worker: one file to its graph's Turtle; bad input becomes an error, never an exception."""
    try:
        resolved = extract_file(path, max_bytes=max_bytes)
        graph = document_graph(resolved)
    except InputError as exc:
        return DocumentResult(path, error=str(exc))
    except KgError as exc:
        return DocumentResult(path, error=f"{path}: {exc}")
    doc = resolved.document
    return DocumentResult(path=path, doc_id=doc.id, sha256=doc.sha256, key=store_key(path, doc.sha256), graph=graph)


def _results(paths: Sequence[str], jobs: int, max_bytes: int | None) -> Iterator[DocumentResult]:
    """Results in input order, from ``jobs`` worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield _process(p, max_bytes)
        return
    workers = min(jobs, len(paths))
    with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        yield from pool.map(_process, paths, [max_bytes] * len(paths), chunksize=1)


def _exit_with_parent(parent: int) -> None:
    """Worker initialiser: end the worker when the build process is gone.

    A build killed with SIGKILL cannot tell its workers, and they inherit the
    write end of their own task queue, so they would wait for work forever.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def build(
    paths: Sequence[str | Path] = (DEFAULT_DATA,),
    out_dir: Path = DEFAULT_OUT,
    *,
    jobs: int = 1,
    max_bytes: int | None = None,
    progress: Callable[[int, int, DocumentResult], None] | None = None,
    store: Path | None = None,
    export: bool = False,
    report: bool = True,
    viz: bool = True,
) -> BuildResult:
    """Build the graph of ``paths`` into ``out_dir``.

    Writes graph.ttl (the union, for people and tools), graph.trig (one named
    graph per document), build.json (what was built, read by the other
    commands), and unless turned off report.md and graph.html. Documents are
    streamed: each is written as soon as it is extracted, in the order of
    their ids, so memory does not grow with the corpus and the output does
    not depend on the order of ``paths`` or on ``jobs``. With ``store`` the
    documents go into a persistent store instead, where an unchanged report
    is skipped and a changed one replaced, in transactions of about 200k
    triples (each document is before or after, never half); the
    files are then written from the whole store only if ``export`` is set
    (that takes time in proportion to the store, the update does not).
    Missing paths and unreadable files are reported in the result (with
    their one-line errors); nothing half-written is ever left in ``out_dir``.
    """
    result = BuildResult()
    files: list[str] = []
    for p in paths:
        try:
            files += [str(f) for f in iter_inputs([p])]
        except InputError as exc:
            result.documents.append(DocumentResult(str(p), error=str(exc)))
    files = sorted(dict.fromkeys(files), key=lambda f: (doc_id(f), f))
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    outputs = {"turtle": out_dir / "graph.ttl", "graph": out_dir / "graph.trig"}
    if store is None:
        writer = GraphWriter(outputs["turtle"], outputs["graph"])

        def write_one(doc: DocumentResult) -> None:
            assert doc.graph is not None
            writer.add(doc.graph)

        try:
            _collect(files, jobs, max_bytes, progress, result, write_one)
        except BaseException:
            writer.abort()
            raise
        writer.close()
        result.triples, classes = writer.triples, writer.classes
    else:
        classes = _build_store(Path(store), files, jobs, max_bytes, progress, result, outputs if export else None)
        result.outputs["store"] = Path(store)
    result.classes = Counter({kind: classes.get(str(iri), 0) for kind, iri in _COUNTED.items()})
    if store is None or export:
        result.outputs.update(outputs)
    _write_manifest(out_dir / "build.json", result, store)
    result.outputs["manifest"] = out_dir / "build.json"
    if report or viz:
        _write_views(result.outputs.get("graph"), store, out_dir, result, report=report, viz=viz)
    return result


#: Classes the summary counts, by the name it gives them.
_COUNTED = {**ENTITY_KIND_CLASS, "metric": GKG.Metric}


def _build_store(
    store: Path,
    files: list[str],
    jobs: int,
    max_bytes: int | None,
    progress: Callable[[int, int, DocumentResult], None] | None,
    result: BuildResult,
    outputs: dict[str, Path] | None,
) -> Counter[str]:
    """Update the store (:mod:`kg.incremental`); with ``outputs``, then write the files from all it holds.

    Without ``outputs`` the counts are those of the documents written now.
    """
    with open_store(store) as (gstore, fresh):
        files, skipped = split_unchanged(files, gstore.documents())
        result.documents += [DocumentResult(f, did, sha, key, skipped=True) for f, did, sha, key in skipped]
        gstore.load_ontology(ONTOLOGY_FILE)
        batches = StoreBatches(gstore, bulk=fresh)
        _collect(files, jobs, max_bytes, progress, result, lambda doc: batches.add(doc.doc_id, doc.key, doc.graph))
        batches.flush()
        result.triples, classes = batches.triples, batches.classes
        if outputs is not None:
            last = None
            if all(d.skipped for d in result.built):
                last = reusable_export(outputs, store, {d.doc_id: d.key for d in result.built})
            if last is not None:
                result.triples = last[0]
                classes = Counter({str(_COUNTED[k]): n for k, n in last[1].items() if k in _COUNTED})
            else:
                result.triples, classes = export_store(gstore, outputs)
    return classes


#: The files a build writes; a build killed mid-write leaves ``.{name}.*.tmp`` beside them.
_OUTPUT_NAMES = ("graph.ttl", "graph.trig", "build.json", "report.md", "graph.html")


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Delete temporary files an interrupted earlier build left in ``out_dir``."""
    for name in _OUTPUT_NAMES:
        for tmp in out_dir.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)


def _collect(
    files: list[str],
    jobs: int,
    max_bytes: int | None,
    progress: Callable[[int, int, DocumentResult], None] | None,
    result: BuildResult,
    sink: Callable[[DocumentResult], None],
) -> None:
    """Run the documents; each built one goes to ``sink`` at once, then its graph is dropped."""
    seen = {d.doc_id: d.path for d in result.documents if d.skipped}
    for i, doc in enumerate(_results(files, jobs, max_bytes), 1):
        if doc.error is None and doc.doc_id in seen:
            doc.error = f"{doc.path}: document id {doc.doc_id!r} already used by {seen[doc.doc_id]}"
        if doc.error is None and doc.graph is not None:
            seen[doc.doc_id] = doc.path
            sink(doc)
        doc.graph = None
        result.documents.append(doc)
        if progress is not None:
            progress(i, len(files), doc)


def _write_views(
    graph_file: Path | None, store: Path | None, out_dir: Path, result: BuildResult, *, report: bool, viz: bool
) -> None:
    """The analysis report and the interactive map of the graph just written (file or store).

    Both use one networkx view of the graph and one analysis of it.
    """
    from .analyze import analyze, render_markdown, to_networkx
    from .rdf.store import open_graph
    from .viz import write_html

    source = open_graph(graph_file=graph_file) if graph_file is not None else open_graph(store_dir=store)
    nxg = to_networkx(source.rdflib())
    analysis = analyze(nxg)
    if report:
        write(out_dir / "report.md", render_markdown(analysis).encode())
        result.outputs["report"] = out_dir / "report.md"
    if viz:
        write_html(nxg, out_dir / "graph.html", analysis=analysis)
        result.outputs["map"] = out_dir / "graph.html"


def _write_manifest(path: Path, result: BuildResult, store: Path | None) -> None:
    """``build.json``: what the build wrote last, for commands that read the graph."""
    manifest = {
        "graph": result.outputs["graph"].name if "graph" in result.outputs else None,
        "turtle": result.outputs["turtle"].name if "turtle" in result.outputs else None,
        "store": None if store is None else str(Path(store).resolve()),
        "extractor": extractor_fingerprint(),  # the code and lexicons that built it (kg.fingerprint)
        "triples": result.triples,
        "classes": dict(sorted(result.classes.items())),
        "documents": {
            d.doc_id: {"path": d.path, "sha256": d.sha256, "key": d.key} for d in result.built
        },
        "failures": [d.error for d in result.failures],
    }
    write(path, (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


def print_progress(i: int, total: int, doc: DocumentResult) -> None:
    """Progress on stderr, for builds of more than a few documents."""
    if total > 3:
        status = "failed" if doc.error else "ok"
        print(f"[{i}/{total}] {doc.path} {status}", file=sys.stderr, flush=True)

