"""What the QML screens bind to: the window, where the visitor is, idle, and the kiosk's looks."""
