#!/usr/bin/env bash
# Extract the source strings of the core and of every plugin into their
# messages.pot (the templates `pybabel init` and `pybabel update` read).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pybabel=.venv/bin/pybabel
[ -x "$pybabel" ] || pybabel=pybabel
options=(-k _l -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 -k pgettext_noop:1c,2 -k _lp:1c,2 --no-location --sort-output)


"$pybabel" extract -F babel.cfg "${options[@]}" -o dialogplatform/translations/messages.pot dialogplatform
for cfg in plugins/*/babel.cfg; do
    plugin=$(dirname "$cfg")
    "$pybabel" extract -F "$cfg" "${options[@]}" -o "$plugin/translations/messages.pot" "$plugin"
done
