#!/usr/bin/env bash
# Compile the message catalogs (.po -> .mo) of the core and of every plugin.
# Folders without catalogs yet are skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pybabel=.venv/bin/pybabel
[ -x "$pybabel" ] || pybabel=pybabel

for dir in dialogplatform/translations plugins/*/translations; do
    if compgen -G "$dir/*/LC_MESSAGES/*.po" >/dev/null; then
        "$pybabel" compile --statistics -d "$dir"
    fi
done
