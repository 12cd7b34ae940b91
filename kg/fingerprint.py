"""What a document's graph depends on besides its text: the code and lexicons that read it.

An incremental build skips a report whose content hash it already holds.
That is right only while the code that turns text into triples stays the
same: after an upgrade (new rules, new lexicon entries, a fixed bug) an
unchanged report must be built again, or the store keeps the old reading.
:func:`extractor_fingerprint` hashes the modules of the stages from ingest to
RDF, the lexicons they read and the versions of what they run on;
:func:`build_key` combines it with a report's own hash, and that key is what
a store compares.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from .resources import LEXICON_DIR

__all__ = ["STAGE_MODULES", "build_key", "extractor_fingerprint", "fingerprint_of", "runtime"]

_PACKAGE = Path(__file__).resolve().parent

#: The parts of the package that decide a document's triples (ingest → segment →
#: extract → resolve → RDF, and the values and data they share). Query, serve,
#: analysis and the views read graphs; changing them leaves stored graphs valid.
STAGE_MODULES = ("ingest", "segment.py", "extract", "resolve", "rdf", "model.py", "lexicon.py", "resources.py",
                 "iri.py")


def _stage_files() -> list[tuple[str, Path]]:
    """(name, path) of every stage module and lexicon table, in a stable order."""
    files: list[tuple[str, Path]] = []
    for part in STAGE_MODULES:
        path = _PACKAGE / part
        found = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        files += [(f"kg/{f.relative_to(_PACKAGE).as_posix()}", f) for f in found]
    # Only what kg.lexicon loads (LEXICON_DIR/{name}.tsv): the folder's README and the
    # script that generated regions.tsv do not change a triple, nor does an editor's backup.
    files += [(f"lexicon/{f.name}", f) for f in sorted(LEXICON_DIR.glob("*.tsv")) if f.is_file()]
    return files


def fingerprint_of(files: Iterable[tuple[str, Path]]) -> str:
    """SHA-256 over each file's name and bytes (names keep a renamed file from hashing alike)."""
    digest = hashlib.sha256()
    for name, path in files:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def runtime() -> str:
    """What else shapes the triples: the Unicode tables behind ``re`` and
    ``unicodedata`` (NFKC, ``\\w``), and the RDF libraries that spell terms
    (rdflib) and compute the store's entailment (pyoxigraph)."""
    return (f"python {sys.version_info[0]}.{sys.version_info[1]} unicode {unicodedata.unidata_version} "
            f"rdflib {version('rdflib')} pyoxigraph {version('pyoxigraph')}")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The fingerprint of this installation's stage modules, lexicons and :func:`runtime`
    (computed once): upgrading any of them rebuilds every stored report."""
    code = fingerprint_of(_stage_files())
    return hashlib.sha256(f"{code}\0{runtime()}".encode()).hexdigest()


def build_key(sha256: str, metadata: str = "") -> str:
    """What a store keeps for a document: its file's hash, the hash of what a manifest
    says of it (:meth:`kg.ingest.manifest.Sidecar.digest`) and the extractor's, in one."""
    return hashlib.sha256(f"{sha256}\0{metadata}\0{extractor_fingerprint()}".encode()).hexdigest()
