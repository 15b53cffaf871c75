"""`kiosk report`: what visitors do, read from one kiosk's or a whole museum's event logs."""
