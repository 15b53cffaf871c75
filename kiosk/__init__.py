"""exhibit-kiosk: a fullscreen, touch-first exhibit viewer for museums and galleries."""

__version__ = "0.1.0"
