"""Coverage-guided fuzzing of extraction (atheris), bounded in time.

    python benchmarks/fuzz_extract.py [--seconds 60] [--engine atheris|hypothesis] [--out DIR]

Each input is decoded as UTF-8 (invalid bytes replaced) and run through
``document_from_text`` → segment → extract → resolve. A finding is any
exception other than the one-line InputError ingest gives for text with
nothing left in it, or a broken invariant: a span whose text is not
``doc.text[start:end]``, a metric outside its sentence, a value that is not
finite, an input of N characters that takes more than ``--slow`` seconds.
atheris (libFuzzer) is guided by the coverage of kg.ingest, kg.segment and
kg.extract, and starts from seeds cut from the sample report plus hostile
pieces; findings are written to ``--out`` (crash-*/slow-* files) for
tests/test_hostile_inputs.py. Without atheris (``pip install atheris``; it
builds on Python 3.11 here) ``--engine hypothesis`` runs the same checks on
hypothesis-generated text until the time is up.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
SEED_PIECES = (
    "9999999999999亿元", "增长12.5%", "较2022年底下降3个百分点", "其中（1%）", "１２３４５．６７８万人",
    "《甘肃省法治建设考评工作办法》", "“八五”普法", "省司法厅印发", "张三省长", "一、", "（一）", "\u200b",
    "0." + "3" * 80 + "%", "1" + "0" * 50 + "万亿", "提高到66.2%", "分别增长1%、2%、3%",
)


class Finding(Exception):
    """A broken invariant (an exception of our own, so that the fuzzer reports it)."""


def check(text: str, slow: float) -> None:
    """The pipeline on ``text``; raises on any exception or broken invariant."""
    from kg.errors import InputError
    from kg.extract import extract
    from kg.ingest import document_from_text
    from kg.resolve import resolve
    from kg.segment import segment

    t0 = time.perf_counter()
    try:
        doc = document_from_text(text, id="fuzz")
    except InputError:
        return
    seg = segment(doc)
    ex = extract(seg)
    resolve(ex)
    elapsed = time.perf_counter() - t0
    t = doc.text
    for s in seg.sentences:
        if t[s.start : s.end] != s.text:
            raise Finding(f"sentence {s.index} offsets")
    for m in ex.mentions:
        if t[m.start : m.end] != m.text:
            raise Finding(f"mention {m.text!r} offsets")
    for x in ex.metrics:
        s = seg.sentences[x.sentence]
        if t[x.start : x.end] != x.text or not (s.start <= x.start < x.end <= s.end):
            raise Finding(f"metric {x.text!r} offsets")
        if not x.value.is_finite():
            raise Finding(f"metric {x.text!r} value {x.value}")
    if elapsed > slow:
        raise Finding(f"slow: {len(text)} characters took {elapsed:.1f} s")


def seeds(directory: Path) -> Path:
    """Seed inputs: slices of the sample at sentence boundaries, and the hostile pieces."""
    directory.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    for i in range(0, len(lines), 3):
        (directory / f"sample-{i}").write_text("\n".join(lines[i : i + 3]), encoding="utf-8")
    for i, piece in enumerate(SEED_PIECES):
        (directory / f"piece-{i}").write_text(f"全省{piece}，同比{piece}。", encoding="utf-8")
    return directory


def save(out: Path, kind: str, text: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{kind}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def run_atheris(seconds: int, out: Path, slow: float) -> int:
    import atheris

    with atheris.instrument_imports(include=["kg"]):
        import kg.extract
        import kg.ingest
        import kg.resolve
        import kg.segment  # noqa: F401 - imported to be instrumented

    def one(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        try:
            check(text, slow)
        except Exception:
            print(f"finding saved to {save(out, 'crash', text)}", file=sys.stderr)
            raise

    check(SAMPLE.read_text(encoding="utf-8"), float("inf"))  # load the lexicons before anything is timed
    corpus = seeds(Path(tempfile.mkdtemp(prefix="kg-fuzz-corpus-")))
    argv = [sys.argv[0], str(corpus), f"-max_total_time={seconds}", f"-artifact_prefix={out}/",
            "-max_len=4096", f"-timeout={max(int(slow * 4), 10)}", "-print_final_stats=1"]
    out.mkdir(parents=True, exist_ok=True)
    atheris.Setup(argv, one)
    atheris.Fuzz()  # exits the process when the time is up or at the first finding
    return 0


def run_hypothesis(seconds: int, out: Path, slow: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = SAMPLE.read_text(encoding="utf-8")
    piece = st.one_of(
        st.sampled_from(SEED_PIECES), st.text(max_size=16),
        st.tuples(st.integers(0, len(text) - 1), st.integers(1, 200)).map(lambda t: text[t[0] : t[0] + t[1]]),
    )
    found: list[str] = []
    runs = 0
    check(text, float("inf"))  # load the lexicons before anything is timed

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(piece, max_size=40).map("".join))
    def prop(s: str) -> None:
        nonlocal runs
        runs += 1
        try:
            check(s, slow)
        except Exception:
            found.append(s)
            raise

    stop = time.monotonic() + seconds
    while time.monotonic() < stop and not found:
        try:
            prop()
        except Exception as exc:  # noqa: BLE001 - a finding: report it, keep the input
            print(f"finding: {type(exc).__name__}: {exc}", file=sys.stderr)
    for s in found[-1:]:
        print(f"finding saved to {save(out, 'crash', s)}", file=sys.stderr)
    print(f"hypothesis: {runs} inputs in {seconds} s, {len(found[-1:])} findings")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--engine", choices=("atheris", "hypothesis"), default=None, help="default: atheris if installed")
    ap.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="where findings are written")
    ap.add_argument("--slow", type=float, default=5.0, help="seconds one input may take (4 KiB at most)")
    args = ap.parse_args(argv)
    engine = args.engine
    if engine is None:
        engine = "atheris" if importlib.util.find_spec("atheris") is not None else "hypothesis"
    print(f"fuzz_extract: {engine} for {args.seconds} s, findings in {args.out}", file=sys.stderr)
    if engine == "atheris":
        return run_atheris(args.seconds, args.out.resolve(), args.slow)
    return run_hypothesis(args.seconds, args.out, args.slow)


if __name__ == "__main__":
    raise SystemExit(main())
