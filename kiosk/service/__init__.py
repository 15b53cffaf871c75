"""Running the kiosk as a system service: systemd notifications and the unit installer."""
