"""What the whole initiative extractor finds in a one-sentence text: the helper every
initiative test module asks with (one copy, not one per module)."""

from __future__ import annotations

from kg.extract.initiatives import extract_initiatives
from kg.model import Sentence

__all__ = ["found"]


def found(text: str) -> list[tuple[str, str | None]]:
    """(name, kind) of each initiative :func:`extract_initiatives` finds in ``text``, in order."""
    return [(m.name, m.subtype) for m in extract_initiatives(Sentence.of(text))]
