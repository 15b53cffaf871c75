"""From the node tree to the frozen :class:`Exhibit`, checking the version 1 contract.

Choices the contract leaves open, made here:
- A text written as a plain string is the same text in every language (names, credits).
- An empty or blank text is an error, ``alt`` included: every image needs a description
  for visitors who cannot see it. ``alt`` identical to the caption is a warning.
- Panel ids follow the same pattern as era ids (lowercase letters, digits, '-'), since
  both appear in logs and proofs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kiosk.exhibit.fields import Reader, yaml_reading
from kiosk.exhibit.imagecheck import (
    MEGAPIXEL_WARNING,
    ImageRefused,
    inspect_image,
    resolve_inside,
)
from kiosk.exhibit.model import (
    Attract,
    AttractImage,
    Era,
    Exhibit,
    IdleSettings,
    Image,
    Panel,
    Picture,
    PictureFiles,
    Quote,
    SourceLocation,
    Text,
)
from kiosk.exhibit.yamltree import Mapping, Node, Scalar
from kiosk.pictures.svgdraw import time_svg_drawing

T = TypeVar("T")

VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}")
TIMEOUT_RANGE = (10.0, 3600.0)
COUNTDOWN_RANGE = (3.0, 120.0)


@dataclass(frozen=True)
class Counts:
    """What the file describes, counted even when it has errors (for the summary line)."""

    eras: int = 0
    panels: int = 0
    images: int = 0


class ExhibitBuilder:
    def __init__(self, path: Path, file: str, *, check_images: bool,
                 time_svgs: bool = False) -> None:
        self.path = path.absolute()
        self.root = self.path.parent
        self.resolved_root = self.root.resolve()
        self.reader = Reader(file)
        self.file = file
        self.check_images = check_images
        self.time_svgs = time_svgs
        self._svg_timed: dict[Path, str | None] = {}  # an SVG's refusal, once per file
        self.eras = self.panels = self.images = 0

    @property
    def counts(self) -> Counts:
        return Counts(self.eras, self.panels, self.images)

    def build(self, node: Node) -> Exhibit | None:
        r = self.reader
        top = r.mapping(node, "the exhibit")
        if top is None:
            return None
        f = r.fields(top, "the exhibit", ("version", "title", "attract", "eras"),
                     ("subtitle", "languages", "idle"))
        version = self._version(f["version"]) if "version" in f else None
        if "languages" in f:
            r.languages = self._languages(f["languages"]) or r.languages
        title = r.text(f["title"], "title") if "title" in f else None
        subtitle = r.text(f["subtitle"], "subtitle") if "subtitle" in f else None
        idle = self._idle(f["idle"]) if "idle" in f else IdleSettings()
        attract = self._attract(f["attract"]) if "attract" in f else None
        eras = self._eras(f["eras"]) if "eras" in f else None
        if any(d.is_error for d in r.diagnostics):
            return None
        if version is None or title is None or attract is None or idle is None or eras is None:
            return None  # each of these has reported an error already
        return Exhibit(version, title, r.languages, attract, eras, self.path, subtitle, idle)

    def _version(self, node: Node) -> int | None:
        value = self.reader.word(node, "version")
        if value is None:
            return None
        if value.plain and value.value == str(VERSION):
            return VERSION
        if value.plain and value.value.isdigit():
            self.reader.error(value, f"version {value.value} is not supported; this kiosk "
                                     f"reads version {VERSION} files (`version: {VERSION}`)")
        else:
            self.reader.error(value, f"'version' must be the number {VERSION}: "
                                     f"`version: {VERSION}`")
        return None

    def _languages(self, node: Node) -> tuple[str, ...] | None:
        r = self.reader
        items = r.sequence(node, "a list of language codes like [en, ru]")
        if items is None:
            return None
        if not items.items:
            r.error(items, "'languages' is empty; list at least one, e.g. [en]")
            return None
        codes: list[str] = []
        for item in items.items:
            # Raw text, so Norwegian `no` stays a language code rather than YAML's false.
            if not isinstance(item, Scalar) or not LANGUAGE_PATTERN.fullmatch(item.value):
                r.error(item, "a language code is 2 or 3 lowercase letters (ISO 639), like "
                              "en, ru or fr")
                return None
            if item.value in codes:
                r.error(item, f"language '{item.value}' is listed twice")
                return None
            codes.append(item.value)
        return tuple(codes)

    def _idle(self, node: Node) -> IdleSettings | None:
        r = self.reader
        block = r.mapping(node, "idle settings")
        if block is None:
            return None
        f = r.fields(block, "idle", (), ("timeout", "countdown"))
        defaults = IdleSettings()
        timeout = (r.number(f["timeout"], "timeout", *TIMEOUT_RANGE, "seconds")
                   if "timeout" in f else defaults.timeout)
        countdown = (r.number(f["countdown"], "countdown", *COUNTDOWN_RANGE, "seconds")
                     if "countdown" in f else defaults.countdown)
        if timeout is None or countdown is None:
            return None
        return IdleSettings(timeout, countdown)

    def _attract(self, node: Node) -> Attract | None:
        r = self.reader
        block = r.mapping(node, "the welcome screen settings")
        if block is None:
            return None
        f = r.fields(block, "attract", ("prompt",), ("image", "images"))
        prompt = r.text(f["prompt"], "prompt") if "prompt" in f else None
        image = self._attract_image(f["image"], "the welcome screen's image") if "image" in f \
            else None
        images: list[AttractImage] = []
        ok = "image" not in f or image is not None
        if "images" in f:
            items = r.sequence(f["images"], "a list of pictures (file, alt)")
            if items is None:
                ok = False
            else:
                for number, item in enumerate(items.items, start=1):
                    one = self._attract_image(item, f"welcome picture {number}")
                    ok = ok and one is not None
                    if one is not None:
                        images.append(one)
        if prompt is None or not ok:
            return None
        return Attract(prompt, image, tuple(images))

    def _attract_image(self, node: Node, where: str) -> AttractImage | None:
        r = self.reader
        if isinstance(node, Scalar) and not yaml_reading(node):
            r.error(node, f"{where} needs alt text too, for visitors who cannot see it: write "
                          f"`file: {node.value.strip()}` and `alt: …` on their own lines")
            return None
        block = r.mapping(node, f"{where} (file, alt)")
        if block is None:
            return None
        f = r.fields(block, where, ("file", "alt"))
        files = self._picture_files(f["file"]) if "file" in f else None
        alt = r.text(f["alt"], "alt") if "alt" in f else None
        if files is None or alt is None:
            return None
        return AttractImage(files, alt)

    def _eras(self, node: Node) -> tuple[Era, ...] | None:
        seen: dict[str, int] = {}
        return self._list(node, "a list of eras",
                          "'eras' is empty; an exhibit needs at least one era",
                          lambda item, number: self._era(item, number, seen))

    def _list(self, node: Node, what: str, empty: str,
              build: Callable[[Node, int], T | None]) -> tuple[T, ...] | None:
        """Each item of the list ``node`` built; None if any item (or the list) is wrong,
        after every item has had its say."""
        r = self.reader
        items = r.sequence(node, what)
        if items is None:
            return None
        if not items.items:
            r.error(items, empty)
            return None
        built = [build(item, number) for number, item in enumerate(items.items, start=1)]
        if any(one is None for one in built):
            return None
        return tuple(one for one in built if one is not None)

    def _id(self, node: Node, what: str, seen: dict[str, int]) -> str | None:
        r = self.reader
        value = r.word(node, "id")
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value.value):
            r.error(value, f"{what} id '{value.value}' may use only lowercase letters, digits "
                           "and '-', starting with a letter or digit (e.g. early-years)")
            return None
        if value.value in seen:
            r.error(value, f"{what} id '{value.value}' is already used at line "
                           f"{seen[value.value]}; each {what} needs its own id")
            return None
        seen[value.value] = value.line
        return value.value

    def _era(self, node: Node, number: int, seen: dict[str, int]) -> Era | None:
        self.eras += 1
        r = self.reader
        block = r.mapping(node, "an era")
        if block is None:
            return None
        where = _name(block, "id", "era", number)
        f = r.fields(block, where, ("id", "title", "years", "summary", "panels"))
        era_id = self._id(f["id"], "era", seen) if "id" in f else None
        title = r.text(f["title"], "title") if "title" in f else None
        years_node = r.word(f["years"], "years") if "years" in f else None
        summary = r.text(f["summary"], "summary", prose=True) if "summary" in f else None
        panels = self._panels(f["panels"], where) if "panels" in f else None
        if (era_id is None or title is None or years_node is None or summary is None
                or panels is None):
            return None
        return Era(era_id, title, years_node.value.strip(), summary, panels,
                   self._location(block), r.location(years_node))

    def _panels(self, node: Node, era: str) -> tuple[Panel, ...] | None:
        seen: dict[str, int] = {}
        return self._list(node, "a list of panels", f"{era} has no panels; add at least one",
                          lambda item, number: self._panel(item, number, era, seen))

    def _panel(self, node: Node, number: int, era: str, seen: dict[str, int]) -> Panel | None:
        self.panels += 1
        r = self.reader
        block = r.mapping(node, "a panel")
        if block is None:
            return None
        where = _name(block, "id", "panel", number) + f" of {era}"
        f = r.fields(block, where, ("id", "title", "images"), ("text", "quote"))
        panel_id = self._id(f["id"], "panel", seen) if "id" in f else None
        title = r.text(f["title"], "title") if "title" in f else None
        text = r.text(f["text"], "text", prose=True) if "text" in f else None
        quote = self._quote(f["quote"], where) if "quote" in f else None
        images = self._images(f["images"], where) if "images" in f else None
        if panel_id is None or title is None or images is None or (
                "text" in f and text is None) or ("quote" in f and quote is None):
            return None
        return Panel(panel_id, title, images, text, quote, self._location(block))

    def _quote(self, node: Node, panel: str) -> Quote | None:
        r = self.reader
        block = r.mapping(node, "a quotation (text, who, when, source)")
        if block is None:
            return None
        f = r.fields(block, f"the quotation of {panel}", ("text", "who", "when", "source"))
        text = r.text(f["text"], "quote text") if "text" in f else None
        who = r.text(f["who"], "who") if "who" in f else None
        when = r.text(f["when"], "when") if "when" in f else None
        source = r.text(f["source"], "source") if "source" in f else None
        if text is None or who is None or when is None or source is None:
            return None
        return Quote(text, who, when, source)

    def _images(self, node: Node, panel: str) -> tuple[Image, ...] | None:
        return self._list(node, "a list of images", f"{panel} has no images; add at least one",
                          lambda item, number: self._image(item, number, panel))

    def _image(self, node: Node, number: int, panel: str) -> Image | None:
        self.images += 1
        r = self.reader
        block = r.mapping(node, "an image (file, alt, caption)")
        if block is None:
            return None
        where = _name(block, "file", "image", number) + f" of {panel}"
        f = r.fields(block, where, ("file", "alt", "caption"), ("credit",))
        files = self._picture_files(f["file"]) if "file" in f else None
        alt = r.text(f["alt"], "alt") if "alt" in f else None
        caption = r.text(f["caption"], "caption", caption=True) if "caption" in f else None
        credit = r.text(f["credit"], "credit") if "credit" in f else None
        if alt is not None and caption is not None:
            self._alt_against_caption(f["alt"], alt, caption)
        if files is None or alt is None or caption is None or ("credit" in f and
                                                               credit is None):
            return None
        return Image(files, alt, caption, credit, self._location(block))

    def _alt_against_caption(self, node: Node, alt: Text, caption: Text) -> None:
        for (lang, alt_text), (_, caption_text) in zip(alt, caption, strict=True):
            if alt_text.casefold() == caption_text.casefold():
                suffix = f" ({lang})" if len(self.reader.languages) > 1 else ""
                self.reader.warning(node, "the alt text repeats the caption" + suffix +
                                    "; describe what the image shows for visitors who "
                                    "cannot see it")

    def _picture_files(self, node: Node) -> PictureFiles | None:
        """``file``: one picture for every language, or ``{en: …, ru: …}``."""
        found = self.reader.per_language(node, "file", "file", self._picture)
        if found is None:
            return None
        return PictureFiles(tuple((lang, found[lang][0]) for lang in self.reader.languages))

    def _picture(self, node: Scalar, field: str) -> Picture | None:
        r = self.reader
        value = r.word(node, field)
        if value is None:
            return None
        file = value.value.strip()
        try:
            path = resolve_inside(self.resolved_root, file, root_is_resolved=True)
            # guard: validate-checks-image-files
            info = inspect_image(path) if self.check_images else None
            if info is not None and info.format == "svg" and self.time_svgs:
                self._time_svg(path, (info.width, info.height))
        except ImageRefused as refused:
            r.error(value, f"image '{file}': {refused.message}")
            return None
        if info is not None and info.is_huge:
            r.warning(value, f"image '{file}' is {info.width}×{info.height} pixels "
                             f"({info.megapixels:.0f} megapixels, over {MEGAPIXEL_WARNING}); "
                             "it will be slow to show: scale it down")
        return Picture(file, path, info.width if info else None, info.height if info else None)

    def _time_svg(self, path: Path, natural: tuple[int, int]) -> None:
        """Refuse an SVG that takes too long to draw at the largest size the kiosk shows it."""
        if path not in self._svg_timed:
            try:
                time_svg_drawing(path, natural)
                self._svg_timed[path] = None
            except ImageRefused as refused:
                self._svg_timed[path] = refused.message
        reason = self._svg_timed[path]
        if reason is not None:
            raise ImageRefused(reason)

    def _location(self, node: Mapping) -> SourceLocation:
        return SourceLocation(self.file, node.line, node.col)


def _name(block: Mapping, key: str, what: str, number: int) -> str:
    """How messages name an era, panel or image: by its id or file if it has one."""
    item = block.items.get(key)
    if item is not None and isinstance(item[1], Scalar) and item[1].value.strip():
        return f"{what} '{item[1].value.strip()}'"
    return f"{what} {number}"
