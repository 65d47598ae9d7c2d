#!/usr/bin/env bash
# Checks the README's promise to library users: its first ```swift block compiles and runs
# as written, in a separate package that depends on this checkout by path, with the
# repository root as the working directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name="$(basename "$root")"
work="${PRECIS_README_CHECK_DIR:-$root/.build-readme}"
mkdir -p "$work/Sources/ReadmeExample"

awk '/^```swift$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
    "$root/README.md" > "$work/Sources/ReadmeExample/main.swift"
if [ ! -s "$work/Sources/ReadmeExample/main.swift" ]; then
    echo "check-readme-library: README.md has no \`\`\`swift block" >&2
    exit 1
fi

cat > "$work/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ReadmeExample",
    dependencies: [.package(path: "$root")],
    targets: [
        .executableTarget(name: "ReadmeExample", dependencies: [
            .product(name: "Precis", package: "$name"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
SWIFT

echo "check-readme-library: building the README's first swift block against $root" >&2
swift build --package-path "$work" -c release --product ReadmeExample >&2
bin="$(swift build --package-path "$work" -c release --show-bin-path)/ReadmeExample"
cd "$root"
"$bin"
echo "check-readme-library: the README's library example builds and runs" >&2
