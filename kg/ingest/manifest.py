"""Metadata a folder of reports gives beside the texts: ``MANIFEST.tsv``.

Corpora collected from the web usually come with a table of what each file
is: its title, when it was published, where it came from. The reports in
``data/reports`` do (national work reports have no title line in their
text). A ``MANIFEST.tsv`` is tab-separated with a header row; its ``file``
column names each report by its path relative to the manifest's folder, and
the optional ``title``, ``published`` (ISO date) and ``source_url`` (http or
https) columns give what the text may lack. Other columns are ignored, as is
a manifest without a ``file`` column (someone else's table).

A report takes its row from the nearest manifest, in its own folder or in an
ancestor (up to :data:`_LEVELS` folders), that lists it. Paths are compared
after NFC normalisation and with ``/`` separators. What a manifest says wins
over what is guessed from the text: it was written by someone who knew.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import posixpath
import re
import stat
import time
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..iri import IPRIVATE, UCSCHAR

__all__ = ["MANIFEST_NAME", "Sidecar", "sidecar_for"]

#: The file name of a folder's manifest.
MANIFEST_NAME = "MANIFEST.tsv"
#: How many folders, from a report's own up, a manifest is looked for in.
_LEVELS = 4
#: A manifest changed this recently is read again rather than from the cache (2 s).
_RACY_NS = 2_000_000_000
#: The characters of an http(s) IRI (RFC 3987): URI characters, valid %XX
#: escapes and ucschar; no space, control character, quote or bracket of
#: Turtle's. Where ``[ ] #`` and private-use characters may stand is checked
#: by :func:`_url`.
_URL = re.compile(f"https?://(?:[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;={UCSCHAR}{IPRIVATE}]|%[0-9A-Fa-f]{{2}})+")
_PRIVATE = re.compile(f"[{IPRIVATE}]")


@dataclass(frozen=True, slots=True)
class Sidecar:
    """One report's row of a manifest (each field None where the row leaves it empty or invalid)."""

    manifest: str  #: the manifest's path
    title: str | None = None
    published: str | None = None  #: ISO date
    url: str | None = None

    def digest(self) -> str:
        """What the row says, hashed: a store rebuilds a report whose row changed.

        JSON keeps an empty cell (None) apart from one that says "None".
        """
        return hashlib.sha256(json.dumps([self.title, self.published, self.url]).encode()).hexdigest()


def sidecar_for(path: str | Path) -> Sidecar | None:
    """The row of the nearest manifest that lists ``path``, or None.

    Raises :class:`InputError` naming the manifest when it cannot be read.
    """
    report = Path(os.path.abspath(path))
    folder = report.parent
    for _ in range(_LEVELS):
        rows = _rows(folder / MANIFEST_NAME)
        if rows:
            row = rows.get(_nfc(report.relative_to(folder).as_posix()))
            if row is not None:
                return row
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def _rows(manifest: Path) -> dict[str, Sidecar]:
    """The rows of ``manifest`` ({} if there is none), parsed once while it is unchanged.

    The cache is keyed by the file's stat; a file changed within the
    filesystem's timestamp granularity can keep its size and times, so one
    changed in the last :data:`_RACY_NS` is read again ("racy git"). The
    change time (ctime) decides: the kernel sets it, where an mtime may come
    from an archive, or the future, and would leave the cache unused.
    """
    try:
        st = manifest.stat()
    except OSError:
        return {}  # none here (or gone since the folder was listed)
    if not stat.S_ISREG(st.st_mode):
        return {}
    key = (str(manifest), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    if time.time_ns() - st.st_ctime_ns < _RACY_NS:
        return _read.__wrapped__(*key)
    return _read(*key)


@lru_cache(maxsize=64)
def _read(manifest: str, _mtime: int, _ctime: int, _size: int, _inode: int) -> dict[str, Sidecar]:
    """The rows of one manifest by relative path (cached while the file is unchanged).

    TSV has no quoting (a cell cannot hold a tab or a line break), so a quote
    mark is text: a title that opens with “"” must not swallow the rows after it.
    """
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(manifest, f"cannot read the manifest ({exc})") from None
    header = [cell.strip() for cell in table[0]] if table else []
    if "file" not in header:
        return {}
    out: dict[str, Sidecar] = {}
    for cells in table[1:]:
        row = dict(zip(header, (c.strip() for c in cells)))
        name = _relative(row.get("file", ""))
        if name:
            out[name] = Sidecar(manifest, row.get("title") or None, _date(row.get("published")),
                                _url(row.get("source_url")))
    return out


def _relative(cell: str) -> str:
    """A ``file`` cell as the POSIX path :func:`sidecar_for` looks up ("" if it cannot name a
    report below the manifest): Windows separators and ``./``, ``a//b``, ``a/./b`` are
    spelt the one way a path relative to the folder is."""
    if not cell:
        return ""
    name = posixpath.normpath(_nfc(cell).replace("\\", "/"))
    return "" if name in (".", "..") or name.startswith(("/", "../")) else name


def _nfc(name: str) -> str:
    """``name`` in Unicode NFC: a file saved on macOS spells é (or a Hangul
    syllable) decomposed, while the manifest typed beside it usually does not."""
    return unicodedata.normalize("NFC", name)


def _date(text: str | None) -> str | None:
    """An ISO date as given (2026-02-09), None for anything else."""
    try:
        return date.fromisoformat(text).isoformat() if text and len(text) == 10 else None
    except ValueError:
        return None


def _url(text: str | None) -> str | None:
    """An http(s) URL that is a valid IRI as it stands, else None.

    It is written into the graph as it stands, so anything Oxigraph would
    refuse is left out here: brackets outside an IPv6 host (``?ids[]=3``), a
    second ``#``, a private-use character outside the query.
    """
    if not text or not _URL.fullmatch(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # unbalanced brackets in the host
        return None
    rest = parts.path + parts.query + parts.fragment
    if not parts.netloc or "[" in rest or "]" in rest or "#" in parts.fragment:
        return None
    if _PRIVATE.search(parts.netloc + parts.path + parts.fragment):
        return None
    if ("[" in parts.netloc) != parts.netloc.split("@")[-1].startswith("["):
        return None  # a bracket inside a user name or a host that is not an IPv6 literal
    return text
