"""Rebuild every image of the bundled exhibit into assets/.

    .venv/bin/python tools/artwork/build.py

Needs PySide6 and the Noto fonts (Debian: fonts-noto-core, or assets/fonts/). The output
is deterministic, so a rebuild with unchanged scripts changes no file's pixels.
"""

from __future__ import annotations

import charts
import maps
import posters
import timelines


def main() -> None:
    posters.main()
    charts.main()
    maps.main()
    timelines.main()


if __name__ == "__main__":
    main()
