"""Latency of each named question on the real sample and on the whole corpus.

    python benchmarks/named_questions.py [--repeats 20] [--budget 20] [--cap 90] [--json FILE]
        [--sample-only | --corpus-only | --graph FILE] [--queries DIR] [--only NAME ...] [--no-rdflib]

Builds the sample (data/corpus) and the whole corpus (data/corpus +
data/reports) into a temporary folder (report and visualisation off), then, in
one run, times every named question of ontology/queries on each graph with:

- ``oxigraph``: the default store, graph.trig loaded by kg.rdf.store.open_graph
  into pyoxigraph and asked through kg.query.run (what ``kg query`` does);
- ``merged``: the same, on GraphSource.merged() (what ``kg serve`` asks);
- ``rdflib``: rdflib's plain memory store, an ``rdflib.Dataset(default_union=True)``
  parsed from the same graph.trig, asked the same query text after parameter
  binding (kg.query.bind), rows materialised.

Each question runs once to warm up, then ``--repeats`` times or until
``--budget`` seconds are spent on it (one timed run at least). rdflib runs in a
worker process: a question it has not answered within ``--cap`` seconds
(warm-up included) is stopped and shown as "> cap", and the worker parses the
graph again for the next question. The answers of the engines are compared (as
sets of rows) and any difference is flagged. Prints p50/p95 in ms per question,
the number of timed runs, and the ratio rdflib p50 / oxigraph p50.

``--graph FILE`` times a graph already built (``kg build -o DIR``: DIR/graph.trig)
instead of building; ``--queries DIR`` times the .rq files of another folder (an
older version of ontology/queries, to compare before and after in one session);
``--only`` limits the questions; ``--no-rdflib`` skips rdflib; ``--required-only``
leaves optional parameters unbound (what BENCHMARKS.md's query suite measures).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Dataset

from benchmarks.tasks_graph import example_values
from kg.pipeline import build
from kg.query import QUERIES_DIR, Question, bind, list_questions, run
from kg.rdf.namespace import GKG
from kg.rdf.store import GraphSource, open_graph

__all__ = ["RdflibWorker", "Row", "Timing", "format_table", "main", "measure_graph", "question_params", "time_calls"]

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO / "data" / "corpus"
CORPUS_DIRS = [REPO / "data" / "corpus", REPO / "data" / "reports"]
ENGINES = ("oxigraph", "merged", "rdflib")

#: Parameters of each question: values found in the sample, which the corpus contains too.
PARAMS: dict[str, dict[str, str]] = {
    "metrics-of": {"entity": "法治甘肃网"},
    "policies-by-agency": {},
    "posts": {},
    "agencies-ranked": {},
    "shared-initiatives": {},
    "sum-by-unit": {"unit": "元"},
    "changes": {},
    "about-entity": {"name": "甘肃省司法厅"},
}


@dataclass
class Timing:
    """Latencies of one question on one engine, in ms."""

    runs: int
    p50: float
    p95: float
    rows: int
    #: Median CPU time of this process (oxigraph engines): steadier than wall time on a shared machine.
    cpu_p50: float | None = None


@dataclass
class Row:
    """One line of the table: a question on a graph, each engine's timing."""

    graph: str
    question: str
    timings: dict[str, Timing] = field(default_factory=dict)
    same_answers: bool = True


def question_params(src: GraphSource, name: str, required: tuple[str, ...] | None = None) -> dict[str, str]:
    """The parameters a question is asked with; source-of asks for the 9000余万元 metric.

    With ``required`` (the names of the question's required parameters) only
    those are bound: optional ones stay unbound ("any"), as in benchmarks/suites.py.
    """
    if required is not None:
        return {k: v for k, v in question_params(src, name).items() if k in required}
    if name == "initiatives-of-section":  # the word most section titles share, as the suite asks
        return {"section": example_values(src)["section"]}
    if name == "source-of":
        text = f'SELECT ?m WHERE {{ ?m <{GKG.text}> "9000余万元" }} LIMIT 1'
        rows = run(src, text).values()
        return {"fact": rows[0]["m"]} if rows else {"fact": "id:none"}
    return dict(PARAMS.get(name, {}))


def _questions(queries: Path, only: list[str] | None) -> list[Question]:
    """The named questions of ``queries`` (all, or those named in ``only``)."""
    qs = list_questions(queries)
    missing = set(only or []) - {q.name for q in qs}
    if missing:
        raise SystemExit(f"no such question in {queries}: {', '.join(sorted(missing))}")
    return [q for q in qs if not only or q.name in only]


def _percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))
    return ordered[k]


def time_calls(call: Callable[[], Any], repeats: int, budget: float,
               cpu: list[float] | None = None) -> tuple[list[float], Any]:
    """Warm up once, then time ``call`` ``repeats`` times or until ``budget`` s are spent (one run at least).

    Wall times in ms; the process's CPU time of each run goes to ``cpu`` if given.
    """
    result = call()
    times: list[float] = []
    spent = 0.0
    while len(times) < repeats and (not times or spent < budget):
        c0 = time.process_time()
        t0 = time.perf_counter()
        call()
        dt = time.perf_counter() - t0
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
        times.append(dt * 1000)
        spent += dt
    return times, result


def _norm(value: Any) -> str | None:
    """A cell as comparable text: numbers by value, GROUP_CONCAT parts sorted."""
    if value is None:
        return None
    text = str(value)
    if "、" in text:
        return "、".join(sorted(text.split("、")))
    try:
        return str(Decimal(text).normalize())
    except (InvalidOperation, ValueError):
        return text


def _ox_rows(result: Any) -> set[tuple]:
    return {tuple(_norm(c.value if c is not None else None) for c in row) for row in result.rows}


def _rdflib_rows(rows: list[Any]) -> set[tuple]:
    return {tuple(_norm(c) for c in row) for row in rows}


def _rdflib_worker(conn: Any, trig: str) -> None:
    """Child process: parse ``trig`` into rdflib's memory Dataset, then time the queries sent."""
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(trig, format="trig")
    conn.send(time.perf_counter() - t0)
    while True:
        msg = conn.recv()
        if msg is None:
            return
        text, repeats, budget = msg
        times, rows = time_calls(lambda t=text: [tuple(r) for r in ds.query(t)], repeats, budget)
        conn.send((times, _rdflib_rows(rows), len(rows)))


class RdflibWorker:
    """rdflib in a child process, so that a question can be stopped after ``cap`` seconds."""

    def __init__(self, trig: Path, log: Callable[[str], None]) -> None:
        self.trig, self.log = trig, log
        self.proc: Any = None
        self.conn: Any = None

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_rdflib_worker, args=(child, str(self.trig)), daemon=True)
        self.proc.start()
        self.log(f"rdflib parse {self.conn.recv():.1f} s")

    def ask(self, text: str, repeats: int, budget: float, cap: float) -> tuple[list[float], set[tuple], int] | None:
        """(times in ms, answer rows, row count), or None when stopped after ``cap`` s."""
        if self.proc is None:
            self._start()
        self.conn.send((text, repeats, budget))
        if self.conn.poll(cap):
            return self.conn.recv()
        self.close()
        return None

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
            self.proc = None


def measure_graph(label: str, trig: Path, repeats: int, budget: float, cap: float,
                  log: Callable[[str], None], questions: list[Question] | None = None,
                  rdflib: bool = True, required_only: bool = False) -> list[Row]:
    """Load ``trig`` into each engine and time every named question (or ``questions``) on it."""
    t0 = time.perf_counter()
    src = open_graph(graph_file=trig)
    log(f"{label}: oxigraph load {time.perf_counter() - t0:.2f} s, {len(src)} quads")
    t0 = time.perf_counter()
    merged = src.merged()
    log(f"{label}: merged copy {time.perf_counter() - t0:.2f} s")
    worker = RdflibWorker(trig, log) if rdflib else None
    out = []
    try:
        for q in questions if questions is not None else list_questions():
            params = question_params(src, q.name, tuple(p.name for p in q.params if p.required)
                                     if required_only else None)
            row = Row(label, q.name)
            answers: dict[str, set[tuple]] = {}
            for engine, source in (("oxigraph", src), ("merged", merged)):
                cpu: list[float] = []
                times, result = time_calls(lambda s=source, qq=q, p=params: run(s, qq.text, p, question=qq),
                                           repeats, budget, cpu)
                answers[engine] = _ox_rows(result)
                row.timings[engine] = Timing(len(times), statistics.median(times), _percentile(times, 0.95),
                                             len(result), statistics.median(cpu))
            got = worker.ask(bind(q.text, q, params), repeats, budget, cap) if worker else None
            if worker is None:
                row.timings["rdflib"] = Timing(0, 0.0, 0.0, -1)
            elif got is None:
                row.timings["rdflib"] = Timing(0, cap * 1000, cap * 1000, -1)
            else:
                times, answers["rdflib"], n = got
                row.timings["rdflib"] = Timing(len(times), statistics.median(times), _percentile(times, 0.95), n)
            row.same_answers = all(a == answers["oxigraph"] for a in answers.values())
            if worker is None:
                row.timings.pop("rdflib")
            log(f"{label}: {q.name} " + " ".join(f"{e} {t.p50:.1f} ms" for e, t in row.timings.items()))
            out.append(row)
    finally:
        if worker is not None:
            worker.close()
    return out


def format_table(rows: list[Row]) -> str:
    """A Markdown table: p50/p95 per engine, timed runs, and the ratio rdflib / oxigraph (p50)."""
    head = ("| graph | question | rows | oxigraph p50 / p95 (cpu p50) ms | merged p50 / p95 (cpu p50) ms "
            "| rdflib p50 / p95 ms | runs ox/rdflib | rdflib ÷ oxigraph (p50) |")
    lines = [head, "|" + "---|" * 8]
    for r in rows:
        t = r.timings
        cells = [f"{t[e].p50:.2f} / {t[e].p95:.2f}" + (f" ({t[e].cpu_p50:.2f})" if t[e].cpu_p50 is not None else "")
                 if e in t else "-" for e in ENGINES]
        ratio = f"{t['rdflib'].p50 / t['oxigraph'].p50:.0f}×" if "rdflib" in t and t["oxigraph"].p50 > 0 else "-"
        if "rdflib" in t and t["rdflib"].runs == 0:
            cells[2] = f"> {t['rdflib'].p50 / 1000:.0f} s (stopped)"
            ratio = "> " + ratio
        rows_cell = str(t["oxigraph"].rows) + ("" if r.same_answers else " (answers differ!)")
        runs = f"{t['oxigraph'].runs}/{t['rdflib'].runs if 'rdflib' in t else 0}"
        lines.append(f"| {r.graph} | {r.question} | {rows_cell} | " + " | ".join(cells) + f" | {runs} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=20, help="timed runs per question and engine (default 20)")
    ap.add_argument("--budget", type=float, default=20.0, help="seconds per question and engine before stopping early")
    ap.add_argument("--cap", type=float, default=90.0, help="seconds after which an rdflib question is stopped")
    ap.add_argument("--json", type=Path, help="also write the measurements as JSON")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--sample-only", action="store_true", help="skip the whole corpus")
    which.add_argument("--corpus-only", action="store_true", help="skip the sample")
    which.add_argument("--graph", type=Path, help="time this graph (a built graph.trig) instead of building")
    ap.add_argument("--queries", type=Path, default=QUERIES_DIR, help="folder of the .rq files (default: ontology/queries)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="time only these questions")
    ap.add_argument("--no-rdflib", action="store_true", help="time only oxigraph (kg query and kg serve's ways)")
    ap.add_argument("--required-only", action="store_true",
                    help="bind only required parameters, as benchmarks/suites.py does (metrics-of: every entity)")
    args = ap.parse_args(argv)
    questions = _questions(args.queries, args.only)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        graphs = ([] if args.corpus_only else [("sample", [SAMPLE_DIR])]) + (
            [] if args.sample_only else [("corpus", CORPUS_DIRS)])
        if args.graph is not None:
            graphs = []
            rows += measure_graph(str(args.graph), args.graph, args.repeats, args.budget, args.cap, log,
                                  questions, not args.no_rdflib, args.required_only)
        for label, dirs in graphs:
            out = Path(tmp) / label
            t0 = time.perf_counter()
            result = build(dirs, out, report=False, viz=False)
            log(f"{label}: built {len(result.built)} documents, {result.triples} triples "
                f"in {time.perf_counter() - t0:.1f} s")
            rows += measure_graph(f"{label} ({len(result.built)} docs, {result.triples} triples)",
                                  out / "graph.trig", args.repeats, args.budget, args.cap, log,
                                  questions, not args.no_rdflib, args.required_only)
    table = format_table(rows)
    print(table)
    if args.json:
        tmp_path = args.json.with_name(args.json.name + ".tmp")
        tmp_path.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp_path, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
