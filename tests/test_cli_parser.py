"""A command builds only its own part of the command line's parser (cli._parser(only=...)): the same help,
errors and parsed arguments as the whole parser gives, for every command."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from shadowreport import cli


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_commands_name_every_command_of_the_parser():
    assert tuple(_subcommands(cli._parser())) == cli.COMMANDS


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = vars(parser.parse_args(argv))
            args.pop("handler", None)  # a function (or a lambda made afresh) either way
            code = None
        except SystemExit as stop:
            args, code = None, stop.code
    return args, code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", [
    ["lint", "draft.md", "--format", "json", "--today", "2026-11-23"], ["lint", "--help"], ["lint"], ["lint", "d.md", "--bogus"],
    ["mechanisms", "show", "upr", "--help"], ["mechanisms", "--help"], ["export", "p.yml"], ["checks", "--verbose"],
    ["earlier", "f.xlsx", "--position", "maybe"], ["project", "merge", "--help"], ["store", "purge", "--help"], ["backup", "--help"],
    ["restore", "b.backup", "--org", "X"], ["users", "add", "--help"], ["users", "reset", "ana"], ["app", "--help"],
])
def test_a_commands_own_parser_answers_as_the_whole_parser(argv: list[str]):
    whole, own = _outcome(cli._parser(), argv), _outcome(cli._parser(argv[0]), argv)
    assert own == whole
    assert (whole[0] is not None) or whole[1] in (0, 2)  # parsed, or help / a usage error


def test_the_whole_parser_still_answers_what_names_no_command():
    assert _outcome(cli._parser(), ["--help"])[2].count("    lint ") == 1
    assert "invalid choice: 'lnt'" in _outcome(cli._parser(), ["lnt"])[3]
