"""Lexicon loading (kg.lexicon): whole tables and tables looked up by key."""

from __future__ import annotations

from pathlib import Path

from kg import lexicon
from kg.lexicon import keyed_table, load_table


def test_keyed_rows_are_the_table_rows_of_that_key() -> None:
    rows = load_table("place_conflicts")
    table = keyed_table("place_conflicts")
    for key in sorted({r["short"] for r in rows})[::97]:
        expected = sorted(tuple(r.items()) for r in rows if r["short"] == key)
        assert sorted(tuple(r.items()) for r in table.rows(key)) == expected
    assert table.rows("不是地名的键") == []
    assert table.rows("#") == []


def test_keyed_table_skips_comments_and_reads_short_rows(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "demo.tsv").write_text("# a comment\n\nkey\tside\tword\nb\tL\tx\na\tR\ty\r\na\tC\nab\tL\tz\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    table = lexicon.keyed_table.__wrapped__("demo")
    assert table.columns == ("key", "side", "word")
    assert table.rows("a") == [{"key": "a", "side": "C", "word": ""}, {"key": "a", "side": "R", "word": "y"}]
    assert table.rows("ab") == [{"key": "ab", "side": "L", "word": "z"}]
