#!/usr/bin/env bash
# Add an interface language: its catalog in the core, in every format and in
# the format scaffold, from the current templates. Then translate every entry
# (tests/test_catalogs.py names what is missing). Usage: scripts/add-language.sh ru
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
code=${1:?usage: scripts/add-language.sh LANGUAGE-CODE}

pybabel=.venv/bin/pybabel
[ -x "$pybabel" ] || pybabel=pybabel
python=.venv/bin/python
[ -x "$python" ] || python=python3

"$python" -c "import babel, sys; babel.Locale.parse(sys.argv[1])" "$code" \
    || { echo "CLDR does not know the language '$code'" >&2; exit 2; }
bash scripts/extract-translations.sh >/dev/null 2>&1
for dir in dialogplatform/translations plugins/*/translations; do
    if [ -e "$dir/$code/LC_MESSAGES/messages.po" ]; then
        echo "$dir: $code exists already"
    else
        "$pybabel" init -i "$dir/messages.pot" -d "$dir" -l "$code"
    fi
done
scaffold=dialogplatform/scaffold/project/dialogplatform___key__/translations
if [ ! -e "$scaffold/$code/LC_MESSAGES/messages.po.tmpl" ]; then
    mkdir -p "$scaffold/$code/LC_MESSAGES"
    "$pybabel" init -i "$scaffold/messages.pot.tmpl" -d "$scaffold" -l "$code" -o "$scaffold/$code/LC_MESSAGES/messages.po.tmpl"
fi
echo "Now translate every msgstr of the new catalogs, add '$code' to each term of"
echo "dialogplatform/translations/glossary.toml, and run: bash scripts/test.sh tests/test_catalogs.py tests/test_glossary.py"
