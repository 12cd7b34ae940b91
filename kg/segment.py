"""Segmentation: sections and sentences with offsets (placeholder)."""

from __future__ import annotations

import re

from .model import Document, Segmented, Sentence

__all__ = ["segment"]

_SENT = re.compile(r"[^。！？\n]+[。！？]?")


def segment(document: Document) -> Segmented:
    """Split ``document.text`` into sentences (placeholder: on 。！？ and newlines)."""
    sentences = tuple(
        Sentence(i, m.start(), m.end(), m.group())
        for i, m in enumerate(m for m in _SENT.finditer(document.text) if m.group().strip())
    )
    return Segmented(document, (), sentences)
