#!/usr/bin/env python3
"""Update the kiosk's translations of its own words, then compile them.

`pyside6-lupdate` reads every qsTr() of kiosk/qml/Kiosk and every translate() of the
kiosk's Python into kiosk/i18n/kiosk_<code>.ts (a new word arrives there unfinished, for
a translator to fill in, in Qt Linguist or any editor); `pyside6-lrelease` then compiles
each .ts to the .qm beside it, which the kiosk loads. The .qm files are kept in the
repository, so a clean clone, an install and a wheel all have them without Qt's tools.

    .venv/bin/python tools/translations.py            # update the .ts files, then the .qm
    .venv/bin/python tools/translations.py --add de   # start kiosk_de.ts for German
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N_DIR = ROOT / "kiosk" / "i18n"
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    """Every file that may hold words to translate: the QML screens and the Python."""
    kiosk = ROOT / "kiosk"
    return sorted((kiosk / "qml" / "Kiosk").glob("*.qml")) + sorted(kiosk.rglob("*.py"))


def ts_files() -> list[Path]:
    return sorted(I18N_DIR.glob("kiosk_*.ts"))


def lupdate(ts: list[Path], *, quiet: bool = False) -> None:
    """Bring `ts` up to date with the sources. Without line numbers, so an edit elsewhere
    in a QML file leaves the .ts unchanged."""
    subprocess.run([BIN / "pyside6-lupdate", *(["-silent"] if quiet else []),
                    "-locations", "none", *sources(), "-ts", *ts], check=True)


def lrelease(ts: Path, qm: Path, *, quiet: bool = False) -> None:
    subprocess.run([BIN / "pyside6-lrelease", *(["-silent"] if quiet else []),
                    ts, "-qm", qm], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add", metavar="CODE", action="append", default=[],
                        help="start the translation into this language (e.g. de)")
    args = parser.parse_args(argv)
    I18N_DIR.mkdir(exist_ok=True)
    files = sorted({*ts_files(), *(I18N_DIR / f"kiosk_{code}.ts" for code in args.add)})
    if not files:
        print("no translations in kiosk/i18n: start one with --add CODE", file=sys.stderr)
        return 1
    lupdate(files)
    for ts in files:
        lrelease(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
