"""The systemd unit `kiosk install-service` writes: the kiosk in cage on the console,
restarted when it stops or hangs, inside a sandbox (deploy/README.md says why each setting
is there and why some stay open). ``{site_rw}`` and ``{site_dev}`` are whole lines
that the site file adds (kiosk/service/sitesandbox.py), or nothing."""

from __future__ import annotations

WRITTEN_BY = "# Written by `kiosk install-service`.\n"
# guard: unit-sandboxed
UNIT_TEMPLATE = """\
{header}# Starts the exhibit at boot, fullscreen in the cage kiosk compositor on {tty},
# and restarts it whenever it stops or hangs.
[Unit]
Description=Exhibit kiosk ({exhibit_name})
After=systemd-user-sessions.service plymouth-quit-wait.service getty@{tty}.service
After=dbus.socket systemd-logind.service
Wants=dbus.socket systemd-logind.service
Conflicts=getty@{tty}.service
# Never stop restarting: a gallery screen left dark helps nobody.
StartLimitIntervalSec=0

[Service]
Type=notify
# cage is the main process and the kiosk its child, so accept the kiosk's notifications.
NotifyAccess=all
# The kiosk pings every 15 s from its GUI thread; a hung screen is restarted.
WatchdogSec=30
Restart=always
RestartSec=2
User={user}
# A logind session on the console gives cage the screen and the touch input.
PAMName=login
TTYPath=/dev/{tty}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier={tty}
UtmpMode=user
Environment=QT_QPA_PLATFORM=wayland
Environment=XDG_SESSION_TYPE=wayland
ExecStart={exec_start}
# The sandbox (deploy/README.md, "Hardening", says why what it leaves open stays open).
# No way up: cage gets the screen and input from logind, not from setuid or capabilities.
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
# Everything read-only, /home too (not hidden: the exhibit may be there). Writable: the
# kiosk's settings, logs and cache, spelled out because %h is root's home in a system
# unit ("-": one that is missing stays read-only instead of failing the start), and the
# session's runtime folder, where cage makes its Wayland socket.
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths=-{config_dir}
ReadWritePaths=-{data_dir}
ReadWritePaths=-{cache_dir}
ReadWritePaths=/run/user/{uid}
{site_rw}# Mesa's shader cache in the kiosk's own, as the rest of ~/.cache is read-only: shaders
# are then not compiled again at every restart.
Environment=MESA_SHADER_CACHE_DIR={cache_dir}
# A writable /tmp of its own, for cage's X11 socket; the host's /tmp is out of sight.
PrivateTmp=yes
# No SysV IPC shared with the host, no mount that reaches it.
PrivateIPC=yes
PrivateMounts=yes
# The kernel's settings, modules, log and cgroups, the clock and the hostname are not the
# kiosk's to change.
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
# Other accounts' processes are out of sight. The rest of /proc stays (no ProcSubset=):
# Mesa reads /proc/meminfo, and LLVM, for llvmpipe, /proc/cpuinfo.
ProtectProc=invisible
# Nothing here needs new namespaces, realtime scheduling, setuid files or another
# personality, nor keeps SysV IPC once it has stopped.
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RemoveIPC=yes
# A keyring of its own; what it writes, only this account can read.
KeyringMode=private
UMask=0077
# Devices: the GPU, which cage and Mesa open by name, and this console. logind opens the
# display and the input devices and hands cage the open files, so /dev/input stays shut.
DevicePolicy=closed
DeviceAllow=char-drm rw
DeviceAllow=/dev/{tty} rw
{site_dev}# No network. Local sockets: Wayland, D-Bus to logind, the journal, sd_notify. Netlink:
# udev's news of a screen or touch panel plugged in.
RestrictAddressFamilies=AF_UNIX AF_NETLINK
IPAddressDeny=any
# The native calls of an ordinary service, less those needing privileges or changing
# priority, CPU affinity or limits. A refused call fails with EPERM instead of killing the
# kiosk: Mesa and Qt try affinity and priority, and carry on without.
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources
SystemCallErrorNumber=EPERM
# Left open on purpose: MemoryDenyWriteExecute= (Mesa's llvmpipe and the QML engine
# compile machine code as they run), PrivateNetwork= (udev's events reach only the host's
# network namespace), PrivateDevices= (the GPU and the console), PrivateUsers= (the
# console session's ids and groups).

[Install]
WantedBy=graphical.target
"""
