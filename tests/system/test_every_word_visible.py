"""Every word of every page reaches the visitor: the real kiosk, full screen on an X
server with the pixels and physical size of a real display, stepped through with the
keypad's Right arrow, each page at rest read back with OCR and checked against the
exhibit file, in each of the bundled exhibit's languages.

OCR is imperfect, so each field (title, text, caption, credit; an era's title, years and
summary) passes with 90 % of its words found anywhere on the screen. Screenshots are kept
in $KIOSK_SHOTS_DIR when it is set, with a report beside them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.bundled import bundled_exhibit
from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import Exhibit
from kiosk.exhibit.pages import Page, build_pages
from kiosk.render.command import screenshot_name
from tests.helpers import ocr
from tests.helpers.xgrab import Grabber
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import Display, ScreenProfile, reported_size, xvfb

ROOT = Path(__file__).resolve().parents[2]
PROFILES = (ScreenProfile(1920, 1080, 24.0), ScreenProfile(1366, 768, 15.6))
FOUND_MIN = 0.9
MM_TOLERANCE = 0.01  # Xvfb's whole dpi and whole millimetres
SHOTS_ENV = "KIOSK_SHOTS_DIR"


def _bundled() -> Exhibit:
    loaded = load_exhibit(bundled_exhibit())
    assert loaded.exhibit is not None, [str(d) for d in loaded.diagnostics]
    return loaded.exhibit


EXHIBIT = _bundled()

pytestmark = pytest.mark.skipif(
    not (all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "xdpyinfo"))
         and ocr.tesseract_available(EXHIBIT.languages)),
    reason="needs Xvfb, xdotool, xdpyinfo and tesseract with its data for "
           f"{', '.join(EXHIBIT.languages)} (install.sh adds them)")


def expected_fields(page: Page, language: str) -> dict[str, str]:
    """What the page must show: a panel's words and its first picture's caption and
    credit, a panel's quotation with who, when and its source, or an era's title, years
    and summary."""
    if page.panel is None:
        return {"era title": page.era.title.get(language), "years": page.era.years,
                "summary": page.era.summary.get(language)}
    panel, first = page.panel, page.panel.images[0]
    if page.quote and panel.quote is not None:
        quote = panel.quote
        return {"quotation": quote.text.get(language), "who": quote.who.get(language),
                "when": quote.when.get(language), "source": quote.source.get(language)}
    fields = {"title": panel.title.get(language), "caption": first.caption.get(language)}
    if panel.text is not None:
        fields["text"] = panel.text.get(language)
    if first.credit is not None:
        fields["credit"] = first.credit.get(language)
    return fields


@dataclass
class PageResult:
    shot: Path
    checks: list[ocr.FieldCheck]
    settled: bool = True

    def short(self) -> list[ocr.FieldCheck]:
        return [c for c in self.checks if c.found_share < FOUND_MIN]


def read_page(shot: Path, language: str, fields: dict[str, str], work: Path) -> PageResult:
    reading = ocr.read_image(shot, language, work)
    checks = [ocr.check_field(name, text, reading) for name, text in fields.items()]
    if any(c.found_share < FOUND_MIN for c in checks):
        # A second, differently segmented reading before calling words missing.
        reading = reading.merged(ocr.read_image(shot, language, work, *ocr.SPARSE))
        checks = [ocr.check_field(name, text, reading) for name, text in fields.items()]
    return PageResult(shot, checks)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    chosen = os.environ.get(SHOTS_ENV)
    return Path(chosen) if chosen else tmp_path / "shots"


@pytest.fixture(params=PROFILES, ids=lambda p: p.name)
def display(request: pytest.FixtureRequest) -> Iterator[Display]:
    with xvfb(request.param) as running:
        yield running


def describe_screen(display: Display, grabber: Grabber) -> str:
    """Check the screen has the profile's physical size, as X and the kiosk see it."""
    profile = display.profile
    width_mm, height_mm = profile.size_mm
    pixels, mm = reported_size(display.name)
    assert pixels == (profile.width, profile.height), f"xdpyinfo: {pixels} pixels"
    assert mm[0] == pytest.approx(width_mm, rel=MM_TOLERANCE), (
        f"xdpyinfo reports {mm[0]} mm wide, not {width_mm:.1f} ({profile.dpi} dpi)")
    seen = grabber.describe()
    assert seen["pixels"] == [profile.width, profile.height], seen
    assert seen["device_pixel_ratio"] == 1, f"Qt scales this screen: {seen}"
    assert seen["kiosk_mm"] is not None, f"the kiosk reads no physical size: {seen}"
    assert seen["kiosk_mm"][0] == pytest.approx(width_mm, rel=MM_TOLERANCE), (
        f"the kiosk reads {seen['kiosk_mm']} mm, not {width_mm:.1f} × {height_mm:.1f}: {seen}")
    return (f"{profile.name}: Xvfb at {profile.dpi} dpi, {mm[0]}×{mm[1]} mm by xdpyinfo "
            f"(intended {width_mm:.1f}×{height_mm:.1f}); the kiosk reads "
            f"{seen['kiosk_mm'][0]:g}×{seen['kiosk_mm'][1]:g} mm, {seen['px_per_mm']:.2f} px/mm, "
            f"body text {seen['body_px']:g} px")


def choose_language(kiosk: RealKiosk, grabber: Grabber, language: str, folder: Path) -> None:
    """On the welcome screen, choose the language with the kiosk keypad, as a visitor who
    cannot reach the screen would: Down moves the focus over the language buttons (in the
    exhibit's order), Enter takes the one focused. (tesseract does not read the words
    inside the outlined buttons, so a tap found by reading the screen is not possible.)"""
    grabber.still(folder / "00-language-choice.png")
    before = len(kiosk.events())
    steps = EXHIBIT.languages.index(language) + 1
    kiosk.xdotool(" ".join(["key Down"] * steps + ["key Return"]))
    kiosk.wait_event("language_chosen", after=before, lang=language)
    kiosk.wait_event("era_opened", after=before, era=EXHIBIT.eras[0].id)


def tour(kiosk: RealKiosk, grabber: Grabber, language: str, folder: Path,
         work: Path, pool: ThreadPoolExecutor) -> list[tuple[Future[PageResult], bool]]:
    """Each page in turn, by the Right arrow; its screenshot read while the next is shown."""
    pages = build_pages(EXHIBIT)
    readings: list[tuple[Future[PageResult], bool]] = []
    for index, page in enumerate(pages):
        if index > 0:
            before = len(kiosk.events())
            kiosk.xdotool("key Right")
            if page.panel is None:
                kiosk.wait_event("era_opened", after=before, era=page.era.id)
            elif page.quote:
                kiosk.wait_event("quote_shown", after=before, era=page.era.id,
                                 panel=page.panel.id)
            else:
                kiosk.wait_event("panel_shown", after=before, era=page.era.id,
                                 panel=page.panel.id)
        shot = folder / screenshot_name(page, language, EXHIBIT.default_language)
        settled = bool(grabber.still(shot)["settled"])
        fields = expected_fields(page, language)
        readings.append((pool.submit(read_page, shot, language, fields, work), settled))
    return readings


def report(header: str, results: list[PageResult]) -> tuple[str, int]:
    lines = [header]
    failed = 0
    for result in results:
        short = result.short()
        if short or not result.settled:
            failed += 1
            lines.append(f"  {result.shot.name}" + ("" if result.settled
                                                     else " (still changing when taken)"))
        for check in short:
            lines.append(f"    {check.name}: {check.found_share:.0%} of {len(check.expected)} "
                         f"words found; missing: {', '.join(sorted(check.missing))}")
    lines.append(f"{failed} of {len(results)} pages fall short")
    return "\n".join(lines), failed


@pytest.mark.parametrize("language", EXHIBIT.languages)
def test_every_word_of_every_page_is_on_screen(display: Display, language: str,
                                               tmp_path: Path, shots: Path) -> None:
    folder = shots / display.profile.name / language
    folder.mkdir(parents=True, exist_ok=True)
    work = tmp_path / "ocr"
    work.mkdir()
    grabber = Grabber(display.name, ROOT)
    try:
        header = describe_screen(display, grabber)
        kiosk = RealKiosk(display.name, EXHIBIT.path, tmp_path / "kiosk", ROOT)
        try:
            kiosk.wait_event("attract_shown")
            profile = display.profile
            size = kiosk.wait_mapped(EXHIBIT.title.get(EXHIBIT.default_language))
            assert size == (profile.width, profile.height), f"the kiosk's window is {size}"
            choose_language(kiosk, grabber, language, folder)
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                readings = tour(kiosk, grabber, language, folder, work, pool)
                results = [reading.result() for reading, _ in readings]
                for result, (_, settled) in zip(results, readings, strict=True):
                    result.settled = settled
        finally:
            kiosk.stop()
    finally:
        grabber.close()

    text, failed = report(f"{header}; language {language}; screenshots in {folder}", results)
    (folder / "report.txt").write_text(text + "\n", encoding="utf-8")
    if failed:
        pytest.fail(text, pytrace=False)
