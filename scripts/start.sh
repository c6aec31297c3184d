#!/usr/bin/env bash
# Install (or update) and start Dialogplattform on http://127.0.0.1:5000.
# Safe to run again: the database is upgraded, demo data only loaded once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/venv.sh

ensure_venv
install_project .
bash scripts/compile-translations.sh

export PATH="$PWD/.venv/bin:$PATH"
# Links in mails point here (the app refuses to start without BASE_URL).
export DIALOGPLATFORM_BASE_URL="${DIALOGPLATFORM_BASE_URL:-http://127.0.0.1:5000}"
dialogplatform init
dialogplatform demo --if-empty
exec dialogplatform run --host 127.0.0.1 --port 5000
