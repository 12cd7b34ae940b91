"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the graph, and a page for people.

- ``/sparql``: GET ``?query=``, POST form (``query=`` / ``update=``), POST
  ``application/sparql-query`` and ``application/sparql-update`` bodies;
  ``default-graph-uri`` / ``named-graph-uri`` honoured. Content negotiation
  (``Accept``, or ``format=``/``output=``): SPARQL JSON, XML, CSV, TSV (and an
  HTML table) for SELECT/ASK; Turtle, N-Triples, JSON-LD, RDF/XML for
  CONSTRUCT/DESCRIBE. The default graph is the union of all graphs.
- ``/``: a query box, the named questions (with their parameters) and a link
  to the visualisation; ``/out/…`` serves files of the out folder and nothing
  else.
- Read-only unless ``allow_update`` (403 otherwise; cross-origin updates are
  refused even then). Each query runs in a forked child (:mod:`kg.sparql_fork`)
  killed when the timeout passes (503); more than ``max_results`` rows or
  triples is an error (400); bodies over ``max_body`` bytes get 413.
"""

from __future__ import annotations

import mimetypes
import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import execute, get_question, list_questions
from kg.serve_page import CSP, index_page, results_page
from kg.sparql_fork import ForkRunner, Outcome
from kg.sparql_results import MEDIA_TYPES, format_result

__all__ = ["make_server", "serve", "ServerConfig", "negotiate"]

_TEXT = "text/plain; charset=utf-8"

_SELECT_TYPES = [
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("text/html", "html"), ("text/plain", "table"),
]
_GRAPH_TYPES = [
    ("text/turtle", "ttl"), ("application/x-turtle", "ttl"), ("application/n-triples", "nt"),
    ("text/plain", "nt"), ("application/ld+json", "jsonld"), ("application/json", "jsonld"),
    ("application/rdf+xml", "rdfxml"), ("application/xml", "rdfxml"), ("text/xml", "rdfxml"), ("text/html", "html"),
]
# format=/output= values: (for SELECT/ASK, for CONSTRUCT/DESCRIBE)
_FORMAT_PARAM = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
    "html": ("html", "html"), "table": ("table", None), "text": ("table", "nt"),
    "ttl": (None, "ttl"), "turtle": (None, "ttl"), "n3": (None, "ttl"), "nt": (None, "nt"),
    "ntriples": (None, "nt"), "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"), "rdf": (None, "rdfxml"),
}


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """The endpoint's limits and switches."""

    allow_update: bool = False
    timeout: float | None = 10.0
    max_results: int = 10000
    max_body: int = 1_000_000
    out_dir: Path = Path("out")
    log: bool = True


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> str | None:
    """The result format for a ``kind`` ("select", "ask", "graph") result; None if none is acceptable."""
    graph = kind == "graph"
    if fmt:
        fmt = fmt.strip().lower()
        if fmt in _FORMAT_PARAM:
            return _FORMAT_PARAM[fmt][1 if graph else 0]
        accept = fmt  # a media type given as format=
    candidates = _GRAPH_TYPES if graph else _SELECT_TYPES
    if not accept:
        return candidates[0][1]
    prefs: list[tuple[str, float]] = []
    for part in accept.split(","):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        prefs.append((bits[0].lower(), q))
    best, best_q = None, 0.0
    for media, name in candidates:
        q, spec = 0.0, -1
        for pattern, pq in prefs:
            s = 2 if pattern == media else 1 if pattern == media.split("/")[0] + "/*" else 0 if pattern == "*/*" else -1
            if s > spec:
                q, spec = pq, s
        if spec >= 0 and q > best_q:
            best, best_q = name, q
    return best


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    #: Connections waiting to be accepted. socketserver's default of 5 overflowed
    #: under 32 concurrent clients: dropped SYNs came back after 1, 3 and 7 s of
    #: TCP retransmission, which made up the p90/p99 latency (benchmarks/load_serve.py).
    request_queue_size = 128

    def __init__(self, addr: tuple[str, int], source: Any, config: ServerConfig) -> None:
        self.source = source
        self.config = config
        self.runner = ForkRunner(config.timeout)
        self.questions = list_questions()
        # Said once: the page must not touch the store in this process while children fork.
        self.description = source.describe() if hasattr(source, "describe") else "graph"
        super().__init__(addr, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "govkg"
    #: Seconds a connection may stay silent (slow headers, a body shorter than its
    #: Content-Length) before it is closed, so that idle clients cannot hold threads forever.
    timeout = 60

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.server.config.log:
            super().log_message(format, *args)

    # --- responses

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, _TEXT, (message.rstrip() + "\n").encode("utf-8"))

    # --- routing

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            return self._index(params)
        if url.path == "/sparql":
            if "update" in params:
                return self._error(405, "updates must be sent with POST")
            if "query" not in params:
                return self._send(303, _TEXT, b"", {"Location": "/"})
            return self._query(params["query"][0], params)
        if url.path.startswith("/out/"):
            return self._static(url.path[len("/out/") :])
        self._error(404, "not found")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._error(411, "a Content-Length header is required")
        if length < 0:  # read(-1) would wait for the client to close: a thread held per request
            self.close_connection = True
            return self._error(400, "a negative Content-Length")
        if length > self.server.config.max_body:
            self.close_connection = True
            return self._error(413, f"request body over {self.server.config.max_body} bytes")
        body = self.rfile.read(length)
        params = parse_qs(url.query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            if "update" in params:
                return self._update(params["update"][0])
            if "query" in params:
                return self._query(params["query"][0], params)
            return self._error(400, "no query or update parameter")
        if ctype == "application/sparql-query":
            return self._query(text, params)
        if ctype == "application/sparql-update":
            return self._update(text)
        self._error(415, f"unsupported Content-Type {ctype!r}")

    # --- handlers

    def _index(self, params: dict[str, list[str]]) -> None:
        chosen = None
        values: dict[str, str] = {}
        if params.get("q"):
            try:
                chosen = get_question(params["q"][0])
            except QueryError as exc:
                return self._error(404, str(exc))
            values = {p.name: params[p.name][0] for p in chosen.params if p.name in params}
        viz = "/out/graph.html" if (self.server.config.out_dir / "graph.html").is_file() else None
        page = index_page(
            self.server.description,
            self.server.questions, chosen=chosen, params=values, viz=viz,
            allow_update=self.server.config.allow_update,
        )
        self._send(200, "text/html; charset=utf-8", page, {"Content-Security-Policy": CSP})

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        cfg = self.server.config
        kwargs: dict[str, Any] = {"use_default_graph_as_union": getattr(self.server.source, "union", True)}
        try:
            if params.get("default-graph-uri"):
                kwargs = {"use_default_graph_as_union": False,
                          "default_graph": [ox.NamedNode(u) for u in params["default-graph-uri"]]}
            if params.get("named-graph-uri"):
                kwargs["named_graphs"] = [ox.NamedNode(u) for u in params["named-graph-uri"]]
        except ValueError as exc:
            return self._error(400, f"bad graph IRI: {exc}")
        accept = self.headers.get("Accept")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        store = getattr(self.server.source, "store", self.server.source)

        def job() -> Outcome:
            try:
                result = execute(store, text, max_results=cfg.max_results, **kwargs)
            except QueryError as exc:
                return Outcome(400, _TEXT, f"{exc}\n".encode())
            except Exception as exc:  # noqa: BLE001 - report, never crash the child silently
                return Outcome(500, _TEXT, f"query failed: {exc}\n".encode())
            name = negotiate(result.kind, accept, fmt)
            if name is None:
                return Outcome(406, _TEXT, b"none of the accepted media types fits this result\n")
            if name == "html":
                return Outcome(200, "text/html; charset=utf-8", results_page(result))
            media = MEDIA_TYPES[name]
            media += "; charset=utf-8" if media.startswith("text/") or name in ("json", "jsonld") else ""
            return Outcome(200, media, format_result(result, name).encode("utf-8"))

        out = self.server.runner.run(job)
        headers = {"Content-Security-Policy": CSP} if out.media_type.startswith("text/html") else {}
        self._send(out.status, out.media_type, out.body, headers)

    def _update(self, text: str) -> None:
        if not self.server.config.allow_update:
            return self._error(403, "updates are disabled on this endpoint (start it with --allow-update)")
        origin = self.headers.get("Origin")
        if origin and urlsplit(origin).netloc != self.headers.get("Host", ""):
            return self._error(403, "cross-origin updates are refused")
        store = getattr(self.server.source, "store", self.server.source)
        try:
            with self.server.runner.fork_lock:
                store.update(text)
        except SyntaxError as exc:
            return self._error(400, f"malformed SPARQL update: {exc}")
        except (OSError, RuntimeError, ValueError) as exc:
            return self._error(400, f"update failed: {exc}")
        self._error(200, "update done")

    def _static(self, rel: str) -> None:
        rel = unquote(rel)
        parts = rel.split("/")
        if not rel or "\x00" in rel or "\\" in rel or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
            return self._error(404, "not found")
        root = self.server.config.out_dir.resolve()
        target = (root / rel).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return self._error(404, "not found")
        media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if media.startswith("text/") or media in ("application/javascript", "application/json"):
            media += "; charset=utf-8"
        self._send(200, media, target.read_bytes())


def make_server(
    source: Any,
    host: str = "127.0.0.1",
    port: int = 7878,
    allow_update: bool = False,
    timeout: float | None = 10.0,
    max_results: int = 10000,
    *,
    max_body: int = 1_000_000,
    out_dir: Path = Path("out"),
    log: bool = True,
    merge: bool = False,
) -> ThreadingHTTPServer:
    """A ready HTTP server for ``source`` (a GraphSource); port 0 picks a free port.

    ``merge``: serve a :meth:`GraphSource.merged` copy (the union without
    repeats as the default graph; twice the memory, seconds to build); not
    with ``allow_update``, so that updates reach the source. Off by default:
    since the named questions de-duplicate before they join, 9 of 10 run
    faster on the source itself (BENCHMARKS.md, 11:18 run).
    """
    config = ServerConfig(allow_update, timeout, max_results, max_body, Path(out_dir), log)
    if merge and not allow_update and hasattr(source, "merged"):
        source = source.merged()
    return _Server((host, port), source, config)


def serve(source: Any, host: str = "127.0.0.1", port: int = 7878, **kwargs: Any) -> None:
    """Serve until Ctrl-C."""
    httpd = make_server(source, host, port, **kwargs)
    h, p = httpd.server_address[:2]
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"kg serve: warning: listening on {host}, reachable from other machines", file=sys.stderr)
    print(f"kg serve: http://{h}:{p}/  (SPARQL endpoint http://{h}:{p}/sparql); Ctrl-C stops", file=sys.stderr)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
