"""The workloads: the sample report, the whole corpus, and the corpus replicated N times.

The replicated corpus is written into a temporary folder as
``copy-NN-<name>.txt`` (so that every copy has its own document id) and
deleted by :meth:`Workload.cleanup`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .common import REPO

__all__ = ["Workload", "SAMPLE", "corpus_files", "sample", "corpus", "replicated", "text_size"]

SAMPLE = REPO / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
REPORTS = REPO / "data" / "reports"


@dataclass
class Workload:
    """Files to build, how big they are, and what to pass to ``kg build``."""

    name: str
    files: list[Path]
    chars: int  #: characters of the decoded text
    size: int  #: bytes on disk
    args: list[str] = field(default_factory=list)  #: paths for ``kg build``
    tmp: Path | None = None  #: a folder to delete afterwards

    @property
    def mb(self) -> float:
        return self.size / 1e6

    def cleanup(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def corpus_files() -> list[Path]:
    """The sample and every real report in ``data/``: the 84 documents, sorted."""
    return [SAMPLE, *sorted(REPORTS.rglob("*.txt"))]


def text_size(files: list[Path]) -> tuple[int, int]:
    """(characters, bytes) of ``files`` decoded as UTF-8."""
    chars = size = 0
    for f in files:
        raw = f.read_bytes()
        size += len(raw)
        chars += len(raw.decode("utf-8-sig", errors="replace"))
    return chars, size


def _make(name: str, files: list[Path], args: list[str] | None = None, tmp: Path | None = None) -> Workload:
    chars, size = text_size(files)
    return Workload(name, files, chars, size, args if args is not None else [str(f) for f in files], tmp)


def sample() -> Workload:
    return _make("sample", [SAMPLE])


def corpus() -> Workload:
    return _make("corpus", corpus_files())


def replicated(times: int, base: Path | None = None) -> Workload:
    """The corpus ``times`` times over, with changed file names (so changed document ids)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"kgbench-x{times}-", dir=base))
    files: list[Path] = []
    for n in range(times):
        for src in corpus_files():
            dst = tmp / f"copy-{n:02d}-{src.stem}.txt"
            shutil.copyfile(src, dst)
            files.append(dst)
    return _make(f"corpus×{times}", files, [str(tmp)], tmp)
