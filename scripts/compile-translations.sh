#!/usr/bin/env bash
# Compile the message catalogs (.po -> .mo) of the core and of every plugin.
# Folders without catalogs yet are skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pybabel=.venv/bin/pybabel
[ -x "$pybabel" ] || pybabel=pybabel

# A folder is compiled only when a catalog is newer than its .mo (or has none),
# so a second run of the tests never rewrites a .mo another run is reading.
stale() {
    local po
    for po in "$1"/*/LC_MESSAGES/*.po; do
        [ "$po" -nt "${po%.po}.mo" ] && return 0
    done
    return 1
}

for dir in dialogplatform/translations plugins/*/translations; do
    if compgen -G "$dir/*/LC_MESSAGES/*.po" >/dev/null && stale "$dir"; then
        "$pybabel" compile --statistics -d "$dir"
    fi
done
