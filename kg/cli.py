"""The ``kg`` command: subcommands that parse arguments and call the public API.

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
from .errors import EXIT_BAD_INPUT, EXIT_INVALID, EXIT_OK, KgError

__all__ = ["main", "make_parser"]

EPILOG = "exit codes: 0 ok, 1 validation failed, 2 bad input or usage"


def _graph_options(p: argparse.ArgumentParser) -> None:
    src = p.add_argument_group("graph to read (default: what `kg build` wrote last in out/)")
    src.add_argument("--graph", type=Path, metavar="FILE", help="an RDF file (ttl, nt, nq, trig, jsonld, xml)")
    src.add_argument("--store", type=Path, metavar="DIR", help="a store written by `kg build --store`")
    src.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="build folder to read by default (default: out)")


def _source(args: argparse.Namespace):
    from .rdf.store import open_graph

    return open_graph(graph_file=args.graph, store_dir=args.store, out_dir=args.out)


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


# --- reading the graph ------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from .export import serialize_source, write

    source = _source(args)
    if args.format in ("graphml", "gexf"):
        from . import analyze

        nxg = analyze.to_networkx(source.rdflib(), metrics_as_nodes=args.metrics_as_nodes)
        writer = analyze.write_graphml if args.format == "graphml" else analyze.write_gexf
        target = args.output or Path(f"out/graph.{args.format}")
        writer(nxg, target)
        print(target)
        return EXIT_OK
    data = serialize_source(source, args.format)
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        write(args.output, data)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    report = validate(_source(args).rdflib(), args.shapes)
    for line in report.results:
        print(line)
    print("conforms" if report.conforms else f"{len(report.results)} violations", file=sys.stderr)
    return EXIT_OK if report.conforms else EXIT_INVALID


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KgError(f"--param takes NAME=VALUE, got {pair!r}")
        out[name] = value
    return out


def cmd_query(args: argparse.Namespace) -> int:
    from . import query

    if args.list:
        for q in query.list_questions():
            params = " ".join(f"--param {p}" for p in q.parameter_names())
            print(f"{q.name:<28}{q.description}  {params}".rstrip())
        return EXIT_OK
    if not args.query:
        raise KgError("kg query: give a query, a .rq file or a question name (see --list)")
    text, _question = query.resolve_query(args.query)
    result = query.run(_source(args), text, _params(args.param), timeout=args.timeout, interruptible=True)
    sys.stdout.write(query.format_result(result, args.format))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .rdf.store import open_graph
    from .serve import serve

    source = open_graph(
        graph_file=args.graph, store_dir=args.store, out_dir=args.out, writable=args.allow_update
    )
    serve(
        source,
        host=args.host,
        port=args.port,
        allow_update=args.allow_update,
        timeout=args.timeout,
        max_results=args.max_results,
        max_body=args.max_body,
        out_dir=args.out,
        merge=args.merge and not args.no_merge,
    )
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from .push import push

    report = push(
        _source(args),
        args.endpoint,
        graph=args.graph_iri,
        batch_triples=args.batch,
        retries=args.retries,
        state_file=args.state or args.out / "push-state.json",
        protocol=args.protocol,
    )
    print(report.summary())
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    from . import analyze
    from .export import write

    source = _source(args)
    graph = source.rdflib()
    result = analyze.analyze(graph)
    if args.format == "json":
        text = json.dumps(analyze.to_json(result, scores=not args.no_scores), ensure_ascii=False, indent=2) + "\n"
    else:
        text = analyze.render_markdown(result, top=args.top)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write(args.output, text.encode())
    if args.annotate is not None:
        from .export import serialize

        annotated = analyze.annotate(graph, result)
        write(args.annotate, serialize(((s, p, o, None) for s, p, o in annotated), "ttl"))
    return EXIT_OK


def cmd_viz(args: argparse.Namespace) -> int:
    from .viz import write_html

    write_html(
        _source(args).rdflib(),
        args.output,
        focus=args.focus,
        depth=args.depth,
        max_labels=args.max_labels,
        title=args.title,
        isolated=args.unrelated,
    )
    print(args.output)
    return EXIT_OK


def cmd_path(args: argparse.Namespace) -> int:
    from .analyze import find_path, format_path

    print(format_path(find_path(_source(args).rdflib(), args.a, args.b)))
    return EXIT_OK


def cmd_neighbours(args: argparse.Namespace) -> int:
    from .analyze import format_neighbours, neighbours

    print(format_neighbours(neighbours(_source(args).rdflib(), args.entity, args.depth)))
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

    def add(name: str, help: str, func) -> argparse.ArgumentParser:
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

    p = add("export", "write the graph as RDF (ttl, nt, nq, jsonld, xml, trig) or GraphML/GEXF", cmd_export)
    _graph_options(p)
    p.add_argument("--format", choices=("ttl", "nt", "nq", "jsonld", "xml", "trig", "graphml", "gexf"), default="ttl")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)")
    p.add_argument("--metrics-as-nodes", action="store_true", help="GraphML/GEXF: metrics as nodes, not attributes")

    p = add("validate", "check the graph against the SHACL shapes; exit 1 on violations", cmd_validate)
    _graph_options(p)
    p.add_argument("--shapes", type=Path, metavar="FILE", help="shapes to use (default: ontology/shapes.ttl)")

    p = add("query", "run SPARQL: a query, a .rq file, or a named question", cmd_query)
    _graph_options(p)
    p.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text, a .rq file, or a named question")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a named question's parameter")
    p.add_argument("--list", action="store_true", help="list the named questions")
    p.add_argument("--format", choices=("table", "csv", "tsv", "json", "xml", "ttl"), default="table")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS")

    p = add("serve", "serve the graph as a SPARQL 1.1 endpoint with a small web page", cmd_serve)
    _graph_options(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--allow-update", action="store_true", help="accept SPARQL Update (refused by default)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="per-query time limit")
    p.add_argument("--max-results", type=int, default=10000, metavar="N", help="result rows limit")
    p.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES", help="request body limit (413 above it)")
    p.add_argument("--merge", action="store_true",
                   help="query a de-duplicated in-memory copy of the graph (twice the memory; helps queries that "
                        "join entity labels without DISTINCT)")
    p.add_argument("--no-merge", action="store_true", help=argparse.SUPPRESS)  # the default since 0.2; accepted

    p = add("push", "upload the graph to a SPARQL server, one named graph per document", cmd_push)
    _graph_options(p)
    p.add_argument("--endpoint", required=True, metavar="URL", help="Graph Store (or update) endpoint URL")
    p.add_argument("--graph-iri", metavar="IRI", help="push everything into this one named graph instead")
    p.add_argument("--protocol", choices=("gsp", "update"), default="gsp")
    p.add_argument("--batch", type=int, default=50000, metavar="TRIPLES")
    p.add_argument("--retries", type=int, default=3)
    p.add_argument("--state", type=Path, metavar="FILE", help="resumable position (default: out/push-state.json)")

    p = add("analyze", "networkx analysis: centrality, communities, components, metric tables", cmd_analyze)
    _graph_options(p)
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: stdout)")
    p.add_argument("--annotate", type=Path, metavar="FILE", help="write centrality and community as RDF (Turtle)")
    p.add_argument("--top", type=int, default=15, metavar="N", help="rows in each ranking (default: 15)")
    p.add_argument("--no-scores", action="store_true", help="json: leave out the per-node scores")

    p = add("viz", "write the interactive map (pyvis HTML, works offline)", cmd_viz)
    _graph_options(p)
    p.add_argument("-o", "--output", type=Path, default=Path("out/graph.html"), metavar="FILE")
    p.add_argument("--focus", metavar="ENTITY", help="show only this entity's neighbourhood")
    p.add_argument("--depth", type=int, default=2, metavar="N")
    p.add_argument("--max-labels", type=int, default=150, metavar="N", help="label only the N most central nodes")
    p.add_argument("--title", metavar="TEXT", help="the page's title")
    unrelated = p.add_mutually_exclusive_group()
    unrelated.add_argument("--unrelated", dest="unrelated", action="store_true", default=None,
                           help="show entities without relations (default: only on small maps)")
    unrelated.add_argument("--no-unrelated", dest="unrelated", action="store_false")

    p = add("path", "show how two entities are connected, each hop with its sentence", cmd_path)
    _graph_options(p)
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")

    p = add("neighbours", "list what surrounds an entity", cmd_neighbours)
    _graph_options(p)
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--depth", type=int, default=1, metavar="N")
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

