#!/bin/sh
# Build the one-folder Parallax app into dist/Parallax/ (dist/Parallax.app on macOS).
# Usage: tools/build_bundle.sh [python]   (default: .venv/bin/python, else python3)
set -eu
cd "$(dirname "$0")/.."
PY="${1:-}"
if [ -z "$PY" ]; then
    if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
"$PY" -m pip install --quiet pyinstaller
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm parallax.spec
end=$(date +%s)
echo "built dist/Parallax in $((end - start)) s ($(du -sh dist/Parallax | cut -f1))"
echo "run it: dist/Parallax/Parallax   (CLI: dist/Parallax/parallax-cli search pipeline)"
