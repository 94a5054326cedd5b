#!/usr/bin/env bash
# Smoke test of the BUILT bundle, run the way a user runs it: an empty environment with a
# minimal PATH, a fresh HOME and a working folder outside the project, so nothing of the
# project or its virtual environment can be imported.
# Usage: bash packaging/smoke_test.sh [BUNDLE_FOLDER]   (default dist/okrdesk; make bundle-test)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/okrdesk}" && pwd)
VERSION=$("${PYTHON:-$ROOT/.venv/bin/python}" "$ROOT/packaging/release_version.py")
QUIT_AFTER_MS=${QUIT_AFTER_MS:-3000}

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH/home" "$SCRATCH/work"
cd "$SCRATCH/work"
failures=0
pass() { echo "ok    $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

bundled() {
    env -i PATH=/usr/bin:/bin HOME="$SCRATCH/home" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen "$@"
}

# 1. The version, from the command line.
if output=$(bundled "$BUNDLE/okrdesk" --version 2>&1) && [[ $output == *"$VERSION"* ]]; then
    pass "okrdesk --version: $output"
else
    fail "okrdesk --version printed '$output', expected $VERSION"
fi

# 2. What the app loads at run time: Graphviz plugins, migrations, licences, Qt plugins.
if output=$(bundled "$BUNDLE/okrdesk" --bundle-check 2>&1); then
    pass "bundle check"
else
    fail "bundle check"
fi
echo "$output" | grep -E '^(ok|FAIL) ' | sed 's/^/      /'

# 3. The demo plan, made by the bundle itself, and its alignment map as a PDF.
PLAN=$SCRATCH/work/demo.okr
MAP=$SCRATCH/work/demo-map.pdf
if bundled "$BUNDLE/okrdesk" demo "$PLAN" >demo.log 2>&1 && [ -s "$PLAN" ]; then
    pass "okrdesk demo wrote $(basename "$PLAN") ($(du -k "$PLAN" | cut -f1) kB)"
else
    fail "okrdesk demo: $(cat demo.log)"
fi
if bundled "$BUNDLE/okrdesk" map "$PLAN" -o "$MAP" >map.log 2>&1 && [ -s "$MAP" ]; then
    pass "okrdesk map wrote $(basename "$MAP") ($(du -k "$MAP" | cut -f1) kB)"
else
    fail "okrdesk map: $(cat map.log)"
fi
# The spreadsheet libraries are compiled extensions: an XLSX out and back in proves both came.
SHEET=$SCRATCH/work/demo.xlsx
AGAIN=$SCRATCH/work/again.okr
if bundled "$BUNDLE/okrdesk" export "$PLAN" -o "$SHEET" >sheet.log 2>&1 \
        && bundled "$BUNDLE/okrdesk" import "$SHEET" -o "$AGAIN" >>sheet.log 2>&1 \
        && [ "$(sqlite3 -readonly "$PLAN" 'SELECT count(*) FROM objectives')" \
             = "$(sqlite3 -readonly "$AGAIN" 'SELECT count(*) FROM objectives')" ]; then
    pass "okrdesk export and import carried the demo through XLSX"
else
    fail "XLSX export and import: $(cat sheet.log)"
fi
if [ -s "$MAP" ] && [ -s "$PLAN" ]; then
    # Titles are read from the plan with the system's sqlite3, not with anything bundled. The
    # map shows the demo's year with its quarters; backlog ideas belong to no cycle's map.
    sqlite3 -readonly "$PLAN" "SELECT o.title FROM objectives o JOIN cycles c
        ON c.id = o.cycle_id WHERE c.kind != 'backlog' ORDER BY o.title" >titles.txt
    pdftotext -raw "$MAP" - | tr -s '[:space:]' ' ' >map.txt
    total=0
    missing=0
    while IFS= read -r title; do
        total=$((total + 1))
        squeezed=$(printf '%s' "$title" | tr -s '[:space:]' ' ')
        if ! grep -qF -- "$squeezed" map.txt; then
            missing=$((missing + 1))
            echo "      not in the map: $title"
        fi
    done <titles.txt
    if [ "$total" -gt 0 ] && [ "$missing" -eq 0 ]; then
        pass "the map holds all $total objective titles of the demo's year and quarters"
    else
        fail "the map holds $((total - missing)) of $total objective titles"
    fi
fi

# 4. The desktop app starts offscreen, opens the demo plan and quits by itself.
started=$(date +%s%N)
set +e
bundled OKRDESK_QUIT_AFTER_MS="$QUIT_AFTER_MS" timeout 120 \
    "$BUNDLE/okrdesk-gui" "$PLAN" >gui.log 2>&1
status=$?
set -e
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
if [ "$status" -eq 0 ] && ! grep -q "Traceback" gui.log; then
    pass "okrdesk-gui opened the demo plan and quit with 0 after ${elapsed_ms} ms"
else
    fail "okrdesk-gui exited with $status after ${elapsed_ms} ms: $(tail -20 gui.log)"
fi
# The app remembers the plans it opened (QSettings under the fresh HOME).
if grep -rqF "$PLAN" "$SCRATCH/home/.config" 2>/dev/null; then
    pass "okrdesk-gui recorded the demo plan among its recent plans"
else
    fail "okrdesk-gui did not record opening the demo plan"
fi
if [ ! -e "$PLAN.lock" ] && sqlite3 -readonly "$PLAN" "PRAGMA quick_check" | grep -qx ok; then
    pass "the demo plan is intact and unlocked after the app closed"
else
    fail "the demo plan is damaged or still locked after the app closed"
fi

if [ "$failures" -eq 0 ]; then
    echo "Smoke test passed: $BUNDLE"
else
    echo "Smoke test FAILED: $failures problem(s) with $BUNDLE"
    exit 1
fi
