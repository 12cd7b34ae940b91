"""The benchmark suites, parent side: each runs children and appends :class:`Row` values.

Suites share a :class:`Context` so that a later suite (query, viz) reuses the
graph an earlier one built instead of building it again.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .common import REPO, ChildError, Measured, Row, kg_command, median, percentile, run_child, run_measured
from .tasks_build import STAGES
from .workloads import SAMPLE, Workload, corpus_files

__all__ = ["Context", "SUITES", "ensure_built"]


@dataclass
class Context:
    """Options and state shared by the suites of one run."""

    tmp: Path  #: scratch folder, deleted at the end of the run
    workloads: dict[str, Workload]
    quick: bool = False
    repeat: int | None = None  #: runs per build measurement (default: 3, 1 for big workloads or --quick)
    scale_jobs: tuple[int, ...] = (1, 2)  #: -j values for the replicated corpus
    scale_rss_limit_mb: float = 2500  #: stop a replicated-corpus build past this (the target is 2 GB)
    jieba_scaled: bool = False  #: also run the jieba baseline on the replicated corpus
    rows: list[Row] = field(default_factory=list)
    built: dict[str, Path] = field(default_factory=dict)  #: workload → out dir of a -j 1 build
    log: Callable[[str], None] = print

    def add(self, section: str, workload: str, item: str, value: float | None, unit: str = "", note: str = "") -> None:
        self.rows.append(Row(section, workload, item, value, unit, note))

    def repeats(self, w: Workload) -> int:
        if self.repeat is not None:
            return 1 if w.size >= 20e6 else self.repeat
        if self.quick:
            return 1
        return 3 if w.size < 20e6 else 1

    def small(self) -> list[Workload]:
        """The real workloads (sample, corpus), not the replicated one."""
        return [w for n, w in self.workloads.items() if not n.startswith("corpus×")]


def _build(ctx: Context, w: Workload, jobs: int, out: Path, *extra: str, rss_limit_mb: float | None = None
           ) -> Measured:
    shutil.rmtree(out, ignore_errors=True)
    cmd = kg_command("build", "-q", "--no-viz", "--no-report", "-j", str(jobs), "-o", str(out), *extra, *w.args)
    m = run_measured(cmd, timeout=3600, rss_limit_mb=rss_limit_mb)
    if m.rss_exceeded:
        return m
    files = "--store" not in extra or "--export" in extra  # a store build writes graph.ttl only with --export
    if m.returncode not in (0, 2) or not (out / "build.json").exists() or (files and not (out / "graph.ttl").exists()):
        # exit 2: some input failed, the rest built
        tail = " | ".join(m.stderr.strip().splitlines()[-3:])
        raise ChildError(f"kg build {w.name} -j {jobs}: exit {m.returncode}: {tail}")
    return m


def _sha(path: Path) -> str:
    """The file's hash, read in chunks: reading a 790 MB graph.ttl whole raised this
    process's RSS, which Linux then counts in the next child's ru_maxrss (the
    corpus×20 -j 1 build showed 738 MB; measured alone it peaks at 80 MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_built(ctx: Context, name: str) -> Path:
    """The out dir of a ``-j 1`` build of workload ``name`` (building it once if needed)."""
    if name not in ctx.built:
        out = ctx.tmp / f"out-{name}-j1"
        ctx.log(f"  building {name} for later suites")
        _build(ctx, ctx.workloads[name], 1, out)
        ctx.built[name] = out
    return ctx.built[name]


def suite_build(ctx: Context) -> None:
    """kg build of the sample and the corpus: wall, CPU, peak RSS at -j 1 and -j 2."""
    _builds(ctx, ctx.small())


def suite_scale(ctx: Context) -> None:
    """kg build of the replicated corpus (``--scale``), memory-guarded."""
    _builds(ctx, [w for w in ctx.workloads.values() if w.name.startswith("corpus×")])


def _builds(ctx: Context, workloads: list[Workload]) -> None:
    """Build each workload at each -j; the Turtle of -j 2 must equal -j 1's byte for byte."""
    for w in workloads:
        scaled = w.name.startswith("corpus×")
        limit = ctx.scale_rss_limit_mb if scaled else None
        walls: dict[int, float] = {}
        digests: dict[int, str] = {}
        for jobs in ctx.scale_jobs if scaled else (1, 2):
            runs = []
            out = ctx.tmp / f"out-{w.name}-j{jobs}"
            for _ in range(ctx.repeats(w)):
                ctx.log(f"  kg build {w.name} -j {jobs}")
                runs.append(_build(ctx, w, jobs, out, rss_limit_mb=limit))
                if runs[-1].rss_exceeded:
                    break
            if runs[-1].rss_exceeded:
                m = runs[-1]
                note = f"stopped after {m.wall:.0f} s: a process passed {limit:.0f} MB"
                ctx.add("build", w.name, f"wall -j{jobs}", None, "s", note)
                ctx.add("build", w.name, f"peak RSS -j{jobs}", max(m.maxrss_mb, limit or 0), "MB", note)
                shutil.rmtree(out, ignore_errors=True)
                continue
            wall = median([r.wall for r in runs])
            cpu = median([r.cpu for r in runs])
            rss = max(r.maxrss_mb for r in runs)
            walls[jobs] = wall
            digests[jobs] = _sha(out / "graph.ttl")
            n = f"{len(runs)} run{'s' if len(runs) > 1 else ''}, median"
            ctx.add("build", w.name, f"wall -j{jobs}", wall, "s", n)
            ctx.add("build", w.name, f"cpu -j{jobs}", cpu, "s", "user+sys, workers included")
            ctx.add("build", w.name, f"peak RSS -j{jobs}", rss, "MB", "largest single process")
            ctx.add("build", w.name, f"chars/s/core -j{jobs}", w.chars / cpu if cpu else None, "chars/s",
                    f"{w.chars:,} chars / CPU s")
            ctx.add("build", w.name, f"chars/s wall -j{jobs}", w.chars / wall, "chars/s")
            if jobs == 1 and not scaled:
                ctx.built.setdefault(w.name, out)
            elif scaled:
                shutil.rmtree(out, ignore_errors=True)  # 100 MB of input makes big outputs
        if 1 in walls and 2 in walls:
            ctx.add("build", w.name, "speed-up -j2", walls[1] / walls[2], "×", "wall -j1 / wall -j2")
        if 1 in digests and 2 in digests:
            same = digests[1] == digests[2]
            ctx.add("build", w.name, "turtle -j2 == -j1", 1.0 if same else 0.0, "bool",
                    "byte-identical" if same else "DIFFERENT")


def suite_stages(ctx: Context) -> None:
    """Each stage timed in-process over the sample and the corpus (one core)."""
    for w in ctx.small():
        ctx.log(f"  stages {w.name}")
        out = ctx.tmp / f"out-stages-{w.name}"
        out.mkdir(exist_ok=True)
        res, m = run_child("stages", {"files": [str(f) for f in w.files], "warmup": str(SAMPLE), "out": str(out)})
        shutil.rmtree(out, ignore_errors=True)
        counts = res["counts"]
        chars = counts["chars"] or w.chars
        total_cpu = sum(s["cpu"] for s in res["stages"].values())
        for name in STAGES:
            s = res["stages"][name]
            share = f"{s['wall']:.3f} s wall, {100 * s['cpu'] / total_cpu:.0f}% of CPU" if total_cpu else ""
            ctx.add("stages", w.name, name, chars / s["cpu"] if s["cpu"] else None, "chars/s/core", share)
        ctx.add("stages", w.name, "all stages", chars / total_cpu if total_cpu else None, "chars/s/core",
                f"{total_cpu:.2f} CPU s; peak RSS {m.maxrss_mb:.0f} MB")
        ctx.add("stages", w.name, "warm-up (once per process)", res["warmup"], "s",
                "lexicons and patterns loaded by a first run on the sample; not in the rows above")
        summary = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        ctx.add("stages", w.name, "found", float(counts["triples"]), "triples", summary)


def suite_baselines(ctx: Context) -> None:
    """Same-run baselines: reading the files, jieba alone, rdflib's memory store."""
    for w in ctx.workloads.values():
        ctx.log(f"  read {w.name}")
        res, _ = run_child("read", {"files": [str(f) for f in w.files]})
        ctx.add("baselines", w.name, "read files", res["wall"], "s", f"{w.chars / res['wall']:,.0f} chars/s")
        if w.name.startswith("corpus×") and not ctx.jieba_scaled:
            continue
        ctx.log(f"  jieba {w.name}")
        res, m = run_child("jieba", {"files": [str(f) for f in w.files]})
        ctx.add("baselines", w.name, "jieba.lcut", res["wall"], "s",
                f"{w.chars / res['cpu']:,.0f} chars/s/core; dictionary load {res['init']:.2f} s (excluded)")
    out = ensure_built(ctx, "corpus")
    turtle = str(out / "graph.ttl")
    ctx.log("  rdflib memory store vs ours on the corpus Turtle")
    for task, label in (("parse-rdflib", "rdflib memory"), ("parse-ours", "govkg (open_graph)")):
        try:
            res, m = run_child(task, {"turtle": turtle})
        except ChildError as exc:
            ctx.add("baselines", "corpus", f"load Turtle, {label}", None, "s", str(exc)[:120])
            continue
        ctx.add("baselines", "corpus", f"load Turtle, {label}", res["load"], "s", f"peak RSS {m.maxrss_mb:.0f} MB")
        if "serialise" in res:
            ctx.add("baselines", "corpus", f"serialise Turtle, {label}", res["serialise"], "s")


def _ask_all(ctx: Context, req: dict, names: list[str]) -> tuple[dict, float | None, dict | None]:
    """Run the questions child for one engine, resuming after a question that killed it."""
    results: dict[str, dict] = {}
    load = None
    remaining = list(names)
    while remaining:
        answer, m = run_child("questions", {**req, "names": remaining}, partial=True,
                              timeout=req["limit"] * (len(remaining) + 2) + 300)
        load = answer.get("load", load)
        if not req.get("examples"):
            req["examples"] = answer.get("examples")
        results.update(answer.get("questions", {}))
        remaining = [n for n in remaining if n not in results]
        if not remaining:
            break
        culprit = answer.get("current") or remaining[0]
        if m.returncode == -14:
            why = f"did not finish within {req['limit']} s (process ended)"
        elif m.returncode in (-6, -9) or "memory allocation" in m.stderr or "MemoryError" in m.stderr:
            why = f"out of memory (limit {req['max_gb']} GB), exit {m.returncode}"
        else:
            why = f"exit {m.returncode}: " + " | ".join(m.stderr.strip().splitlines()[-2:])
        if not answer:  # died before the first question: nothing to resume
            return {n: {"error": why} for n in remaining} | results, load, req.get("examples")
        ctx.log(f"    {req['engine']}: {culprit} {why}")
        results[culprit] = {"error": why}
        remaining = [n for n in remaining if n != culprit]
    return results, load, req.get("examples")


#: govkg's two ways of answering: engine name in the child → label in the rows.
#: How each way of answering is labelled; kg query and kg serve answer on the same
#: source by default, ``kg serve --merge`` on GraphSource.merged() (informative only).
QUERY_PATHS = {"ours": "kg query, kg serve", "merged": "kg serve --merge"}


def suite_query(ctx: Context) -> None:
    """Each named question on the corpus graph, p50/p95, as ``kg query`` and ``kg serve`` answer
    it, against rdflib's memory Dataset with the same bound text."""
    out = ensure_built(ctx, "corpus")
    info, _ = run_child("list-questions", {})  # the parent never imports kg: see run_measured
    names = info["names"]
    base = {"out": str(out), "trig": str(out / "graph.trig"), "budget": 3 if ctx.quick else 6, "max_gb": 6}
    results: dict[str, dict] = {}
    examples = None
    for engine, label in QUERY_PATHS.items():
        if engine == "merged" and not info["merged"]:
            continue
        ctx.log(f"  named questions on the corpus graph: {label}")
        results[engine], load, examples = _ask_all(
            ctx, {**base, "engine": engine, "repeats": 5 if ctx.quick else 25, "limit": 20 if ctx.quick else 30,
                  "examples": examples}, names)
        ctx.add("query", "corpus", f"load graph · {label}", load, "s", "open_graph" + (
            " + merged()" if engine == "merged" else ""))
    ctx.log("  named questions on the corpus graph: rdflib memory Dataset")
    ref, load_ref, _ = _ask_all(ctx, {**base, "engine": "rdflib", "repeats": 3 if ctx.quick else 5,
                                      "limit": 10 if ctx.quick else 15, "examples": examples}, names)
    ctx.add("query", "corpus", "load graph · rdflib", load_ref, "s", "Dataset(default_union=True).parse(graph.trig)")
    for name in names:
        r = ref.get(name, {})
        for engine, res in results.items():
            label = QUERY_PATHS[engine]
            q = res.get(name, {})
            if "error" in q or "ms" not in q:
                ctx.add("query", "corpus", f"{name} p50 · {label}", None, "ms", q.get("error", "not run")[:200])
                continue
            ms = q["ms"]
            ctx.add("query", "corpus", f"{name} p50 · {label}", median(ms), "ms",
                    f"p95 {percentile(ms, 95):.1f} ms, {q.get('rows')} rows, n={len(ms)}")
            if "error" in r:
                ctx.add("query", "corpus", f"{name} speed-up · {label}", None, "×", "rdflib: " + r["error"][:200])
            elif "ms" in r:
                ref_ms = r["ms"]
                if r.get("limited"):
                    note = f"rdflib stopped after {ref_ms[0] / 1000:.0f} s: speed-up at least this"
                else:
                    note = f"rdflib p50 {median(ref_ms):.1f} ms, p95 {percentile(ref_ms, 95):.1f} ms, n={len(ref_ms)}"
                    if r.get("rows") != q.get("rows"):
                        note += f"; rows differ: rdflib {r.get('rows')}"
                ctx.add("query", "corpus", f"{name} speed-up · {label}", median(ref_ms) / max(median(ms), 1e-6),
                        "×", note)


def _store_alone(ctx: Context, w: Workload, store: Path, new: Path) -> None:
    """GraphStore on its own: one more report added to the store ``kg build --store`` wrote."""
    ctx.log(f"  GraphStore: add one report to the store holding {w.name}")
    try:
        res, _ = run_child("store-add", {"store": str(store), "new": str(new)})
    except ChildError as exc:
        ctx.add("incremental", w.name, "GraphStore: add one report", None, "s", str(exc)[:160])
        return
    ctx.add("incremental", w.name, "GraphStore: add one report", res["extract"] + res["write"], "s",
            f"in-process: extract+triples {res['extract']:.2f} s, replace_document {res['write']:.2f} s "
            f"into {res['quads']:,} quads; unchanged-report check {res['check'] * 1000:.1f} ms")


def suite_incremental(ctx: Context) -> None:
    """Adding one report to a store that holds a workload (and rebuilding with nothing new)."""
    extra_dir = ctx.tmp / "incremental"
    extra_dir.mkdir(exist_ok=True)
    by_size = sorted(corpus_files(), key=lambda f: (f.stat().st_size, f.name))
    source = by_size[len(by_size) // 2]  # a report of typical size
    new = extra_dir / f"incremental-new-{source.stem}.txt"
    other = extra_dir / f"incremental-other-{source.stem}.txt"
    shutil.copyfile(source, new)
    shutil.copyfile(source, other)
    for w in ctx.small():
        store, out = ctx.tmp / f"store-{w.name}", ctx.tmp / f"out-store-{w.name}"
        shutil.rmtree(store, ignore_errors=True)
        ctx.log(f"  kg build --store ({w.name})")
        try:
            first = _build(ctx, w, 2, out, "--store", str(store))
        except ChildError as exc:
            ctx.add("incremental", w.name, "add one report", None, "s", str(exc)[:160])
            continue
        if not store.exists():
            ctx.add("incremental", w.name, "add one report", None, "s", "kg build --store wrote no store yet")
            continue
        ctx.add("incremental", w.name, "first build into store", first.wall, "s", f"{len(w.files)} documents, -j 2")
        same = _build(ctx, w, 1, out, "--store", str(store))
        ctx.add("incremental", w.name, "rebuild, nothing changed", same.wall, "s")
        plus = Workload(w.name, [*w.files, new], w.chars, w.size, [*w.args, str(new)])
        added = _build(ctx, plus, 1, out, "--store", str(store))
        ctx.add("incremental", w.name, "add one report", added.wall, "s",
                f"{new.name}, whole `kg build --store` command incl. start-up")
        exported = _build(ctx, plus, 1, out, "--store", str(store), "--export")
        ctx.add("incremental", w.name, "export the whole store", exported.wall, "s",
                "`kg build --store --export` with nothing changed: graph.ttl + graph.trig from every document")
        _store_alone(ctx, w, store, other)


def suite_viz(ctx: Context) -> None:
    """Building the page, and the time until headless Chromium has drawn it."""
    for w in ctx.small():
        out = ensure_built(ctx, w.name)
        ctx.log(f"  viz {w.name}")
        req = {"out": str(out), "html": str(ctx.tmp / f"viz-{w.name}.html"), "timeout": 60 if ctx.quick else 180,
               "profile_dir": str(ctx.tmp / f"chromium-{w.name}")}
        try:
            res, m = run_child("viz", req, timeout=600)
        except ChildError as exc:
            ctx.add("viz", w.name, "build page", None, "s", str(exc)[:160])
            continue
        ctx.add("viz", w.name, "build page", res["build"], "s", f"{res['bytes'] / 1e6:.2f} MB HTML")
        if "drawn" in res:
            note = f"load {res['loaded']:.2f} s, browser launch {res['launch']:.2f} s (excluded)"
            if res.get("nodes"):
                note += f", {res['nodes']} nodes"
            if res.get("page_ms") is not None:
                note += f", page's own afterDrawing timer {res['page_ms'] / 1000:.2f} s"
            if res["external_requests"]:
                note += f"; NETWORK REQUESTS: {res['external_requests']}"
            if res["page_errors"]:
                note += f"; page errors: {res['page_errors']}"
            ctx.add("viz", w.name, "drawn in chromium", res["drawn"], "s",
                    note if res["drawn"] is not None else "never drew; " + note)


SUITES: dict[str, Callable[[Context], None]] = {
    "build": suite_build,
    "stages": suite_stages,
    "baselines": suite_baselines,
    "query": suite_query,
    "incremental": suite_incremental,
    "viz": suite_viz,
    "scale": suite_scale,
}
