"""The ``kg`` subcommands that read a built graph: export, validate, query, serve,
push, analyze, viz, path and neighbours.

They share one job: find the graph (``--graph``, ``--store`` or the last build in
``--out``), hand it to the stage that reads RDF, print what it returns. Kept apart
from kg.cli (the parser, ``main`` and the commands that read reports) so that
neither file outgrows the ~400-line guideline. Each command registers its own
arguments through :func:`add_graph_commands`; kg.cli decides how a subcommand is
made (help, epilog) and calls it after ``build``/``extract``/``eval`` so ``kg
--help`` lists the commands in the same order as always.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EXIT_INVALID, EXIT_OK, KgError

if TYPE_CHECKING:
    from .rdf.source import GraphSource

__all__ = [
    "AddCommand",
    "Command",
    "add_graph_commands",
    "cmd_analyze",
    "cmd_export",
    "cmd_neighbours",
    "cmd_path",
    "cmd_push",
    "cmd_query",
    "cmd_serve",
    "cmd_validate",
    "cmd_viz",
]

Command = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, str, Command], argparse.ArgumentParser]
"""``add(name, help, func)``: make a subparser whose ``func`` runs the command."""


def _graph_options(p: argparse.ArgumentParser) -> None:
    """``--graph``/``--store``/``--out``: where every graph-reading command finds its graph."""
    src = p.add_argument_group("graph to read (default: what `kg build` wrote last in out/)")
    src.add_argument("--graph", type=Path, metavar="FILE", help="an RDF file (ttl, nt, nq, trig, jsonld, xml)")
    src.add_argument("--store", type=Path, metavar="DIR", help="a store written by `kg build --store`")
    src.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="build folder to read by default (default: out)")


def _source(args: argparse.Namespace) -> GraphSource:
    """The graph those options name (the last build in out/ by default)."""
    from .rdf.store import open_graph

    return open_graph(graph_file=args.graph, store_dir=args.store, out_dir=args.out)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the graph as RDF, or as GraphML/GEXF through networkx."""
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
    """Check the graph against the SHACL shapes; exit 1 on violations."""
    from .validate import validate

    report = validate(_source(args).rdflib(), args.shapes)
    for line in report.results:
        print(line)
    print("conforms" if report.conforms else f"{len(report.results)} violations", file=sys.stderr)
    return EXIT_OK if report.conforms else EXIT_INVALID


def _params(pairs: Sequence[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` pairs as a dict; a pair without ``=`` is bad input."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KgError(f"--param takes NAME=VALUE, got {pair!r}")
        out[name] = value
    return out


def cmd_query(args: argparse.Namespace) -> int:
    """Run SPARQL text, a .rq file or a named question; ``--list`` the questions."""
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
    """Serve the graph as a SPARQL endpoint (writable only with ``--allow-update``)."""
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
    """Upload the graph to a SPARQL server, resumably."""
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
    """Print (or write) the networkx analysis; ``--annotate`` writes it back as RDF."""
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
    """Write the interactive HTML map and print its path."""
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
    """Print how two entities are connected."""
    from .analyze import find_path, format_path

    print(format_path(find_path(_source(args).rdflib(), args.a, args.b)))
    return EXIT_OK


def cmd_neighbours(args: argparse.Namespace) -> int:
    """Print an entity's neighbourhood."""
    from .analyze import format_neighbours, neighbours

    print(format_neighbours(neighbours(_source(args).rdflib(), args.entity, args.depth)))
    return EXIT_OK



def add_graph_commands(add: AddCommand) -> None:
    """Register the graph-reading subcommands and their arguments, in ``kg --help`` order."""
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
