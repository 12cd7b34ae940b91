"""Lexicons: plain TSV files under ``data/lexicon/``, loaded once.

Each file has a header line; lines starting with ``#`` are comments (where a
file notes its source and licence). Lexicons are data, never Python literals.
"""

from __future__ import annotations

import csv
from functools import cache

from . import resources

__all__ = ["LEXICON_DIR", "load_table", "load_column"]

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
