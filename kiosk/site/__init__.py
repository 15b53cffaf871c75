"""The machine's own settings (the site file) and its opening hours, free of Qt.

The exhibit is the curator's and travels between machines; the site file belongs to one
machine: its name, time zone, opening hours, closures, display power and metrics.
"""
