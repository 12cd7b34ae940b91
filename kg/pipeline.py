"""The whole pipeline for files on disk: what ``kg build`` and ``kg extract`` run.

Each document goes ingest → segment → extract → resolve → triples on its
own (in a worker process with ``jobs > 1``); results are merged in input
order, so the output does not depend on ``jobs``. One bad file is reported
and skipped; the others still build.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, KgError
from .export import serialize, write
from .extract import extract
from .ingest import iter_inputs, read_document
from .model import Resolved
from .rdf.build import document_triples
from .resolve import resolve
from .segment import segment

__all__ = ["extract_file", "build", "BuildResult", "DocumentResult", "DEFAULT_DATA", "DEFAULT_OUT"]

#: The corpus ``kg build`` reads when given no path.
DEFAULT_DATA = Path("data/corpus")
#: Where ``kg build`` writes.
DEFAULT_OUT = Path("out")

Triple = tuple  # (subject, predicate, object) rdflib terms


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
    triples: list[Triple] = field(default_factory=list)
    entity_keys: list[str] = field(default_factory=list)
    metrics: int = 0
    error: str | None = None


@dataclass
class BuildResult:
    """What a build did: for the summary, the exit code and ``build.json``."""

    documents: list[DocumentResult] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: int = 0

    @property
    def failures(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error is not None]

    @property
    def built(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error is None]

    def entity_counts(self) -> Counter[str]:
        """Distinct entities per kind across all documents."""
        keys = {k for d in self.built for k in d.entity_keys}
        return Counter(k.partition(":")[0] for k in keys)

    def summary(self) -> str:
        """The one-screen summary ``kg build`` prints."""
        lines = [
            f"documents  {len(self.built)} built, {len(self.failures)} failed",
            f"triples    {self.triples}",
            f"metrics    {sum(d.metrics for d in self.built)}",
            "entities",
        ]
        counts = self.entity_counts()
        for kind in ("agency", "person", "place", "policy", "work", "initiative"):
            lines.append(f"  {kind:<11}{counts.get(kind, 0)}")
        for name, path in self.outputs.items():
            lines.append(f"{name:<11}{path}")
        return "\n".join(lines)


def _process(path: str, max_bytes: int | None) -> DocumentResult:
    """Worker: one file to triples; bad input becomes an error, never an exception."""
    try:
        resolved = extract_file(path, max_bytes=max_bytes)
        triples = document_triples(resolved)
    except InputError as exc:
        return DocumentResult(path, error=str(exc))
    except KgError as exc:
        return DocumentResult(path, error=f"{path}: {exc}")
    doc = resolved.document
    return DocumentResult(
        path=path,
        doc_id=doc.id,
        sha256=doc.sha256,
        triples=triples,
        entity_keys=[e.key for e in resolved.entities],
        metrics=len(resolved.extraction.metrics),
    )


def _results(paths: Sequence[str], jobs: int, max_bytes: int | None) -> Iterator[DocumentResult]:
    """Results in input order, from ``jobs`` worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield _process(p, max_bytes)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_process, paths, [max_bytes] * len(paths), chunksize=1)


def build(
    paths: Sequence[str | Path] = (DEFAULT_DATA,),
    out_dir: Path = DEFAULT_OUT,
    *,
    jobs: int = 1,
    max_bytes: int | None = None,
    progress: Callable[[int, int, DocumentResult], None] | None = None,
    store: Path | None = None,
    report: bool = True,
    viz: bool = True,
) -> BuildResult:
    """Build the graph of ``paths`` into ``out_dir``.

    Writes graph.ttl (the union, for people and tools), graph.trig (one named
    graph per document), build.json (what was built, read by the other
    commands), and unless turned off report.md and graph.html. With ``store``
    the documents also go into a persistent store, where an unchanged report
    is skipped and a changed one replaced. Missing paths and unreadable files
    are reported in the result (with their one-line errors); nothing
    half-written is ever left in ``out_dir``.
    """
    from .rdf.namespace import graph_iri

    result = BuildResult()
    files: list[str] = []
    for p in paths:
        try:
            files += [str(f) for f in iter_inputs([p])]
        except InputError as exc:
            result.documents.append(DocumentResult(str(p), error=str(exc)))
    seen: dict[str, str] = {}
    quads: list[tuple] = []
    for i, doc in enumerate(_results(files, jobs, max_bytes), 1):
        if doc.error is None and doc.doc_id in seen:
            doc.error = f"{doc.path}: document id {doc.doc_id!r} already used by {seen[doc.doc_id]}"
            doc.triples = []
        if doc.error is None:
            seen[doc.doc_id] = doc.path
            g = graph_iri(doc.doc_id)
            quads += [(s, p, o, g) for s, p, o in doc.triples]
            doc.triples = []  # the quads hold them now
        result.documents.append(doc)
        if progress is not None:
            progress(i, len(files), doc)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {"turtle": out_dir / "graph.ttl", "graph": out_dir / "graph.trig"}
    write(outputs["turtle"], serialize(quads, "ttl"))
    write(outputs["graph"], serialize(quads, "trig"))
    result.triples = len({q[:3] for q in quads})
    del quads
    result.outputs.update(outputs)
    _write_manifest(out_dir / "build.json", result)
    result.outputs["manifest"] = out_dir / "build.json"
    if report or viz:
        _write_views(outputs["graph"], out_dir, result, report=report, viz=viz)
    return result


def _write_views(graph_file: Path, out_dir: Path, result: BuildResult, *, report: bool, viz: bool) -> None:
    """The analysis report and the interactive map of the graph just written."""
    from .analyze import analyze, render_markdown
    from .rdf.store import open_graph
    from .viz import write_html

    graph = open_graph(graph_file=graph_file).rdflib()
    if report:
        write(out_dir / "report.md", render_markdown(analyze(graph)).encode())
        result.outputs["report"] = out_dir / "report.md"
    if viz:
        write_html(graph, out_dir / "graph.html")
        result.outputs["map"] = out_dir / "graph.html"


def _write_manifest(path: Path, result: BuildResult) -> None:
    """``build.json``: what the build wrote last, for commands that read the graph."""
    manifest = {
        "graph": result.outputs["graph"].name,
        "turtle": result.outputs["turtle"].name,
        "store": None,
        "triples": result.triples,
        "documents": {
            d.doc_id: {"path": d.path, "sha256": d.sha256} for d in result.built
        },
        "failures": [d.error for d in result.failures],
    }
    write(path, (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


def print_progress(i: int, total: int, doc: DocumentResult) -> None:
    """Progress on stderr, for builds of more than a few documents."""
    if total > 3:
        status = "failed" if doc.error else "ok"
        print(f"[{i}/{total}] {doc.path} {status}", file=sys.stderr, flush=True)

