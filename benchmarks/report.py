"""The results as a terminal table and as ``BENCHMARKS.md``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .common import Row
from .targets import Target

__all__ = ["fmt_value", "text_table", "markdown", "write_atomic", "SECTION_TITLES"]

SECTION_TITLES = {
    "build": "Build (`kg build -q --no-viz --no-report`, a fresh process each run)",
    "stages": "Throughput per stage (in-process, one core, characters per CPU second)",
    "baselines": "Same-run baselines",
    "ratios": "Ratios to the baselines (below 1: govkg is faster)",
    "query": "Named questions on the corpus graph",
    "incremental": "Incremental builds",
    "viz": "Visualisation",
}


def fmt_value(value: float | None, unit: str) -> str:
    """A number to three significant figures, thousands separated for big ones."""
    if value is None:
        return "—"
    if unit == "bool":
        return "yes" if value else "no"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3g}" if value else "0"
    return f"{text} {unit}".strip()


def _sections(rows: list[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        out.setdefault(r.section, []).append(r)
    return out


def text_table(rows: list[Row], targets: list[Target]) -> str:
    """What the command prints: one block per section, then the targets."""
    lines: list[str] = []
    for section, items in _sections(rows).items():
        lines.append(f"\n== {section}")
        for r in items:
            value = fmt_value(r.value, r.unit)
            lines.append(f"  {r.workload:<10} {r.item:<42} {value:>18}  {r.note}".rstrip())
    lines.append("\n== targets")
    for t in targets:
        lines.append(f"  {t.verdict:<5} {t.name:<52} {t.measured:>14}  (goal {t.goal})")
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(
    rows: list[Row],
    targets: list[Target],
    machine: dict[str, str],
    *,
    command: str,
    workloads: list[str],
    profile: str | None = None,
    duration: float | None = None,
    notes: str | None = None,
) -> str:
    """``BENCHMARKS.md``: targets first, then every section, then the machine."""
    out = [
        "# govkg benchmarks",
        "",
        "Produced by `benchmarks/run.py`; do not edit by hand, run it again:",
        "",
        f"    {command}",
        "",
        f"Run on {machine.get('date', '?')} (machine below)"
        + (f", {duration / 60:.1f} minutes in all" if duration else "")
        + ". Workloads: " + "; ".join(workloads) + ".",
        "",
        "## Targets (issue 6)",
        "",
        "| verdict | target | measured | goal |",
        "|---|---|---|---|",
    ]
    out += [f"| **{t.verdict}** | {_md_escape(t.name)} | {_md_escape(t.measured)} | {t.goal} |" for t in targets]
    for section, items in _sections(rows).items():
        out += ["", f"## {SECTION_TITLES.get(section, section)}", "", "| workload | measured | value | note |",
                "|---|---|---:|---|"]
        out += [f"| {r.workload} | {_md_escape(r.item)} | {fmt_value(r.value, r.unit)} | {_md_escape(r.note)} |"
                for r in items]
    if notes:
        out += ["", "## Notes", "", notes.strip()]
    if profile:
        out += ["", "## Profile of the corpus build (pyinstrument, `-j 1`, top lines)", "", "```", profile.rstrip(),
                "```"]
    out += ["", "## Machine", "", "| | |", "|---|---|"]
    out += [f"| {k} | {_md_escape(v)} |" for k, v in machine.items()]
    out += ["", "## How each number is measured", "", *_METHOD, ""]
    return "\n".join(out)


_METHOD = [
    "- **Build**: `python -m kg build -q --no-viz --no-report -j N -o DIR PATHS` in a fresh process; wall",
    "  time from spawn to exit (interpreter start-up and imports included); CPU time (user+sys) and peak",
    "  resident memory from `os.wait4` on that process, so worker processes are included (peak memory is",
    "  the largest single process, not the sum of the workers). Characters are those of the decoded files.",
    "- **Stages**: each stage function (`kg.ingest.read_document`, `kg.segment.segment`, `kg.extract.extract`,",
    "  `kg.resolve.resolve`, `kg.rdf.build.document_graph` (the document's Turtle text), then",
    "  `kg.export.GraphWriter.add` for graph.ttl + graph.trig) timed around its call, document by document,",
    "  in one process, as `kg.pipeline` calls them at `-j 1`, after an untimed warm-up run on the sample.",
    "- **Read files**: reading and decoding every file, nothing else: the floor.",
    "- **jieba**: `jieba.lcut` of each document's text in a fresh process; the dictionary load",
    "  (`jieba.initialize()`) is timed apart and left out of the comparison.",
    "- **rdflib memory**: `rdflib.Graph().parse(graph.ttl)` and `serialize(format=\"turtle\")` against",
    "  `kg.rdf.store.open_graph(graph_file=graph.ttl)` and `kg.export.serialize_source(…, \"ttl\")` (what",
    "  `kg export` runs), on the same built Turtle.",
    "- **Query**: each named question (`kg.query.list_questions()`) through `kg.query.run` on the corpus",
    "  graph as `kg query` and `kg serve` open it, after one warm-up run (`kg serve --merge`: on",
    "  `GraphSource.merged()`, shown for information); against `rdflib.Dataset(default_union=True)`",
    "  parsed from the same `graph.trig`, with the same query text. p50/p95 over the repeats shown.",
    "- **Incremental**: the whole `kg build --store DIR` command adding one new report (a renamed copy)",
    "  to a store already holding the workload.",
    "- **Visualisation**: `kg.viz.write_html` on the built graph; then headless Chromium",
    "  (`/usr/bin/chromium` through Playwright, no network) from navigation until the page has drawn",
    "  (the page's own flag, else the first non-blank pixel of vis-network's canvas).",
]


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
