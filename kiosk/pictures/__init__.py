"""Exhibit pictures: decoded off the GUI thread within a memory budget; SVGs drawn in a child."""
