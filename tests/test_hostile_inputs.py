"""Hostile text through the whole pipeline: ingest → segment → extract → resolve → rdf.

Property-based (hypothesis): arbitrary Unicode, mixed scripts, full- and
half-width digits and punctuation, zero-width and control characters, long
lines, unbalanced 《》 and “”, huge numbers and numbers with many decimals.
Whatever the text, nothing raises except a one-line InputError from ingest;
every offset points at the text it claims; every metric lies inside its
sentence; every value is finite; and the document's RDF serialises and
parses back to the same triples. The regression tests at the end are
inputs found by ``benchmarks/fuzz_extract.py`` and by these properties.
"""

from __future__ import annotations

import tempfile
import time
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.export import PREFIXES, ntriples_lines
from kg.extract import extract
from kg.extract.numbers import parse_number
from kg.ingest import document_from_text, read_document
from kg.model import Extraction, Resolved
from kg.rdf.build import document_triples
from kg.resolve import resolve
from kg.segment import segment

#: The subject of a relation implied by the report itself (kg.model.REPORTER, where it exists).
REPORTER = getattr(__import__("kg.model", fromlist=["REPORTER"]), "REPORTER", -1)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
_SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

#: Pieces that stress the number, title and quote rules.
PIECES = (
    "9999999999999亿", "9999999999999亿元", "1" + "0" * 60 + "万亿", "3.14159265358979323846264338327950288万元",
    "0." + "0" * 40 + "1%", "１２３４５．６７８万人", "１０％", "０.５个百分点", "一二三四五六七八九十百千万亿",
    "万亿亿", "亿", "余", "近", "约", "超过", "增长", "下降", "提高到", "较2022年底", "2023年", "人次", "个百分点",
    "%", "％", "‰", "元", "亿元", "，", "。", "；", "：", "、", "！", "？", ",", ".", ";", "(", ")", "（", "）",
    "《", "》", "“", "”", "「", "」", "『", "』", "——", "…", "其中", "分别", "省司法厅", "甘肃省", "兰州市",
    "国务院", "张三", "省长", "出台", "印发", "一、", "（一）", "1.", "第一，", "来源：", "责任编辑：",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2028", "\u2029", "\x00", "\x07",
    "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r", "\r\n", "\n", "\n\n\n\n", "\t", "\u3000", "\u00a0", " ",
    "\U00020000", "\U0001f600", "e\u0301", "\ufffd", "<script>alert(1)</script>", "\\", '"', "'", "}", "{",
    ">", "<", "#", "@zh", "^^", "_:b0", "javascript:", "1e999", "NaN", "Infinity", "-0", "0x1F",
)

_NUMBER = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: format(d, "f")),
    st.from_regex(r"[0-9０-９]{1,30}([.．][0-9０-９]{1,60})?", fullmatch=True),
)
_SUFFIX = st.sampled_from(["", "万", "亿", "万亿", "亿元", "万元", "%", "％", "人", "个百分点", "倍", "余万人次"])
_NUMERIC = st.builds(lambda a, n, b: a + n + b, st.sampled_from(["", "增长", "下降", "达到", "约", "近", "超过"]), _NUMBER, _SUFFIX)
_SAMPLE_SLICE = st.tuples(st.integers(0, len(_SAMPLE_TEXT) - 1), st.integers(1, 120)).map(
    lambda t: _SAMPLE_TEXT[t[0] : t[0] + t[1]]
)
_PIECE = st.one_of(
    st.sampled_from(PIECES),
    _NUMERIC,
    _SAMPLE_SLICE,
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    st.text(alphabet=st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")), max_size=6),
)
#: A hostile document: pieces glued together, sometimes one piece repeated into a long line.
HOSTILE_TEXT = st.one_of(
    st.lists(_PIECE, min_size=1, max_size=40).map("".join),
    st.tuples(_PIECE, st.integers(50, 400)).map(lambda t: t[0] * t[1]),
)

PROFILE = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pipeline(text: str, media_type: str = "text/plain") -> Resolved | None:
    """The whole text pipeline; None when ingest refuses the text (a one-line InputError)."""
    try:
        doc = document_from_text(text, id="hostile", media_type=media_type)
    except InputError as exc:
        assert "\n" not in str(exc)
        return None
    return resolve(extract(segment(doc)))


def check_offsets(ex: Extraction) -> None:
    """Every span points at its text; every metric is inside its sentence with a finite value."""
    doc = ex.document
    text = doc.text
    sentences = ex.segmented.sentences
    for s in sentences:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.text
    for a, b in zip(sentences, sentences[1:]):
        assert a.end <= b.start, (a, b)
    for sec in ex.segmented.sections:
        assert 0 <= sec.start <= sec.end <= len(text)
    for m in ex.mentions:
        assert text[m.start : m.end] == m.text, m
        s = sentences[m.sentence]
        assert s.start <= m.start <= m.end <= s.end, (m, s)
    for x in ex.metrics:
        assert text[x.start : x.end] == x.text, x
        s = sentences[x.sentence]
        assert s.start <= x.start < x.end <= s.end, (x, s)
        assert x.text in s.text
        assert isinstance(x.value, Decimal) and x.value.is_finite(), x
        assert x.subject is None or 0 <= x.subject < len(ex.mentions)
        assert x.parent is None or 0 <= x.parent < len(ex.metrics)
    for r in ex.relations:
        assert 0 <= r.subject < len(ex.mentions) or r.subject == REPORTER, r  # REPORTER: the report's publisher
        assert 0 <= r.object < len(ex.mentions), r
        assert 0 <= r.sentence < len(sentences)


def check_rdf(resolved: Resolved) -> None:
    """The document's triples as N-Triples, Turtle and TriG parse back to the same set."""
    lines = ntriples_lines(document_triples(resolved))
    nt = "".join(lines).encode("utf-8")
    triples = {q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)}
    assert len(triples) == len(lines)
    ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert {q.triple for q in ox.parse(ttl, format=ox.RdfFormat.TURTLE)} == triples
    g = ox.NamedNode("https://w3id.org/govkg/id/graph/hostile")
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    assert {q.triple for q in ox.parse(trig, format=ox.RdfFormat.TRIG)} == triples


@PROFILE
@given(HOSTILE_TEXT)
def test_pipeline_never_raises_and_offsets_hold(text: str) -> None:
    resolved = pipeline(text)
    if resolved is None:
        return
    check_offsets(resolved.extraction)
    check_rdf(resolved)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT, st.sampled_from(["text/html", "text/markdown"]))
def test_html_and_markdown_never_raise(text: str, media_type: str) -> None:
    resolved = pipeline(text, media_type)
    if resolved is not None:
        check_offsets(resolved.extraction)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html", ".md"]))
def test_any_bytes_give_a_document_or_a_one_line_input_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"hostile{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
            return
        assert doc.text.strip()
        check_offsets(extract(segment(doc)))


@settings(max_examples=200, deadline=None)
@given(st.one_of(_NUMERIC, st.text(max_size=20), st.sampled_from(PIECES)))
def test_parse_number_is_none_or_finite(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, Decimal) and value.is_finite())


@pytest.mark.parametrize(
    "text",
    [
        "9999999999999亿元，增长9999999999999999999999%。",
        "投入" + "9" * 500 + "亿元。",
        "增长0." + "3" * 300 + "%，达" + "１" * 200 + "万人。",
        "《" * 300 + "甘肃省法治政府建设实施方案" + "”" * 200,
        "“" + "省司法厅印发《办法》，" * 50,
        "\u200b".join("省司法厅出台《甘肃省法治建设考评工作办法》，全年受理案件1.2万件。"),
        "".join(chr(c) for c in range(0x300)) + "增长12%。",
        "1e999亿元，NaN%，Infinity万元，-0元。",
    ],
)
def test_known_hostile_lines(text: str) -> None:
    resolved = pipeline(text)
    assert resolved is not None
    check_offsets(resolved.extraction)
    check_rdf(resolved)


def test_huge_number_value_is_exact() -> None:
    resolved = pipeline("全省投入9999999999999亿元。")
    assert resolved is not None
    values = {m.value for m in resolved.extraction.metrics}
    assert Decimal(9999999999999) * Decimal(10) ** 8 in values


@pytest.mark.parametrize(
    "unit, repeat",
    [
        ("增长12.5%，", 8000),  # was quadratic in metric_context._clause_start/_period: 25 s
        ("其中（1%）", 1000),  # was cubic in metric_context._parents: 100 s
        ("\u200b", 8000),
        ("张三省长", 3000),
        ("9", 50_000),
        ("《", 50_000),
        ("一二三四五六七八九十百千万亿", 1000),
    ],
)
def test_long_lines_stay_fast(unit: str, repeat: int) -> None:
    """One long line (a scraped table, an OCR page with no stops) is still handled in linear-ish time."""
    t0 = time.perf_counter()
    resolved = pipeline(unit * repeat + "。")
    elapsed = time.perf_counter() - t0
    assert resolved is not None
    check_offsets(resolved.extraction)
    assert elapsed < 5.0, f"{len(unit) * repeat} characters took {elapsed:.1f} s"


def test_thousands_of_breakdowns_in_one_clause_stay_linear() -> None:
    """Regression: each 其中 scanned every later metric of its clause (quadratic: a 100k-character
    line of 其中1%， took minutes); only the first few 其中 of a clause are read now."""
    from kg.extract.metric_context import RawMetric, _parents
    from kg.model import Metric

    n = 20_000
    text = "总量5%，" + "其中1%，" * n
    raws = [RawMetric(2, 4, 2, Decimal(5), "%", "percent", "exact")]
    raws += [RawMetric(5 + 5 * k + 2, 5 + 5 * k + 4, 5 + 5 * k + 2, Decimal(1), "%", "percent", "exact") for k in range(n)]
    assert all(text[r.start : r.end] in ("5%", "1%") for r in raws)
    metrics = [Metric(text[r.start : r.end], r.start, r.end, 0, r.value, r.unit) for r in raws]
    t0 = time.perf_counter()
    out = _parents(text, raws, metrics)
    assert time.perf_counter() - t0 < 2.0
    assert out[1].parent == 0 and out[2].parent == 0  # the first breakdowns still point at the total
