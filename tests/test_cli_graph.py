"""kg.cli_graph: the graph-reading subcommands, their shared options and ``--param``."""

from __future__ import annotations

import argparse

import pytest

from kg.cli import main
from kg.cli_graph import _params as params
from kg.cli_graph import add_graph_commands
from kg.errors import EXIT_BAD_INPUT, KgError
from mini_support import MINI

GRAPH_COMMANDS = ("export", "validate", "query", "serve", "push", "analyze", "viz", "path", "neighbours")


def _registered() -> dict[str, argparse.ArgumentParser]:
    """What add_graph_commands registers, through a recording ``add``."""
    parsers: dict[str, argparse.ArgumentParser] = {}

    def add(name: str, help: str, func) -> argparse.ArgumentParser:
        p = argparse.ArgumentParser(prog=f"kg {name}", description=help)
        p.set_defaults(func=func)
        parsers[name] = p
        return p

    add_graph_commands(add)
    return parsers


def test_every_graph_command_is_registered_in_help_order_with_the_graph_options():
    parsers = _registered()
    assert tuple(parsers) == GRAPH_COMMANDS
    for name, p in parsers.items():
        args = p.parse_args(["--graph", "g.ttl"] + {"path": ["A", "B"], "neighbours": ["E"],
                                                     "push": ["--endpoint", "http://x"]}.get(name, []))
        assert str(args.graph) == "g.ttl" and args.store is None and str(args.out) == "out", name
        assert args.func.__name__ == f"cmd_{name}"


def test_params_split_at_the_first_equals_sign():
    assert params(["name=甘肃省司法厅", "q=a=b", "empty="]) == {"name": "甘肃省司法厅", "q": "a=b", "empty": ""}
    assert params([]) == {}


@pytest.mark.parametrize("pair", ["novalue", "=value"])
def test_params_without_a_name_or_equals_sign_are_bad_input(pair):
    with pytest.raises(KgError, match="NAME=VALUE") as exc:
        params([pair])
    assert exc.value.exit_code == EXIT_BAD_INPUT


def test_a_bad_param_through_kg_query_is_one_line_and_exit_2(capsys):
    code = main(["query", "--graph", str(MINI), "about-entity", "--param", "甘肃省司法厅"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT
    assert err == ["kg query: --param takes NAME=VALUE, got '甘肃省司法厅'"]
