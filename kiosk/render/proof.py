"""The curators' proof sheet: every rendered screen beside every word it shows.

A cover page, then a section per era opening and per panel, each starting a new page,
with one column per language: the screenshot, the texts and, for each image, its caption,
alt text and credit, with the line of ``exhibit.yaml`` to edit. Built as HTML in a
QTextDocument that Qt paginates and prints to a QPdfWriter (no extra dependency), in the
kiosk's bundled Noto fonts; nothing here is ever smaller than 9 pt. Exhibit texts are
untrusted: every one is escaped before it goes into the HTML.
"""

from __future__ import annotations

import html
import unicodedata
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from kiosk.exhibit.languages import language_name
from kiosk.exhibit.model import Exhibit, SourceLocation, Text
from kiosk.exhibit.pages import Page, build_pages
from kiosk.render.rendered import RenderResult, Screenshot
from kiosk.ui.window import BODY_FAMILY, HEADING_FAMILY

DPI = 300
IMAGE_DPI = 150  # screenshots are resampled to this: sharp on paper, a PDF that mails
MARGIN_MM = 12.0
COLUMN_GAP_MM = 8.0
INK = "#1b1b1b"
MUTED = "#5a5a5a"
ACCENT = "#7a5a1c"
RULE = "#c8c8c8"
ALERT = "#b00020"  # texts that do not fit: the one thing a reviewer must not miss
# Of the printable height: leaves room for the screen's header and a panel's words
# beside a 16:9 screenshot.
SCREENSHOT_SHARE = 0.31
COVER_TEXT_SHARE = 0.42  # of the cover's width; the welcome screens take the rest


class _Sheet:
    """The proof sheet's document, its page geometry in CSS pixels, and its pictures."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.doc = QTextDocument()
        # Lay text out with the PDF's own font metrics, not the screen's.
        self.doc.documentLayout().setPaintDevice(writer)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(QFont(BODY_FAMILY, 10))
        self.doc.setPageSize(QSizeF(writer.width(), writer.height()))
        # HTML lengths are pixels of Qt's default DPI, scaled to the writer's.
        self.css_dpi = _qt_default_dpi()
        self.width = writer.width() * self.css_dpi / writer.logicalDpiX()
        self.height = writer.height() * self.css_dpi / writer.logicalDpiY()
        self.gap = _px(COLUMN_GAP_MM)
        self.pictures = 0

    def column_width(self, share: float) -> float:
        """The width inside a table cell that takes ``share`` of the page."""
        return self.width * share - self.gap - 1  # 1: rounding must not widen the column

    def picture(self, path: Path, max_width: float, max_height: float) -> str:
        """An <img> of the screenshot at ``path``, as large as fits; "" if unreadable."""
        image = QImage(str(path))
        if image.isNull():
            return ""
        scale = min(max_width / image.width(), max_height / image.height())
        width, height = round(image.width() * scale), round(image.height() * scale)
        pixels = max(1, round(width / self.css_dpi * IMAGE_DPI))
        sampled = image.scaledToWidth(pixels, Qt.TransformationMode.SmoothTransformation)
        sampled = sampled.convertToFormat(QImage.Format.Format_RGB32)
        painter = QPainter(sampled)  # a hairline frame: a light screen must not melt into paper
        painter.setPen(QColor(RULE))
        painter.drawRect(0, 0, sampled.width() - 1, sampled.height() - 1)
        painter.end()
        self.pictures += 1
        url = f"proof:screen/{self.pictures}"  # our own name: no exhibit text in attributes
        self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), sampled)
        return (f'<p style="margin:0; margin-top:{_px(2):.0f}px">'
                f'<img src="{url}" width="{width}" height="{height}"></p>')


def write_proof(exhibit: Exhibit, rendered: RenderResult, path: Path,
                when: datetime) -> int:
    """Write the proof sheet to ``path``; returns its number of pages."""
    # QTextDocument.print_ fails silently: find out first whether the file can be written.
    try:
        path.write_bytes(b"")
    except OSError as exc:
        raise OSError(f"{path}: could not write the proof sheet ({exc.strerror or exc})") \
            from exc
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    side = MARGIN_MM - COLUMN_GAP_MM / 2  # each cell pads half a gap: text starts at MARGIN_MM
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(side, MARGIN_MM, side, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    default = exhibit.default_language
    writer.setTitle(f"{exhibit.title.get(default)}: proof")
    writer.setCreator("exhibit-kiosk")

    doc = proof_document(exhibit, rendered, when, writer)
    footer = (f"{exhibit.title.get(default)} · proof of {rendered.screen.label} screens · "
              f"{when:%Y-%m-%d %H:%M}")
    _print_with_footer(doc, writer, footer)
    if path.stat().st_size == 0:
        raise OSError(f"{path}: could not write the proof sheet")
    return doc.pageCount()


def _print_with_footer(doc: QTextDocument, writer: QPdfWriter, footer: str) -> None:
    """Each page as Qt paginated it, with the sheet's footer and "Page N of M" below it:
    a printed proof comes apart, and a reviewer quotes pages by number."""
    page = doc.pageSize()
    total = doc.pageCount()
    band = QRectF(0, page.height() + _device_mm(writer, 3), page.width(), _device_mm(writer, 5))
    painter = QPainter()
    if not painter.begin(writer):
        return
    try:
        for number in range(total):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * page.height())
            doc.drawContents(painter, QRectF(0, number * page.height(), page.width(),
                                             page.height()))
            painter.restore()
            painter.setPen(QColor(RULE))
            painter.drawLine(band.topLeft(), band.topRight())
            painter.setPen(QColor(MUTED))
            painter.setFont(QFont(BODY_FAMILY, 9))
            align = Qt.AlignmentFlag.AlignBottom
            painter.drawText(band, align | Qt.AlignmentFlag.AlignLeft, footer)
            painter.drawText(band, align | Qt.AlignmentFlag.AlignRight,
                             f"Page {number + 1} of {total}")
    finally:
        painter.end()


def _device_mm(writer: QPdfWriter, mm: float) -> float:
    return mm / 25.4 * writer.resolution()


def proof_document(exhibit: Exhibit, rendered: RenderResult, when: datetime,
                   writer: QPdfWriter) -> QTextDocument:
    """The proof sheet laid out on the pages of ``writer`` (which must outlive it), ready
    for ``print_``: its cover, then a section per screen, each starting a new page."""
    sheet = _Sheet(writer)
    parts = [_cover(sheet, exhibit, rendered, when)]
    parts.extend(_screen(sheet, exhibit, page, rendered) for page in build_pages(exhibit))
    parts.append(_closed_screen(sheet, exhibit, [s for s in rendered.shots if s.closed]))
    sheet.doc.setHtml(f'<body style="font-family:\'{BODY_FAMILY}\'; font-size:10pt; '
                      f'color:{INK}">{"".join(parts)}</body>')
    return sheet.doc


def _qt_default_dpi() -> int:
    """Qt's DPI for HTML pixels (qt_defaultDpi, not exposed to Python)."""
    if QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen is not None else 100


def _px(mm: float) -> float:
    """Millimetres as HTML pixels."""
    return mm / 25.4 * _qt_default_dpi()


def _direction(text: str) -> str:
    """``rtl`` when the text's first strong character is right-to-left (Arabic, Hebrew)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def _para(text: str, size: float = 10.0, colour: str = INK, *, bold: bool = False,
          italic: bool = False, heading: bool = False, space: float = 1.5, label: str = "",
          align: str = "") -> str:
    """A paragraph per line of ``text``, escaped; ``label`` starts the first one in bold.
    ``space`` is the gap above it in millimetres."""
    family = HEADING_FAMILY if heading else BODY_FAMILY
    style = (f"font-family:'{family}'; font-size:{max(9.0, size):g}pt; color:{colour}; "
             f"font-weight:{'bold' if bold else 'normal'}; "
             f"font-style:{'italic' if italic else 'normal'}; "
             "white-space:pre-wrap; line-height:120%; margin:0")
    top = f" margin-top:{_px(space):.0f}px" if space else ""
    aligned = f' align="{align}"' if align else ""
    lines = []
    for number, line in enumerate(text.split("\n")):
        prefix = ""
        if label and number == 0:
            prefix = (f'<span style="font-weight:bold; font-style:normal; color:{ACCENT}">'
                      f"{html.escape(label)}</span>  ")
        lines.append(f'<p dir="{_direction(line)}"{aligned} '
                     f'style="{style};{top if number == 0 else ""}">'
                     f"{prefix}{html.escape(line)}</p>")
    return "".join(lines)


def _where(location: SourceLocation | None) -> str:
    return f"{Path(location.file).name}:{location.line}" if location else "?"


def _table(sheet: _Sheet, cells: list[tuple[float, str]], header: str = "",
           new_page: bool = True) -> str:
    """A row of cells (share of the page width, HTML); ``header`` repeats on each page."""
    pad = f"padding-left:{sheet.gap / 2:.1f}px; padding-right:{sheet.gap / 2:.1f}px"
    head = (f'<thead><tr><td colspan="{len(cells)}" style="{pad}">{header}</td></tr></thead>'
            if header else "")
    row = "".join(f'<td width="{share * 100:.2f}%" valign="top" style="{pad}">{body}</td>'
                  for share, body in cells)
    brk = ' style="page-break-before:always"' if new_page else ""
    return (f'<table width="100%" cellspacing="0" cellpadding="0" border="0"{brk}>'
            f"{head}<tr>{row}</tr></table>")



def _screen(sheet: _Sheet, exhibit: Exhibit, page: Page, rendered: RenderResult) -> str:
    """A screen's section: its header, then one column per language."""
    share = 1 / len(exhibit.languages)
    cells = [(share, _language_column(sheet, share, exhibit, page, code, rendered))
             for code in exhibit.languages]
    return _table(sheet, cells, header=_header(exhibit, page))


def _closed_screen(sheet: _Sheet, exhibit: Exhibit, shots: list[Screenshot]) -> str:
    """The closed screen, shown outside opening hours: its pictures only, as its words
    are the exhibit's title and the kiosk's own."""
    share = 1 / len(exhibit.languages)
    cells = []
    for code in exhibit.languages:
        parts = [_para(f"{language_name(code)} · {code}", 10, ACCENT, bold=True, space=0)]
        shot = next((s for s in shots if s.language == code), None)
        picture = (sheet.picture(shot.path, sheet.column_width(share),
                                 sheet.height * SCREENSHOT_SHARE) if shot else "")
        if shot is not None and picture:
            parts += [picture, _para(shot.path.name, 9, MUTED, space=1)]
        cells.append((share, "".join(parts)))
    header = (_para("Outside opening hours", 10, ACCENT, bold=True, space=0)
              + _para("Closed screen", 14, bold=True, heading=True, space=0.5)
              + _para("Dimmed; a touch lights it for a minute. Shown here as on an evening "
                      "before a 10:00 opening.", 10, MUTED, space=0.5)
              + f'<hr style="background-color:{RULE}">')
    return _table(sheet, cells, header=header)


def _language_column(sheet: _Sheet, share: float, exhibit: Exhibit, page: Page, code: str,
                     rendered: RenderResult) -> str:
    default = " (default)" if code == exhibit.default_language else ""
    parts = [_para(f"{language_name(code)} · {code}{default}", 10, ACCENT, bold=True, space=0),
             _misfits(rendered, page, code)]
    shot = rendered.shot(page, code)
    if shot is not None:
        picture = sheet.picture(shot.path, sheet.column_width(share),
                                sheet.height * SCREENSHOT_SHARE)
        if picture:
            parts += [picture, _para(shot.path.name, 9, MUTED, space=1)]
    if page.panel is None:
        era = page.era
        parts += [_para(era.years, 12, ACCENT, bold=True, space=4),
                  _para(era.title.get(code), 17, bold=True, heading=True),
                  _para(era.summary.get(code), 10.5, space=2)]
        return "".join(parts)
    panel = page.panel
    parts.append(_para(panel.title.get(code), 17, bold=True, heading=True, space=4))
    if page.quote and panel.quote is not None:
        quote = panel.quote
        parts += [_field("Quotation", quote.text, code), _field("Who", quote.who, code),
                  _field("When", quote.when, code), _field("Source", quote.source, code)]
        return "".join(parts)
    if panel.text is not None:
        parts.append(_para(panel.text.get(code), 10.5, space=2))
    else:
        parts.append(_para("No body text.", 10, MUTED, italic=True, space=2))
    for number, image in enumerate(panel.images, 1):
        picture = image.files.get(code)
        size = (f" · {picture.width}×{picture.height} px" if picture.width and picture.height
                else "")
        parts += [_para(f"Image {number} of {len(panel.images)} · {picture.file}{size} · "
                        f"{_where(image.location)}", 9, MUTED, bold=True, space=3),
                  _field("Caption", image.caption, code),
                  _field("Alt text", image.alt, code),
                  _field("Credit", image.credit, code)]
    return "".join(parts)


def _misfits(rendered: RenderResult, page: Page | None, code: str) -> str:
    """A red note of what first failed to fit on this screen (`kiosk render` lists them)."""
    found = [w for w in rendered.fit if w.page == page and w.language == code]
    if not found:
        return ""
    parts = [_para(f"Does not fit on {rendered.screen.label}:", 10.5, ALERT, bold=True,
                   space=2)]
    for warning in found:
        where = (_where(warning.location) if warning.location is not None
                 else Path(warning.screen_file).name)
        parts.append(_para(f"{warning.message} ({where})", 10, ALERT, space=0.6))
    return "".join(parts)


def _field(label: str, text: Text | None, code: str) -> str:
    if text is None:
        return _para("none given", 10, MUTED, italic=True, label=label, space=0.6)
    return _para(text.get(code), 10, label=label, space=0.6)


def _header(exhibit: Exhibit, page: Page) -> str:
    """What and where the screen is: repeated at the top of each page it runs onto."""
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
    left = (_para(kicker, 10, ACCENT, bold=True, space=0)
            + _para(title, 14, bold=True, heading=True, space=0.5))
    right = (_para(where, 12, bold=True, space=0, align="right")
             + _para(ids, 9, MUTED, space=0.5, align="right"))
    return (f'<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
            f'<td width="70%" valign="top">{left}</td>'
            f'<td width="30%" valign="top">{right}</td></tr></table>'
            f'<hr style="background-color:{RULE}">')  # Qt draws a ruler in its background


def _cover(sheet: _Sheet, exhibit: Exhibit, rendered: RenderResult, when: datetime) -> str:
    default = exhibit.default_language
    parts = [_para("Proof sheet", 11, ACCENT, bold=True, space=0)]
    for index, (_code, title) in enumerate(exhibit.title):
        parts.append(_para(title, 26 if index == 0 else 16, INK if index == 0 else MUTED,
                           bold=True, heading=True, space=3 if index == 0 else 1))
    if exhibit.subtitle is not None:
        parts.append(_para(exhibit.subtitle.get(default), 13, MUTED, space=2))
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
    for number, (label, value) in enumerate(facts):
        parts.append(_para(value, 10.5, label=label, space=7.5 if number == 0 else 1.5))
    parts.append(_para("Each following section shows one screen and starts a new page: "
                       "its source line in the exhibit file (top right, repeated on every "
                       "page the screen runs onto), then one column per language with the "
                       "screenshot and every text a visitor can read or hear.",
                       10, MUTED, space=6))
    if rendered.fit:
        parts.append(_para(f"{len(rendered.fit)} texts do not fit on this screen; each is "
                           "noted in red on the page where it is first seen.", 10.5, ALERT,
                           bold=True, space=4))
        parts.extend(_misfits(rendered, None, code) for code in exhibit.languages)

    shots = [s for s in (rendered.shot(None, c) for c in exhibit.languages) if s is not None]
    pictures = []
    for shot in shots[:2]:
        picture = sheet.picture(shot.path, sheet.column_width(1 - COVER_TEXT_SHARE),
                                (sheet.height - _px(16)) / min(2, len(shots)) - _px(8))
        if picture:
            pictures += [picture, _para(shot.path.name, 9, MUTED, space=1)]
    return _table(sheet, [(COVER_TEXT_SHARE, "".join(parts)),
                          (1 - COVER_TEXT_SHARE, "".join(pictures))], new_page=False)
