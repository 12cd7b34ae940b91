"""``kg push``: publish the graph to a SPARQL server, one named graph per document.

Two protocols, because servers differ:

- ``gsp`` (default): SPARQL 1.1 Graph Store HTTP Protocol. The first batch of
  a graph is a ``PUT ?graph=IRI`` (replacing what the server had), the next
  ones ``POST`` (append). ``endpoint`` is the graph store URL
  (Oxigraph: ``http://host:7878/store``).
- ``update``: SPARQL 1.1 Update ``INSERT DATA`` for servers without GSP; the
  first batch also drops the graph. ``endpoint`` is the update URL
  (Oxigraph: ``/update``).

Bodies are N-Triples, ``batch_triples`` per request, so a corpus larger than a
server's request limit goes through; a graph holding blank nodes is sent in
one request (a blank node split over two requests would become two nodes).
Failures from the network, 5xx and 429 are retried with exponential backoff;
other errors stop the push. With ``state_file`` the position is saved after
every batch (atomically), and a later run skips graphs already sent with the
same content and resumes a graph where it stopped. Uses urllib only.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import StoreError

__all__ = ["push", "PushReport"]

_NT = ox.RdfFormat.N_TRIPLES


@dataclass
class PushReport:
    """What a push did."""

    endpoint: str
    protocol: str
    graphs: int = 0  #: graphs in the source
    graphs_sent: int = 0
    graphs_skipped: int = 0  #: already on the server according to the state file
    batches: int = 0
    triples: int = 0
    retries: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"pushed {self.triples} triples in {self.batches} batches ({self.graphs_sent} graphs, "
            f"{self.graphs_skipped} unchanged, {self.retries} retries) to {self.endpoint} "
            f"by {self.protocol} in {self.seconds:.1f} s"
        )


def _graphs(store: ox.Store) -> list[Any]:
    """Named graphs sorted by IRI, then the default graph if it holds anything."""
    named = sorted((g for g in store.named_graphs()), key=lambda g: str(g))
    has_default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    return named + ([ox.DefaultGraph()] if has_default else [])


def _chunks(store: ox.Store, graph: Any, size: int) -> Iterator[bytes]:
    """N-Triples bodies of at most ``size`` triples (one body if the graph has blank nodes)."""
    quads = store.quads_for_pattern(None, None, None, graph)
    triples = [q.triple for q in quads]
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        size = max(len(triples), 1)
    for i in range(0, len(triples), size):
        yield ox.serialize(triples[i : i + size], format=_NT)


class _Sender:
    def __init__(self, endpoint: str, protocol: str, retries: int, timeout: float,
                 headers: Mapping[str, str], backoff: float, report: PushReport) -> None:
        self.endpoint, self.protocol, self.retries = endpoint, protocol, retries
        self.timeout, self.headers, self.backoff, self.report = timeout, dict(headers), backoff, report

    def send(self, target: str | None, body: bytes, first: bool) -> None:
        if self.protocol == "gsp":
            sep = "&" if "?" in self.endpoint else "?"
            where = "default" if target is None else "graph=" + quote(target, safe="")
            self._request("PUT" if first else "POST", f"{self.endpoint}{sep}{where}", body,
                          "application/n-triples")
        else:
            data = body.decode("utf-8")
            if target is None:
                text = ("DROP SILENT DEFAULT ;\n" if first else "") + f"INSERT DATA {{\n{data}}}"
            else:
                text = (f"DROP SILENT GRAPH <{target}> ;\n" if first else "") + \
                    f"INSERT DATA {{ GRAPH <{target}> {{\n{data}}} }}"
            self._request("POST", self.endpoint, text.encode("utf-8"), "application/sparql-update")

    def _request(self, method: str, url: str, body: bytes, ctype: str) -> None:
        attempt = 0
        while True:
            req = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": ctype, **self.headers})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    resp.read()
                return
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace").strip()
                retryable = exc.code >= 500 or exc.code == 429
                problem = f"HTTP {exc.code} {exc.reason}: {detail}"
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                retryable, problem = True, str(getattr(exc, "reason", exc))
            if not retryable or attempt >= self.retries:
                raise StoreError(f"push to {url.split('?')[0]} failed after {attempt + 1} attempt(s): {problem}")
            time.sleep(min(self.backoff * 2**attempt, 30.0))
            attempt += 1
            self.report.retries += 1


def _load_state(path: Path | None, key: dict[str, Any]) -> dict[str, Any]:
    if path is None or not path.is_file():
        return {**key, "graphs": {}}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {**key, "graphs": {}}
    if not isinstance(state, dict) or any(state.get(k) != v for k, v in key.items()):
        return {**key, "graphs": {}}  # another endpoint or protocol: start over
    state.setdefault("graphs", {})
    return state


def _save_state(path: Path | None, state: dict[str, Any]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(state, f, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, path)


def push(
    source: Any,
    endpoint: str,
    *,
    graph: str | None = None,
    batch_triples: int = 50000,
    retries: int = 3,
    state_file: Path | None = None,
    protocol: str = "gsp",
    timeout: float = 120.0,
    headers: Mapping[str, str] | None = None,
    backoff: float = 0.5,
) -> PushReport:
    """Upload every graph of ``source`` (a GraphSource or pyoxigraph Store) to ``endpoint``.

    ``graph``: put everything into this one named graph instead of one per
    document. ``headers``: extra HTTP headers (``Authorization``…).
    """
    if protocol not in ("gsp", "update"):
        raise StoreError(f"unknown push protocol {protocol!r} (gsp or update)")
    if batch_triples < 1:
        raise StoreError("batch size must be at least 1 triple")
    t0 = time.perf_counter()
    store = getattr(source, "store", source)
    report = PushReport(endpoint, protocol)
    sender = _Sender(endpoint, protocol, retries, timeout, headers or {}, backoff, report)
    state_path = Path(state_file) if state_file is not None else None
    state = _load_state(state_path, {"endpoint": endpoint, "protocol": protocol, "target": graph})
    graphs = _graphs(store)
    if not getattr(source, "union", True):  # a merged copy: its default graph repeats the named ones
        graphs = [g for g in graphs if not isinstance(g, ox.DefaultGraph)]
    report.graphs = len(graphs)
    first_into_target = True
    for g in graphs:
        name = "" if isinstance(g, ox.DefaultGraph) else g.value
        target = graph if graph is not None else (name or None)
        digest = hashlib.sha256()
        n_batches = 0
        for body in _chunks(store, g, batch_triples):
            digest.update(body)
            n_batches += 1
        fingerprint = digest.hexdigest()
        entry = state["graphs"].get(name)
        if not entry or entry.get("fingerprint") != fingerprint or entry.get("batch_triples") != batch_triples:
            entry = {"fingerprint": fingerprint, "batch_triples": batch_triples, "done": 0, "total": n_batches}
        if entry["done"] >= n_batches and graph is None:
            report.graphs_skipped += 1
            continue
        for i, body in enumerate(_chunks(store, g, batch_triples)):
            if i < entry["done"] and graph is None:
                continue
            first = i == 0 and (graph is None or first_into_target)
            sender.send(target, body, first)
            first_into_target = False
            report.batches += 1
            report.triples += body.count(b"\n")
            entry["done"] = i + 1
            state["graphs"][name] = entry
            _save_state(state_path, state)
        report.graphs_sent += 1
    report.seconds = time.perf_counter() - t0
    return report
