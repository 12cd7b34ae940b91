"""kg.fingerprint: what a stored graph depends on besides its report's text."""

from __future__ import annotations

from pathlib import Path

from kg.fingerprint import STAGE_MODULES, _stage_files, build_key, extractor_fingerprint, fingerprint_of


def test_the_fingerprint_covers_every_stage_module_and_lexicon() -> None:
    names = [name for name, _ in _stage_files()]
    assert len(set(names)) == len(names)
    for module in ("kg/extract/initiatives.py", "kg/segment.py", "kg/rdf/build.py", "kg/ingest/__init__.py",
                   "kg/resolve/__init__.py", "kg/model.py"):
        assert module in names
    assert any(name.startswith("lexicon/") and name.endswith(".tsv") for name in names)
    assert not any(name.startswith(("kg/query", "kg/serve", "kg/viz", "kg/cli")) for name in names)
    assert "ingest" in STAGE_MODULES


def test_any_change_to_a_file_or_its_name_changes_the_fingerprint(tmp_path: Path) -> None:
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text("name\tkind\n天府粮仓\tproject\n", encoding="utf-8")
    b.write_text("x\n", encoding="utf-8")
    first = fingerprint_of([("a", a), ("b", b)])
    assert fingerprint_of([("a", a), ("b", b)]) == first
    assert fingerprint_of([("a2", a), ("b", b)]) != first
    a.write_text("name\tkind\n天府粮仓\tmechanism\n", encoding="utf-8")
    assert fingerprint_of([("a", a), ("b", b)]) != first


def test_the_build_key_changes_with_the_report_and_with_the_extractor(monkeypatch) -> None:
    import kg.fingerprint as fp

    key = build_key("0" * 64)
    assert key == build_key("0" * 64) != build_key("1" * 64)
    assert len(extractor_fingerprint()) == 64
    monkeypatch.setattr(fp, "extractor_fingerprint", lambda: "an upgraded extractor")
    assert build_key("0" * 64) != key


def test_only_the_lexicon_tables_the_stages_load_are_in_the_fingerprint(tmp_path: Path, monkeypatch) -> None:
    import kg.fingerprint as fp

    (tmp_path / "regions.tsv").write_text("name\n甘肃省\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("sources\n", encoding="utf-8")
    (tmp_path / "make_divisions.py").write_text("print()\n", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "regions.tsv").write_text("x\n", encoding="utf-8")
    monkeypatch.setattr(fp, "LEXICON_DIR", tmp_path)
    lexicon = [name for name, _ in fp._stage_files() if name.startswith("lexicon/")]
    assert lexicon == ["lexicon/regions.tsv"]


def test_an_upgraded_runtime_changes_the_fingerprint(monkeypatch) -> None:
    """rdflib spells the terms and pyoxigraph computes the entailment: an upgrade of
    either (or of Python's Unicode tables) can change the triples of an unchanged report."""
    import kg.fingerprint as fp

    assert "rdflib" in fp.runtime() and "pyoxigraph" in fp.runtime() and "unicode" in fp.runtime()
    first = fp.extractor_fingerprint()
    fp.extractor_fingerprint.cache_clear()
    monkeypatch.setattr(fp, "runtime", lambda: "python 3.12 unicode 15.0.0 rdflib 8.0.0 pyoxigraph 0.6.0")
    try:
        assert fp.extractor_fingerprint() != first
    finally:
        fp.extractor_fingerprint.cache_clear()


def test_every_module_the_stages_import_is_in_the_fingerprint() -> None:
    """A module the stages share (kg/iri.py) changes triples too: leaving it out of
    STAGE_MODULES let an upgrade keep every stored report's old reading."""
    import subprocess
    import sys

    code = ("import sys, kg.ingest, kg.segment, kg.extract, kg.resolve, kg.rdf.build, kg.rdf.store\n"
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('kg.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    names = {name for name, _ in _stage_files()}
    package = Path(__import__("kg").__file__).resolve().parent
    missing = {f"kg/{Path(f).resolve().relative_to(package).as_posix()}" for f in loaded} - names
    assert missing <= {"kg/errors.py", "kg/fingerprint.py"}, "messages and the fingerprint itself make no triple"
