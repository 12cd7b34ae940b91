"""kg.ingest.manifest: what a folder's MANIFEST.tsv says of its reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_document
from kg.ingest.manifest import sidecar_for

HEADER = "file\ttitle\tpublished\tsource_url\tchars\n"
TEXT = "一、工作回顾\n过去一年，全省经济总量增长5.4%。\n"


def _corpus(tmp_path: Path, rows: str) -> Path:
    (tmp_path / "national").mkdir()
    (tmp_path / "national" / "1985.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text(HEADER + rows, encoding="utf-8")
    return tmp_path / "national" / "1985.txt"


def test_a_report_takes_title_date_and_url_from_the_manifest_above_it(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "national/1985.txt\t1985年国务院政府工作报告\t1985-03-27\thttps://zh.wikisource.org/wiki/1985\t9\n")
    doc = read_document(report)
    assert (doc.title, doc.published, doc.url) == ("1985年国务院政府工作报告", "1985-03-27",
                                                   "https://zh.wikisource.org/wiki/1985")
    assert doc.text.startswith("一、工作回顾"), "the text is the report's, as before"
    unlisted = read_document(tmp_path / "other.txt")
    assert (unlisted.published, unlisted.url) == (None, None) and unlisted.title != doc.title


def test_the_manifest_wins_over_the_text_and_empty_or_bad_cells_do_not(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "national/1985.txt\t\t1985-02-30\tjavascript:alert(1)\t9\n")
    (report.parent / "1985.txt").write_text("政府工作报告\n发布时间：1985年03月27日\n" + TEXT, encoding="utf-8")
    doc = read_document(report)
    assert (doc.title, doc.published, doc.url) == ("政府工作报告", "1985-03-27", None)
    (tmp_path / "MANIFEST.tsv").write_text(HEADER + "national/1985.txt\t1985年政府工作报告\t\t\t9\n", encoding="utf-8")
    assert read_document(report).title == "1985年政府工作报告"


@pytest.mark.parametrize("url", ["https://example.org/a b", "http://example.org/<x>", 'https://e.org/"', "ftp://e.org/x"])
def test_a_url_that_is_not_an_http_iri_is_left_out(tmp_path: Path, url: str) -> None:
    report = _corpus(tmp_path, f"national/1985.txt\tT\t\t{url}\t9\n")
    side = sidecar_for(report)
    assert side is not None and side.url is None and side.title == "T"


def test_the_nearest_manifest_that_lists_the_report_is_used(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "national/1985.txt\t上层\t\t\t9\n")
    (report.parent / "MANIFEST.tsv").write_text(HEADER + "1986.txt\t别的\t\t\t9\n", encoding="utf-8")
    assert sidecar_for(report).title == "上层", "a manifest that does not list it is passed over"
    (report.parent / "MANIFEST.tsv").write_text(HEADER + "1985.txt\t本层\t\t\t9\n", encoding="utf-8")
    assert sidecar_for(report).title == "本层"


def test_a_table_without_a_file_column_is_not_a_manifest(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "")
    (tmp_path / "MANIFEST.tsv").write_text("name\ttitle\nnational/1985.txt\tX\n", encoding="utf-8")
    assert sidecar_for(report) is None


def test_an_unreadable_manifest_is_one_error_naming_it(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "")
    (tmp_path / "MANIFEST.tsv").write_bytes(b"file\ttitle\n\xff\xfe\x00bad")
    with pytest.raises(InputError, match=r"MANIFEST\.tsv: cannot read the manifest"):
        read_document(report)


def test_a_changed_row_changes_its_digest(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "national/1985.txt\t甲\t\t\t9\n")
    first = sidecar_for(report).digest()
    (tmp_path / "MANIFEST.tsv").write_text(HEADER + "national/1985.txt\t乙\t\t\t9\n", encoding="utf-8")
    assert sidecar_for(report).digest() != first


def test_the_manifest_can_be_left_out(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "national/1985.txt\t1985年国务院政府工作报告\t1985-03-27\t\t9\n")
    assert read_document(report, manifest=False).published is None


def test_a_quote_mark_is_text_and_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    report = _corpus(tmp_path, '"十四五"规划纲要\t\t\t\t9\nnational/1985.txt\t"两会"报告\t1985-03-27\t\t9\n')
    side = sidecar_for(report)
    assert side is not None and (side.title, side.published) == ('"两会"报告', "1985-03-27")


@pytest.mark.parametrize("cell", ["national/1985.txt", "national\\1985.txt", "./national/1985.txt",
                                  "national//1985.txt", "national/./1985.txt", " national/1985.txt "])
def test_the_file_column_may_spell_the_path_in_any_usual_way(tmp_path: Path, cell: str) -> None:
    report = _corpus(tmp_path, f"{cell}\tT\t\t\t9\n")
    side = sidecar_for(report)
    assert side is not None and side.title == "T"


@pytest.mark.parametrize("cell", ["../national/1985.txt", "/national/1985.txt", ".", ".."])
def test_a_file_cell_outside_the_folder_names_no_report(tmp_path: Path, cell: str) -> None:
    report = _corpus(tmp_path, f"{cell}\tT\t\t\t9\n")
    assert sidecar_for(report) is None


def test_a_padded_header_still_has_a_file_column(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "")
    (tmp_path / "MANIFEST.tsv").write_text("file \t title\nnational/1985.txt\tT\n", encoding="utf-8")
    side = sidecar_for(report)
    assert side is not None and side.title == "T"


def test_an_empty_cell_and_a_cell_saying_none_digest_apart(tmp_path: Path) -> None:
    report = _corpus(tmp_path, "national/1985.txt\t\t\t\t9\n")
    empty = sidecar_for(report).digest()
    (tmp_path / "MANIFEST.tsv").write_text(HEADER + "national/1985.txt\tNone\t\t\t9\n", encoding="utf-8")
    side = sidecar_for(report)
    assert side.title == "None" and side.digest() != empty


def test_a_decomposed_file_name_finds_its_composed_row(tmp_path: Path) -> None:
    """macOS writes file names decomposed (NFD); the manifest beside them is typed composed."""
    import unicodedata

    name = unicodedata.normalize("NFD", "résumé.txt")
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text(HEADER + "résumé.txt\tT\t\t\t9\n", encoding="utf-8")
    side = sidecar_for(tmp_path / name)
    assert side is not None and side.title == "T"


def test_a_rewrite_that_keeps_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    """Within the filesystem's timestamp granularity an edit can keep both; the cache
    keyed on them served the old row."""
    import os

    report = _corpus(tmp_path, "national/1985.txt\t甲\t\t\t9\n")
    manifest = tmp_path / "MANIFEST.tsv"
    before = manifest.stat()
    assert sidecar_for(report).title == "甲"
    manifest.write_text(HEADER + "national/1985.txt\t乙\t\t\t9\n", encoding="utf-8")
    os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert manifest.stat().st_size == before.st_size
    assert sidecar_for(report).title == "乙"


def test_a_folder_named_like_a_manifest_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "MANIFEST.tsv").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert sidecar_for(tmp_path / "a.txt") is None


@pytest.mark.parametrize("url", [
    "https://e.org/a\x01", "https://e.org/%zz", "https://e.org/a%", "https://e.org/\U000e0100",
    "https://e.org/a[1]", "https://e.org/list?ids[]=3", "https://e.org/a#b#c", "http://e.org/^",
    "https://e.org/\x7f", "https://e.org/a|b", "https://[::1/x", "https://e.org/\ue000",
    "https://[::1]/x", "https://e.org/a?q=\ue000", "https://e.org/\u00a0x", "https://e.org/政府#第一",
    "https://s.fjlib.net:6443/interlibSSO/goto/385/+c-s-9odnokd9bnl9bm/pd/gzbg/detail.html?id=c93c6c18",
    "https://zh.wikisource.org/wiki/%E6%94%BF", "http://user@e.org:8080/a;b=c?d=e&f#g",
])
def test_a_url_is_kept_exactly_when_oxigraph_takes_it_as_an_iri(tmp_path: Path, url: str) -> None:
    """The page is written into the graph as it stands: one Oxigraph refuses made the
    whole graph unreadable (control characters, bad escapes, ?ids[]=3)."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(url)
        next(ox.parse(f"<{url}> <http://x/p> <http://x/o> .".encode(), format=ox.RdfFormat.TURTLE))
        valid = True
    except (ValueError, SyntaxError):
        valid = False
    report = _corpus(tmp_path, f"national/1985.txt\tT\t\t{url}\t9\n")
    assert (sidecar_for(report).url == url) == valid


def test_a_manifest_dated_in_the_future_is_still_cached(tmp_path: Path, monkeypatch) -> None:
    """An archive can give a file a future mtime: judged by it, the file stayed 'just
    changed' and every report parsed the whole manifest again."""
    import os
    import time

    from kg.ingest import manifest as mf

    report = _corpus(tmp_path, "national/1985.txt\t甲\t\t\t9\n")
    future = time.time_ns() + 3600 * 10**9
    os.utime(tmp_path / "MANIFEST.tsv", ns=(future, future))
    monkeypatch.setattr(mf.time, "time_ns", lambda: os.stat(tmp_path / "MANIFEST.tsv").st_ctime_ns + 10 * mf._RACY_NS)
    mf._read.cache_clear()
    assert sidecar_for(report).title == "甲" and sidecar_for(report).title == "甲"
    assert mf._read.cache_info().hits >= 1
