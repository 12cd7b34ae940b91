"""Where govkg's data files live: the ontology, its queries and the lexicons.

In a source checkout (and an editable install) they sit beside the package,
in ``ontology/`` and ``data/lexicon/``; a regular ``pip install`` puts the
same files under ``{sys.prefix}/share/govkg/`` (see ``pyproject.toml``).
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["ROOT", "ONTOLOGY_DIR", "QUERIES_DIR", "LEXICON_DIR"]


def _root() -> Path:
    checkout = Path(__file__).resolve().parent.parent
    for candidate in (checkout, Path(sys.prefix) / "share" / "govkg"):
        if (candidate / "ontology" / "govkg.ttl").is_file():
            return candidate
    return checkout


#: The folder holding ``ontology/`` and ``data/lexicon/``.
ROOT = _root()
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
LEXICON_DIR = ROOT / "data" / "lexicon"
