"""kg.serve over HTTP on localhost: a real SPARQL client (SPARQLWrapper) gets the
named questions' answers; negotiation, limits, read-only, escaping, out/ only."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mini_support import MINI, MINI_PARAMS
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from kg.query import bind, list_questions, run
from kg.rdf.store import open_graph
from kg.serve import make_server, negotiate

GKG = "https://w3id.org/govkg/ontology#"


def start(tmp: Path, **kwargs) -> tuple[str, object]:
    src = open_graph(graph_file=MINI)
    srv = make_server(src, port=0, log=False, out_dir=tmp / "out", **kwargs)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_address[1]}", srv


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("serve")
    (tmp / "out").mkdir()
    (tmp / "out" / "graph.html").write_text("<html>viz</html>", encoding="utf-8")
    (tmp / "secret.txt").write_text("secret", encoding="utf-8")
    base, srv = start(tmp, timeout=1.5, max_results=200, max_body=20_000)
    yield base
    srv.shutdown()
    srv.server_close()


def get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def norm(cell: str | None) -> str | None:
    """GROUP_CONCAT has no order: compare its parts as a sorted list."""
    return "、".join(sorted(cell.split("、"))) if cell and "、" in cell else cell


def rows_of(doc: dict) -> set[tuple]:
    vars_ = doc["head"]["vars"]
    return {tuple(norm(b.get(v, {}).get("value")) for v in vars_) for b in doc["results"]["bindings"]}


def test_named_questions_through_sparqlwrapper(server: str) -> None:
    src = open_graph(graph_file=MINI)
    for q in list_questions():
        params = MINI_PARAMS.get(q.name, {})
        local = run(src, q.name, params)
        w = SPARQLWrapper(server + "/sparql")
        w.setQuery(bind(q.text, q, params))
        w.setReturnFormat(JSON)
        remote = w.query().convert()
        assert rows_of(remote) == {tuple(norm(r.get(v)) for v in local.variables) for r in local.values()}, q.name
        assert len(remote["results"]["bindings"]) == len(local), q.name


@pytest.mark.parametrize("fmt, media", [(JSON, "application/sparql-results+json"), (XML, "application/sparql-results+xml"),
                                        (CSV, "text/csv"), (TSV, "text/tab-separated-values")])
def test_select_formats(server: str, fmt: str, media: str) -> None:
    w = SPARQLWrapper(server + "/sparql")
    w.setQuery(f"SELECT ?p WHERE {{ ?p a <{GKG}Policy> }} ORDER BY ?p")
    w.setReturnFormat(fmt)
    res = w.query()
    assert res.info()["content-type"].startswith(media)
    body = res.response.read() if fmt != JSON else None
    if fmt in (CSV, TSV):
        assert len(body.decode("utf-8").strip().splitlines()) == 4  # header + 3 policies


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, XML])
def test_construct_formats(server: str, fmt: str) -> None:
    w = SPARQLWrapper(server + "/sparql")
    w.setQuery(f"CONSTRUCT {{ ?p a <{GKG}Post> }} WHERE {{ ?p a <{GKG}Post> }}")
    w.setReturnFormat(fmt)
    g = w.query().convert()
    if isinstance(g, bytes):
        g = __import__("rdflib").Graph().parse(data=g, format="turtle")
    assert len(g) == 2


def test_post_form_and_body_and_get(server: str) -> None:
    q = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{GKG}Agency> }}"
    accept = {"Accept": "application/sparql-results+json"}
    for status, _, body in (
        get(server + "/sparql?" + urllib.parse.urlencode({"query": q}), accept),
        get(server + "/sparql", {**accept, "Content-Type": "application/x-www-form-urlencoded"},
            urllib.parse.urlencode({"query": q}).encode()),
        get(server + "/sparql", {**accept, "Content-Type": "application/sparql-query"}, q.encode()),
    ):
        assert status == 200
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"


def test_named_graph_parameters(server: str) -> None:
    q = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{GKG}Agency> }}"
    g = "https://w3id.org/govkg/id/graph/mini-b"
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": q, "default-graph-uri": g}),
                          {"Accept": "application/json"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"


def test_updates_refused_unless_allowed(server: str, tmp_path: Path) -> None:
    upd = f"INSERT DATA {{ <http://e/x> a <{GKG}Agency> }}"
    status, _, body = get(server + "/sparql", {"Content-Type": "application/sparql-update"}, upd.encode())
    assert status == 403 and b"--allow-update" in body
    status, _, _ = get(server + "/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                       urllib.parse.urlencode({"update": "DROP ALL"}).encode())
    assert status == 403
    base, srv = start(tmp_path, allow_update=True)
    try:
        assert get(base + "/sparql", {"Content-Type": "application/sparql-update"}, upd.encode())[0] == 200
        assert get(base + "/sparql", {"Content-Type": "application/sparql-update", "Origin": "http://evil.example"},
                   b"DROP ALL")[0] == 403
        w = SPARQLWrapper(base + "/sparql")
        w.setQuery(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{GKG}Agency> }}")
        w.setReturnFormat(JSON)
        assert w.query().convert()["results"]["bindings"][0]["n"]["value"] == "5"
    finally:
        srv.shutdown()
        srv.server_close()


def test_timeout_stops_a_cross_product_and_others_are_served(server: str) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    box: dict[str, tuple] = {}
    t0 = time.monotonic()
    th = threading.Thread(target=lambda: box.setdefault("r", get(server + "/sparql?" + urllib.parse.urlencode({"query": heavy}))))
    th.start()
    time.sleep(0.2)
    t1 = time.monotonic()
    status, _, _ = get(server + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 200 and time.monotonic() - t1 < 1.0  # served while the heavy one runs
    th.join(10)
    status, _, body = box["r"]
    assert status == 503 and b"timed out after 1.5 s" in body
    assert time.monotonic() - t0 < 4


def test_result_limit_and_malformed_query(server: str) -> None:
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
    assert status == 400 and b"more than 200 results" in body
    status, _, body = get(server + "/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE {\n ?x ?y }"}))
    assert status == 400 and b"line 2, column" in body


def test_body_limit_and_bad_requests(server: str) -> None:
    big = b"query=" + b"x" * 30_000
    assert get(server + "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, big)[0] == 413
    assert get(server + "/sparql", {"Content-Type": "image/png"}, b"...")[0] == 415
    status, _, _ = get(server + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                       {"Accept": "image/png"})
    assert status == 406


def raw_get(base: str, path: str) -> int:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=10)
    c.putrequest("GET", path, skip_accept_encoding=True)
    c.endheaders()
    status = c.getresponse().status
    c.close()
    return status


def test_out_folder_only(server: str) -> None:
    status, _, body = get(server + "/out/graph.html")
    assert status == 200 and body == b"<html>viz</html>"
    for path in ["/out/../secret.txt", "/out/%2e%2e/secret.txt", "/out/%2E%2E%2Fsecret.txt", "/out/..%2fsecret.txt",
                 "/out/%2e%2e%5csecret.txt", "/out//etc/passwd", "/out/.hidden", "/secret.txt", "/../secret.txt"]:
        assert raw_get(server, path) == 404, path
    status, _, page = get(server + "/")
    assert status == 200 and b'href="/out/graph.html"' in page


def test_html_is_escaped(server: str) -> None:
    hostile = '<script>alert(1)</script>"'
    status, _, page = get(server + "/?" + urllib.parse.urlencode({"q": "metrics-of", "entity": hostile}))
    assert status == 200 and b"<script>" not in page and b"&lt;script&gt;" in page
    for q in list_questions():
        assert q.name.encode() in page
    q = f'SELECT ?x WHERE {{ BIND("{hostile.replace(chr(34), "")}" AS ?x) }}'
    status, ctype, page = get(server + "/sparql?" + urllib.parse.urlencode({"query": q, "format": "html"}))
    assert status == 200 and ctype.startswith("text/html")
    assert b"<script>" not in page and b"&lt;script&gt;" in page


def test_negotiate() -> None:
    assert negotiate("select", None) == "json"
    assert negotiate("graph", None) == "ttl"
    assert negotiate("select", "text/csv;q=0.5, application/sparql-results+xml") == "xml"
    assert negotiate("select", "text/html,application/xhtml+xml,*/*;q=0.8") == "html"
    assert negotiate("graph", "application/ld+json") == "jsonld"
    assert negotiate("select", "image/png") is None
    assert negotiate("graph", None, "json") == "jsonld"


def test_serves_the_source_itself_unless_asked_to_merge(tmp_path: Path) -> None:
    """Since the named questions de-duplicate before joining, the merged copy is
    slower for 9 of 10 (BENCHMARKS.md): it is an option, not the default."""
    src = open_graph(graph_file=MINI)
    plain = make_server(src, port=0, log=False, out_dir=tmp_path)
    merged = make_server(src, port=0, log=False, out_dir=tmp_path, merge=True)
    try:
        assert plain.source is src
        assert merged.source is not src and merged.source.union is False
    finally:
        plain.server_close()
        merged.server_close()
