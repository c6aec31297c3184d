# Sourced by start.sh and test.sh: make sure .venv exists and is usable.
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
