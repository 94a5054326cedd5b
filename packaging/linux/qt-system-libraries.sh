#!/usr/bin/env bash
# Make sure the system libraries that Qt's xcb platform (a real X11 window) loads are present.
# PySide6's wheels carry Qt itself but not these; a fresh Debian or Ubuntu lacks some of them, and
# Qt then refuses to start with "could not load the Qt platform plugin xcb".
# Usage: qt-system-libraries.sh PYTHON   (run by `make run`; safe to run again: checks first)
set -euo pipefail
PYTHON=${1:-python3}

[ "$(uname -s)" = Linux ] || exit 0
plugin=$("$PYTHON" -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "plugins", "platforms", "libqxcb.so"))')
[ -f "$plugin" ] || exit 0

missing_libraries() {
    ldd "$plugin" "$(dirname "$plugin")/../../lib/libQt6XcbQpa.so.6" 2>/dev/null \
        | awk '/not found/ {print $1}' | sort -u
}

missing=$(missing_libraries)
[ -z "$missing" ] && exit 0

# The Debian/Ubuntu packages that provide what Qt 6's xcb platform loads.
PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
libxkbcommon0 libxcb1 libx11-xcb1 libegl1 libgl1 libfontconfig1 libdbus-1-3"

echo "Qt's X11 platform needs system libraries that are missing:" $missing
if ! command -v apt-get >/dev/null; then
    echo "Install the packages that provide them with your system's package manager." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null; then
    SUDO="sudo"
    echo "Installing them with sudo (you may be asked for your password)."
else
    echo "Run as root: apt-get install -y" $PACKAGES >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
still=$(missing_libraries)
if [ -n "$still" ]; then
    echo "Still missing after installing: $still" >&2
    exit 1
fi
echo "Installed the libraries Qt's X11 platform needs."
