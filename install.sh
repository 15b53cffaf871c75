#!/usr/bin/env bash
# Installs what exhibit-kiosk needs on Debian or Ubuntu: the system libraries Qt uses,
# then a virtual environment in .venv with the kiosk and its test tools.
# Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Qt's runtime libraries (OpenGL/EGL, fonts, keyboard, X11 for the xcb platform), the
# venv module Debian ships separately, Xvfb + xdotool for the real-window checks, and
# xdpyinfo + tesseract (English, Russian) for the check that every word is on screen.
packages=(
  python3-venv python3-pip
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libglib2.0-0t64
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 libx11-xcb1
  xvfb xdotool x11-utils tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus
  # systemd-analyze, with which the tests check the unit `kiosk install-service` writes.
  systemd
  # The node exporter that serves the kiosk's metrics file, and promtool (Debian ships it
  # in `prometheus`) that checks and tests deploy/prometheus/alerts.yml.
  prometheus-node-exporter prometheus
  # Syncthing, which carries published exhibits to the kiosks and their event logs home,
  # and Ansible, which provisions them (deploy/): the tests run both on this machine.
  syncthing ansible-core ansible-lint
  # Headless Chromium, in which the tests open `kiosk report`'s page.
  chromium
)

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  missing=()
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    $sudo apt-get update -qq
    # Names differ between releases (libglib2.0-0 became libglib2.0-0t64): take those
    # this release has.
    available=()
    for pkg in "${missing[@]}"; do
      apt-cache show "$pkg" >/dev/null 2>&1 && available+=("$pkg")
    done
    if [ ${#available[@]} -gt 0 ]; then
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${available[@]}" >/dev/null
      # Only promtool is wanted from `prometheus`: its server is not left running.
      if [[ " ${available[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null; then
        $sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
      fi
    fi
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test,report]'
echo "exhibit-kiosk is installed in .venv: run it with .venv/bin/kiosk"
