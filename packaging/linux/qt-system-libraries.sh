#!/usr/bin/env bash
# Make sure the system libraries that Qt's xcb platform (a real X11 window) loads are present.
# PySide6's wheels carry Qt itself but not these; a fresh Debian or Ubuntu lacks some of them, and
# Qt then refuses to start with "could not load the Qt platform plugin xcb".
# Usage: qt-system-libraries.sh PYTHON [--check]
#   (run by `make run` and `.ci/run`; safe to run again: checks first). Missing libraries are
#   installed with apt-get as root (or through sudo); otherwise it stops with the exact command.
#   --check only says what is missing (exit status 1 if anything is).
set -euo pipefail
PYTHON=${1:-python3}
MODE=${2:-install}

[ "$(uname -s)" = Linux ] || exit 0
plugin=$("$PYTHON" -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "plugins", "platforms", "libqxcb.so"))')
[ -f "$plugin" ] || exit 0

# What the platform plugin and Qt's xcb library load that the system does not have.
missing_libraries() {
    ldd "$plugin" "$(dirname "$plugin")/../../lib/libQt6XcbQpa.so.6" 2>/dev/null \
        | awk '/not found/ {print $1}' | sort -u
}

# The Debian/Ubuntu packages that provide everything Qt 6's xcb platform loads (checked with ldd
# on libqxcb.so and libQt6XcbQpa.so.6 of PySide6 6.11).
PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
libxcb-render0 libxcb-randr0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0
libxcb-xinerama0 libxcb-xkb1 libxcb1 libxkbcommon-x11-0 libxkbcommon0 libx11-xcb1 libx11-6
libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3"
# shellcheck disable=SC2086
COMMAND="apt-get install -y --no-install-recommends "$(echo $PACKAGES)

missing=$(missing_libraries)
[ -z "$missing" ] && exit 0

echo "Qt's X11 platform needs system libraries that are missing:" $missing
if [ "$MODE" = --check ]; then
    echo "Install them as root: apt-get update && $COMMAND" >&2
    exit 1
fi
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
    echo "Run as root: apt-get update && $COMMAND" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! { $SUDO apt-get update -qq && $SUDO $COMMAND -qq >/dev/null; }; then
    echo "They could not be installed; run as root: apt-get update && $COMMAND" >&2
    exit 1
fi
still=$(missing_libraries)
if [ -n "$still" ]; then
    echo "Still missing after installing: $still" >&2
    exit 1
fi
echo "Installed the libraries Qt's X11 platform needs."
