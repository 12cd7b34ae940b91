"""Lexicons: plain TSV files under ``data/lexicon/``, loaded once.

Each file has a header line; lines starting with ``#`` are comments (where a
file notes its source and licence). Lexicons are data, never Python literals.
"""

from __future__ import annotations

import csv
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from . import resources

__all__ = ["LEXICON_DIR", "load_table", "load_column", "KeyedTable", "keyed_table"]

#: Where the lexicons live: ``data/lexicon`` next to the package in a source
#: checkout, or installed beside it as package data.
LEXICON_DIR = resources.LEXICON_DIR


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/lexicon/{name}.tsv`` as dicts keyed by the header."""
    path = LEXICON_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple({k: (v or "") for k, v in row.items()} for row in reader)


@cache
def load_column(name: str, column: str) -> frozenset[str]:
    """One column of a lexicon as a set of strings."""
    return frozenset(row[column] for row in load_table(name) if row.get(column))


@dataclass(frozen=True, slots=True)
class KeyedTable:
    """A large lexicon whose rows are looked up by their first column, parsed on demand.

    Parsing every row of a 40,000-line table (place_conflicts.tsv) took most of a
    process's start-up; a lookup here parses only the rows of one key. Rows are
    kept as sorted lines, so those of one key are found by bisection; they come
    back in sorted order (file order for a table written sorted).
    """

    columns: tuple[str, ...]
    lines: tuple[str, ...]  #: the data lines, tab-separated, sorted

    def rows(self, key: str) -> list[dict[str, str]]:
        """The rows whose first column is ``key``, keyed by the header like :func:`load_table`."""
        return [dict(zip(self.columns, fields)) for fields in self.fields(key)]

    def fields(self, key: str) -> list[list[str]]:
        """The rows whose first column is ``key`` as lists of fields in header order
        (missing ones ``""``): :meth:`rows` without building a dict per row."""
        if not key or key.startswith("#"):
            return []  # comment lines are kept among the lines, never matched
        prefix = key + "\t"
        lines, out, width = self.lines, [], len(self.columns)
        i = bisect_left(lines, prefix)
        while i < len(lines) and lines[i].startswith(prefix):
            fields = lines[i].rstrip("\r").split("\t")
            if len(fields) < width:
                fields += [""] * (width - len(fields))
            out.append(fields)
            i += 1
        return out


@cache
def keyed_table(name: str) -> KeyedTable:
    """``data/lexicon/{name}.tsv`` (same layout as for :func:`load_table`) as a :class:`KeyedTable`."""
    lines = (LEXICON_DIR / f"{name}.tsv").read_text(encoding="utf-8").split("\n")
    # the header is the first line that is neither blank nor a comment; lines
    # are not filtered one by one (the point is not to touch each in Python)
    at = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), len(lines))
    header = lines[at].rstrip("\r").split("\t") if at < len(lines) else []
    del lines[: at + 1]
    lines.sort()
    return KeyedTable(tuple(header), tuple(lines))
