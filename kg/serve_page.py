"""The HTML ``kg serve`` shows people: a query box, the named questions, results.

No scripts; every string that comes from the graph, a query or a file name
goes through :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import Question, bind
from kg.sparql_results import compact

__all__ = ["index_page", "results_page", "CSP"]

#: Content-Security-Policy for these pages: no script, nothing from elsewhere.
CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'"

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#222}
textarea{width:100%;font-family:ui-monospace,monospace;font-size:.9em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}code,pre{background:#f6f6f6}dt{margin-top:.6em;font-weight:bold}.err{color:#a00}
"""


def _page(title: str, body: str) -> bytes:
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    ).encode("utf-8")


def index_page(
    source: str,
    questions: list[Question],
    *,
    chosen: Question | None = None,
    params: Mapping[str, str] | None = None,
    viz: str | None = None,
    allow_update: bool = False,
) -> bytes:
    """The start page; ``chosen`` pre-fills the box with that question, its parameters bound."""
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20"
    note = ""
    if chosen is not None:
        try:
            text = bind(chosen.text, chosen, {k: v for k, v in (params or {}).items() if v})
        except QueryError as exc:
            text = chosen.text
            note = f'<p class="err">{escape(str(exc))}</p>'
    parts = [
        "<h1>govkg SPARQL endpoint</h1>",
        f"<p>Graph: <code>{escape(source)}</code>. Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, "
        "GET or POST; JSON, XML, CSV, TSV results; Turtle, N-Triples, JSON-LD for graphs)."
        + (" Updates are allowed." if allow_update else " Read-only.")
        + "</p>",
    ]
    if viz:
        parts.append(f'<p><a href="{escape(viz)}">Open the visualisation of the graph</a></p>')
    parts += [
        note,
        '<form method="get" action="/sparql">',
        f'<textarea name="query" rows="16">{escape(text)}</textarea>',
        '<p>Results as <select name="format">'
        + "".join(f'<option value="{f}">{f}</option>' for f in ("html", "json", "xml", "csv", "tsv", "ttl"))
        + '</select> <button type="submit">Run</button></p></form>',
        "<h2>Named questions</h2><dl>",
    ]
    for q in questions:
        fields = "".join(
            f'<label>{escape(p.name)} <input name="{escape(p.name)}" '
            f'value="{escape((params or {}).get(p.name, "") if chosen is q else "")}" '
            f'placeholder="{escape(p.default or p.type)}" title="{escape(p.help)}"></label> '
            for p in q.params
        )
        parts.append(
            f"<dt>{escape(q.name)}</dt><dd>{escape(q.description)}"
            f'<form method="get" action="/"><input type="hidden" name="q" value="{escape(q.name)}">'
            f'{fields}<button type="submit">Put in the box</button></form></dd>'
        )
    parts.append("</dl>")
    return _page("govkg SPARQL", "\n".join(parts))


def _html_cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<code>{escape(compact(term.value))}</code>"
    if isinstance(term, ox.BlankNode):
        return f"<code>_:{escape(term.value)}</code>"
    if isinstance(term, ox.Literal):
        return escape(term.value)
    return escape(str(term))


def results_page(result: Any) -> bytes:
    """A query result as an HTML table."""
    if result.kind == "ask":
        return _page("govkg: answer", f"<p>{'yes' if result.boolean else 'no'}</p>")
    if result.kind == "graph":
        header = ["subject", "predicate", "object"]
        rows = [(t.subject, t.predicate, t.object) for t in result.triples]
    else:
        header, rows = result.variables, result.rows
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    n = len(rows)
    return _page(
        "govkg: results",
        f'<p><a href="/">New query</a> · {n} result{"s" if n != 1 else ""}</p>'
        f"<table><tr>{head}</tr>\n{body}</table>",
    )
