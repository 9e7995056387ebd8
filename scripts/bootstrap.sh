#!/usr/bin/env bash
# Finds Python >= 3.12, makes sure uv is there, and syncs .venv from uv.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

is_new_enough() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

find_python() {
    local want candidate
    want=$(cat .python-version 2>/dev/null || echo 3.12)
    for candidate in "${PYTHON:-}" "python$want" python3.13 python3.12 \
        "$HOME/.pyenv/versions/$want"*/bin/python3 "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 \
        /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ] || continue
        if is_new_enough "$candidate"; then command -v "$candidate" || echo "$candidate"; return 0; fi
    done
    return 1
}

if ! PY=$(find_python); then
    echo "Språkvän needs Python 3.12 or newer, and none was found." >&2
    echo "Install one (e.g. 'pyenv install 3.12' or 'apt-get install python3.12')," >&2
    echo "or point to it: make run PYTHON=/path/to/python3.12" >&2
    exit 1
fi

UV=$(command -v uv || true)
if [ -z "$UV" ]; then
    if [ ! -x .tools/bin/uv ]; then
        echo "Installing uv into .tools/ (with $PY)"
        "$PY" -m venv .tools
        .tools/bin/python -m pip install --quiet uv
    fi
    UV=.tools/bin/uv
fi

export UV_PYTHON_DOWNLOADS=never
"$UV" sync --frozen --python "$PY" --quiet
