"""The benchmark harness's own arithmetic: measuring a child, percentiles, targets, the report.

The benchmarks themselves are not tests (``python benchmarks/run.py``); this
only checks that what they report is computed right.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not an installed package

from benchmarks.common import Row, percentile, run_measured  # noqa: E402
from benchmarks.report import fmt_value, markdown  # noqa: E402
from benchmarks.targets import check, ratios  # noqa: E402
from benchmarks.workloads import corpus_files, text_size  # noqa: E402


def test_run_measured_sees_the_childs_memory_and_cpu() -> None:
    code = "b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); sum(range(3 * 10**6))"
    m = run_measured([sys.executable, "-c", code], timeout=60)
    assert m.returncode == 0
    assert m.maxrss_mb > 150  # the 150 MB it touched, not the parent's memory
    assert m.cpu > 0
    assert m.wall >= m.cpu / 4


def test_run_measured_kills_on_timeout() -> None:
    m = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert m.timed_out and m.returncode != 0 and m.wall < 10


def test_percentile_interpolates_like_numpy() -> None:
    xs = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(xs, 50) == 3.0
    assert percentile(xs, 95) == pytest.approx(4.8)
    assert percentile([7.0], 95) == 7.0


def _rows(build_j1: float, build_j2: float, jieba: float, rss: float) -> list[Row]:
    return [
        Row("build", "corpus", "wall -j1", build_j1, "s"),
        Row("build", "corpus", "wall -j2", build_j2, "s"),
        Row("build", "corpus", "speed-up -j2", build_j1 / build_j2, "×"),
        Row("build", "corpus", "peak RSS -j1", rss, "MB"),
        Row("baselines", "corpus", "jieba.lcut", jieba, "s"),
        Row("query", "corpus", "q p50 · kg query", 12.0, "ms"),
        Row("query", "corpus", "q speed-up · kg query", 4.0, "×"),
        Row("query", "corpus", "slow p50 · kg query", None, "ms", "did not finish"),
    ]


def test_targets_pass_and_fail_on_the_measured_numbers() -> None:
    verdicts = {t.name: t.verdict for t in check(_rows(4.0, 2.0, 5.0, 600.0))}
    assert verdicts["corpus build (-j 1) faster than jieba segments it"] == "PASS"
    assert verdicts["-j 2 speed-up on the corpus"] == "PASS"
    assert verdicts["corpus: peak memory"] == "FAIL"
    assert verdicts["named questions p50 (kg query)"] == "FAIL"  # "slow" never finished
    assert verdicts["named questions vs rdflib memory (kg query)"] == "FAIL"  # q is only 4×
    assert verdicts["add one report to the corpus store"] == "n/a"
    slow = {t.name: t.verdict for t in check(_rows(6.0, 5.0, 5.0, 300.0))}
    assert slow["corpus build (-j 1) faster than jieba segments it"] == "FAIL"
    assert slow["-j 2 speed-up on the corpus"] == "FAIL"
    assert slow["corpus: peak memory"] == "PASS"


def test_ratios_divide_build_by_baseline() -> None:
    (r1,) = [r for r in ratios(_rows(4.0, 2.0, 5.0, 1.0)) if r.item == "build -j1 / jieba"]
    assert r1.value == pytest.approx(0.8)


def test_markdown_names_the_machine_and_every_target() -> None:
    rows = _rows(4.0, 2.0, 5.0, 100.0)
    text = markdown(rows, check(rows), {"cpu": "Test CPU", "cores": "2"}, command="python benchmarks/run.py",
                    workloads=["corpus"])
    assert "Test CPU" in text and "| **PASS** |" in text and "| **FAIL** |" in text
    assert fmt_value(1234567.0, "chars/s") == "1,234,567 chars/s"
    assert fmt_value(None, "s") == "—"


def test_corpus_is_the_84_reports() -> None:
    files = corpus_files()
    assert len(files) == 84 and len(set(f.stem for f in files)) == 84
    chars, size = text_size(files[:2])
    assert 0 < chars <= size


def test_run_measured_stops_a_process_past_its_memory_limit() -> None:
    code = "import time; b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(30)"
    m = run_measured([sys.executable, "-c", code], timeout=60, rss_limit_mb=100)
    assert m.rss_exceeded and not m.timed_out and m.wall < 20


def test_example_values_ask_sections_about_the_pair_most_titles_share() -> None:
    """initiatives-of-section needs a section: the suite asks about the two characters
    most section titles contain (each section counted once), ties by text."""
    import pyoxigraph as ox

    from benchmarks.tasks_graph import example_values
    from kg.rdf.store import GraphSource

    titles = ["一、推动高质量发展", "二、发展新质生产力", "三、改革改革改革"]
    body = "\n".join(
        f'<https://w3id.org/govkg/id/doc/d/section/{i}> a <https://w3id.org/govkg/ontology#Section> ; '
        f'<http://purl.org/dc/terms/title> "{t}" .' for i, t in enumerate(titles))
    store = ox.Store()
    store.load(body, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/govkg/id/graph/d"))
    assert example_values(GraphSource(store))["section"] == "发展"  # in 2 titles; 改革 3 times in 1
