#!/usr/bin/env python3
"""Lint the kiosk's QML against the Python types it binds to: 0 warnings or it fails.

qmllint knows Python-registered types only from a .qmltypes file, so this does what
`pyside6-project qmllint` does: `pyside6-metaobjectdump` reads the modules that register
types for QML, `pyside6-qmltyperegistrar` turns that into the `ExhibitKiosk` module's
.qmltypes, and `pyside6-qmllint` checks every file of kiosk/qml/Kiosk with it.

    .venv/bin/python tools/qmllint.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
QML_DIR = ROOT / "kiosk" / "qml"
IMPORT_NAME = "ExhibitKiosk"
BIN = Path(sys.executable).parent
METATYPES = Path(PySide6.__file__).parent / "Qt" / "metatypes"
# The Qt modules the registered classes derive from or use in signatures.
FOREIGN = ("qt6core_metatypes.json", "qt6gui_metatypes.json", "qt6qml_metatypes.json")


def registering_modules() -> list[Path]:
    """The kiosk's modules that put a type into the QML module."""
    return sorted(path for path in (ROOT / "kiosk").rglob("*.py")
                  if f'QML_IMPORT_NAME = "{IMPORT_NAME}"' in path.read_text(encoding="utf-8"))


def write_type_module(out: Path) -> None:
    """The ExhibitKiosk module's qmldir and .qmltypes, for qmllint's import path."""
    module = out / IMPORT_NAME
    module.mkdir(parents=True)
    metatypes = module / "exhibitkiosk_metatypes.json"
    subprocess.run([BIN / "pyside6-metaobjectdump", "-o", metatypes,
                    *registering_modules()], check=True)
    foreign = ",".join(str(METATYPES / name) for name in FOREIGN)
    subprocess.run([BIN / "pyside6-qmltyperegistrar", "--generate-qmltypes",
                    module / "exhibitkiosk.qmltypes", "-o", out / "registrations.cpp",
                    "--import-name", IMPORT_NAME, "--major-version", "1",
                    "--minor-version", "0", f"--foreign-types={foreign}", metatypes],
                   check=True)
    (module / "qmldir").write_text(f"module {IMPORT_NAME}\ntypeinfo exhibitkiosk.qmltypes\n",
                                   encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kiosk-qmllint-") as folder:
        types = Path(folder)
        write_type_module(types)
        files = sorted((QML_DIR / "Kiosk").glob("*.qml"))
        result = subprocess.run([BIN / "pyside6-qmllint", "--max-warnings", "0",
                                 "-I", types, "-I", QML_DIR, *files])
    print(f"qmllint: {len(files)} QML files, "
          + ("no warnings" if result.returncode == 0 else "warnings above"), file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
