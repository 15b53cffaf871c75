"""The command line: a command parsed alone reads its arguments as the whole one does."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import COMMANDS, build_parser, main
from kiosk.live import eventlog


@pytest.mark.parametrize("argv", [
    ["run", "gallery.yaml", "--windowed", "--size", "1280x800", "--event-log", "e.jsonl"],
    ["run", "--event-log-max-mb", "2", "--event-log-keep", "3"],
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


def test_event_log_limits_reach_the_kiosk(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, object]] = []

    def run_kiosk(exhibit: Path, **options: object) -> int:
        calls.append(options)
        return 0

    monkeypatch.setattr("kiosk.run.run_kiosk", run_kiosk)
    assert main(["run", "gallery.yaml", "--event-log-max-mb", "2", "--event-log-keep", "3"]) == 0
    assert main(["run", "gallery.yaml"]) == 0
    assert [(c["event_log_max_bytes"], c["event_log_keep"]) for c in calls] == [
        (2_000_000, 3), (None, None)]  # None: the event log's own defaults


@pytest.mark.parametrize("option", ["--event-log-max-mb", "--event-log-keep"])
@pytest.mark.parametrize("value", ["0", "-2", "1.5", "many"])
def test_event_log_limits_must_be_whole_numbers_of_one_or_more(
        option: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser("run").parse_args(["run", option, value])
    assert exit_.value.code == 2
    assert f"argument {option}: expected a whole number of 1 or more, not '{value}'" in (
        capsys.readouterr().err)


def test_the_help_states_the_event_log_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    # The command line does not import the event log (it would bring Qt in); this keeps
    # the defaults its help states honest.
    with pytest.raises(SystemExit):
        build_parser("run").parse_args(["run", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"megabytes (default {eventlog.DEFAULT_MAX_BYTES // 1_000_000})" in help_text
    assert f"PATH.N.gz (default {eventlog.DEFAULT_KEEP})" in help_text
