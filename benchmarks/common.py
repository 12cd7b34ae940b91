"""What every benchmark shares: result rows, measured child processes, statistics.

A child's CPU time and peak memory come from ``os.wait4`` on that child, so
they include its worker processes (reaped before it exits) and nothing else.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "REPO",
    "PYTHON",
    "Row",
    "Measured",
    "run_measured",
    "run_child",
    "kg_command",
    "percentile",
    "median",
    "ChildError",
    "Stopwatch",
]

REPO = Path(__file__).resolve().parent.parent
#: The interpreter that runs the benchmarks runs the children too (the venv's).
PYTHON = sys.executable


class ChildError(RuntimeError):
    """A child process failed; the message carries the end of its stderr."""


@dataclass
class Row:
    """One measured number: what, on which workload, in which unit."""

    section: str  #: build, stages, baselines, query, incremental, viz
    workload: str  #: sample, corpus, corpus×20
    item: str  #: what was measured (``kg build -j 1 wall``)
    value: float | None  #: None when it could not be measured (see ``note``)
    unit: str = ""
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Measured:
    """A child process's wall time, CPU time and peak resident memory."""

    wall: float
    user: float
    sys: float
    maxrss_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""
    timed_out: bool = False
    rss_exceeded: bool = False  #: stopped because a process passed ``rss_limit_mb``

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def _session_rss_mb(sid: int) -> float:
    """The largest resident set (MB) among the processes of session ``sid``."""
    peak = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # fields after "pid (comm)": state ppid pgrp session … rss(22)
            peak = max(peak, int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20)
    return peak


def run_measured(
    cmd: list[str],
    *,
    cwd: Path = REPO,
    timeout: float = 3600,
    env: dict[str, str] | None = None,
    rss_limit_mb: float | None = None,
) -> Measured:
    """Run ``cmd`` and measure it with ``wait4`` (its own rusage, workers included).

    With ``rss_limit_mb`` the process group is stopped as soon as one of its
    processes holds more than that: a build that would exhaust the shared
    machine's memory is reported, not run to the end.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        over = threading.Event()
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.25):
                if _session_rss_mb(proc.pid) > rss_limit_mb:
                    over.set()
                    kill()
                    return

        watcher = threading.Thread(target=watch, daemon=True) if rss_limit_mb else None
        if watcher is not None:
            watcher.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            done.set()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            wall=wall,
            user=usage.ru_utime,
            sys=usage.ru_stime,
            maxrss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out.is_set() and not over.is_set(),
            rss_exceeded=over.is_set(),
        )


def kg_command(*args: str) -> list[str]:
    """``python -m kg ARGS`` with the benchmark's interpreter."""
    return [PYTHON, "-m", "kg", *args]


def run_child(task: str, args: dict, *, timeout: float = 1800, partial: bool = False) -> tuple[dict, Measured]:
    """Run ``benchmarks/child.py TASK`` with ``args`` (JSON); its JSON answer and its rusage.

    With ``partial`` a failed child is not an error: whatever answer it had
    written so far is returned (tasks that checkpoint write it as they go).
    """
    with tempfile.TemporaryDirectory(prefix="kgbench-child-") as tmp:
        request = Path(tmp) / "request.json"
        answer = Path(tmp) / "answer.json"
        request.write_text(json.dumps(args, ensure_ascii=False), encoding="utf-8")
        cmd = [PYTHON, str(REPO / "benchmarks" / "child.py"), task, str(request), str(answer)]
        m = run_measured(cmd, timeout=timeout)
        result = json.loads(answer.read_text(encoding="utf-8")) if answer.exists() else {}
        if partial:
            return result, m
        if m.timed_out:
            raise ChildError(f"{task}: timed out after {timeout:.0f} s")
        if m.returncode != 0 or not answer.exists():
            tail = " | ".join(m.stderr.strip().splitlines()[-3:])
            raise ChildError(f"{task}: exit {m.returncode}: {tail}")
        return result, m


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation, as numpy's default."""
    if not values:
        raise ValueError("no values")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values: list[float]) -> float:
    return percentile(values, 50)


@dataclass
class Stopwatch:
    """Wall and CPU seconds accumulated over several ``with`` blocks."""

    wall: float = 0.0
    cpu: float = 0.0
    _t: tuple[float, float] = field(default=(0.0, 0.0), repr=False)

    def __enter__(self) -> "Stopwatch":
        self._t = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall += time.perf_counter() - self._t[0]
        self.cpu += time.process_time() - self._t[1]
