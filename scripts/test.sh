#!/usr/bin/env bash
# Install the test dependencies and run the tests; arguments go to pytest.
# The database is chosen by DIALOGPLATFORM_TEST_DATABASE_URL (unset: SQLite),
# e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/venv.sh

ensure_venv
install_project '.[test]'
bash scripts/compile-translations.sh

exec .venv/bin/python -m pytest "$@"
