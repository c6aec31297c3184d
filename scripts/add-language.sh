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
# The scaffold's template holds placeholders (__key__, __created__) that stay as they are.
"$python" - "$code" <<'PY'
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

code = sys.argv[1]
folder = Path("dialogplatform/scaffold/project/dialogplatform___key__/translations")
target = folder / code / "LC_MESSAGES" / "messages.po.tmpl"
if not target.exists():
    template = read_po(iter((folder / "messages.pot.tmpl").read_text().replace("__created__", "2000-01-01")
                            .encode().splitlines(keepends=True)))
    catalog = Catalog(locale=code, project=template.project, version=template.version)
    for message in template:
        if message.id:
            catalog.add(message.id, "", flags=message.flags)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=76)
    text = target.read_text().replace("2000-01-01", "__created__")
    target.write_text(re.sub(r"POT-Creation-Date: [^\\]*", "POT-Creation-Date: __created__ 00:00+0000", text))
PY
echo "Now translate every msgstr of the new catalogs, add '$code' to each term of"
echo "dialogplatform/translations/glossary.toml, and run: bash scripts/test.sh tests/test_catalogs.py tests/test_glossary.py"
