#!/usr/bin/env bash
# Installs the system packages Precis needs when they are missing:
#   libblas-dev          <cblas.h> and libblas.so (the standard CBLAS interface)
#   libopenblas0-pthread a fast BLAS that Debian's alternatives then select for libblas.so.3
#   pkg-config           lets SwiftPM find blas.pc
# As root it runs apt-get directly, otherwise through sudo; if neither is possible
# it prints the exact command and stops.
set -euo pipefail

missing=()
exists() { for f in "$@"; do [ -e "$f" ] && return 0; done; return 1; }
{ exists /usr/include/cblas.h /usr/include/*/cblas.h && exists /usr/lib/*/libblas.so /usr/lib/libblas.so; } || missing+=(libblas-dev)
exists /usr/lib/*/openblas-pthread/libblas.so.3 || missing+=(libopenblas0-pthread)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[ "${1:-}" = "--with-make" ] && { command -v make >/dev/null 2>&1 || missing+=(make); }
# Optional: headless Chromium for the HTML report rendering test (about 300 MB; skipped without it).
for arg in "$@"; do
    [ "$arg" = "--with-chromium" ] && { command -v chromium >/dev/null 2>&1 || missing+=(chromium); }
done

[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
echo "precis set-up: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo env DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${missing[*]}" >/dev/null
else
    echo "precis set-up: missing system packages. Run, as root:" >&2
    echo "  $cmd" >&2
    exit 1
fi
