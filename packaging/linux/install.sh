#!/usr/bin/env bash
# Make this OKR Desk folder part of the desktop for the current user: menu entry, icons,
# `.okr` plan files opening in OKR Desk on double-click, and `okrdesk` / `okrdesk-gui` on PATH.
# Usage: ./install.sh            install (run it from wherever the folder will stay)
#        ./install.sh --remove   undo it
# Set XDG_DATA_HOME or BIN_DIR to install elsewhere than ~/.local/share and ~/.local/bin.
set -euo pipefail
BUNDLE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=${BIN_DIR:-$HOME/.local/bin}
APP_ID=org.okrdesk.OKRDesk

refresh() {
    if command -v update-mime-database >/dev/null; then update-mime-database "$DATA/mime"; fi
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database "$DATA/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache --quiet --ignore-theme-index "$DATA/icons/hicolor" || true
    fi
}

installed_files() {
    (cd "$BUNDLE/share" && find . -type f ! -path "./applications/*" | sed 's|^\./||')
}

if [ "${1:-}" = "--remove" ]; then
    installed_files | while read -r file; do rm -f "$DATA/$file"; done
    rm -f "$DATA/applications/$APP_ID.desktop" "$BIN/okrdesk" "$BIN/okrdesk-gui"
    mkdir -p "$DATA/mime" "$DATA/applications"
    refresh
    echo "OKR Desk removed from the desktop; the folder $BUNDLE is left as it is."
    exit 0
fi

[ -x "$BUNDLE/okrdesk-gui" ] || { echo "install.sh: $BUNDLE/okrdesk-gui not found" >&2; exit 1; }
installed_files | while read -r file; do install -D -m 644 "$BUNDLE/share/$file" "$DATA/$file"; done
mkdir -p "$DATA/applications" "$BIN"
# The menu entry starts this folder's executable, wherever the folder was unpacked.
sed "s|^Exec=okrdesk-gui |Exec=\"$BUNDLE/okrdesk-gui\" |" \
    "$BUNDLE/share/applications/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
ln -sf "$BUNDLE/okrdesk" "$BIN/okrdesk"
ln -sf "$BUNDLE/okrdesk-gui" "$BIN/okrdesk-gui"
refresh
echo "OKR Desk installed for $(id -un): menu entry, icons, .okr files; commands in $BIN."
