"""The peer comparison's parts: TimelineJS and its page, Chromium over DevTools, the kiosk child.

Used by ``bench_peer.py``; see that script for what is measured.
"""
