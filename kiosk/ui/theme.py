"""Colours and type sizes of the kiosk, chosen for reading at arm's length.

Body text must keep a contrast of at least 7:1 (WCAG AAA); `contrast_ratio` lets the
tests hold every pairing to that.
"""

from __future__ import annotations

PALETTE: dict[str, str] = {
    "background": "#14181f",  # deep ink, calm behind images
    "surface": "#1d232c",
    "surfaceRaised": "#262e39",
    "text": "#f4efe4",  # warm paper white
    "textMuted": "#c9c2b4",  # captions and credits, still over 7:1
    "accent": "#e0b66a",  # brass: current era, focus ring
    "accentText": "#14181f",
    "controlEdge": "#8c96a5",  # a control's outline: over 4.5:1 on every ground it sits on
    "disabledEdge": "#4a525e",  # clearly off, and exempt from the 3:1 a live control needs
    "disabledText": "#a4a9b0",  # still legible (over 7:1) on a switched-off control
    "ussr": "#c0504d",
    "usa": "#4f7fb8",
    "scrim": "#e6101317",
}

# Pairs of (foreground, background) that visitors read as body text.
BODY_TEXT_PAIRS = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "surfaceRaised"),
    ("textMuted", "background"),
    ("textMuted", "surface"),
    ("accent", "background"),
    ("accentText", "accent"),
    ("disabledText", "background"),
)

# Pairs of (control outline, what is around it): WCAG 1.4.11 asks 3:1 for a control's edge.
CONTROL_EDGE_PAIRS = (
    ("controlEdge", "background"),
    ("controlEdge", "surface"),
    ("controlEdge", "surfaceRaised"),
    ("accent", "background"),
    ("accent", "surface"),
)


def _luminance(colour: str) -> float:
    hex_rgb = colour.lstrip("#")[-6:]
    channels = [int(hex_rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
