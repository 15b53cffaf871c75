"""What the kiosk accepts in an SVG, read from its text without drawing it.

An SVG is a program of sorts: it can declare entities that expand a billion-fold, `<use>`
copies that multiply, and references to other files. Qt's renderer loads an `<image>`'s
file from any path it is given, absolute ones included, so an unchecked SVG could show a
picture from anywhere on the kiosk's disk. Accepted here: references within the file
(`#id`), pictures embedded as `data:` URLs, and `<image>` files in the SVG's own folder or
below it, which the caller checks like any picture. Nothing else outside the file: no
URLs, no external CSS or fonts.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import PurePosixPath

from kiosk.exhibit.filebytes import utf16_or_32
from kiosk.exhibit.imagerefused import ImageRefused

#: SVGs are parsed whole, so their size is capped; `<use>` copies are capped after expansion.
SVG_MAX_BYTES = 5 * 1024 * 1024  # guard: svg-size-cap
SVG_MAX_USE_COPIES = 10_000  # guard: svg-use-copies

_UNIT_PX = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
            "in": 96.0, "em": 16.0, "ex": 8.0}
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z%]*)\s*$")
_ROOT_TAG = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/?>")
_ATTR = re.compile(r"([A-Za-z_][\w.:-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DEFAULT_SVG_SIZE = (300, 150)  # what browsers give an SVG with no size at all

_HREFS = ("href", "{http://www.w3.org/1999/xlink}href")
_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|jpg|webp)[;,]", re.IGNORECASE)
_STAY_INSIDE = ("embed the picture in the SVG, or put it in the SVG's folder and refer to it "
                "by its name")


@dataclass(frozen=True)
class SvgFacts:
    """What an SVG's text says: its size, and the picture files its `<image>`s show."""

    width: int
    height: int
    pictures: tuple[str, ...]  # relative to the SVG's folder, as written


def read_svg(data: bytes) -> SvgFacts:
    """The size and picture files of the SVG ``data``; raises :class:`ImageRefused` for
    anything the kiosk will not draw."""
    if len(data) > SVG_MAX_BYTES:
        raise ImageRefused(f"the SVG is over the {SVG_MAX_BYTES // 1048576} MB limit")
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:  # guard: svg-entities
        raise ImageRefused(
            "the SVG has a <!DOCTYPE> or <!ENTITY> declaration, which the kiosk refuses "
            "for safety; delete it (SVG does not need one)")
    if b"<?xml-stylesheet" in lowered:
        raise ImageRefused("the SVG links an external style sheet (<?xml-stylesheet?>); "
                           "put its styles in the SVG itself")
    encoding = utf16_or_32(data)
    if encoding:
        raise ImageRefused(f"the SVG is saved as {encoding}; save it as UTF-8")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImageRefused("the SVG is not valid UTF-8 text; save it as UTF-8") from None
    match = _ROOT_TAG.search(data)
    if match is None:
        raise ImageRefused("no root element found; the SVG is empty or damaged")
    tag = match.group(1).decode("utf-8", "replace")
    if tag.rsplit(":", 1)[-1] != "svg":
        raise ImageRefused(f"the root element is <{tag}>, not <svg>; this is not an SVG image")
    attrs = {m.group(1).removeprefix("svg:"): m.group(2) if m.group(2) is not None else m.group(3)
             for m in _ATTR.finditer(match.group(2).decode("utf-8", "replace"))}
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ImageRefused(f"the SVG is not well-formed XML ({exc})") from None
    pictures = _references(root)
    _check_use_expansion(root)
    width, height = _size(attrs)
    return SvgFacts(width, height, pictures)


def _size(attrs: dict[str, str]) -> tuple[int, int]:
    view_box = _parse_view_box(attrs.get("viewBox"))
    width = _parse_length(attrs.get("width"))
    height = _parse_length(attrs.get("height"))
    if width is None and height is None:
        if view_box is None:
            return _DEFAULT_SVG_SIZE
        return _round(view_box[0]), _round(view_box[1])
    if width is None or height is None:
        if view_box is not None and view_box[0] > 0 and view_box[1] > 0:
            ratio = view_box[1] / view_box[0]
            if width is None:
                width = height / ratio if height is not None else None
            else:
                height = width * ratio
        width = width if width is not None else _DEFAULT_SVG_SIZE[0]
        height = height if height is not None else _DEFAULT_SVG_SIZE[1]
    return _round(width), _round(height)


def _round(value: float) -> int:
    # guard: svg-size-finite
    if not math.isfinite(value):
        raise ImageRefused("the SVG gives its size as a number too large to use; give its "
                           "width and height in pixels, e.g. width=\"1200\" height=\"800\"")
    return max(1, round(value)) if value > 0 else 0


def _parse_length(value: str | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    if match is None or match.group(2) not in _UNIT_PX:  # "100%" and the like: use viewBox
        return None
    return float(match.group(1)) * _UNIT_PX[match.group(2)]


def _parse_view_box(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    parts = value.replace(",", " ").split()
    if len(parts) != 4:
        return None
    try:
        width, height = float(parts[2]), float(parts[3])
    except ValueError:
        return None
    return (width, height) if width > 0 and height > 0 else None


# --- references to other files ----------------------------------------------------------

def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _shown(reference: str) -> str:
    return reference if len(reference) <= 120 else reference[:117] + "…"


def _references(root: ET.Element) -> tuple[str, ...]:
    """The `<image>` files ``root`` shows; refuses every other reference outside the file."""
    pictures: list[str] = []
    for element in root.iter():
        tag = _local(element.tag)
        for key in _HREFS:
            target = (element.get(key) or "").strip()
            if not target or target.startswith("#"):
                continue
            if tag == "a":
                continue  # a link is only followed by a browser, and the kiosk has none
            if tag != "image":  # guard: svg-no-other-references
                raise ImageRefused(
                    f"its <{tag}> refers to '{_shown(target)}', outside the SVG; the kiosk "
                    "draws only what is in the file itself")
            if not _EMBEDDED_PICTURE.match(target):
                pictures.append(_picture_reference(target))
        for value in element.attrib.values():
            _check_urls(tag, value)
        if tag == "style" and element.text:
            if "@import" in element.text.lower():
                raise ImageRefused("its <style> imports another style sheet (@import); put "
                                   "the styles in the SVG itself")
            _check_urls(tag, element.text)
    return tuple(pictures)


def _picture_reference(target: str) -> str:
    """A relative `<image>` file name, or :class:`ImageRefused` for anything else."""
    where = f"its <image> refers to '{_shown(target)}'"
    if target.startswith("data:"):
        raise ImageRefused(f"{where}: only PNG, JPEG or WebP pictures may be embedded")
    if _SCHEME.match(target) or target.startswith((":", "~")):
        raise ImageRefused(f"{where}, which is not a file in the exhibit; {_STAY_INSIDE}")
    path = PurePosixPath(target)
    # guard: svg-image-stays-in-its-folder
    if path.is_absolute() or "\\" in target or ".." in path.parts:
        raise ImageRefused(f"{where}, outside the SVG's folder; {_STAY_INSIDE}")
    if path.suffix.lower() == ".svg":
        raise ImageRefused(f"{where}, an SVG inside an SVG, which the kiosk does not draw; "
                           "export the inner one as PNG")
    return target


def _check_urls(tag: str, text: str) -> None:
    for match in _URL.finditer(text):
        target = match.group(2).strip()
        # guard: svg-no-external-urls
        if not target.startswith("#"):
            raise ImageRefused(
                f"its <{tag}> refers to 'url({_shown(target)})', outside the SVG (an external "
                "picture, style sheet or font); the kiosk draws only what is in the file itself")


# --- <use> ------------------------------------------------------------------------------

def _check_use_expansion(root: ET.Element) -> None:
    """Refuse `<use>` loops and `<use>` chains that multiply into too many copies.

    Ten layers of ten `<use>` each is only 100 elements but 10^10 drawn copies, so the
    count is taken after expansion, not from the file.
    """
    # For each element with an id: the ids its subtree <use>s, with multiplicity.
    refs: dict[str, list[str]] = {}
    top_level: list[str] = []

    def walk(element: ET.Element, owners: list[str]) -> None:
        element_id = element.get("id")
        if element_id:
            refs.setdefault(element_id, [])
            owners = [*owners, element_id]
        if _local(element.tag) == "use":
            target = element.get(_HREFS[0]) or element.get(_HREFS[1]) or ""
            if target.startswith("#"):
                target = target[1:]
                for owner in owners:
                    refs[owner].append(target)
                top_level.append(target)
        for child in element:
            walk(child, owners)

    try:
        walk(root, [])
    except RecursionError:
        raise ImageRefused("the SVG is nested too deeply to draw") from None
    copies: dict[str, int] = {}
    visiting: set[str] = set()

    def expand(element_id: str) -> int:
        if element_id in copies:
            return copies[element_id]
        if element_id in visiting:  # guard: svg-use-loop
            raise ImageRefused(
                f"the SVG's <use> elements form a loop through id '{element_id}'; "
                "it would never finish drawing")
        visiting.add(element_id)
        total = 1
        for target in refs.get(element_id, ()):
            total += expand(target)
            if total > SVG_MAX_USE_COPIES:
                break
        visiting.discard(element_id)
        copies[element_id] = total
        return total

    total = 0
    for target in top_level:
        total += expand(target)
        if total > SVG_MAX_USE_COPIES:
            raise ImageRefused(
                f"the SVG's <use> elements expand to more than {SVG_MAX_USE_COPIES} copies, "
                "which takes too long to draw; simplify it or export it as PNG")
