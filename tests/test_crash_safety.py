"""``kg build`` (with and without ``--store``) killed with SIGKILL at random points loses nothing.

A corpus is built (state *before*), then changed (one report edited, one
added: state *after*) and rebuilt several times, each run killed after a
random delay. After every kill: the store opens; it holds each document in
its before or its after state (and, the update being one transaction, all
of them in the same one); every output file (graph.ttl, graph.trig,
report.md, graph.html, build.json) is the complete old or the complete new
file, byte for byte, and parses. A last run completes and gives the after
state. The seed is printed, and can be set with ``KG_CRASH_SEED``.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.fingerprint import build_key
from kg.rdf.store import GraphStore

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
#: The two smallest other real reports, to keep each build short.
OTHERS = sorted((REPO / "data" / "reports").rglob("*.txt"), key=lambda p: (p.stat().st_size, p))[:2]

#: Outputs compared byte for byte with the old and the new complete file (the map
#: too, now that its layout is the same in every process: test_map_is_the_same_file_for_the_same_graph).
OUTPUTS = ("graph.ttl", "graph.trig", "report.md", "graph.html")
EXACT = OUTPUTS
KILLS = 5

pytestmark = pytest.mark.slow


def kg_build(corpus: Path, out: Path, store: Path | None) -> subprocess.Popen[bytes]:
    where = ["--store", str(store), "--export"] if store is not None else []
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), *where, "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )


def run_build(corpus: Path, out: Path, store: Path | None) -> float:
    """A complete build; returns its wall time."""
    t0 = time.monotonic()
    proc = kg_build(corpus, out, store)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - t0


def hashes(corpus: Path) -> dict[str, str]:
    """Document id → sha256 of the raw file, what build.json records."""
    return {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(corpus.glob("*.txt"))}


def keyed(file_hashes: dict[str, str]) -> dict[str, str]:
    """What the store records for those files: each one's build key (its hash and the extractor's)."""
    return {doc: build_key(sha) for doc, sha in file_hashes.items()}


def store_documents(store: Path) -> dict[str, str]:
    gs = GraphStore.open(store)
    try:
        return gs.documents()
    finally:
        gs.close()


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def map_nodes(html: bytes) -> list[str]:
    """The names of the nodes a graph.html draws, in order (not their coordinates)."""
    return re.findall(r'"name":"((?:[^"\\]|\\.)*)"', html.decode("utf-8"))


def check_outputs(out: Path, old: dict[str, bytes], new: dict[str, bytes], docs: tuple[dict, dict]) -> None:
    """Each output is the old or the new complete file, and parses."""
    for name in EXACT:
        data = (out / name).read_bytes()
        assert data in (old[name], new[name]), f"{name} is neither the old nor the new file ({len(data)} bytes)"
    html = (out / "graph.html").read_bytes()
    assert html.startswith(b"<!DOCTYPE html>") and html.rstrip().endswith(b"</html>")
    assert map_nodes(html) in (map_nodes(old["graph.html"]), map_nodes(new["graph.html"]))
    for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)):
        assert sum(1 for _ in ox.parse(path=str(out / name), format=fmt)) > 0
    assert (out / "graph.html").read_bytes().rstrip().endswith(b"</html>")
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    built = {k: v["sha256"] for k, v in manifest["documents"].items()}
    assert built in docs


def test_sigkill_during_store_build_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("KG_CRASH_SEED", random.SystemRandom().randrange(10**6)))
    print(f"KG_CRASH_SEED={seed}")
    rng = random.Random(seed)
    corpus, out, store = tmp_path / "corpus", tmp_path / "out", tmp_path / "store"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    shutil.copy(OTHERS[0], corpus / "other-a.txt")

    # before: a complete build of the first corpus, kept to return to after each run
    run_build(corpus, out, store)
    before = hashes(corpus)
    assert store_documents(store) == keyed(before)
    old = snapshot(out)
    saved_out, saved_store = tmp_path / "saved-out", tmp_path / "saved-store"
    shutil.copytree(out, saved_out)
    shutil.copytree(store, saved_store)

    # after: one report edited, one added
    with (corpus / SAMPLE.name).open("a", encoding="utf-8") as fh:
        fh.write("\n省司法厅全年办理案件12345件，同比增长6.5%。\n")
    shutil.copy(OTHERS[1], corpus / "other-b.txt")
    after = hashes(corpus)
    assert after != before
    full = run_build(corpus, tmp_path / "ref-out", tmp_path / "ref-store")
    new = snapshot(tmp_path / "ref-out")
    assert new != old

    outcomes = []
    for _ in range(KILLS):
        proc = kg_build(corpus, out, store)
        time.sleep(rng.uniform(0.05, full))
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
        docs = store_documents(store)  # the store always opens
        for doc_id in before.keys() | after.keys():
            assert docs.get(doc_id) in (keyed(before).get(doc_id), keyed(after).get(doc_id)), doc_id
        assert docs in (keyed(before), keyed(after))  # one batch, one transaction: all before or all after
        check_outputs(out, old, new, (before, after))
        outcomes.append(("finished" if finished else "killed", "after" if docs == keyed(after) else "before"))
        if docs == keyed(after):  # back to the before state, so that every kill interrupts the same change
            shutil.rmtree(out)
            shutil.rmtree(store)
            shutil.copytree(saved_out, out)
            shutil.copytree(saved_store, store)
    print("outcomes:", outcomes)

    run_build(corpus, out, store)  # the rerun completes the build
    assert store_documents(store) == keyed(after)
    final = snapshot(out)
    assert {k: final[k] for k in EXACT} == {k: new[k] for k in EXACT}
    check_outputs(out, old, new, (after,))


def test_sigkill_during_plain_build_leaves_old_or_new_files(tmp_path: Path) -> None:
    """Without a store: every output is the complete old or new file, and the next build cleans up."""
    seed = int(os.environ.get("KG_CRASH_SEED", random.SystemRandom().randrange(10**6)))
    print(f"KG_CRASH_SEED={seed}")
    rng = random.Random(seed)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    shutil.copy(OTHERS[0], corpus / "other-a.txt")
    run_build(corpus, out, None)
    before, old = hashes(corpus), snapshot(out)
    shutil.copy(OTHERS[1], corpus / "other-b.txt")
    after = hashes(corpus)
    full = run_build(corpus, tmp_path / "ref-out", None)
    new = snapshot(tmp_path / "ref-out")
    for _ in range(KILLS):
        proc = kg_build(corpus, out, None)
        time.sleep(rng.uniform(0.05, full))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
        check_outputs(out, old, new, (before, after))
    run_build(corpus, out, None)
    assert snapshot(out) == new
    assert not list(out.glob(".*.tmp")), "temporaries of killed builds are removed"


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_of_a_killed_build_do_not_outlive_it(tmp_path: Path) -> None:
    """Bug: after SIGKILL of `kg build -j 2`, its workers waited for work forever (orphans)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, src in enumerate(sorted((REPO / "data" / "reports").rglob("*.txt"))[:12]):
        shutil.copy(src, corpus / f"r{i}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"), "-q",
                             "-j", "2", "--no-viz", "--no-report"], cwd=REPO)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the build started its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}/stat").exists()
             and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert not alive, f"workers {alive} outlived the killed build"


def test_map_is_the_same_file_for_the_same_graph(tmp_path: Path) -> None:
    """Output is deterministic: graph.html of one graph must not depend on the process's hash seed.

    Regression (kg/layout.py, 2487b64): node coordinates differed by 0.1 between
    PYTHONHASHSEED=1 and 2 on a three-report graph, so a rebuild of unchanged
    reports rewrote graph.html and a crash could leave a third version.
    """
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / SAMPLE.name)
    shutil.copy(OTHERS[0], corpus / "other-a.txt")
    shutil.copy(OTHERS[1], corpus / "other-b.txt")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "-q", "--no-viz",
                           "--no-report"], capture_output=True, cwd=REPO, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    pages = []
    for seed in ("1", "2"):
        page = tmp_path / f"map-{seed}.html"
        proc = subprocess.run([sys.executable, "-m", "kg", "viz", "--graph", str(out / "graph.trig"), "-o", str(page)],
                              capture_output=True, cwd=REPO, timeout=300, check=False, env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        pages.append(page.read_bytes())
    assert map_nodes(pages[0]) == map_nodes(pages[1])
    assert pages[0] == pages[1], "graph.html differs with the hash seed (layout coordinates)"
