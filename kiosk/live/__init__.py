"""Live operation: reloads, the systemd watchdog, uncaught faults and the visitor event log."""
