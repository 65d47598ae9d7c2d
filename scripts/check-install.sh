#!/usr/bin/env bash
# Checks an installation made by `make install PREFIX=...`: the binary needs no Swift
# runtime library (ldd lists only the system's libc, libstdc++/libgcc and BLAS), it finds
# the shipped model from an unrelated working directory, and the man page and the
# completions are in place. Exit status 0 when all hold.
set -euo pipefail
PREFIX="${1:-${PREFIX:-/usr/local}}"
bin="$PREFIX/bin/precis"
fail() { echo "check-install: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "$bin missing"
libs="$(ldd "$bin")"
echo "$libs"
if echo "$libs" | grep -Eq 'libswift|libFoundation|lib_FoundationICU|libdispatch|libBlocksRuntime'; then
    fail "$bin links the Swift runtime dynamically"
fi
echo "$libs" | grep -q 'libblas' || fail "$bin does not link the system BLAS"
label="$(cd / && echo 'The striker scored twice as the home side won the cup final.' | env -u PRECIS_MODEL_DIR "$bin" classify)"
[ "$label" = "sport" ] || fail "classify from / gave '$label' (shipped model not found?)"
for f in share/man/man1/precis.1 share/precis/models/bbc-news.precis share/bash-completion/completions/precis \
         share/zsh/site-functions/_precis share/fish/vendor_completions.d/precis.fish; do
    [ -s "$PREFIX/$f" ] || fail "$PREFIX/$f missing"
done
echo "check-install: $PREFIX is complete; precis needs no Swift runtime" >&2
