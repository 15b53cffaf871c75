"""``kiosk render``: every screen to PNG, the fit check, and the curators' proof sheet."""
