"""Incremental builds into a persistent store (``kg build --store DIR``).

A report the store already holds under the same key is skipped; a changed
one replaces its named graph. The key (:func:`store_key`) covers the file,
its row in a folder's MANIFEST.tsv and the extractor's code and lexicons
(:mod:`kg.fingerprint`), so a corrected title or an upgrade builds the
report again. Documents go in as transactions of about
:attr:`StoreBatches.LIMIT` triples, and a store that does not exist yet is
built aside and moved into place when complete. The pipeline
(:mod:`kg.pipeline`) runs the documents; this module only knows the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .export import GraphWriter, stored_graph
from .fingerprint import build_key
from .ingest import doc_id
from .ingest.manifest import sidecar_for
from .rdf.store import GraphStore, doc_id_of_graph
from .rdf.turtle import DocumentGraph

__all__ = ["StoreBatches", "export_store", "open_store", "reusable_export", "split_unchanged", "store_key"]


def store_key(path: str | Path, sha256: str) -> str:
    """What a store keeps for a report: :func:`kg.fingerprint.build_key` of its file's hash
    and of its row in a folder's MANIFEST.tsv (a changed title or date rebuilds it too)."""
    side = sidecar_for(path)
    return build_key(sha256, side.digest() if side is not None else "")


def split_unchanged(files: list[str], known: dict[str, str]) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """The files still to build, and (path, doc id, file hash, key) of those the store holds
    under the same :func:`store_key` (``known``: doc id → key, :meth:`GraphStore.documents`).

    A file that cannot be read or whose manifest cannot be is left to build,
    so that the worker reports the problem.
    """
    todo: list[str] = []
    skipped: list[tuple[str, str, str, str]] = []
    for f in files:
        did = doc_id(f)
        if did in known:
            try:
                sha = hashlib.sha256(Path(f).read_bytes()).hexdigest()
                key = store_key(f, sha)
            except (OSError, InputError):
                key = ""
            if key and key == known[did]:
                skipped.append((f, did, sha, key))
                continue
        todo.append(f)
    return todo, skipped


@contextmanager
def open_store(target: Path) -> Iterator[tuple[GraphStore, bool]]:
    """The store at ``target``, and whether it is new.

    A new store is built aside (``.NAME.building-*``, with Oxigraph's bulk
    loader: 2.4x faster than Store.extend, 4.6x than SPARQL INSERT DATA,
    measured) and moved into place when the block ends without error; a
    build killed before that leaves no store, and the next one starts again.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)  # what a killed first build left
    fresh = not target.exists()
    where = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent)) if fresh else target
    with GraphStore.open(where) as gstore:
        yield gstore, fresh
    if fresh:
        os.replace(where, target)


class StoreBatches:
    """Documents go into the store in transactions of about :attr:`LIMIT` triples.

    Memory stays bounded whatever the corpus (one transaction's text is held
    at a time), and a build killed midway leaves every document as it was
    or as it is now, never half; the next run skips those already done.
    """

    LIMIT = 200_000

    def __init__(self, gstore: GraphStore, *, bulk: bool = False) -> None:
        self.gstore = gstore
        self.bulk = bulk  #: a store built aside: Oxigraph's bulk loader, no transactions
        self.pending: list[tuple[str, str, DocumentGraph]] = []
        self.size = 0
        self.triples = 0  #: written so far
        self.classes: Counter[str] = Counter()  #: instances per class IRI, document by document

    def add(self, doc: str, key: str, graph: DocumentGraph | None) -> None:
        """Queue one document's graph under its :func:`store_key`; write when the batch is full."""
        assert graph is not None
        self.pending.append((doc, key, graph))
        self.size += graph.triples
        self.classes.update(graph.classes())
        if self.size >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        """Write the queued documents in one transaction."""
        if self.pending:
            docs = ((d, key, g.parse()) for d, key, g in self.pending)
            self.triples += self.gstore.replace_documents(docs, bulk=self.bulk)
            self.pending, self.size = [], 0


def export_store(gstore: GraphStore, outputs: dict[str, Path]) -> tuple[int, Counter[str]]:
    """graph.ttl and graph.trig (``outputs["turtle"]``, ``outputs["graph"]``) from every
    document the store holds; returns the triples and instances per class IRI written."""
    graphs = sorted(
        (g.value for g in gstore.store.named_graphs()
         if isinstance(g, ox.NamedNode) and doc_id_of_graph(g.value) is not None),
        key=doc_id_of_graph,
    )
    writer = GraphWriter(outputs["turtle"], outputs["graph"])
    try:
        for g in graphs:
            doc = doc_id_of_graph(g)
            assert doc is not None
            quads = gstore.store.quads_for_pattern(None, None, None, ox.NamedNode(g))
            writer.add(stored_graph(doc, (q.triple for q in quads)))
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return writer.triples, writer.classes


def reusable_export(outputs: dict[str, Path], store: Path, keys: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """The triples and class counts (by kind) of the last export, when it already holds
    exactly these documents (doc id → store key) of this store; else None.

    Re-exporting a whole store when no report changed took 12 s on the corpus
    (BENCHMARKS.md); the files from last time are the same bytes. The store
    keys are compared, not the file hashes: a key also changes with the
    report's MANIFEST.tsv row and with the extractor (a store built since
    through another output folder must not leave this export in place).
    """
    if not all(p.is_file() for p in outputs.values()):
        return None
    try:
        last = json.loads((outputs["graph"].parent / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = keys == {k: v.get("key") for k, v in last.get("documents", {}).items()}
    exported = last.get("graph") and last.get("turtle")
    if not same or not exported or last.get("store") != str(store.resolve()) or "classes" not in last:
        return None
    return last["triples"], last["classes"]
