"""The visitor's path through an exhibit, as a flat sequence of pages (no Qt).

Each era contributes its opening page followed by its panels, so a swipe always moves
exactly one step and crosses era boundaries naturally. A panel with a quotation is
followed by a page of that quotation alone: a voice of the time, given the whole screen
rather than squeezed under the panel's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.exhibit.model import Era, Exhibit, Panel

# A swipe must travel this share of the screen width to turn the page ...
SWIPE_DISTANCE = 0.18
# ... or be a quick flick (px/s) that still travelled a little, so a tap never turns it.
SWIPE_VELOCITY = 900.0
FLICK_MIN_DISTANCE = 0.05


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the pager: an era's opening (no panel), one of its panels, or the
    quotation of the panel before it."""

    era_index: int
    panel_index: int  # -1 for the era's opening page
    era: Era
    panel: Panel | None
    quote: bool = False  # the page of the panel's quotation
    era_position: int = 1  # 1-based place within its era: "3 of 5"
    era_pages: int = 1  # how many pages its era has

    @property
    def is_opening(self) -> bool:
        return self.panel is None

    @property
    def pictures_panel(self) -> Panel | None:
        """The panel whose pictures this page shows: none on an opening or a quotation."""
        return None if self.quote else self.panel


def build_pages(exhibit: Exhibit) -> tuple[Page, ...]:
    pages: list[Page] = []
    for era_index, era in enumerate(exhibit.eras):
        # (panel index, panel, its quotation?) for each page of the era, opening first
        steps: list[tuple[int, Panel | None, bool]] = [(-1, None, False)]
        for i, panel in enumerate(era.panels):
            steps.append((i, panel, False))
            if panel.quote is not None:
                steps.append((i, panel, True))
        pages.extend(Page(era_index, i, era, panel, quote, place, len(steps))
                     for place, (i, panel, quote) in enumerate(steps, start=1))
    return tuple(pages)


def era_start(pages: tuple[Page, ...], era_index: int) -> int:
    for index, page in enumerate(pages):
        if page.era_index == era_index:
            return index
    raise IndexError(era_index)


def find_page(pages: tuple[Page, ...], era_id: str, panel_id: str | None,
              quote: bool = False) -> int | None:
    """The page showing this era/panel (or its quotation), to keep a visitor's place across
    a reload; the panel itself when its quotation is gone."""
    found = None
    for index, page in enumerate(pages):
        if page.era.id == era_id and (page.panel.id if page.panel else None) == panel_id:
            if page.quote == quote:
                return index
            found = index if found is None else found
    return found


def swipe_step(dx: float, velocity: float, width: float) -> int:
    """+1 for the next page, -1 for the previous one, 0 to stay.

    ``dx`` is the finger's travel (negative: leftwards, i.e. towards the next page).
    Deliberate gestures only: a long drag, or a fast flick that also moved a little.
    """
    if width <= 0:
        return 0
    travel = abs(dx) / width
    deliberate = travel >= SWIPE_DISTANCE or (
        abs(velocity) >= SWIPE_VELOCITY and travel >= FLICK_MIN_DISTANCE
        and (velocity < 0) == (dx < 0)
    )
    if not deliberate:
        return 0
    return 1 if dx < 0 else -1
