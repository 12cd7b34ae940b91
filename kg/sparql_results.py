"""Query results as text: an aligned table for people and the standard formats.

SELECT/ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV. CONSTRUCT and
DESCRIBE: Turtle, N-Triples, JSON-LD, RDF/XML. The table shortens IRIs with
the usual prefixes (``id:agency/甘肃省司法厅``, ``gkg:Metric``) and measures
width in terminal cells, two for CJK (``unicodedata.east_asian_width``).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any
from urllib.parse import unquote
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.namespace import GKG, ID, ORG, PROV, QB, QUDT, SCHEMA

__all__ = ["PREFIXES", "FORMATS", "MEDIA_TYPES", "format_result", "display_width", "compact"]

PREFIXES: dict[str, str] = {
    "gkg": str(GKG._NS),
    "id": str(ID),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "qb": str(QB),
    "qudt": str(QUDT),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

#: Formats for SELECT/ASK results and for graph results.
FORMATS = {
    "select": ("table", "json", "xml", "csv", "tsv"),
    "graph": ("table", "ttl", "nt", "jsonld", "json", "xml"),
}

#: Format name → media type (what ``kg serve`` answers with).
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "table": "text/plain",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

_XSD_STRING = PREFIXES["xsd"] + "string"
_NUMERIC = {PREFIXES["xsd"] + t for t in ("integer", "decimal", "double", "float", "long", "int")}


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes: 2 for wide/full-width characters, 0 for combining ones."""
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def compact(iri: str) -> str:
    """An IRI with a known prefix, percent-escapes decoded for reading: ``id:unit/%``."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{unquote(iri[len(ns):])}"
    return f"<{iri}>"


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())  # newlines and tabs would break the table
    if display_width(text) <= limit:
        return text
    out, w = [], 0
    for ch in text:
        cw = display_width(ch)
        if w + cw > limit - 1:
            break
        out.append(ch)
        w += cw
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def _table(result: Any, max_width: int = 60) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        header = ["subject", "predicate", "object"]
        rows = [(t.subject, t.predicate, t.object) for t in result.triples]
    else:
        header, rows = list(result.variables), result.rows
    cells = [[_clip(_cell(c), max_width) for c in row] for row in rows]
    numeric = [
        bool(rows) and all(r[i] is None or (isinstance(r[i], ox.Literal) and r[i].datatype.value in _NUMERIC) for r in rows)
        for i in range(len(header))
    ]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(_pad(h, widths[i], numeric[i]) for i, h in enumerate(header)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(_pad(c, widths[i], numeric[i]) for i, c in enumerate(r)).rstrip())
    n = len(rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _json(result: Any) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    doc = {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [
                {v: _json_term(c) for v, c in zip(result.variables, row) if c is not None}
                for row in result.rows
            ]
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != _XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _xml(result: Any) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
    out.append("<results>")
    for row in result.rows:
        binds = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(c)}</binding>"
            for v, c in zip(result.variables, row)
            if c is not None
        )
        out.append(f"<result>{binds}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _csv(result: Any) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow(["" if c is None else (f"_:{c.value}" if isinstance(c, ox.BlankNode) else c.value) for c in row])
    return buf.getvalue()


def _tsv(result: Any) -> str:
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if c is None else str(c).replace("\t", "\\t") for c in row))
    return "\n".join(lines) + "\n"


_RDF_OUT = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def _rdf(result: Any, fmt: str) -> str:
    prefixes = PREFIXES if _RDF_OUT[fmt] in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(result.triples, format=_RDF_OUT[fmt], prefixes=prefixes).decode("utf-8")


def format_result(result: Any, fmt: str = "table", *, max_width: int = 60) -> str:
    """``result`` (a :class:`kg.query.Result`) written in format ``fmt``."""
    if fmt == "table":
        return _table(result, max_width)
    if result.kind == "graph":
        if fmt not in _RDF_OUT:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt}; use ttl, nt, jsonld or xml")
        return _rdf(result, fmt)
    writers = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
    if fmt not in writers:
        raise QueryError(f"a SELECT/ASK result cannot be written as {fmt}; use table, csv, tsv, json or xml")
    return writers[fmt](result)
