"""Run govkg's benchmarks, print a table, and write ``BENCHMARKS.md``.

    python benchmarks/run.py                    # everything, writes BENCHMARKS.md
    python benchmarks/run.py --quick            # sample + corpus, one repeat, prints only
    python benchmarks/run.py --only build,query # some suites
    python benchmarks/run.py --profile          # also profile the corpus build (pyinstrument)

Suites: build, stages, baselines, query, incremental, viz, scale (default: all,
in this order; ``scale`` builds the replicated corpus, last because it is long).
Workloads: the sample report, the whole corpus (data/corpus + data/reports),
and the corpus replicated ``--scale`` times under a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import workloads as wl  # noqa: E402
from benchmarks.common import REPO, ChildError, Row, run_child  # noqa: E402
from benchmarks.machine import machine_info  # noqa: E402
from benchmarks.report import markdown, text_table, write_atomic  # noqa: E402
from benchmarks.suites import SUITES, Context  # noqa: E402
from benchmarks.targets import check, ratios  # noqa: E402

__all__ = ["main", "make_parser", "run"]

PROFILE_LINES = 60


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="sample and corpus only, one repeat; prints, writes nothing")
    p.add_argument("--only", metavar="SUITES", help=f"comma-separated subset of: {','.join(SUITES)}")
    p.add_argument("--scale", type=int, default=20, metavar="N", help="replicate the corpus N times (0: no)")
    p.add_argument("--repeat", type=int, metavar="N", help="runs per build measurement (default 3; 1 with --quick)")
    p.add_argument("--scale-jobs", default="1,2", metavar="J", help="-j values for the replicated corpus (default 1,2)")
    p.add_argument("--profile", action="store_true", help="profile the corpus build with pyinstrument")
    p.add_argument("--jieba-scaled", action="store_true", help="also run the jieba baseline on the replicated corpus")
    p.add_argument("--render", type=Path, metavar="JSON", help="no run: write BENCHMARKS.md from a --json file")
    p.add_argument("--notes", type=Path, metavar="FILE", help="markdown to include in BENCHMARKS.md as its Notes")
    p.add_argument("--output", type=Path, metavar="FILE", help="markdown to write (default: BENCHMARKS.md, not --quick)")
    p.add_argument("--no-write", action="store_true", help="print only")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the raw rows as JSON")
    p.add_argument("--tmp", type=Path, metavar="DIR", help="scratch folder base (default: the system's)")
    return p


def _profile(ctx: Context) -> str | None:
    """pyinstrument over the corpus build; returns the report's top lines."""
    report = ctx.tmp / "profile.txt"
    ctx.log("  profiling the corpus build (pyinstrument)")
    try:
        run_child("profile", {"paths": ctx.workloads["corpus"].args, "out": str(ctx.tmp / "out-profile"),
                              "report": str(report)})
    except ChildError as exc:
        ctx.log(f"  profile failed: {exc}")
        return None
    text = report.read_text(encoding="utf-8")
    shutil.copyfile(report, REPO / "benchmarks" / "profile-corpus.txt")
    return "\n".join(text.splitlines()[:PROFILE_LINES])


def run(args: argparse.Namespace) -> int:
    if args.render is not None:
        return _finish(args, json.loads(args.render.read_text(encoding="utf-8")))
    names = [n.strip() for n in args.only.split(",")] if args.only else list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(f"unknown suite(s): {', '.join(unknown)}; known: {', '.join(SUITES)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    machine = machine_info()
    tmp = Path(tempfile.mkdtemp(prefix="kgbench-", dir=args.tmp))
    workloads = {"sample": wl.sample(), "corpus": wl.corpus()}
    ctx = Context(tmp=tmp, workloads=workloads, quick=args.quick, jieba_scaled=args.jieba_scaled, repeat=args.repeat,
                  scale_jobs=tuple(int(j) for j in args.scale_jobs.split(",")),
                  log=lambda s: print(s, file=sys.stderr, flush=True))
    record: dict = {
        "machine": machine,
        "command": "python benchmarks/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "workloads": [],
        "duration": None,
        "profile": None,
        "rows": [],
    }

    def save() -> None:
        """Checkpoint: a run stopped part-way can still be rendered with --render."""
        rows = [r for r in ctx.rows if r.section != "ratios"]
        record["rows"] = [r.as_dict() for r in rows + ratios(rows)]
        record["duration"] = time.perf_counter() - started
        if args.json:
            write_atomic(args.json, json.dumps(record, ensure_ascii=False, indent=1) + "\n")

    steps = list(names)
    if args.profile:  # before the long replicated-corpus builds
        steps.insert(steps.index("scale") if "scale" in steps else len(steps), "profile")
    try:
        if args.scale > 0 and not args.quick:
            ctx.log(f"replicating the corpus {args.scale}× under {tmp}")
            workloads[f"corpus×{args.scale}"] = wl.replicated(args.scale, tmp)
        record["workloads"] = [f"{w.name} ({len(w.files)} files, {w.chars:,} characters, {w.mb:.1f} MB)"
                               for w in workloads.values()]
        for w in workloads.values():
            ctx.log(f"workload {w.name}: {len(w.files)} files, {w.chars:,} chars, {w.mb:.1f} MB")
        for name in steps:
            ctx.log(f"[{name}] {time.strftime('%H:%M:%S')}")
            try:
                if name == "profile":
                    record["profile"] = _profile(ctx)
                else:
                    SUITES[name](ctx)
            except KeyboardInterrupt:  # keep what was measured, write it, skip the rest
                ctx.log(f"  {name} interrupted")
                ctx.add(name, "-", "interrupted", None, "", "stopped by the operator; later suites not run")
                save()
                break
            except Exception as exc:  # noqa: BLE001 - report the failure, run the other suites
                ctx.log(f"  {name} failed: {type(exc).__name__}: {exc}")
                ctx.add(name, "-", "suite failed", None, "", f"{type(exc).__name__}: {exc}"[:200])
            save()
    finally:
        for w in workloads.values():
            w.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    save()
    return _finish(args, record)


def _finish(args: argparse.Namespace, record: dict) -> int:
    """Print the table, write the markdown; exit 1 when a target failed."""
    rows = [Row(**r) for r in record["rows"]]
    targets = check(rows)
    print(text_table(rows, targets))
    output = args.output or (None if args.quick else REPO / "BENCHMARKS.md")
    if output is not None and not args.no_write:
        notes = args.notes.read_text(encoding="utf-8") if args.notes else None
        write_atomic(output, markdown(rows, targets, record["machine"], command=record["command"].strip(),
                                      workloads=record["workloads"], profile=record.get("profile"),
                                      duration=record.get("duration"), notes=notes))
        print(f"wrote {output}")
    if record.get("duration"):
        print(f"{record['duration']:.0f} s in all")
    return 0 if all(t.passed is not False for t in targets) else 1


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    return run(make_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
