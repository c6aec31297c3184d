# Sourced by start.sh, test.sh and .ci/run: make sure .venv exists and is usable,
# and install the project into it.
# Expects to run from the repository root.

ensure_venv() {
    if [ -x .venv/bin/python ] && .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        return
    fi
    local python=""
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            python="$candidate"
            break
        fi
    done
    if [ -z "$python" ]; then
        echo "Python 3.11 or newer is needed. On Debian: sudo apt install python3" >&2
        exit 1
    fi
    rm -rf .venv
    if ! "$python" -m venv .venv; then
        rm -rf .venv
        echo >&2
        echo "Could not create a virtual environment with $python." >&2
        echo "On Debian/Ubuntu install the venv module first:" >&2
        echo "    sudo apt install python3-venv" >&2
        exit 1
    fi
}

# Install the project (editable) into .venv with the versions pinned in
# constraints.txt; the argument names the extras, e.g. '.[test]'. Skipped when
# nothing that decides the install changed since the last one: a reinstall
# rewrites the entry points other runs of the same checkout read (CI runs the
# suite on two databases at once).
install_project() {
    local stamp=.venv/.installed wanted
    wanted="${1:-.} $(cat pyproject.toml setup.py constraints.txt | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return
    fi
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "${1:-.}"
    echo "$wanted" >"$stamp"
}
