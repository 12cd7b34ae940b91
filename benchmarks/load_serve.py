"""``kg serve`` under load from a second process, on 127.0.0.1 only.

    python benchmarks/load_serve.py [--seconds 60] [--concurrency 32] [--max-requests 1000000]

Builds the sample report's graph into a temporary folder, starts ``kg serve``
on a free port of 127.0.0.1, then runs the load in a second process
(``--client``): ``--concurrency`` threads, each sending the named questions
(bound with parameters read from the graph: an agency, a statement, a unit)
in turn with urllib, until ``--seconds`` have passed or ``--max-requests``
were sent. Prints requests, errors, throughput and p50/p90/p99/max latency
(and a JSON line with the same numbers), stops the server and exits 1 if any
request failed. Never talks to any address other than 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
HOST = "127.0.0.1"
GKG = "https://w3id.org/govkg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) of ``values``, nearest rank."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def loopback_only(url: str) -> str:
    if urllib.parse.urlsplit(url).hostname != HOST:
        raise SystemExit(f"load_serve: refusing {url}: only {HOST} is ever targeted")
    return url


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes]:
    req = urllib.request.Request(loopback_only(url), headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def select(base: str, query: str) -> list[dict[str, str]]:
    status, body = fetch(base + "/sparql?" + urllib.parse.urlencode({"query": query}))
    if status != 200:
        raise SystemExit(f"load_serve: setup query failed ({status}): {body[:200]!r}")
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def workload(base: str) -> list[tuple[str, str]]:
    """(name, bound SPARQL) for every named question, parameters taken from the served graph."""
    from kg.query import bind, list_questions

    agency = select(base, f"SELECT ?l WHERE {{ ?a a <{GKG}Agency> ; <{SKOS}prefLabel> ?l }} ORDER BY ?l LIMIT 1")
    fact = select(base, f"SELECT ?s WHERE {{ ?s a <{RDF}Statement> }} ORDER BY ?s LIMIT 1")
    values = {"name": agency[0]["l"] if agency else "甘肃省司法厅", "agency": agency[0]["l"] if agency else "",
              "fact": fact[0]["s"] if fact else "id:none"}
    out = []
    for q in list_questions():
        params = {p.name: values[p.name] for p in q.params if p.name in values and (p.required or p.name == "agency")}
        out.append((q.name, bind(q.text, q, params)))
        if not q.params or all(not p.required for p in q.params):
            out.append((q.name + "(all)", bind(q.text, q, {})))
    return out


def client(base: str, seconds: float, concurrency: int, max_requests: int, seed: int) -> dict:
    """The load: threads sending the workload round-robin; returns the statistics."""
    work = workload(base)
    urls = [(name, base + "/sparql?" + urllib.parse.urlencode({"query": text})) for name, text in work]
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    stop_at = time.monotonic() + seconds

    def worker(k: int) -> None:
        nonlocal sent
        rng = random.Random(seed + k)
        i = rng.randrange(len(urls))
        while time.monotonic() < stop_at:
            with lock:
                if sent >= max_requests:
                    return
                sent += 1
            name, url = urls[i % len(urls)]
            i += 1
            t0 = time.perf_counter()
            try:
                status, _ = fetch(url)
                problem = None if status == 200 else f"{name}: HTTP {status}"
            except (OSError, urllib.error.URLError) as exc:
                problem = f"{name}: {type(exc).__name__}"
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                if problem:
                    errors[problem] = errors.get(problem, 0) + 1

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.monotonic() - t0
    ms = [x * 1000 for x in latencies]
    return {
        "concurrency": concurrency, "seconds": round(elapsed, 1), "questions": len(urls),
        "requests": len(latencies), "errors": sum(errors.values()), "error_kinds": errors,
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(ms, 0.50), 1), "p90_ms": round(percentile(ms, 0.90), 1),
        "p99_ms": round(percentile(ms, 0.99), 1), "max_ms": round(max(ms, default=float("nan")), 1),
    }


def wait_ready(base: str, proc: subprocess.Popen[bytes], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"load_serve: kg serve exited with {proc.returncode}")
        try:
            if fetch(base + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("load_serve: kg serve did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many requests")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=10.0, help="the server's per-query timeout")
    ap.add_argument("--client", metavar="URL", help=argparse.SUPPRESS)  # the second process
    args = ap.parse_args(argv)
    if args.client:
        stats = client(loopback_only(args.client), args.seconds, args.concurrency, args.max_requests, args.seed)
        print(json.dumps(stats, ensure_ascii=False))
        return 0

    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        out = Path(tmp) / "out"
        subprocess.run([sys.executable, "-m", "kg", "build", str(SAMPLE), "-o", str(out), "-q", "--no-report"],
                       check=True, cwd=REPO)
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--graph", str(out / "graph.trig"), "--out", str(out),
             "--host", HOST, "--port", str(port), "--timeout", str(args.timeout)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_ready(base, server)
            load = subprocess.run(
                [sys.executable, __file__, "--client", base, "--seconds", str(args.seconds),
                 "--concurrency", str(args.concurrency), "--max-requests", str(args.max_requests),
                 "--seed", str(args.seed)],
                capture_output=True, text=True, timeout=args.seconds + 180, cwd=REPO, check=False,
            )
            if load.returncode != 0:
                raise SystemExit(f"load_serve: the client failed: {load.stderr.strip()[-500:]}")
            stats = json.loads(load.stdout.strip().splitlines()[-1])
            alive = server.poll() is None and fetch(base + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))[0] == 200
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(server.pid, signal.SIGKILL)
                server.wait()
    stats["server_alive_after"] = alive
    print(f"kg serve on {HOST}, {stats['questions']} bound named questions, concurrency {stats['concurrency']}, "
          f"{stats['seconds']} s")
    print(f"requests {stats['requests']}  errors {stats['errors']}  {stats['rps']} req/s")
    print(f"latency ms  p50 {stats['p50_ms']}  p90 {stats['p90_ms']}  p99 {stats['p99_ms']}  max {stats['max_ms']}")
    if stats["error_kinds"]:
        print("errors:", stats["error_kinds"])
    print(json.dumps(stats, ensure_ascii=False))
    return 0 if stats["errors"] == 0 and alive else 1


if __name__ == "__main__":
    raise SystemExit(main())
