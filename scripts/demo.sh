#!/usr/bin/env bash
# The main job on the embedded defaults (what `make demo` shows a new user):
# summarise a sample article written for the project, then classify it with the
# shipped topic model and list its keyphrases.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)/precis"
article="${1:-Data/samples/river-barrage.txt}"

run() { echo "\$ precis $*"; "$bin" "$@"; echo; }

run summarize "$article" --sentences 3
run classify "$article" --top 3
run keywords "$article" --top 8
