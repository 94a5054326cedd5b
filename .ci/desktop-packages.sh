#!/usr/bin/env bash
# What the test of the real window (Qt's xcb platform under Xvfb) needs on a fresh machine:
# Xvfb, xdotool and the X11 libraries Qt loads. Installed with apt-get when running as root and
# missing; otherwise says what is missing and leaves it (that test then fails on CI and says why).
set -euo pipefail
cd "$(dirname "$0")/.."

wanted=""
command -v Xvfb >/dev/null || wanted="$wanted xvfb"
command -v xdotool >/dev/null || wanted="$wanted xdotool"
if [ -n "$wanted" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $wanted >/dev/null
    else
        echo "Missing for the real-window test:$wanted (apt-get install -y$wanted, as root)" >&2
    fi
fi
make --no-print-directory .venv/.installed  # PySide6, whose xcb plugin says what it loads
bash packaging/linux/qt-system-libraries.sh .venv/bin/python || true  # the test says it again
