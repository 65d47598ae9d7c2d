#!/usr/bin/env bash
# Precis side-by-side benchmarks: one command.
#
#   Benchmarks/run.sh [--quick | --full | --smoke] [--only SECTIONS] [--data DIR]
#
# Creates Benchmarks/.venv with the pinned peers (requirements.txt) from PyPI,
# builds `precis` and `precis-bench` in release mode, runs every measurement
# (precis and its peers back to back on the same input) and writes
# Benchmarks/RESULTS.md, Benchmarks/results.json and the scaling SVG charts.
# --smoke writes to Benchmarks/work/smoke/ instead (for CI: checks the harness).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=quick
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) mode=quick ;;
        --full) mode=full ;;
        --smoke) mode=smoke ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$1") ;;
    esac
    shift
done

say() { printf '[run.sh] %s\n' "$*" >&2; }

# 1. System packages (BLAS) and the Swift build.
have_blas() {
    { [ -e /usr/include/cblas.h ] || ls /usr/include/*/cblas.h >/dev/null 2>&1; } &&
        ls /usr/lib/*/libblas.so >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1
}
if ! have_blas && [ -f "$root/scripts/ensure-system-deps.sh" ]; then
    bash "$root/scripts/ensure-system-deps.sh"
fi
if [ ! -d /usr/lib/x86_64-linux-gnu/blas ]; then
    say "note: reference BLAS directory /usr/lib/x86_64-linux-gnu/blas not found; its rows will report errors"
fi
# wrk (Debian) drives the `server` section's load.
if ! command -v wrk >/dev/null 2>&1; then
    say "installing wrk (Debian package)"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
    else sudo apt-get update -qq >&2 && sudo apt-get install -y -qq wrk >&2; fi || say "note: wrk could not be installed; the server section will report an error"
fi
say "building precis and precis-bench (release)"
(cd "$root" && swift build -c release --product precis >&2 && swift build -c release --product precis-bench >&2)
bin="$(cd "$root" && swift build -c release --show-bin-path)"

# 2. The peers, in a local venv.
venv="$here/.venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    say "creating $venv"
    "$python" -m venv "$venv"
fi
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing the peers (requirements.txt)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" > "$stamp"
fi

# 3. Measure.
cd "$here"
exec "$venv/bin/python" "$here/bench.py" --mode "$mode" --precis "$bin/precis" \
    --precis-bench "$bin/precis-bench" "${args[@]+"${args[@]}"}"
