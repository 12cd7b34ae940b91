"""Issue 6's targets, checked against the rows of one run: PASS, FAIL, or n/a when not measured."""

from __future__ import annotations

from dataclasses import dataclass

from .common import Row

__all__ = ["Target", "check", "ratios"]


@dataclass
class Target:
    """One target: what it asks, what was measured, and whether it holds."""

    name: str
    goal: str
    measured: str
    passed: bool | None  #: None: not measured in this run

    @property
    def verdict(self) -> str:
        return "n/a" if self.passed is None else ("PASS" if self.passed else "FAIL")


def _value(rows: list[Row], section: str, workload: str, item: str) -> float | None:
    for r in rows:
        if (r.section, r.workload, r.item) == (section, workload, item):
            return r.value
    return None


def ratios(rows: list[Row]) -> list[Row]:
    """Same-run ratios of each build to its baselines (added as ``ratios`` rows)."""
    out: list[Row] = []
    workloads = dict.fromkeys(r.workload for r in rows if r.section == "build")
    for w in workloads:
        read = _value(rows, "baselines", w, "read files")
        jieba = _value(rows, "baselines", w, "jieba.lcut")
        for jobs in (1, 2):
            wall = _value(rows, "build", w, f"wall -j{jobs}")
            if wall is None:
                continue
            if jieba:
                out.append(Row("ratios", w, f"build -j{jobs} / jieba", wall / jieba, "×",
                               "kg build wall (start-up included) / jieba.lcut wall (dictionary load excluded)"))
            if read:
                out.append(Row("ratios", w, f"build -j{jobs} / read files", wall / read, "×", "the floor"))
    for op in ("load", "serialise"):
        ref = _value(rows, "baselines", "corpus", f"{op} Turtle, rdflib memory")
        ours = _value(rows, "baselines", "corpus", f"{op} Turtle, govkg (open_graph)")
        if ref and ours:
            out.append(Row("ratios", "corpus", f"{op} Turtle, rdflib memory / govkg", ref / ours, "×"))
    return out


def _fmt(v: float | None, unit: str) -> str:
    return "not measured" if v is None else f"{v:.3g} {unit}".strip()


def check(rows: list[Row]) -> list[Target]:
    """Every target of issue 6 that this run measured something for."""
    all_rows = rows + [r for r in ratios(rows) if r not in rows]
    v = lambda s, w, i: _value(all_rows, s, w, i)  # noqa: E731
    targets: list[Target] = []

    def add(name: str, goal: str, value: float | None, ok, unit: str = "", measured: str | None = None) -> None:
        targets.append(Target(name, goal, measured or _fmt(value, unit), None if value is None else bool(ok(value))))

    for jobs in (1, 2):
        add(f"corpus build (-j {jobs}) faster than jieba segments it", "ratio < 1.0",
            v("ratios", "corpus", f"build -j{jobs} / jieba"), lambda x: x < 1.0, "×")
    add("-j 2 speed-up on the corpus", "≥ 1.6×", v("build", "corpus", "speed-up -j2"), lambda x: x >= 1.6, "×")
    for w in dict.fromkeys(r.workload for r in all_rows if r.item == "turtle -j2 == -j1"):
        same = v("build", w, "turtle -j2 == -j1")
        targets.append(Target(f"{w}: Turtle of -j 2 byte-identical to -j 1", "identical",
                              "not measured" if same is None else ("identical" if same else "different"),
                              None if same is None else same == 1.0))
    for w, limit in (("corpus", 500), ("corpus×20", 2000)):
        peaks = [x for x in (v("build", w, "peak RSS -j1"), v("build", w, "peak RSS -j2")) if x is not None]
        add(f"{w}: peak memory", f"< {limit} MB", max(peaks) if peaks else None, lambda x, lim=limit: x < lim, "MB")
    for label in dict.fromkeys(r.item.split(" · ", 1)[1] for r in all_rows
                               if r.section == "query" and " p50 · " in r.item):
        if label.endswith("--merge"):
            continue  # an option, not what the commands do by default: its rows inform, the targets judge the default
        _query_targets(targets, [r for r in all_rows if r.section == "query" and r.item.endswith(f" · {label}")],
                       label)
    inc = v("incremental", "corpus", "add one report")
    add("add one report to the corpus store", "< 2 s", inc, lambda x: x < 2, "s")
    return targets


def _query_targets(targets: list[Target], rows: list[Row], label: str) -> None:
    """Two targets per way of answering: every p50 under 50 ms, every one ≥ 5× rdflib."""
    for kind, goal, ok in (("p50", "< 50 ms", lambda x: x < 50), ("speed-up", "≥ 5×", lambda x: x >= 5)):
        these = [r for r in rows if f" {kind} · " in r.item]
        if not these:
            continue
        failing = [r.item.split(" ")[0] for r in these if r.value is None or not ok(r.value)]
        valued = [r for r in these if r.value is not None]
        if kind == "p50":
            worst = max(valued, key=lambda r: r.value, default=None)
            name = f"named questions p50 ({label})"
        else:
            worst = min(valued, key=lambda r: r.value, default=None)
            name = f"named questions vs rdflib memory ({label})"
        measured = f"{len(these) - len(failing)}/{len(these)} pass"
        unfinished = sum(r.value is None for r in these)
        if unfinished:
            measured += f"; {unfinished} did not finish"
        if worst is not None:
            measured += f"; worst {worst.item.split(' ')[0]} {worst.value:.3g} {worst.unit}"
        if failing:
            measured += "; failing: " + ", ".join(failing)
        targets.append(Target(name, goal + " each", measured, not failing))
