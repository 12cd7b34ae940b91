"""kg.push: batches, retries and resuming against a scripted HTTP server, and the
real thing: push to an Oxigraph server and get the same answers there."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import running_oxigraph
from mini_support import MINI, MINI_PARAMS
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.errors import StoreError
from kg.push import push
from kg.query import bind, list_questions, run
from kg.rdf.store import open_graph


class Scripted(ThreadingHTTPServer):
    """Records requests; answers each with the next status of ``script`` (then 204)."""

    daemon_threads = True

    def __init__(self, script: list[int]) -> None:
        self.script = list(script)
        self.requests: list[tuple[str, str, bytes]] = []
        super().__init__(("127.0.0.1", 0), _ScriptedHandler)


class _ScriptedHandler(BaseHTTPRequestHandler):
    server: Scripted

    def log_message(self, *args: object) -> None:
        pass

    def _any(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = self.server.script.pop(0) if self.server.script else 204
        if status < 300:
            self.server.requests.append((self.command, self.path, body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = _any


@pytest.fixture()
def scripted() -> Iterator[callable]:
    servers: list[Scripted] = []

    def make(script: list[int]) -> tuple[Scripted, str]:
        s = Scripted(script)
        threading.Thread(target=s.serve_forever, daemon=True).start()
        servers.append(s)
        return s, f"http://127.0.0.1:{s.server_address[1]}/store"

    yield make
    for s in servers:
        s.shutdown()
        s.server_close()


def test_one_graph_per_document_in_batches(scripted) -> None:
    srv, url = scripted([])
    src = open_graph(graph_file=MINI)
    rep = push(src, url, batch_triples=50)
    graphs = [urllib.parse.parse_qs(urllib.parse.urlsplit(p).query)["graph"][0] for _, p, _ in srv.requests]
    assert sorted(set(graphs)) == ["https://w3id.org/govkg/id/graph/mini-a", "https://w3id.org/govkg/id/graph/mini-b"]
    assert rep.triples == len(src) == sum(b.count(b"\n") for *_, b in srv.requests)
    assert rep.batches == len(srv.requests) > 2
    for g in set(graphs):  # PUT first (replace), POST after (append)
        methods = [m for (m, p, _), gg in zip(srv.requests, graphs) if gg == g]
        assert methods[0] == "PUT" and set(methods[1:]) <= {"POST"}


def test_retries_with_backoff_then_gives_up(scripted) -> None:
    srv, url = scripted([503, 503])
    rep = push(open_graph(graph_file=MINI), url, batch_triples=1000, retries=3, backoff=0.01)
    assert rep.retries == 2 and rep.batches == 2
    srv, url = scripted([503] * 10)
    with pytest.raises(StoreError, match="after 3 attempt"):
        push(open_graph(graph_file=MINI), url, retries=2, backoff=0.01)
    srv, url = scripted([400])
    with pytest.raises(StoreError, match="HTTP 400"):
        push(open_graph(graph_file=MINI), url, retries=5, backoff=0.01)
    assert srv.script == []  # a client error is not retried


def test_resume_from_state_file(scripted, tmp_path: Path) -> None:
    state = tmp_path / "push.json"
    src = open_graph(graph_file=MINI)
    srv, url = scripted([204, 204, 400])
    with pytest.raises(StoreError):
        push(src, url, batch_triples=40, state_file=state, backoff=0.01)
    sent_before = len(srv.requests)
    assert sent_before == 2
    srv.script = []
    rep = push(src, url, batch_triples=40, state_file=state)
    # Nothing sent twice: the rerun starts at the batch that failed.
    assert rep.triples + sum(b.count(b"\n") for *_, b in srv.requests[:sent_before]) == len(src)
    assert srv.requests[sent_before][0] == "POST"  # continuing a graph, not replacing it
    again = push(src, url, batch_triples=40, state_file=state)
    assert again.batches == 0 and again.graphs_skipped == 2
    assert json.loads(state.read_text())["endpoint"] == url


# --- against a real SPARQL server


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    with running_oxigraph(tmp_path / "db") as base:
        yield base


def answers_match(base: str) -> None:
    src = open_graph(graph_file=MINI)
    for q in list_questions():
        params = MINI_PARAMS.get(q.name, {})
        local = run(src, q.name, params)
        w = SPARQLWrapper(base + "/query")
        w.setQuery(bind(q.text, q, params))
        w.setReturnFormat(JSON)
        doc = w.query().convert()
        remote = {tuple(b.get(v, {}).get("value") for v in doc["head"]["vars"]) for b in doc["results"]["bindings"]}
        expect = {tuple(r.get(v) for v in local.variables) for r in local.values()}
        norm = lambda rows: {tuple(_num(c) for c in row) for row in rows}
        assert norm(remote) == norm(expect), q.name
        assert len(doc["results"]["bindings"]) == len(local), q.name


def _num(cell: str | None) -> str | None:
    """Oxigraph writes 82934.0 as 82934: compare numbers by value; GROUP_CONCAT has no order."""
    if cell is not None and "、" in cell:
        return "、".join(sorted(cell.split("、")))
    try:
        return str(float(cell)) if cell is not None else None
    except ValueError:
        return cell


@pytest.mark.server
def test_push_gsp_then_same_answers_on_server(oxigraph_server: str, tmp_path: Path) -> None:
    src = open_graph(graph_file=MINI)
    rep = push(src, oxigraph_server + "/store", batch_triples=60, state_file=tmp_path / "s.json")
    assert rep.triples == len(src) and rep.graphs_sent == 2
    answers_match(oxigraph_server)
    rep = push(src, oxigraph_server + "/store", batch_triples=60, state_file=tmp_path / "s.json")
    assert rep.batches == 0 and rep.graphs_skipped == 2


@pytest.mark.server
def test_push_update_protocol_and_repush_replaces(oxigraph_server: str) -> None:
    src = open_graph(graph_file=MINI)
    push(src, oxigraph_server + "/update", protocol="update", batch_triples=100)
    push(src, oxigraph_server + "/update", protocol="update", batch_triples=100)  # replaces, no duplicates
    answers_match(oxigraph_server)
    w = SPARQLWrapper(oxigraph_server + "/query")
    w.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    w.setReturnFormat(JSON)
    assert int(w.query().convert()["results"]["bindings"][0]["n"]["value"]) == len(src)
