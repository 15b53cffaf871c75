"""The command line: a command parsed alone reads its arguments as the whole one does."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import COMMANDS, build_parser


@pytest.mark.parametrize("argv", [
    ["run", "gallery.yaml", "--windowed", "--size", "1280x800", "--event-log", "e.jsonl"],
    ["run"],
    ["validate", "gallery.yaml"],
    ["render", "--out", "proofs", "--size", "1080x1920"],
    ["render", "--out", "proofs", "--screen", "all", "--screen", "1024x600@7", "--strict"],
    ["set-pin"],
    ["install-service", "gallery.yaml", "--user", "kiosk"],
])
def test_one_command_is_parsed_alone_as_by_the_whole_command_line(argv: list[str]) -> None:
    assert build_parser(argv[0]).parse_args(argv) == build_parser().parse_args(argv)


def test_the_whole_command_line_lists_every_command() -> None:
    help_text = build_parser().format_help()
    assert all(command in help_text for command in COMMANDS)
    with pytest.raises(SystemExit):
        build_parser("run").parse_args(["validate", "gallery.yaml"])  # not set up alone
    assert build_parser("run").parse_args(["run"]).exhibit is None
    assert build_parser("validate").parse_args(
        ["validate", "x.yaml"]).exhibit == Path("x.yaml")
