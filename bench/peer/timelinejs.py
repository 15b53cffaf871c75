"""TimelineJS 3.9.11 from the npm registry, and a page that shows an exhibit with it.

The package is downloaded once into the benchmarks' cache folder, checked against the
sha512 integrity the registry publishes for it, and unpacked. The page is plain files
opened from ``file://``: the exhibit's pictures where they are, TimelineJS's own script
and style sheet, and a copy of its default font style sheet pointed at the kiosk's
bundled Noto fonts instead of Google's (so both show the same words in the same fonts,
and nothing comes from the network).

The exhibit is read with the kiosk's own loader, so both show exactly the same content:

* the title slide: the exhibit's title, subtitle and invitation over its welcome picture;
* each era: a TimelineJS era (its years) and a slide of its own (title and summary), as
  the kiosk opens each era with a page;
* each panel: an event with its title, text and quotation, its picture as media (with
  caption, credit and alt text); a panel's further pictures get an event each, since a
  TimelineJS slide has one picture.

TimelineJS needs a date for each event; the exhibit dates eras only, so an era's slides
are spread in order over its years, and every slide shows the era's years as its date.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import tarfile
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "@knight-lab/timelinejs"
VERSION = "3.9.11"
METADATA_URL = f"https://registry.npmjs.org/{PACKAGE}/{VERSION}"
TARBALL_URL = f"https://registry.npmjs.org/{PACKAGE}/-/timelinejs-{VERSION}.tgz"
PAGE_SCRIPT = Path(__file__).resolve().parent / "page.js"
FONTS = REPO / "assets" / "fonts"
# The kiosk's fonts standing in for TimelineJS's default ones (PT Serif, PT Sans Narrow).
FONT_FACES = (("Noto Serif", 400, "NotoSerif-Regular.ttf"),
              ("Noto Serif", 700, "NotoSerif-Bold.ttf"),
              ("Noto Sans", 400, "NotoSans-Regular.ttf"),
              ("Noto Sans", 700, "NotoSans-Bold.ttf"))
FAMILIES = {"'PT Serif'": "'Noto Serif'", "'PT Sans Narrow'": "'Noto Sans'",
            "'PT Sans'": "'Noto Sans'"}


def timelinejs(cache: Path) -> Path:
    """TimelineJS's ``dist`` folder, downloaded and checked on first use."""
    folder = cache / f"timelinejs-{VERSION}"
    dist = folder / "package" / "dist"
    done = folder / ".complete"
    if done.exists():
        return dist
    with urllib.request.urlopen(METADATA_URL, timeout=60) as response:
        integrity = json.load(response)["dist"]["integrity"]
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise RuntimeError(f"{PACKAGE}@{VERSION}: unexpected integrity {integrity!r}")
    with urllib.request.urlopen(TARBALL_URL, timeout=120) as response:
        tarball = response.read()
    actual = base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if actual != expected:
        raise RuntimeError(f"{TARBALL_URL}: sha512 {actual} is not the registry's {expected}")
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            archive.extractall(folder, filter="data")
        else:  # the archive's checksum is the registry's: its paths are the package's
            archive.extractall(folder)
    done.write_text(integrity + "\n", encoding="ascii")
    return dist


def local_fonts_css(dist: Path, out: Path) -> Path:
    """TimelineJS's default font style sheet, with the kiosk's fonts instead of Google's."""
    css = (dist / "css" / "fonts" / "font.default.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\s*\{[^}]*\}", "", css)
    for old, new in FAMILIES.items():
        css = css.replace(old, new)
    faces = "".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: normal; "
        f"src: url({(FONTS / file).as_uri()}) format('truetype'); }}\n"
        for family, weight, file in FONT_FACES)
    out.write_text(faces + css, encoding="utf-8")
    return out


def remote_references(css: str) -> list[str]:
    """``@import``s and ``url()``s of a style sheet that would leave the machine."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)  # licence links in comments are inert
    found = re.findall(r"@import[^;]*;", css)
    found += [url for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
              if re.match(r"(https?:)?//", url.strip())]
    return found


def write_page(exhibit_path: Path, cache: Path, folder: Path) -> Path:
    """The TimelineJS page showing ``exhibit_path``, written in ``folder``; its path."""
    from kiosk.exhibit.load import load_exhibit  # the kiosk's own reading of the file

    loaded = load_exhibit(exhibit_path)
    if loaded.exhibit is None:
        raise RuntimeError(f"{exhibit_path} does not load: {loaded.errors[:1]}")
    dist = timelinejs(cache)
    folder.mkdir(parents=True, exist_ok=True)
    fonts = local_fonts_css(dist, folder / "fonts.css")
    for sheet in (dist / "css" / "timeline.css", fonts):
        remote = remote_references(sheet.read_text(encoding="utf-8"))
        if remote:
            raise RuntimeError(f"{sheet} would fetch from the network: {remote}")
    data = timeline_data(loaded.exhibit)
    options = {"script_path": (dist / "js").as_uri() + "/", "font": fonts.as_uri(),
               "language": "en", "hash_bookmark": False}
    page = folder / "index.html"
    page.write_text(PAGE.format(
        title=html.escape(data["title"]["text"]["headline"]),
        css=(dist / "css" / "timeline.css").as_uri(), js=(dist / "js" / "timeline.js").as_uri(),
        bench=PAGE_SCRIPT.read_text(encoding="utf-8"), data=script_json(data),
        options=script_json(options)), encoding="utf-8")
    return page


PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
<style>html, body {{ width: 100%; height: 100%; margin: 0; padding: 0; }}
#timeline {{ width: 100%; height: 100%; }}</style>
</head>
<body>
<div id="timeline"></div>
<script>
{bench}
window.timeline = new TL.Timeline("timeline", {data}, {options});
</script>
</body>
</html>
"""


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def timeline_data(exhibit: Any) -> dict[str, Any]:
    """TimelineJS's data for the exhibit, in its first language (the kiosk's first screen)."""
    lang = exhibit.languages[0]
    title: dict[str, Any] = {"unique_id": "title", "text": {
        "headline": text(exhibit.title, lang),
        "text": paragraphs(exhibit.subtitle, lang) + paragraphs(exhibit.attract.prompt, lang)}}
    if exhibit.attract.image is not None:
        picture = exhibit.attract.image
        title["media"] = {"url": picture.files.get(lang).path.as_uri(),
                          "alt": text(picture.alt, lang)}
    eras, events = [], []
    for era in exhibit.eras:
        first, last = era_years(era.years)
        eras.append({"start_date": {"year": first}, "end_date": {"year": last},
                     "text": {"headline": text(era.title, lang)}})
        slides: list[dict[str, Any]] = [{"unique_id": era.id, "text": {
            "headline": text(era.title, lang), "text": paragraphs(era.summary, lang)}}]
        for panel in era.panels:
            body = paragraphs(panel.text, lang) + quotation(panel.quote, lang)
            for number, image in enumerate(panel.images):
                slides.append({
                    "unique_id": f"{era.id}-{panel.id}" + (f"-{number + 1}" if number else ""),
                    "text": {"headline": text(panel.title, lang), "text": body if not number
                             else paragraphs(image.caption, lang)},
                    "media": {"url": image.files.get(lang).path.as_uri(),
                              "caption": text(image.caption, lang),
                              "credit": text(image.credit, lang),
                              "alt": text(image.alt, lang)}})
        for place, slide in zip(spread(first, last, len(slides)), slides, strict=True):
            slide["start_date"] = {"year": place.year, "month": place.month, "day": place.day,
                                   "display_text": era.years}
            events.append(slide)
    return {"title": title, "eras": eras, "events": events}


def text(value: Any, lang: str) -> str:
    return html.escape(value.get(lang)) if value is not None else ""


def paragraphs(value: Any, lang: str) -> str:
    if value is None:
        return ""
    return "".join(f"<p>{html.escape(part.strip())}</p>"
                   for part in value.get(lang).split("\n\n") if part.strip())


def quotation(quote: Any, lang: str) -> str:
    if quote is None:
        return ""
    said = ", ".join(part for part in (text(quote.who, lang), text(quote.when, lang)) if part)
    return (f"<blockquote>{text(quote.text, lang)}</blockquote>"
            f"<p>— {said} ({text(quote.source, lang)})</p>")


def era_years(years: str) -> tuple[int, int]:
    """``1917–1920`` (or ``1917``): the first and last year."""
    found = [int(year) for year in re.findall(r"\d{3,4}", years)]
    if not found:
        raise ValueError(f"no years in {years!r}")
    return found[0], found[-1]


def spread(first: int, last: int, count: int) -> list[date]:
    """``count`` dates in order over the years ``first`` to ``last``."""
    start, end = date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal()
    step = (end - start) / count
    return [date.fromordinal(start + round(step * index)) for index in range(count)]
