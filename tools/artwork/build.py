"""Rebuild every picture of the bundled exhibit into assets/.

    .venv/bin/python tools/artwork/build.py              # every picture
    .venv/bin/python tools/artwork/build.py europe-1949  # only those named
    .venv/bin/python tools/artwork/build.py --list       # each file and the script drawing it

Needs PySide6 and the Noto fonts (Debian: fonts-noto-core, or assets/fonts/). The output
is deterministic, so a full rebuild with unchanged scripts changes no file's pixels. A picture
with words is drawn once per language of the exhibit (``NAME.en.png``, ``NAME.ru.png``).
"""

from __future__ import annotations

import sys

from canvas import ARTWORK, ASSETS, LANGUAGES
from drawings import load_all


def main(names: list[str]) -> None:
    load_all()
    if names == ["--list"]:
        for art in sorted(ARTWORK.values(), key=lambda art: art.stem):
            for name in art.outputs():
                print(f"assets/{name}\ttools/artwork/{art.module}.py")
        return
    unknown = [name for name in names if name not in ARTWORK]
    if unknown:
        sys.exit(f"no drawing named {', '.join(unknown)}; known: {', '.join(sorted(ARTWORK))}")
    for stem in names or sorted(ARTWORK):
        art = ARTWORK[stem]
        for lang in LANGUAGES if art.per_language else (None,):
            art.draw(lang)
    if not names:
        made = {name for art in ARTWORK.values() for name in art.outputs()}
        for stale in sorted(p for p in ASSETS.glob("*.png") if p.name not in made):
            stale.unlink()
            print(f"removed {stale.name}: no drawing makes it any more")


if __name__ == "__main__":
    main(sys.argv[1:])
