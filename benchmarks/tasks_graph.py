"""Child tasks on a built graph: the named questions, and the interactive page in Chromium."""

from __future__ import annotations

import importlib
import json
import resource
import signal
import time
from pathlib import Path

from .common import Stopwatch, percentile

__all__ = ["example_values", "list_questions", "questions", "viz", "CHROMIUM", "CHROMIUM_ARGS"]

CHROMIUM = "/usr/bin/chromium"
#: Flags that work on this kind of machine (../shared/STACK-NOTES.md); no network, no updates.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _timed(fn, repeats: int, budget: float) -> list[float]:
    """Milliseconds of ``repeats`` calls after one warm-up, stopping early past ``budget`` s."""
    fn()
    times: list[float] = []
    start = time.perf_counter()
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - start > budget and len(times) >= 3:
            break
    return times


def _rows(result) -> int | None:
    """Row count of a query result, whatever shape kg.query returns."""
    for attr in ("rows", "bindings"):
        value = getattr(result, attr, None)
        if value is not None and not callable(value):
            return len(value)
    try:
        return len(result)
    except TypeError:
        return None


class _Slow(BaseException):
    """An rdflib query ran past its time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise _Slow()


def _rdflib(entry: dict, fn, req: dict) -> None:
    """Time rdflib on one question; a first run past ``req['limit']`` s is cut short (SIGALRM).

    rdflib evaluates in Python, so the alarm interrupts it; the speed-up is
    then a lower bound (``limited``).
    """
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, req["limit"])
        t0 = time.perf_counter()
        try:
            rows = len(fn())
        except _Slow:
            entry["ms"] = [(time.perf_counter() - t0) * 1000]
            entry["limited"] = True
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        first = (time.perf_counter() - t0) * 1000
        entry["rows"] = rows
        if first > 1000 * req["budget"] / 3:
            entry["ms"] = [first]  # too slow to repeat within the budget: the cold run only
        else:
            entry["ms"] = _timed(fn, req["repeats"], req["budget"])
    finally:
        signal.signal(signal.SIGALRM, old)


def example_values(source) -> dict[str, str]:
    """Example values for required parameters, from the graph itself (deterministic).

    ``label``: the preferred label of the agency mentioned in most sentences;
    ``iri``: the first metric by IRI (what ``source-of`` is asked about);
    ``section``: the two characters that most section titles contain (发展 in 225
    of the corpus's 940 sections: a broad question, not one section).
    """
    import re
    from collections import Counter

    import pyoxigraph as ox
    from rdflib.namespace import DCTERMS, RDF, SKOS

    from kg.rdf.namespace import GKG

    store = source.store
    node = lambda term: ox.NamedNode(str(term))  # noqa: E731
    agencies = {q.subject for q in store.quads_for_pattern(None, node(RDF.type), node(GKG.Agency))}
    counts: dict = {}
    for q in store.quads_for_pattern(None, node(GKG.mentionedIn), None):
        if q.subject in agencies:
            counts[q.subject] = counts.get(q.subject, 0) + 1
    out: dict[str, str] = {}
    if counts:
        top = min(counts, key=lambda e: (-counts[e], e.value))
        labels = sorted(q.object.value for q in store.quads_for_pattern(top, node(SKOS.prefLabel), None))
        if labels:
            out["label"] = labels[0]
    metrics = sorted(q.subject.value for q in store.quads_for_pattern(None, node(RDF.type), node(GKG.Metric)))
    if metrics:
        out["iri"] = metrics[0]
    words: Counter = Counter()
    for q in store.quads_for_pattern(None, node(RDF.type), node(GKG.Section)):
        for title in {t.object.value for t in store.quads_for_pattern(q.subject, node(DCTERMS.title), None)}:
            pairs = (title[i:i + 2] for i in range(len(title) - 1))
            words.update({w for w in pairs if re.fullmatch(r"[\u4e00-\u9fff]{2}", w)})
    if words:
        out["section"] = min(words, key=lambda w: (-words[w], w))
    return out


def _params(question, examples: dict[str, str]) -> dict[str, str]:
    """Values for a question's required parameters (an example for its name, else for its
    type); optional ones stay unbound ("any")."""
    out = {}
    for p in question.params:
        if p.required:
            value = examples.get(p.name, examples.get(p.type))
            if value is None:
                raise LookupError(f"no example value for required {p.type} parameter {p.name!r}")
            out[p.name] = value
    return out


def list_questions(req: dict) -> dict:
    """The named questions' names, and whether sources offer a merged copy (``kg serve``'s way)."""
    from kg.rdf.store import GraphSource

    kq = importlib.import_module("kg.query")
    return {"names": [q.name for q in kq.list_questions()], "merged": hasattr(GraphSource, "merged")}


def questions(req: dict) -> dict:
    """The named questions ``req['names']`` on the built graph, through one engine.

    ``req['engine']`` is ``ours`` (``kg.query.run`` on what ``open_graph``
    returns, as ``kg query`` does), ``merged`` (on its ``merged()`` copy, as
    ``kg serve`` does) or ``rdflib`` (a memory ``Dataset``, union default graph, the same
    bound text). The answer is checkpointed before and after each question, so
    that when a question kills the process (out of memory, or the alarm that
    ends a query pyoxigraph cannot interrupt) the parent knows which one it was
    and resumes with the next.
    """
    kq = importlib.import_module("kg.query")  # not `from kg import query`: kg/__init__ exports a function by that name
    from kg.rdf.store import open_graph

    limit_gb = req.get("max_gb")
    if limit_gb:
        resource.setrlimit(resource.RLIMIT_AS, (int(limit_gb * 2**30), int(limit_gb * 2**30)))
    answer: dict = {"questions": {}, "current": None}
    with Stopwatch() as load:
        if req["engine"] == "ours":
            source = open_graph(out_dir=Path(req["out"]))
        elif req["engine"] == "merged":
            source = open_graph(out_dir=Path(req["out"])).merged()
        else:
            from rdflib import Dataset

            source = Dataset(default_union=True)
            source.parse(req["trig"], format="trig")
    answer["load"] = load.wall
    examples = req.get("examples") or example_values(
        source if req["engine"] != "rdflib" else open_graph(out_dir=Path(req["out"])))
    answer["examples"] = examples
    by_name = {q.name: q for q in kq.list_questions()}
    for name in req["names"]:
        q = by_name[name]
        answer["current"] = name
        _checkpoint(req, answer)
        entry: dict = {}
        try:
            params = _params(q, examples)
            entry["params"] = params
            if req["engine"] != "rdflib":
                signal.alarm(int(req["limit"]))  # default action: the process ends, the parent moves on
                entry["ms"] = _timed(lambda: kq.run(source, name, params), req["repeats"], req["budget"])
                entry["rows"] = _rows(kq.run(source, name, params))
                signal.alarm(0)
            else:
                final = kq.bind(q.text, q, params)
                _rdflib(entry, lambda: list(source.query(final)), req)
        except Exception as exc:  # noqa: BLE001 - one failing question must not hide the others
            entry["error"] = f"{type(exc).__name__}: {exc}"[:300]
        answer["questions"][name] = entry
        answer["current"] = None
        _checkpoint(req, answer)
    return answer


def _checkpoint(req: dict, answer: dict) -> None:
    tmp = Path(req["_answer"] + ".part")
    tmp.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    tmp.replace(req["_answer"])


_DRAWN = """() => {
  if (window.__kgDrawn || (document.body && document.body.dataset.drawn)) return true;
  const c = document.querySelector('canvas');
  if (!c || !c.width || !c.height) return false;
  const ctx = c.getContext('2d');
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < d.length; i += 4 * 7) if (d[i] !== 0) return true;
  return false;
}"""


def viz(req: dict) -> dict:
    """Build the page (``kg.viz.write_html``), then time headless Chromium until it has drawn."""
    from kg.rdf.store import open_graph
    from kg.viz import write_html

    html = Path(req["html"])
    graph = open_graph(out_dir=Path(req["out"])).rdflib()
    with Stopwatch() as build:
        write_html(graph, html)
    out = {"build": build.wall, "bytes": html.stat().st_size}
    if req.get("browser", True):
        out.update(_draw(html, req["timeout"], Path(req["profile_dir"])))
    return out


def _draw(html: Path, timeout: float, profile_dir: Path) -> dict:
    """Seconds from navigation to first drawing (a page flag, or a non-blank canvas)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as pw:
        t0 = time.perf_counter()
        ctx = pw.chromium.launch_persistent_context(
            str(profile_dir), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 800},
        )
        launch = time.perf_counter() - t0
        try:
            page = ctx.new_page()
            page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            t1 = time.perf_counter()
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=timeout * 1000)
            loaded = time.perf_counter() - t1
            try:
                page.wait_for_function(_DRAWN, polling=50, timeout=timeout * 1000)
                drawn: float | None = time.perf_counter() - t1
            except PlaywrightError:
                drawn = None
            nodes, page_ms = page.evaluate(
                "() => window.govkg ? [window.govkg.nodes.length, window.govkg.state.drawnMs] : [null, null]"
            )
        finally:
            ctx.close()
    return {"launch": launch, "loaded": loaded, "drawn": drawn, "nodes": nodes, "page_ms": page_ms,
            "external_requests": requests[:5], "page_errors": errors[:3]}
