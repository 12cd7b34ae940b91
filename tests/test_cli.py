"""The ``kg`` command: subcommands, exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest

from conftest import DEV, SAMPLE, SAMPLE_GOLD
from kg.cli import main, make_parser
from mini_support import MINI

COMMANDS = ("build", "extract", "eval", "export", "validate", "query", "serve", "push",
            "analyze", "viz", "path", "neighbours")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "exit codes" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SAMPLE), "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("value", ["-1", "two"])
def test_build_refuses_a_bad_job_count(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(SAMPLE), "-j", value])
    assert exc.value.code == 2
    assert "-j/--jobs" in capsys.readouterr().err


def test_build_uses_one_process_per_cpu_by_default(tmp_path, monkeypatch):
    seen = {}

    def fake_build(paths, out, **kwargs):
        seen.update(kwargs)
        raise SystemExit(0)

    monkeypatch.setattr("kg.pipeline.build", fake_build)
    monkeypatch.setattr("kg.cli._cpus", lambda: 3)
    with pytest.raises(SystemExit):
        main(["build", str(SAMPLE), "-o", str(tmp_path)])
    assert seen["jobs"] == 3
    with pytest.raises(SystemExit):
        main(["build", str(SAMPLE), "-o", str(tmp_path), "-j", "1"])
    assert seen["jobs"] == 1


def test_build_prints_summary(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "-o", str(tmp_path), "--no-viz", "--no-report"]) == 0
    out = capsys.readouterr().out
    assert "documents  1 built, 0 unchanged, 0 failed" in out
    assert "triples" in out and "metrics" in out


def test_build_with_missing_input_exits_2_naming_the_file(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    code = main(["build", str(SAMPLE), str(missing), "-o", str(tmp_path / "o"), "-q", "--no-viz", "--no-report"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and str(missing) in err[0] and "Traceback" not in err[0]
    assert (tmp_path / "o" / "graph.ttl").exists(), "the good file still builds"


def test_extract_json_has_the_format_fields(capsys):
    assert main(["extract", str(SAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"document", "agencies", "people", "places", "policies", "works",
                         "initiatives", "metrics"}
    assert data["document"]["id"] == "gansu-2023-rule-of-law-highlights"


def test_eval_scores_a_report_against_gold(capsys):
    assert main(["eval", str(SAMPLE_GOLD), str(SAMPLE), "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)["scores"]
    assert set(scores) >= {"agencies", "metrics", "micro"}
    assert 0.0 <= scores["micro"]["f1"] <= 1.0


def test_eval_of_a_gold_folder_pairs_reports_by_name(capsys):
    assert main(["eval", str(DEV)]) == 0
    out = capsys.readouterr().out
    assert "gansu-gwr-2026-excerpt" in out and "national-gwr-2023-excerpt" in out
    assert "micro" in out


def test_eval_with_missing_prediction_exits_2(tmp_path, capsys):
    assert main(["eval", str(SAMPLE_GOLD), str(tmp_path / "none.txt")]) == 2
    assert "none.txt" in capsys.readouterr().err


def test_validate_sample_graph_conforms(built):
    assert main(["validate", "--graph", str(built / "graph.ttl")]) == 0


def test_validate_reports_violations_with_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix gkg: <https://w3id.org/govkg/ontology#> .\n"
        "<https://w3id.org/govkg/id/doc/x/metric/0> a gkg:Metric ; gkg:text \"3件\" .\n",
        encoding="utf-8",
    )
    assert main(["validate", "--graph", str(bad)]) == 1
    assert "metric/0" in capsys.readouterr().out


def test_reading_commands_without_a_build_explain_what_to_do(tmp_path, capsys):
    assert main(["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--out", str(tmp_path)]) == 2
    assert "kg build" in capsys.readouterr().err


def test_export_ntriples_of_the_last_build(built, tmp_path):
    target = tmp_path / "g.nt"
    assert main(["export", "--out", str(built), "--format", "nt", "-o", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 1000 and all(line.endswith(" .") for line in lines)


def test_parser_lists_all_commands():
    help_text = make_parser().format_help()
    for command in COMMANDS:
        assert command in help_text


def test_analyze_json_and_top(built, capsys):
    assert main(["analyze", "--out", str(built), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["scores"], "per-entity scores by default"
    assert main(["analyze", "--out", str(built), "--format", "json", "--no-scores"]) == 0
    assert json.loads(capsys.readouterr().out)["scores"] == []
    assert main(["analyze", "--out", str(built), "--top", "2"]) == 0
    text = capsys.readouterr().out
    agencies = text.split("## Most central agencies", 1)[1].split("##", 1)[0]
    assert sum(1 for line in agencies.splitlines() if line.startswith("| ") and line[2].isdigit()) == 2


def test_viz_options_write_a_page(built, tmp_path):
    page = tmp_path / "m.html"
    assert main(["viz", "--out", str(built), "-o", str(page), "--title", "<b>测试</b>", "--no-unrelated"]) == 0
    html = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;测试&lt;/b&gt;" in html and "<b>测试</b>" not in html


def test_ctrl_c_stops_a_long_query_at_once(tmp_path):
    """pyoxigraph evaluates a query in Rust, where the main thread never saw SIGINT:
    Ctrl-C did nothing until the query ended (minutes for a cross product)."""
    import signal
    import subprocess
    import sys
    import time

    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", "--graph", str(MINI), cross],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    time.sleep(2.0)  # start-up and load, then well inside the query
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError("kg query went on after Ctrl-C") from None
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "kg query: interrupted"
