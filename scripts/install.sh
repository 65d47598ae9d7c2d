#!/usr/bin/env bash
# Installs precis under PREFIX (default /usr/local), as `make install` does:
#   PREFIX/bin/precis                         built with the Swift runtime linked statically
#                                             where the toolchain allows (--static-swift-stdlib)
#   PREFIX/share/precis/models/*.precis       the shipped models (found by the binary from any folder)
#   PREFIX/share/man/man1/precis.1            from argument-parser's generate-manual plugin
#   PREFIX/share/bash-completion/completions/precis, zsh site-functions/_precis, fish vendor_completions.d/precis.fish
# DESTDIR is prepended to every path (for packaging).
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX="${PREFIX:-/usr/local}"
SWIFT="${SWIFT:-swift}"
root="${DESTDIR:-}$PREFIX"
say() { echo "precis install: $*" >&2; }

# 1. The binary: static Swift runtime when the toolchain can, else the ordinary build.
static=.build/static
if "$SWIFT" build -c release --product precis --static-swift-stdlib --scratch-path "$static" >&2; then
    binary="$static/release/precis"
else
    say "static Swift runtime not available with this toolchain; installing a dynamically linked build"
    "$SWIFT" build -c release --product precis >&2
    binary=.build/release/precis
fi

# 2. The man page (argument-parser's plugin; it builds the package in release mode).
"$SWIFT" package plugin generate-manual >&2
manual=.build/plugins/GenerateManual/outputs/precis/precis.1

install -d "$root/bin" "$root/share/precis/models" "$root/share/man/man1" \
    "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$root/bin/precis"
install -m 0644 Models/*.precis "$root/share/precis/models/"
install -m 0644 "$manual" "$root/share/man/man1/precis.1"
"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/precis"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_precis"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/precis.fish"
say "installed into $root"
