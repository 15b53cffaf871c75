"""An SVG cheap to store and costly to draw: thousands of large shapes under a wide blur."""

from __future__ import annotations

from pathlib import Path


def write_slow_svg(path: Path, shapes: int = 2000) -> Path:
    rects = "".join(f'<rect x="{i % 50 * 10}" y="{i // 50 * 10}" width="400" height="400" '
                    'filter="url(#blur)"/>' for i in range(shapes))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
                    '<defs><filter id="blur"><feGaussianBlur stdDeviation="500"/></filter>'
                    f'</defs>{rects}</svg>', encoding="utf-8")
    return path
