"""kg.incremental: which reports a store already holds, and when the last export still stands."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kg.incremental import open_store, reusable_export, split_unchanged, store_key


def _report(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_report_is_skipped_only_under_the_same_key(tmp_path: Path) -> None:
    a = _report(tmp_path, "a.txt", "甲")
    b = _report(tmp_path, "b.txt", "乙")
    sha = hashlib.sha256(b"\xe7\x94\xb2").hexdigest()
    known = {"a": store_key(a, sha), "b": "an older key", "gone": "x"}
    todo, skipped = split_unchanged([a, b], known)
    assert todo == [b]
    assert skipped == [(a, "a", sha, known["a"])]
    assert store_key(a, sha) != sha, "the key is more than the file's hash"


def test_a_report_that_cannot_be_read_is_left_to_build(tmp_path: Path) -> None:
    missing = str(tmp_path / "a.txt")
    assert split_unchanged([missing], {"a": "k"}) == ([missing], [])


def test_a_new_store_appears_only_when_its_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "store"
    with open_store(target) as (_store, fresh):
        assert fresh and not target.exists()
        assert list(tmp_path.glob(".store.building-*"))
    assert target.is_dir() and not list(tmp_path.glob(".store.building-*"))
    with open_store(target) as (_store, fresh):
        assert not fresh


def test_the_last_export_stands_only_for_the_same_keys_and_store(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    out.mkdir()
    outputs = {"turtle": out / "graph.ttl", "graph": out / "graph.trig"}
    for p in outputs.values():
        p.write_text("", encoding="utf-8")
    manifest = {"graph": "graph.trig", "turtle": "graph.ttl", "store": str(store.resolve()), "triples": 7,
                "classes": {"agency": 1}, "documents": {"a": {"key": "k1"}}}
    (out / "build.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert reusable_export(outputs, store, {"a": "k1"}) == (7, {"agency": 1})
    assert reusable_export(outputs, store, {"a": "k2"}) is None
    assert reusable_export(outputs, tmp_path / "other", {"a": "k1"}) is None
    outputs["turtle"].unlink()
    assert reusable_export(outputs, store, {"a": "k1"}) is None
