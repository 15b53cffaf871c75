"""The ``kiosk`` command line: run, validate, render and the staff/installer commands.

Heavy modules (Qt above all) are imported inside each command so that ``kiosk validate``
starts fast and runs on machines with no display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.bundled import bundled_exhibit
from kiosk.refcounts import make_singletons_immortal
from kiosk.screens import PROFILES, parse_screens

COMMANDS = ("run", "validate", "render", "set-pin", "install-service", "status", "screenshot",
            "publish", "rollback", "report")


def default_exhibit() -> Path:
    """``./exhibit.yaml`` when there is one, else the exhibit bundled with the kiosk."""
    local = Path("exhibit.yaml")
    return local if local.is_file() else bundled_exhibit()


def parse_size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT, e.g. 1920x1080, not {value!r}") from None
    if not (200 <= width <= 16384 and 200 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"size {value} is out of range (200 to 16384 a side)")
    return width, height


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:  # guard: event-log-options-validated
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {value!r}")
    return number


def _exhibit_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "exhibit",
        nargs="?",
        type=Path,
        help="the exhibit file (default: ./exhibit.yaml, else the bundled exhibit)",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``only``, that command alone: each command's parser costs
    argparse a round of translation look-ups, and `kiosk run` starts the kiosk."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Show a museum exhibit fullscreen on a touchscreen.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser | None:
        return commands.add_parser(name, help=help) if only in (None, name) else None

    if run := command("run", "show the exhibit (the default command)"):
        _exhibit_argument(run)
        run.add_argument("--windowed", action="store_true",
                         help="a window instead of fullscreen")
        run.add_argument("--size", type=parse_size, default=None, metavar="WxH",
                         help="window size with --windowed (default 1920x1080)")
        run.add_argument("--event-log", type=Path, default=None, metavar="PATH",
                         help="visitor event log, one JSON object a line (default: data folder)")
        # Defaults live in kiosk.live.eventlog, which this module does not import (Qt).
        run.add_argument("--event-log-max-mb", type=positive_int, default=None, metavar="MB",
                         help="rotate the event log into PATH.1.gz once it passes this many "
                              "megabytes (default 5)")
        run.add_argument("--event-log-keep", type=positive_int, default=None, metavar="N",
                         help="how many rotated event logs to keep, PATH.1.gz to PATH.N.gz "
                              "(default 10)")
        run.add_argument("--site", type=Path, default=None, metavar="PATH",
                         help="the site file (name, hours, metrics; default: "
                              "/etc/exhibit-kiosk/site.yaml, else the user's config folder)")
    if validate := command("validate", "check an exhibit file and its images"):
        _exhibit_argument(validate)
        validate.add_argument("--site", type=Path, default=None, metavar="PATH",
                              help="check this site file (hours, closures, display, "
                                   "metrics) instead; with EXHIBIT too, check both")
    if render := command("render", "render every screen to PNG plus a proof sheet, and "
                                   "check that every text fits"):
        _exhibit_argument(render)
        render.add_argument("--out", type=Path, required=True, metavar="DIR")
        screen = render.add_mutually_exclusive_group()
        screen.add_argument("--size", type=parse_size, default=None, metavar="WxH",
                            help="a screen of this many pixels, taken as 24 inches")
        screen.add_argument(
            "--screen", dest="screens", type=parse_screens, action="extend", default=None,
            metavar="NAME|WxH@IN",
            help=f"a screen profile ({', '.join(PROFILES)}), 'all' for every one, or a "
                 "custom one such as 1366x768@15.6; repeat for several, each then in its "
                 "own folder of DIR (default: 24in)")
        render.add_argument("--strict", action="store_true",
                            help="exit 1 when any text does not fit")
    command("set-pin", "set the staff PIN (asked twice)")
    if status := command("status", "say how the running kiosk is: exhibit, hours, display, "
                                   "reloads, visits"):
        status.add_argument("--json", action="store_true", help="as JSON, for scripts")
    if screenshot := command("screenshot", "save what the running kiosk shows now"):
        screenshot.add_argument("out", type=Path, metavar="OUT.png")
    if publish := command("publish", "check an exhibit and publish it as a release for the "
                                     "kiosks that follow FOLDER"):
        publish.add_argument("exhibit_dir", type=Path, metavar="EXHIBIT_DIR",
                             help="the exhibit's folder (exhibit.yaml and its pictures)")
        publish.add_argument("--to", type=Path, required=True, metavar="FOLDER",
                             help="the publish folder (shared with the kiosks by Syncthing "
                                  "or rsync)")
        publish.add_argument("--by", default=None, metavar="NAME",
                             help="who publishes, for the manifest (default: user@host)")
        publish.add_argument(
            "--screen", dest="screens", type=parse_screens, action="extend", default=None,
            metavar="NAME|WxH@IN",
            help="refuse it unless every text fits on this screen, as `kiosk render` checks "
                 f"({', '.join(PROFILES)}, 'all', or such as 1366x768@15.6); repeat for the "
                 "screens your kiosks have")
    command("rollback", "go back to the release this kiosk showed before")
    if report := command("report", "what visitors did, from one kiosk's or a whole "
                                   "museum's event logs: a page, summary.json and CSV"):
        report.add_argument("logs", type=Path, nargs="+", metavar="LOG_OR_FOLDER",
                            help="an event log, a kiosk's folder of them, or a collection "
                                 "folder with one folder a kiosk")
        report.add_argument("--out", type=Path, required=True, metavar="DIR")
        report.add_argument("--exhibit", type=Path, default=None, metavar="PATH",
                            help="the exhibit file the logs come from: the page calls "
                                 "panels by their titles in its first language, not ids")
    if service := command("install-service",
                          "install a systemd unit that starts the kiosk at boot"):
        _exhibit_argument(service)
        service.add_argument("--user", default=None, help="the account the kiosk runs as")
        service.add_argument("--unit-dir", type=Path, default=None, metavar="DIR",
                             help="where to write the unit (default /etc/systemd/system)")
        service.add_argument("--site", type=Path, default=None, metavar="PATH",
                             help="the site file, also passed to the kiosk (default: the one "
                                  "the kiosk finds: /etc/exhibit-kiosk/site.yaml, else the "
                                  "account's config folder); its metrics folder and display "
                                  "power devices are opened in the sandbox")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `kiosk [EXHIBIT] [--windowed]` means `kiosk run …`.
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in
                         ("-h", "--help", "--version")):
        args_list.insert(0, "run")
    command = args_list[0] if args_list[0] in COMMANDS else None
    args = build_parser(command).parse_args(args_list)
    # Asking the running kiosk needs no Qt here.
    if args.command == "status":
        from kiosk.control.commands import status_command

        return status_command(as_json=args.json)
    if args.command == "screenshot":
        from kiosk.control.commands import screenshot_command

        return screenshot_command(args.out)
    if args.command == "rollback":
        from kiosk.content.store import STORE, rollback_command
        from kiosk.paths import data_dir

        return rollback_command(data_dir() / STORE, sys.stdout, sys.stderr)
    if args.command == "report":
        from kiosk.report.command import report_command

        return report_command(args.logs, args.out, exhibit=args.exhibit)
    make_singletons_immortal()  # every command that touches Qt, on Python 3.11 (see the module)
    exhibit = getattr(args, "exhibit", None) or default_exhibit()

    if args.command == "validate":
        from kiosk.exhibit.report import validate_command

        if args.site is not None:
            from kiosk.site.report import validate_site_command

            status = validate_site_command(args.site, sys.stdout, sys.stderr)
            if args.exhibit is None:
                return status
            return max(status, validate_command(args.exhibit, sys.stdout, sys.stderr))
        return validate_command(exhibit, sys.stdout, sys.stderr)
    if args.command == "render":
        from kiosk.render.command import render_command

        return render_command(exhibit, args.out, args.size, screens=args.screens or (),
                              strict=args.strict)
    if args.command == "publish":
        from kiosk.content.publish import publish_command

        return publish_command(args.exhibit_dir, args.to, by=args.by,
                               screens=args.screens or ())
    if args.command == "set-pin":
        from kiosk.staff.pin import set_pin_command

        return set_pin_command(sys.stdin, sys.stdout, sys.stderr)
    if args.command == "install-service":
        from kiosk.service.install import install_service_command

        return install_service_command(exhibit, user=args.user, unit_dir=args.unit_dir,
                                       site=args.site)

    from kiosk.run import run_kiosk

    max_mb = args.event_log_max_mb
    return run_kiosk(exhibit, windowed=args.windowed, size=args.size, event_log=args.event_log,
                     event_log_max_bytes=max_mb * 1_000_000 if max_mb else None,
                     event_log_keep=args.event_log_keep,  # guard: event-log-options-wired
                     site_path=args.site)
