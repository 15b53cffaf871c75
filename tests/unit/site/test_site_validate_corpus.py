"""`kiosk validate --site` on the corpus: each broken site file holds one kind of problem.

Every ``NAME.yaml`` in tests/corpus/sites has a ``NAME.expected`` beside it: the exit code
on the first line, then the exact output. The tests that spell out single lines are the
contract in miniature: file:line:col, the message, and the exit code.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.site.report import validate_site_command

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "sites"
NAMES = sorted(path.stem for path in CORPUS.glob("*.yaml"))


def run_validate(name: str) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = validate_site_command(Path(f"{name}.yaml"), out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    # Installers run `kiosk validate --site site.yaml` beside the file; messages name it so.
    monkeypatch.chdir(CORPUS)


def test_every_corpus_file_has_its_expected_output() -> None:
    missing = [name for name in NAMES if not (CORPUS / f"{name}.expected").is_file()]
    assert len(NAMES) > 20 and not missing


@pytest.mark.parametrize("name", NAMES)
def test_output_matches_expected(name: str) -> None:
    first, *lines = (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    code, out, err = run_validate(name)
    assert (code, out) == (int(first.removeprefix("exit ")), lines)
    assert err == ""
    assert "Traceback" not in "\n".join(out)


def test_the_good_site_file_is_valid() -> None:
    assert run_validate("good") == (
        0, ["good.yaml: 5 closures, 1 special opening, 0 warnings, 0 errors"], "")


def test_a_time_past_23_hours_names_the_range() -> None:
    code, out, _ = run_validate("hours")
    assert code == 1
    assert out[1] == ("hours.yaml:3:8: error: '25:00' is not a time of day: hours run from 00 "
                      "to 23 (24:00 is allowed as a closing time)")


def test_closing_before_opening_says_how_to_cross_midnight() -> None:
    _, out, _ = run_validate("hours")
    assert out[4] == (
        "hours.yaml:6:8: error: '20:00-02:00' closes before it opens; an interval cannot run "
        "past midnight: close at 24:00 and open the next day at 00:00 (\"20:00-24:00\", then "
        "\"00:00-02:00\")")


def test_overlapping_intervals_point_at_the_later_one() -> None:
    _, out, _ = run_validate("hours")
    assert out[5] == ("hours.yaml:7:24: error: '12:00-18:00' overlaps '10:00-13:00' on fri; "
                      "make the intervals follow one another, or join them into one")


def test_an_unknown_weekday_suggests_the_right_one_and_the_missing_day_is_named() -> None:
    _, out, _ = run_validate("hours")
    assert out[0] == ("hours.yaml:3:3: error: hours has no sun; give every weekday its hours, "
                      "or `closed` (e.g. `sun: closed`)")
    assert out[7] == "hours.yaml:9:3: error: unknown key 'sunday' in hours; did you mean 'sun'?"


def test_an_unknown_key_suggests_the_right_one() -> None:
    code, out, _ = run_validate("unknown-key")
    assert code == 1
    assert out[1] == ("unknown-key.yaml:2:1: error: unknown key 'special_opening' in the site "
                      "file; did you mean 'special_openings'?")


def test_an_unknown_time_zone_suggests_the_right_one() -> None:
    assert run_validate("timezone")[1][0] == (
        "timezone.yaml:2:11: error: unknown time zone 'Europe/Berln'; did you mean "
        "'Europe/Berlin'?")


def test_a_missing_calendar_file_is_named_with_its_path() -> None:
    assert run_validate("ics-missing")[1][0] == (
        "ics-missing.yaml:2:15: error: the calendar file 'holidays/missing.ics' does not "
        "exist; check the name and folder (a relative path starts at the site file's folder)")


def test_bad_calendar_events_are_reported_in_the_calendar_file() -> None:
    code, out, _ = run_validate("ics-events")
    assert code == 1
    assert out[1] == (
        "broken-events.ics:13:1: error: DTSTART names the time zone 'Mars/Olympus', which is "
        "neither a known zone nor defined in the file (VTIMEZONE); export the calendar again, "
        "or use a zone name like Europe/Berlin")
    assert out[-1] == "ics-events.yaml: 0 closures, 0 special openings, 0 warnings, 6 errors"


def test_an_invalid_display_backend_suggests_the_right_one() -> None:
    assert run_validate("display")[1][0] == (
        "display.yaml:3:11: error: 'ddcutl' is not a display power backend (auto, none, "
        "wlr-randr, xset-dpms, ddcutil, cec-client); did you mean 'ddcutil'?")


def test_the_shared_yaml_checks_speak_of_site_files() -> None:
    assert run_validate("anchors")[1][0] == (
        "anchors.yaml:2:8: error: `&week` defines an anchor; anchors (`&`) and aliases (`*`) "
        "are not supported in site files: remove it")


def test_a_restart_while_open_is_a_warning_only() -> None:
    code, out, _ = run_validate("restart-while-open")
    assert code == 0
    assert out[0].startswith("restart-while-open.yaml:10:16: warning: the daily restart at "
                             "10:30 falls within the opening hours (mon 10:00-18:00, ")


def test_kiosk_validate_site_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--site", "good.yaml"]) == 0
    assert capsys.readouterr().out == (
        "good.yaml: 5 closures, 1 special opening, 0 warnings, 0 errors\n")
    assert main(["validate", "--site", "version.yaml"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "version.yaml:1:10: error: version 2 is not supported; this kiosk reads version 1 "
        "site files (`version: 1`)")
    assert main(["validate", "--site", "no-such-site.yaml"]) == 2
    assert capsys.readouterr().err == (
        "no-such-site.yaml: error: the file does not exist; check the name and folder\n")


def test_kiosk_validate_with_an_exhibit_and_a_site_checks_both(
        capsys: pytest.CaptureFixture[str]) -> None:
    exhibit = CORPUS.parent / "exhibits" / "good.yaml"
    assert main(["validate", str(exhibit), "--site", "good.yaml"]) == 0
    assert main(["validate", str(exhibit), "--site", "hours.yaml"]) == 1
    out = capsys.readouterr().out
    assert "good.yaml: 2 eras, 2 panels, 3 images, 0 warnings, 0 errors" in out
    assert "hours.yaml: 0 closures, 0 special openings, 0 warnings, 8 errors" in out


def test_a_folder_given_as_the_site_file_names_site_yaml(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert validate_site_command(tmp_path, out, err) == 2
    assert err.getvalue() == (f"{tmp_path}: error: this is a folder; give the site file "
                              f"inside it, e.g. {tmp_path / 'site.yaml'}\n")
