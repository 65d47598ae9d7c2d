#!/usr/bin/env bash
# The main job on embedded defaults: what `make demo` shows a new user.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)/precis"
echo "$ precis --version"
"$bin" --version
echo
echo "$ precis --help"
"$bin" --help
