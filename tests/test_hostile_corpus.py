"""Real-world nasty files through the ``kg build`` CLI (tests/test_ingest_hostile.py covers read_document).

- A 50 MB report (the sample repeated, written into tmp_path) is refused by
  the documented limit (``--max-bytes``, default 50 MiB) with a one-line error
  naming it and exit 2, without reading it into memory (peak RSS measured
  with :mod:`resource` in the child); ``--max-bytes`` lowers the limit; a
  report of about 1 MB builds in bounded memory.
- A corpus holding every fixture of tests/hostile/ plus the oversized report
  still builds the good documents: exit 2, one stderr line per bad file
  naming it, and graph.ttl holds exactly the good documents.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ingest import MAX_BYTES, doc_id
from kg.rdf.namespace import GKG, doc_iri

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
HOSTILE = Path(__file__).parent / "hostile"

#: Fixtures that build (see tests/test_ingest_hostile.py) and those refused.
GOOD = ("gbk-mislabelled.txt", "utf16le-no-bom.txt", "utf16be-bom.txt", "utf8-bom-crlf.txt",
        "truncated-utf8.txt", "meta-gbk.html", "report.md")
BAD = ("pdf-renamed.txt", "empty.txt", "whitespace-only.txt", "all-script.html", "nul-bytes.txt", "latin1-garbage.txt")

#: Wraps ``kg`` to write the child's peak RSS (KiB) to the file named by KG_RSS_FILE.
#: VmHWM, not getrusage: Linux carries ru_maxrss across exec, so a child
#: spawned by a big pytest process reports the parent's peak (341 MiB in CI).
_RSS_WRAPPER = (
    "import os, re, sys\n"
    "from kg.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "open(os.environ['KG_RSS_FILE'], 'w').write(hwm)\n"
    "sys.exit(code)\n"
)


def kg(args: list[str], tmp: Path, timeout: float = 300) -> tuple[int, list[str], int, float]:
    """Run ``kg ARGS`` in a child: (exit code, stderr lines, peak RSS in MiB, seconds)."""
    rss_file = tmp / f"rss-{time.monotonic_ns()}"
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _RSS_WRAPPER, *args],
        capture_output=True, timeout=timeout, cwd=REPO, check=False, env={**os.environ, "KG_RSS_FILE": str(rss_file)},
    )
    elapsed = time.monotonic() - t0
    rss = int(rss_file.read_text()) // 1024 if rss_file.exists() else -1
    return proc.returncode, proc.stderr.decode("utf-8").splitlines(), rss, elapsed


def repeated_sample(path: Path, size: int) -> Path:
    """The sample report repeated until the file has at least ``size`` bytes."""
    block = (SAMPLE.read_text(encoding="utf-8") + "\n").encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(size // len(block) + 1):
            fh.write(block)
    return path


def documents_in(turtle: Path) -> set[str]:
    store = ox.Store()
    store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    rows = store.query(f"SELECT ?d WHERE {{ ?d a <{GKG.Document}> }}")
    return {row["d"].value for row in rows}


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB report: the sample repeated past the default limit of 50 MiB."""
    path = repeated_sample(tmp_path_factory.mktemp("huge") / "huge-report.txt", MAX_BYTES + 1)
    assert path.stat().st_size > MAX_BYTES
    return path


def test_50mb_report_is_refused_by_the_default_limit_in_bounded_memory(huge: Path, tmp_path: Path) -> None:
    code, err, rss, elapsed = kg(["build", str(huge), "-o", str(tmp_path / "out"), "-q"], tmp_path)
    assert code == 2
    assert len(err) == 1, err
    assert err[0].startswith(f"kg build: {huge}: too large") and "max_bytes" in err[0]
    assert 0 < rss < 250, f"peak RSS {rss} MiB: the file must not be read to be refused"
    assert elapsed < 60


def test_max_bytes_lowers_the_limit(tmp_path: Path) -> None:
    big = repeated_sample(tmp_path / "two-mb.txt", 2_000_000)
    code, err, _, _ = kg(["build", str(big), "-o", str(tmp_path / "out"), "-q", "--max-bytes", "1000000",
                          "--no-viz", "--no-report"], tmp_path)
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"kg build: {big}: too large") and "1000000" in err[0]


@pytest.mark.slow
def test_one_megabyte_report_builds_in_bounded_memory(tmp_path: Path) -> None:
    """Memory grows with the document, not without bound: ~1 MB of text stays well under 1 GiB."""
    big = repeated_sample(tmp_path / "one-mb.txt", 1_000_000)
    out = tmp_path / "out"
    code, err, rss, elapsed = kg(["build", str(big), "-o", str(out), "-q", "--no-viz", "--no-report"], tmp_path)
    assert code == 0, err
    assert documents_in(out / "graph.ttl") == {str(doc_iri(doc_id(big)))}
    assert 0 < rss < 1024, f"peak RSS {rss} MiB for {big.stat().st_size} bytes ({elapsed:.0f} s)"


def test_corpus_with_bad_files_still_builds_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    for name in GOOD + BAD:
        shutil.copy(HOSTILE / name, corpus / name)
    oversized = repeated_sample(corpus / "oversized.txt", 300_000)
    nested = corpus / "deeply-nested.html"  # 6,000 levels of markup around one paragraph (under --max-bytes)
    nested.write_text("<div><span>" * 6_000 + "来源：某网<br>省司法厅印发《办法》。" + "</span></div>" * 6_000,
                      encoding="utf-8")
    out = tmp_path / "out"
    code, err, _, _ = kg(["build", str(corpus), "-o", str(out), "-q", "--max-bytes", "200000", "--no-viz"], tmp_path)
    assert code == 2
    bad_paths = sorted(str(corpus / n) for n in (*BAD, oversized.name))
    assert not any("Traceback" in line for line in err), err
    errors = [line.removeprefix("kg build: ") for line in err if line.startswith("kg build: ")]
    assert sorted(line.split(": ", 1)[0] for line in errors) == bad_paths  # one line per bad file, naming it
    warnings = [line for line in err if not line.startswith("kg build: ")]
    assert all(line.split(": ", 1)[0] in {str(corpus / n) for n in GOOD} for line in warnings), warnings
    good_ids = {doc_id(SAMPLE), doc_id(nested)} | {doc_id(n) for n in GOOD}
    assert documents_in(out / "graph.ttl") == {str(doc_iri(i)) for i in good_ids}
    assert (out / "report.md").stat().st_size > 0


EVIL = """甘肃省司法厅工作报告

一、工作回顾

省司法厅印发《<script>alert(1)</script>管理办法》，制定《"><img src=x onerror=alert(2)>条例》。
省司法厅出台《javascript:alert(3)实施方案》，推进“</script><svg onload=alert(4)>”工程，全年办理案件1.2万件。
省政府印发《甘肃省'onmouseover='alert(5)'规定》，推动“{{constructor.constructor('alert(6)')()}}”行动。
"""


def test_report_strings_reach_the_map_and_report_escaped(tmp_path: Path) -> None:
    """Markup in a report's titles and quotes is data in graph.html, never markup (static check;
    tests/test_viz_browser.py renders the page)."""
    evil = tmp_path / "evil.txt"
    evil.write_text(EVIL, encoding="utf-8")
    code, err, _, _ = kg(["build", str(evil), "-o", str(tmp_path / "evil-out"), "-q"], tmp_path)
    assert code == 0, err
    code, err, _, _ = kg(["build", str(SAMPLE), "-o", str(tmp_path / "plain-out"), "-q"], tmp_path)
    assert code == 0, err
    page = (tmp_path / "evil-out" / "graph.html").read_text(encoding="utf-8")
    plain = (tmp_path / "plain-out" / "graph.html").read_text(encoding="utf-8")
    assert "alert(1)" in page and "onerror=alert(2)" in page  # the strings are there …
    lowered = page.lower()
    for markup in ("<img", "<svg", "<script>alert", "</script><svg", 'href="javascript:', "onload=alert(4)>"):
        assert markup not in lowered, markup  # … but never as markup
    assert lowered.count("<script") == plain.lower().count("<script")
    assert lowered.count("</script") == plain.lower().count("</script")
