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


def _session_memory_mb(sid: int) -> tuple[float, float]:
    """(largest current RSS, largest VmHWM) in MB among the processes of session ``sid``."""
    rss = hwm = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            if os.getsid(int(status.parent.name)) != sid:
                continue
        except (OSError, ValueError):
            continue
        rss = max(rss, int(fields.get("VmRSS", "0 kB").split()[0]) / 1024)
        hwm = max(hwm, int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)
    return rss, hwm


def run_measured(
    cmd: list[str],
    *,
    cwd: Path = REPO,
    timeout: float = 3600,
    env: dict[str, str] | None = None,
    rss_limit_mb: float | None = None,
) -> Measured:
    """Run ``cmd`` and measure it with ``wait4`` (its own rusage, workers included).

    Peak memory is the larger of ``ru_maxrss`` and the largest ``VmHWM`` of
    the child's processes polled every 0.1 s. ``ru_maxrss`` of an exec'd child
    also counts the RSS of the process that spawned it, which is why the
    benchmark parent never imports kg (it stays near 20 MB). With
    ``rss_limit_mb`` the process group is stopped as soon as one of its
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
        peak = [0.0]

        def watch() -> None:
            while not done.wait(0.1):
                rss, hwm = _session_memory_mb(proc.pid)
                peak[0] = max(peak[0], hwm)
                if rss_limit_mb and rss > rss_limit_mb:
                    over.set()
                    kill()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            except BaseException:  # Ctrl-C: take the child's whole session down too
                kill()
                os.wait4(proc.pid, 0)
                raise
        finally:
            timer.cancel()
            done.set()
            watcher.join()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            wall=wall,
            user=usage.ru_utime,
            sys=usage.ru_stime,
            maxrss_mb=max(peak[0], usage.ru_maxrss / 1024),  # KiB; includes the spawner's RSS (kept small)
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
