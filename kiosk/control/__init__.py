"""Reaching the running kiosk from a terminal: `kiosk status` and `kiosk screenshot`."""
