"""The ``kg`` command: subcommands that parse arguments and call the public API.

This module holds the entry point (``main``, ``make_parser``) and the commands
that read reports (build, extract, eval); the commands that read a built graph
live in kg.cli_graph and register their own arguments.

Exit codes: 0 ok; 1 validation failed (``kg validate``); 2 bad input or
usage (a missing or unreadable file, a malformed query). Errors are one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_graph import Command, add_graph_commands
from .errors import EXIT_BAD_INPUT, EXIT_OK, KgError

__all__ = ["main", "make_parser"]

EPILOG = "exit codes: 0 ok, 1 validation failed, 2 bad input or usage"


# --- build, extract, eval -------------------------------------------------------


def _jobs(text: str) -> int:
    """``-j``: a number of processes, 0 for one per CPU."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per CPU) or more, not {n}")
    return n


def _cpus() -> int:
    """CPUs this process may run on (all of them where the OS cannot say)."""
    import os

    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import DEFAULT_DATA, build, print_progress

    result = build(
        args.paths or [DEFAULT_DATA],
        args.output,
        jobs=args.jobs or min(_cpus(), 8),
        max_bytes=args.max_bytes,
        progress=None if args.quiet else print_progress,
        store=args.store,
        export=args.export,
        report=not args.no_report,
        viz=not args.no_viz,
    )
    for doc in result.failures:
        print(f"kg build: {doc.error}", file=sys.stderr)
    if not args.quiet:
        print(result.summary())
    return EXIT_BAD_INPUT if result.failures else EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from .annotation import to_annotation
    from .pipeline import extract_file

    annotation = to_annotation(extract_file(args.file))
    if args.format == "json":
        print(json.dumps(annotation, ensure_ascii=False, indent=2))
    else:
        for field, items in annotation.items():
            if field == "document":
                print(" ".join(f"{k}={v}" for k, v in items.items()))
                continue
            print(f"\n{field} ({len(items)})")
            for item in items:
                print("  " + "  ".join(f"{k}={v}" for k, v in item.items()))
    return EXIT_OK


def _load_annotation(path: Path) -> dict:
    """A FORMAT.md JSON file, or a report to extract first."""
    if path.suffix == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KgError(f"{path}: cannot read annotation: {exc}") from None
    from .annotation import to_annotation
    from .pipeline import extract_file

    return to_annotation(extract_file(path))


def _eval_pairs(gold: Path, pred: Path | None) -> list[tuple[Path, Path]]:
    """(gold, prediction-or-report) pairs; a gold folder pairs each X.gold.json with X.txt."""
    if gold.is_dir():
        pairs = []
        for g in sorted(gold.glob("*.gold.json")):
            stem = g.name.removesuffix(".gold.json")
            where = pred if pred is not None else gold
            candidates = [where / f"{stem}.json", where / f"{stem}.txt", where / f"{stem}.html", where / f"{stem}.md"]
            found = next((c for c in candidates if c.is_file()), None)
            if found is None:
                raise KgError(f"{g}: no prediction or report named {stem}.* in {where}")
            pairs.append((g, found))
        return pairs
    if pred is None:
        raise KgError("kg eval: give a prediction or report to score against a gold file")
    return [(gold, pred)]


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import combine, score

    scores = combine(
        score(_load_annotation(g), _load_annotation(p)) for g, p in _eval_pairs(args.gold, args.pred)
    )
    table = scores.as_dict()
    if args.format == "json":
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"documents: {', '.join(scores.documents)}")
    print(f"{'category':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}  kind/qualifier acc.")
    for name, row in table["scores"].items():
        acc = "" if row["attribute_accuracy"] is None else f"{row['attribute_accuracy']:.3f}"
        print(
            f"{name:<12}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
            f"{row['tp']:>6}{row['predicted']:>6}{row['gold']:>6}  {acc}"
        )
    return EXIT_OK


# --- parser -----------------------------------------------------------------------


def make_parser() -> argparse.ArgumentParser:
    """The argument parser, with a subparser (and ``--help``) per command."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and explore knowledge graphs of Chinese government reports.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help: str, func: Command) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, epilog=EPILOG)
        p.set_defaults(func=func)
        return p

    p = add("build", "build the graph of reports (default: data/corpus) into out/", cmd_build)
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="report files or folders (read recursively)")
    p.add_argument("-o", "--output", type=Path, default=Path("out"), metavar="OUTDIR", help="output folder (default: out)")
    p.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                   help="worker processes for extraction (default 0: one per CPU, at most 8); "
                        "the output is the same whatever N")
    p.add_argument("--store", type=Path, metavar="DIR",
                   help="build into a persistent store DIR, incrementally: unchanged reports are skipped, changed "
                        "ones replaced; graph.ttl/graph.trig are then written only with --export")
    p.add_argument("--export", action="store_true",
                   help="with --store: also write graph.ttl and graph.trig from the whole store (slow for a big store)")
    p.add_argument("--max-bytes", type=int, default=None, metavar="N", help="refuse files larger than N bytes (default: 50 MiB)")
    p.add_argument("--no-report", action="store_true", help="do not write out/report.md")
    p.add_argument("--no-viz", action="store_true", help="do not write out/graph.html")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")

    p = add("extract", "print what extraction finds in one report", cmd_extract)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", choices=("json", "text"), default="text", help="json: the format of ../shared/eval/FORMAT.md")

    p = add("eval", "score extraction against a gold annotation (per category P/R/F1)", cmd_eval)
    p.add_argument("gold", type=Path, metavar="GOLD", help="a *.gold.json file, or a folder of them next to their reports")
    p.add_argument("pred", type=Path, nargs="?", metavar="PRED_OR_REPORT", help="a prediction (.json) or a report to extract")
    p.add_argument("--format", choices=("table", "json"), default="table")

    add_graph_commands(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg``; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KgError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK

