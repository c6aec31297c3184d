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
# The single sign-on tests start a real OpenID Connect provider (Node.js).
if command -v npm >/dev/null && [ ! -d tests/oidc_provider/node_modules/oidc-provider ]; then
    npm ci --prefix tests/oidc_provider --no-audit --no-fund --loglevel=error
fi

exec .venv/bin/python -m pytest "$@"
