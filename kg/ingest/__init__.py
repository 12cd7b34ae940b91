"""Ingest: report files → :class:`~kg.model.Document`.

:func:`read_document` reads one ``.txt``, ``.html``/``.htm`` or ``.md`` file:
bytes → encoding detection (:mod:`.encoding`) → HTML or Markdown to text
(:mod:`.html`, :mod:`.markdown`) → cleaning (:mod:`.clean`) → page
boilerplate removed into ``Document.boilerplate`` (:mod:`.boilerplate`) →
metadata read into fields (:mod:`.metadata`), and what a folder's
``MANIFEST.tsv`` says of the file on top (:mod:`.manifest`). Every problem
with an input file raises :class:`~kg.errors.InputError` naming the file,
never a traceback.

Limits: a file larger than ``max_bytes`` (default :data:`MAX_BYTES`, 50 MiB)
is refused; so are empty files, files with no text left after cleaning,
binary files (a PDF renamed ``.txt``, NUL bytes) and undecodable bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import Document
from . import clean
from .boilerplate import strip_boilerplate
from .encoding import declared_charset, decode
from .html import html_to_text
from .manifest import sidecar_for
from .markdown import markdown_to_text
from .metadata import is_metadata_line, parse_metadata

__all__ = ["read_document", "iter_inputs", "document_from_text", "MAX_BYTES", "MEDIA_TYPES", "doc_id"]

#: Default size limit of one input file, in bytes (``read_document(max_bytes=…)``).
MAX_BYTES = 50 * 2**20

#: Supported file name suffixes and their media types.
MEDIA_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html", ".md": "text/markdown"}

_UNSAFE = re.compile(r"[^\w-]+")


def doc_id(path: str | Path) -> str:
    """A safe id from the file name stem: CJK, letters, digits, ``-``, ``_``; others → ``-``."""
    stem = unicodedata.normalize("NFC", Path(path).stem)
    safe = _UNSAFE.sub("-", stem).strip("-")
    return safe or "document"


def _supported(p: Path) -> bool:
    return p.suffix.lower() in MEDIA_TYPES


#: Files that document a folder of reports rather than being one (data/reports/SOURCES.md).
_FOLDER_DOCS = frozenset({"README", "SOURCES", "LICENSE", "LICENCE", "NOTICE", "CHANGELOG", "CONTRIBUTING"})


def _is_folder_doc(path: Path) -> bool:
    return path.stem.upper() in _FOLDER_DOCS


def iter_inputs(paths: list[str | Path]) -> list[Path]:
    """Files to read, in a stable order.

    Arguments keep their order; a directory contributes its supported files
    (recursively, hidden entries, symlinked directories and the folder's own
    documentation such as README.md or SOURCES.md skipped), sorted by
    relative path; a file named twice is read once. A missing path, or a file
    named explicitly with an unsupported type, raises :class:`InputError`.
    """
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.realpath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    q = Path(root) / name
                    if not name.startswith(".") and not _is_folder_doc(q) and _supported(q) and q.is_file():
                        found.append(q)
            for q in sorted(found, key=lambda q: q.relative_to(p).as_posix()):
                add(q)
        elif p.is_file():
            if not _supported(p):
                raise InputError(p, f"unsupported file type {p.suffix or '(none)'!r}; expected .txt, .html, .htm or .md")
            add(p)
        elif p.exists():
            raise InputError(p, "not a regular file or directory")
        else:
            raise InputError(p, "no such file or directory")
    return out


def _read_bytes(p: Path, max_bytes: int) -> bytes:
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(p, "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(p, "not a regular file (device, pipe or socket)")
        size = st.st_size
        if size > max_bytes:
            raise InputError(p, f"too large: {size} bytes, over the limit of {max_bytes} bytes (max_bytes)")
        with p.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
        raise InputError(p, f"cannot read: {problem}") from None
    if len(raw) > max_bytes:
        raise InputError(p, f"too large: over the limit of {max_bytes} bytes (max_bytes)")
    return raw


def read_document(path: str | Path, *, max_bytes: int = MAX_BYTES, manifest: bool = True) -> Document:
    """Read one report; raises :class:`InputError` naming the file on bad input.

    With ``manifest`` (the default) what a folder's MANIFEST.tsv says of the
    file (title, date, page) replaces what the text gives.
    """
    p = Path(path)
    media_type = MEDIA_TYPES.get(p.suffix.lower())
    if media_type is None:
        if not p.exists():
            raise InputError(p, "no such file or directory")
        raise InputError(p, f"unsupported file type {p.suffix or '(none)'!r}; expected .txt, .html, .htm or .md")
    raw = _read_bytes(p, max_bytes)
    if not raw.strip():
        raise InputError(p, "empty file")
    hint = declared_charset(raw) if media_type == "text/html" else None
    decoded = decode(raw, p, hint)
    doc = document_from_text(
        decoded.text,
        id=doc_id(p),
        path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=decoded.encoding,
        media_type=media_type,
    )
    side = sidecar_for(p) if manifest else None
    if side is None:
        return doc
    return replace(doc, title=side.title or doc.title, published=side.published or doc.published, url=side.url)


def document_from_text(
    text: str,
    *,
    id: str = "document",
    path: str = "",
    sha256: str = "",
    encoding: str = "utf-8",
    media_type: str = "text/plain",
) -> Document:
    """Build a :class:`Document` from decoded text (the steps after decoding)."""
    html_title = None
    if media_type == "text/html":
        text, html_title = html_to_text(text)
    elif media_type == "text/markdown":
        text = markdown_to_text(clean.normalise(text))
    lines = clean.split_lines(clean.normalise(text))
    lines = clean.join_labels(lines)
    lines, removed = strip_boilerplate(lines)
    keep = {i for i, line in enumerate(lines) if is_metadata_line(line)}
    lines = clean.join_soft_breaks(lines, keep)
    lines = clean.join_fragments(lines)
    body = clean.finish(lines)
    if not body.strip():
        raise InputError(path or id, "empty: no text left after cleaning (only whitespace, markup or page boilerplate)")
    meta = parse_metadata(body, html_title)
    return Document(
        id=id,
        text=body,
        path=path,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding=encoding,
        media_type=media_type,
        title=meta.title,
        subtitle=meta.subtitle,
        source=meta.source,
        editor=meta.editor,
        published=meta.published,
        author=meta.author,
        boilerplate=tuple(removed),
    )
