"""Ingest: files → :class:`~kg.model.Document` (placeholder until its owner fills it in)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..model import Document

__all__ = ["read_document", "iter_inputs"]


def iter_inputs(paths: list[str | Path]) -> list[Path]:
    """Files to read, in a stable order (directories are walked recursively)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file())
        else:
            out.append(p)
    return out


def read_document(path: str | Path) -> Document:
    """Read one report; raises :class:`InputError` naming the file on bad input."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(p, exc.strerror or "cannot read") from None
    text = raw.decode("utf-8-sig")
    return Document(id=p.stem, text=text, path=str(p), sha256=hashlib.sha256(raw).hexdigest())
