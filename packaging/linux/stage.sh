#!/usr/bin/env bash
# Put the Linux desktop integration into a bundle folder, in the XDG layout under share/,
# with install.sh beside the executables. Usage: stage.sh BUNDLE_FOLDER
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ICONS=$HERE/../../resources/icons
BUNDLE=${1:?usage: stage.sh BUNDLE_FOLDER}
APP_ID=org.okrdesk.OKRDesk
SHARE=$BUNDLE/share

install -D -m 644 "$HERE/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -D -m 644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$HERE/okrdesk-mime.xml" "$SHARE/mime/packages/okrdesk.xml"
for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "$ICONS/png/okrdesk-$size.png" \
        "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    install -D -m 644 "$ICONS/png/okrdesk-plan-$size.png" \
        "$SHARE/icons/hicolor/${size}x${size}/mimetypes/application-x-okrdesk-plan.png"
done
install -D -m 644 "$ICONS/okrdesk.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
install -D -m 644 "$ICONS/okrdesk-plan.svg" \
    "$SHARE/icons/hicolor/scalable/mimetypes/application-x-okrdesk-plan.svg"
install -m 755 "$HERE/install.sh" "$BUNDLE/install.sh"
