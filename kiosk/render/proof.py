"""The curators' proof sheet: every rendered screen beside every word it shows.

A cover page, then a sheet per era opening and per panel with one column per language:
the screenshot, the texts and, for each image, its caption, alt text and credit, with
the line of ``exhibit.yaml`` to edit. Drawn with QPdfWriter and QPainter (no extra
dependency) in the kiosk's bundled Noto fonts; nothing here is ever smaller than 9 pt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCharFormat,
    QTextLayout,
)

from kiosk.exhibit.model import Exhibit, SourceLocation, Text
from kiosk.exhibit.pages import Page, build_pages
from kiosk.render.rendered import RenderResult
from kiosk.ui.chrome import language_name
from kiosk.ui.window import BODY_FAMILY, HEADING_FAMILY

DPI = 300
IMAGE_DPI = 150  # screenshots are resampled to this: sharp on paper, a PDF that mails
MARGIN_MM = 12.0
HEADER_MM = 17.0
FOOTER_MM = 9.0
COLUMN_GAP_MM = 8.0
INK = QColor("#1b1b1b")
MUTED = QColor("#5a5a5a")
ACCENT = QColor("#7a5a1c")
RULE = QColor("#c8c8c8")
ALERT = QColor("#b00020")  # texts that do not fit: the one thing a reviewer must not miss
# Of the page's height: leaves room for a panel's words beside a 16:9 screenshot.
SCREENSHOT_SHARE = 0.36


def _mm(value: float) -> float:
    return value / 25.4 * DPI


def _font(size: float, *, bold: bool = False, italic: bool = False,
          heading: bool = False) -> QFont:
    font = QFont(HEADING_FAMILY if heading else BODY_FAMILY)
    font.setPointSizeF(max(9.0, size))
    font.setBold(bold)
    font.setItalic(italic)
    return font


# --- flowing content over pages ----------------------------------------------------------

@dataclass
class _Line:
    """A line of text on a proof sheet."""

    layout: QTextLayout  # keeps the line's layout alive
    index: int
    height: float
    colour: QColor

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.setPen(self.colour)
        self.layout.lineAt(self.index).draw(painter, QPointF(x, y))


@dataclass
class _Picture:
    """A screenshot on a proof sheet."""

    image: QImage
    width: float
    height: float

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        target = QRectF(x, y, self.width, self.height)
        painter.drawImage(target, self.image)
        painter.setPen(RULE)
        painter.drawRect(target)


@dataclass
class _Space:
    """Vertical space between the blocks of a proof sheet."""

    height: float

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        """Only moves the next piece down."""


_Piece = _Line | _Picture | _Space


class _Column:
    """Pieces stacked top to bottom, to be cut into pages of ``height``."""

    def __init__(self, device: QPdfWriter, width: float) -> None:
        self.device = device
        self.width = width
        self.pieces: list[tuple[_Piece, bool]] = []  # (piece, keep with the next one)

    def text(self, text: str, font: QFont, colour: QColor = INK, *, label: str = "",
             space: float = 1.5, line_spacing: float = 1.2, keep: bool = False) -> None:
        """A paragraph per line of ``text``; ``label`` starts the first one in bold."""
        self.space(space)
        for number, paragraph in enumerate(text.split("\n") or [""]):
            prefix = f"{label}  " if label and number == 0 else ""
            layout = QTextLayout(prefix + paragraph, font, self.device)
            if prefix:
                bold = QTextCharFormat()
                bold.setFontWeight(QFont.Weight.Bold)
                bold.setForeground(ACCENT)
                span = QTextLayout.FormatRange()
                span.start, span.length, span.format = 0, len(prefix), bold
                layout.setFormats([span])
            layout.beginLayout()
            count = 0
            while (line := layout.createLine()).isValid():
                line.setLineWidth(self.width)
                line.setPosition(QPointF(0, 0))
                count += 1
            layout.endLayout()
            for index in range(count):
                height = layout.lineAt(index).height() * line_spacing
                self.pieces.append((_Line(layout, index, height, colour), keep))

    def picture(self, image: QImage, max_height: float, space: float = 2.0) -> None:
        self.space(space)
        scale = min(self.width / image.width(), max_height / image.height())
        width, height = image.width() * scale, image.height() * scale
        pixels = max(1, round(width / DPI * IMAGE_DPI))
        sampled = image.scaledToWidth(pixels, Qt.TransformationMode.SmoothTransformation)
        self.pieces.append((_Picture(sampled, width, height), True))

    def space(self, mm: float) -> None:
        if mm > 0:
            self.pieces.append((_Space(_mm(mm)), False))

    def pages(self, height: float) -> list[list[tuple[float, _Piece]]]:
        """Where each piece lands: a piece never splits, a kept one moves with the next."""
        pages: list[list[tuple[float, _Piece]]] = [[]]
        y = 0.0
        pieces = self.pieces
        for i, (piece, keep) in enumerate(pieces):
            if isinstance(piece, _Space):
                if y > 0:
                    y += piece.height
                continue
            needed = piece.height
            if keep and i + 1 < len(pieces):
                needed += sum(p.height for p, _ in pieces[i + 1:i + 3])
            if y > 0 and y + min(needed, height) > height:
                pages.append([])
                y = 0.0
            pages[-1].append((y, piece))
            y += piece.height
        return pages


# --- the document ------------------------------------------------------------------------------

@dataclass
class _Sheet:
    """The proof sheet being laid out: its pages of blocks."""

    page: Page
    columns: list[_Column]
    cut: list[list[list[tuple[float, _Piece]]]]  # per column, per page

    @property
    def page_count(self) -> int:
        return max(len(pages) for pages in self.cut)


def write_proof(exhibit: Exhibit, rendered: RenderResult, path: Path,
                when: datetime) -> int:
    """Write the proof sheet to ``path``; returns its number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    default = exhibit.default_language
    writer.setTitle(f"{exhibit.title.get(default)}: proof")
    writer.setCreator("exhibit-kiosk")
    page_width, page_height = writer.width(), writer.height()
    body_top = _mm(MARGIN_MM + HEADER_MM)
    body_height = page_height - body_top - _mm(MARGIN_MM + FOOTER_MM)
    content_width = page_width - 2 * _mm(MARGIN_MM)

    languages = exhibit.languages
    width = (content_width - _mm(COLUMN_GAP_MM) * (len(languages) - 1)) / len(languages)
    sheets = []
    for page in build_pages(exhibit):
        columns = [_screen_column(writer, width, body_height, exhibit, page, code, rendered)
                   for code in languages]
        sheets.append(_Sheet(page, columns, [c.pages(body_height) for c in columns]))
    total = 1 + sum(sheet.page_count for sheet in sheets)
    footer = (f"{exhibit.title.get(default)} · proof of {rendered.screen.label} "
              f"screens · {when:%Y-%m-%d %H:%M}")

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{path}: could not write the proof sheet")
    try:
        _cover(painter, writer, exhibit, rendered, when)
        _footer(painter, writer, footer, 1, total)
        number = 1
        for sheet in sheets:
            for part in range(sheet.page_count):
                writer.newPage()
                number += 1
                _header(painter, writer, exhibit, sheet.page, continued=part > 0)
                for index, pages in enumerate(sheet.cut):
                    x = _mm(MARGIN_MM) + index * (width + _mm(COLUMN_GAP_MM))
                    for y, piece in pages[part] if part < len(pages) else []:
                        piece.draw(painter, x, body_top + y)
                _footer(painter, writer, footer, number, total)
    finally:
        painter.end()
    return total


def _where(location: SourceLocation | None) -> str:
    return f"{Path(location.file).name}:{location.line}" if location else "?"


def _screen_column(device: QPdfWriter, width: float, body_height: float, exhibit: Exhibit,
                   page: Page, code: str, rendered: RenderResult) -> _Column:
    column = _Column(device, width)
    default = " (default)" if code == exhibit.default_language else ""
    column.text(f"{language_name(code)} · {code}{default}", _font(10, bold=True), ACCENT,
                space=0, keep=True)
    _misfits(column, rendered, page, code)
    shot = rendered.shot(page, code)
    if shot is not None:
        image = QImage(str(shot.path))
        if not image.isNull():
            column.picture(image, body_height * SCREENSHOT_SHARE)
            column.text(shot.path.name, _font(9), MUTED, space=1)
    if page.panel is None:
        era = page.era
        column.text(era.years, _font(12, bold=True), ACCENT, space=4, keep=True)
        column.text(era.title.get(code), _font(17, bold=True, heading=True), keep=True)
        column.text(era.summary.get(code), _font(10.5), space=2)
        return column
    panel = page.panel
    column.text(panel.title.get(code), _font(17, bold=True, heading=True), space=4, keep=True)
    if page.quote and panel.quote is not None:
        quote = panel.quote
        _field(column, "Quotation", quote.text, code)
        _field(column, "Who", quote.who, code)
        _field(column, "When", quote.when, code)
        _field(column, "Source", quote.source, code)
        return column
    if panel.text is not None:
        column.text(panel.text.get(code), _font(10.5), space=2)
    else:
        column.text("No body text.", _font(10, italic=True), MUTED, space=2)
    for number, image in enumerate(panel.images, 1):
        picture = image.files.get(code)
        size = f" · {picture.width}×{picture.height} px" if picture.width and picture.height \
            else ""
        column.text(f"Image {number} of {len(panel.images)} · {picture.file}{size} · "
                    f"{_where(image.location)}", _font(9, bold=True), MUTED, space=3, keep=True)
        _field(column, "Caption", image.caption, code)
        _field(column, "Alt text", image.alt, code)
        _field(column, "Credit", image.credit, code)
    return column


def _misfits(column: _Column, rendered: RenderResult, page: Page | None, code: str) -> None:
    """A red note of what first failed to fit on this screen (`kiosk render` lists them)."""
    found = [w for w in rendered.fit if w.page == page and w.language == code]
    if not found:
        return
    column.text(f"Does not fit on {rendered.screen.label}:", _font(10.5, bold=True), ALERT,
                space=2, keep=True)
    for warning in found:
        where = (_where(warning.location) if warning.location is not None
                 else Path(warning.screen_file).name)
        column.text(f"{warning.message} ({where})", _font(10), ALERT, space=0.6)


def _field(column: _Column, label: str, text: Text | None, code: str) -> None:
    if text is None:
        column.text("none given", _font(10, italic=True), MUTED, label=label, space=0.6)
    else:
        column.text(text.get(code), _font(10), label=label, space=0.6)


def _header(painter: QPainter, writer: QPdfWriter, exhibit: Exhibit, page: Page,
            continued: bool) -> None:
    left, top = _mm(MARGIN_MM), _mm(MARGIN_MM)
    right = writer.width() - _mm(MARGIN_MM)
    default = exhibit.default_language
    era = page.era
    kicker = (f"Era {page.era_index + 1} of {len(exhibit.eras)} · {era.years} · "
              f"{era.title.get(default)}")
    if page.panel is None:
        title = f"Era opening: {era.title.get(default)}"
        ids, where = f"era: {era.id}", _where(era.location)
    else:
        title = (f"Panel {page.panel_index + 1} of {len(era.panels)}: "
                 f"{page.panel.title.get(default)}" + (", its quotation" if page.quote else ""))
        ids, where = f"era: {era.id} · panel: {page.panel.id}", _where(page.panel.location)
    if continued:
        title += " (continued)"
    _draw_text(painter, kicker, _font(10, bold=True), ACCENT, left, top, right - left)
    _draw_text(painter, where, _font(12, bold=True), INK, left, top, right - left,
               Qt.AlignmentFlag.AlignRight)
    _draw_text(painter, title, _font(14, bold=True, heading=True), INK, left, top + _mm(5.5),
               right - left - _mm(70))
    _draw_text(painter, ids, _font(9), MUTED, left, top + _mm(7.5), right - left,
               Qt.AlignmentFlag.AlignRight)
    painter.setPen(RULE)
    y = top + _mm(HEADER_MM - 4)
    painter.drawLine(QPointF(left, y), QPointF(right, y))


def _footer(painter: QPainter, writer: QPdfWriter, text: str, number: int, total: int) -> None:
    left = _mm(MARGIN_MM)
    width = writer.width() - 2 * left
    y = writer.height() - _mm(MARGIN_MM + FOOTER_MM) + _mm(5)
    painter.setPen(RULE)
    painter.drawLine(QPointF(left, y - _mm(2)), QPointF(left + width, y - _mm(2)))
    _draw_text(painter, text, _font(9), MUTED, left, y, width - _mm(40))
    _draw_text(painter, f"Page {number} of {total}", _font(9, bold=True), MUTED, left, y, width,
               Qt.AlignmentFlag.AlignRight)


def _draw_text(painter: QPainter, text: str, font: QFont, colour: QColor, x: float, y: float,
               width: float, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
    """One line, elided to ``width``."""
    painter.setFont(font)
    painter.setPen(colour)
    metrics = painter.fontMetrics()
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, round(width))
    painter.drawText(QRectF(x, y, width, metrics.height() * 1.2),
                     int(align | Qt.AlignmentFlag.AlignTop), shown)


def _cover(painter: QPainter, writer: QPdfWriter, exhibit: Exhibit, rendered: RenderResult,
           when: datetime) -> None:
    left, top = _mm(MARGIN_MM), _mm(MARGIN_MM + 6)
    page_width = writer.width() - 2 * left
    height = writer.height() - top - _mm(MARGIN_MM + FOOTER_MM)
    text_width = page_width * 0.42
    column = _Column(writer, text_width)
    column.text("Proof sheet", _font(11, bold=True), ACCENT, space=0, keep=True)
    for index, (_code, title) in enumerate(exhibit.title):
        column.text(title, _font(26 if index == 0 else 16, bold=True, heading=True),
                    INK if index == 0 else MUTED, space=3 if index == 0 else 1)
    if exhibit.subtitle is not None:
        column.text(exhibit.subtitle.get(exhibit.default_language), _font(13), MUTED, space=2)
    panels = sum(len(era.panels) for era in exhibit.eras)
    images = sum(1 for _ in exhibit.images())
    facts = [
        ("Exhibit file", str(exhibit.path)),
        ("Rendered", f"{when:%Y-%m-%d %H:%M %Z}".strip()),
        ("Screen", f"{rendered.screen.label}, {rendered.screen.diagonal_in:g} inches"),
        ("Languages", ", ".join(f"{language_name(c)} ({c})" for c in exhibit.languages)),
        ("Contents", f"{len(exhibit.eras)} eras, {panels} panels, {images} images"),
        ("Screens", f"{len(rendered.shots)} PNG files beside this proof"),
    ]
    column.space(6)
    for label, value in facts:
        column.text(value, _font(10.5), label=label, space=1.5)
    column.text("Each following page shows one screen: its source line in the exhibit file "
                "(top right), then one column per language with the screenshot and every "
                "text a visitor can read or hear.", _font(10), MUTED, space=6)
    if rendered.fit:
        column.text(f"{len(rendered.fit)} texts do not fit on this screen; each is noted in "
                    "red on the page where it is first seen.", _font(10.5, bold=True), ALERT,
                    space=4)
        for code in exhibit.languages:
            _misfits(column, rendered, None, code)
    for y, piece in column.pages(height)[0]:
        piece.draw(painter, left, top + y)

    shots = [s for s in (rendered.shot(None, c) for c in exhibit.languages) if s is not None]
    x = left + text_width + _mm(COLUMN_GAP_MM)
    pictures = _Column(writer, page_width - text_width - _mm(COLUMN_GAP_MM))
    for shot in shots[:2]:
        image = QImage(str(shot.path))
        if not image.isNull():
            pictures.picture(image, (height - _mm(16)) / min(2, len(shots)) - _mm(8), space=0)
            pictures.text(shot.path.name, _font(9), MUTED, space=1)
            pictures.space(4)
    for y, piece in pictures.pages(height)[0]:
        piece.draw(painter, x, top + y)
