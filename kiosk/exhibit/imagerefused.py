"""The one exception every picture check raises: a picture the kiosk will not show."""

from __future__ import annotations


class ImageRefused(Exception):
    """An image the kiosk will not show, with a message a curator can act on.

    The message describes the problem, not which file: callers say which file they meant.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
