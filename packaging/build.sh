#!/usr/bin/env bash
# Build the self-contained OKR Desk bundle: dist/okrdesk (one folder, two executables) and
# dist/okrdesk-VERSION-linux-ARCH.tar.gz. Usage: bash packaging/build.sh  (or: make bundle)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}  # the interpreter the build environment is made from
DIST=$ROOT/dist
WORK=$ROOT/build/pyinstaller
BUILD_ENV=$ROOT/build/bundle-env
BUNDLE=$DIST/okrdesk

fail() { echo "build.sh: $*" >&2; exit 1; }

[ -x "$PYTHON" ] || fail "no Python at $PYTHON; run 'make run' or 'make test' once to create .venv"
for part in main.py ui/app.py okrdesk/cli.py; do
    [ -f "$part" ] || fail "$part is missing: the bundle needs the app and the command line"
done
"$PYTHON" packaging/release_version.py --check \
    || fail "the installer files disagree with the version in pyproject.toml"

started=$(date +%s)
# The bundle is built from a regular (not editable) install of the project in an environment
# of its own: PyInstaller does not follow the import hook with which an editable install maps
# okrdesk_ui to ui/ and okrdesk_resources to resources/, and the developer's environment
# keeps its test tools out of the bundle. Dependencies are installed once; the project each time.
if [ ! -x "$BUILD_ENV/bin/python" ]; then
    echo "Making the build environment $BUILD_ENV"
    "$PYTHON" -m venv "$BUILD_ENV"
fi
ENV_PYTHON=$BUILD_ENV/bin/python
"$ENV_PYTHON" -m pip install --quiet --disable-pip-version-check ".[bundle]"
"$ENV_PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
rm -rf "$ROOT"/build/lib "$ROOT"/build/bdist.*  # setuptools' leftovers of the wheel

VERSION=$("$ENV_PYTHON" -c "from importlib.metadata import version; print(version('okrdesk'))")
ARCH=$(uname -m)
installed=$(date +%s)

rm -rf "$BUNDLE"
(cd "$BUILD_ENV" && "$ENV_PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/okrdesk.spec")

# Desktop integration travels with the bundle in the XDG layout, with its installer.
bash packaging/linux/stage.sh "$BUNDLE"

# The Python library and its extension modules carry debugging symbols the app never needs.
strip --strip-debug "$BUNDLE"/_internal/libpython3*.so* \
    "$BUNDLE"/_internal/python3*/lib-dynload/*.so

# The Graphviz libraries of the PyGraphviz wheel are padded with long runs of zeros; store
# those runs as holes so the installed folder takes less disk. File contents do not change.
if command -v fallocate >/dev/null; then
    find "$BUNDLE/_internal/pygraphviz.libs" -type f -exec fallocate --dig-holes {} \;
fi

built=$(date +%s)
ARCHIVE=$DIST/okrdesk-$VERSION-linux-$ARCH.tar.gz
tar -C "$DIST" --sparse -czf "$ARCHIVE" okrdesk
finished=$(date +%s)

apparent=$(du -sm --apparent-size "$BUNDLE" | cut -f1)
on_disk=$(du -sm "$BUNDLE" | cut -f1)
archive=$(du -sm --apparent-size "$ARCHIVE" | cut -f1)
echo "Bundle:  $BUNDLE"
echo "Size:    ${apparent} MB (file sizes), ${on_disk} MB on disk, ${archive} MB as $(basename "$ARCHIVE")"
echo "Time:    $((installed - started)) s to install, $((built - installed)) s to build," \
    "$((finished - built)) s to archive"
