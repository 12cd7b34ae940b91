"""Asking the graph: SPARQL from a string, a .rq file or a named question.

Named questions are ``ontology/queries/NAME.rq`` (files starting with ``_``
are internal to other stages). Each opens with a comment saying what it
answers, then one line per parameter::

    # The metrics reported for an agency or an initiative …
    # @param entity label  Name of the agency or initiative; every entity if omitted
    # @param unit unit=元  The unit
    # @param fact iri required  IRI of the fact

``TYPE`` says how a value becomes an RDF term: ``label`` (a ``@zh`` literal,
as skos labels are), ``string``, ``iri`` (``id:…``, a path under ``id:``, or
a full IRI), ``unit`` (:func:`kg.rdf.namespace.unit_iri`), ``integer``,
``decimal``. A parameter without value or default stays unbound, which the
questions read as "any".

Parameters are bound as RDF terms, never pasted into the text: each value is
serialised by pyoxigraph (N-Triples escaping) into a ``VALUES`` block, placed
at the ``#@values`` line of the query or else at the start of its WHERE
clause. The same bound text runs unchanged on a remote SPARQL server.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import resources, sparql_results
from kg.errors import QueryError
from kg.export import PREFIXES
from kg.rdf.namespace import ID, unit_iri

__all__ = [
    "Param",
    "Question",
    "Result",
    "QUERIES_DIR",
    "PARAM_TYPES",
    "list_questions",
    "get_question",
    "parse_question",
    "resolve_query",
    "bind",
    "run",
    "execute",
    "format_result",
]

QUERIES_DIR = resources.QUERIES_DIR

_XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("label", "string", "iri", "unit", "integer", "decimal")

_PARAM_RE = re.compile(
    r"^#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:=(?P<default>\S+))?"
    r"(?P<required>\s+required)?(?:\s+(?P<help>.*))?$"
)


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named question."""

    name: str
    type: str = "string"
    default: str | None = None
    required: bool = False
    help: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """A named question: ``ontology/queries/NAME.rq``."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None

    def parameter_names(self) -> list[str]:
        return [p.name for p in self.params]

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"question {self.name!r} has no parameter {name!r} (parameters: {known})")


@dataclass
class Result:
    """What a query returned: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    Cells are pyoxigraph terms, None where a variable is unbound.
    """

    kind: str  #: "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    elapsed: float = 0.0  #: seconds

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def values(self) -> list[dict[str, str]]:
        """Rows as {variable: lexical value} (unbound variables left out); handy in tests."""
        return [
            {v: c.value for v, c in zip(self.variables, row) if c is not None} for row in self.rows
        ]


def parse_question(text: str, name: str, path: Path | None = None) -> Question:
    """A :class:`Question` from a .rq file's text and its leading comment."""
    desc: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if stripped.startswith("#@values"):
            continue
        m = _PARAM_RE.match(stripped)
        if m:
            ptype = m["type"]
            if ptype not in PARAM_TYPES:
                raise QueryError(f"{path or name}: parameter {m['name']!r} has unknown type {ptype!r}")
            params.append(Param(m["name"], ptype, m["default"], bool(m["required"]), (m["help"] or "").strip()))
        elif "@param" in stripped:
            raise QueryError(f"{path or name}: malformed parameter line: {stripped}")
        else:
            desc.append(stripped.lstrip("#").strip())
    return Question(name, " ".join(d for d in desc if d), tuple(params), text, path)


@lru_cache(maxsize=1)
def _questions(directory: Path) -> tuple[Question, ...]:
    out = []
    for path in sorted(directory.glob("*.rq")):
        if path.name.startswith("_"):
            continue
        out.append(parse_question(path.read_text(encoding="utf-8"), path.stem, path))
    return tuple(out)


def list_questions(directory: Path = QUERIES_DIR) -> list[Question]:
    """The named questions, sorted by name."""
    return list(_questions(Path(directory)))


def get_question(name: str, directory: Path = QUERIES_DIR) -> Question:
    """The named question ``name``; QueryError listing the names if unknown."""
    for q in _questions(Path(directory)):
        if q.name == name:
            return q
    names = ", ".join(q.name for q in _questions(Path(directory)))
    raise QueryError(f"unknown question {name!r}; named questions: {names} (see `kg query --list`)")


def resolve_query(arg: str, directory: Path = QUERIES_DIR) -> tuple[str, Question | None]:
    """SPARQL text, a path to a .rq file, or a question name → (text, question or None).

    A .rq file with ``@param`` lines is a question too.
    """
    if re.search(r"[\s{]", arg.strip()):
        return arg, None
    path = Path(arg)
    if arg.endswith(".rq") or path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{arg}: cannot read query file ({exc})") from None
        q = parse_question(text, path.stem, path)
        return text, q if q.params else None
    q = get_question(arg, directory)
    return q.text, q


def _term(param: Param, value: str) -> Any:
    """A parameter value as the RDF term its type says."""
    try:
        if param.type == "label":
            return ox.Literal(value, language="zh")
        if param.type == "string":
            return ox.Literal(value)
        if param.type == "unit":
            return ox.NamedNode(str(unit_iri(value)))
        if param.type == "iri":
            if value.startswith("id:"):
                value = str(ID) + value[3:]
            elif not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
                value = str(ID) + value.lstrip("/")
            return ox.NamedNode(value)
        if param.type == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        if param.type == "decimal":
            return ox.Literal(str(Decimal(value)), datatype=ox.NamedNode(_XSD + "decimal"))
    except (ValueError, InvalidOperation) as exc:
        raise QueryError(f"parameter {param.name}: {value!r} is not a valid {param.type} ({exc})") from None
    raise QueryError(f"parameter {param.name}: unknown type {param.type!r}")


def _values_position(text: str) -> tuple[int, int]:
    """Where the VALUES block goes: the ``#@values`` line, else just inside the WHERE group."""
    m = re.search(r"^[ \t]*#@values[ \t]*$", text, re.M)
    if m:
        return m.start(), m.end()
    depth = 0
    i = 0
    seen_where = False
    while i < len(text):
        ch = text[i]
        if ch == "#":
            nl = text.find("\n", i)
            i = len(text) if nl < 0 else nl
            continue
        if ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < len(text) and text[j : j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<":
            m2 = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>").match(text, i)
            if m2:
                i = m2.end()
                continue
        if (depth == 0 and text[i : i + 5].upper() == "WHERE" and not re.match(r"[\w?$]", text[i - 1 : i] or " ")
                and not re.match(r"\w", text[i + 5 : i + 6] or " ")):
            seen_where = True
        if ch == "{":
            if depth == 0 and (seen_where or not re.match(r"(?is).*\bCONSTRUCT\s*$", text[:i])):
                return i + 1, i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    raise QueryError("cannot bind parameters: the query has no WHERE clause")


def bind(text: str, question: Question | None, params: Mapping[str, str]) -> str:
    """The query text with parameters (and defaults) bound in a VALUES block."""
    terms: dict[str, Any] = {}
    if question is not None:
        for name in params:
            question.param(name)  # unknown name → QueryError
        for p in question.params:
            value = params.get(p.name, p.default)
            if value is None:
                if p.required:
                    raise QueryError(f"question {question.name!r} needs --param {p.name}=… ({p.help})")
                continue
            terms[p.name] = _term(p, value)
    else:
        for name, value in params.items():
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
            terms[name] = _term(Param(name, "string"), value)
    if not terms:
        return text.replace("#@values", "")
    names = " ".join(f"?{n}" for n in terms)
    row = " ".join(str(t) for t in terms.values())
    block = f"VALUES ({names}) {{ ({row}) }}"
    start, end = _values_position(text)
    return text[:start] + block + text[end:]


def _syntax_error(exc: SyntaxError) -> QueryError:
    """The parser's message, with its position spelled out: ``line 2, column 9``."""
    msg = str(exc)
    m = re.match(r"error at (\d+):(\d+): (.*)", msg, re.S)
    if m:
        msg = f"line {m[1]}, column {m[2]}: {m[3]}"
    return QueryError(f"malformed SPARQL query: {msg}")


def execute(store: Any, text: str, *, max_results: int | None = None, deadline: float | None = None,
            **kwargs: Any) -> Result:
    """Run bound SPARQL text on a pyoxigraph store (union default graph) and collect the result.

    Stops with QueryError past ``deadline`` (time.monotonic()) while reading
    rows, or when more than ``max_results`` rows/triples come back.
    """
    t0 = time.perf_counter()
    kwargs.setdefault("use_default_graph_as_union", True)
    kwargs.setdefault("prefixes", PREFIXES)  # gkg:, skos:, org: … work without PREFIX lines
    try:
        res = store.query(text, **kwargs)
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None

    def check(n: int) -> None:
        if max_results is not None and n > max_results:
            raise QueryError(f"result too large: more than {max_results} results (raise the limit or add LIMIT)")
        if deadline is not None and n % 256 == 0 and time.monotonic() > deadline:
            raise QueryError("query timed out")

    try:
        if isinstance(res, ox.QueryBoolean):
            out = Result("ask", boolean=bool(res))
        elif isinstance(res, ox.QuerySolutions):
            out = Result("select", variables=[v.value for v in res.variables])
            for row in res:
                out.rows.append(tuple(row))
                check(len(out.rows))
        else:
            out = Result("graph", variables=["subject", "predicate", "object"])
            for t in res:
                out.triples.append(t)
                check(len(out.triples))
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    finally:
        del res  # pyoxigraph results must be dropped on the thread that made them
    out.elapsed = time.perf_counter() - t0
    return out


def run(
    source: Any,
    query: str,
    params: Mapping[str, str] | None = None,
    timeout: float | None = None,
    *,
    question: Question | None = None,
    max_results: int | None = None,
    interruptible: bool = False,
) -> Result:
    """Answer a query (SPARQL text, .rq path or question name) on a graph source.

    Parameters are typed by the question (given, named, or declared by
    ``# @param`` lines in the text itself); without one they bind as strings.

    ``source`` is a :class:`kg.rdf.store.GraphSource` (or a pyoxigraph Store).
    With ``timeout`` the query runs in a worker thread and is abandoned when
    time is up (QueryError). pyoxigraph cannot cancel a query: a streaming
    query stops at the next row, but an aggregate keeps its thread busy until
    it ends, so long-lived processes should use :mod:`kg.serve`'s worker
    processes instead. ``interruptible`` runs the query in that thread even
    without a timeout, so that Ctrl-C (KeyboardInterrupt) ends the wait at
    once: a query runs in Rust, where the main thread never sees the signal
    until it is done. For a command that exits right after (``kg query``).
    """
    if question is None:
        text, question = resolve_query(query)
        if question is None and re.search(r"^#\s*@param\s", text, re.M):
            question = parse_question(text, "query")  # the text of a .rq file with parameters
    else:
        text = query or question.text
    text = bind(text, question, params or {})
    store = getattr(source, "store", source)
    union = getattr(source, "union", True)
    if timeout is None and not interruptible:
        return execute(store, text, max_results=max_results, use_default_graph_as_union=union)
    deadline = None if timeout is None else time.monotonic() + timeout
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = execute(store, text, max_results=max_results, deadline=deadline,
                                    use_default_graph_as_union=union)
        except QueryError as exc:
            box["error"] = QueryError(str(exc))  # no traceback: its frames hold thread-bound objects
        except Exception as exc:  # noqa: BLE001 (handed to the caller, as without a thread)
            box["error"] = exc  # MemoryError on a huge result: raised in the caller, not KeyError

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)  # a signal (Ctrl-C) interrupts the wait, not the query
    if worker.is_alive():
        raise QueryError(f"query timed out after {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["result"]


def format_result(result: Result, fmt: str = "table", **kwargs: Any) -> str:
    """The result as text: ``table`` for people, ``csv``, ``tsv``, ``json``, ``xml`` or ``ttl``."""
    return sparql_results.format_result(result, fmt, **kwargs)
