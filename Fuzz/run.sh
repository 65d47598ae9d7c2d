#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzzer + AddressSanitizer) and runs each for
# FUZZ_SECONDS (default 60) seconds, one after the other. Fails on the first
# crash, leak, timeout or out-of-memory; the reproducer is left in
# Fuzz/.work/<target>/artifacts/ (add it to Fuzz/Regressions/<target>/).
#
#   bash Fuzz/run.sh                 # every target, 60 s each
#   FUZZ_SECONDS=600 bash Fuzz/run.sh FuzzTSV FuzzModel
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
RSS_MB="${FUZZ_RSS_MB:-1024}"
ALL=(FuzzTSV FuzzCSV FuzzJSONL FuzzSummaryJSONL FuzzTokenizer FuzzSentences FuzzHTML FuzzStemmer FuzzModel FuzzServerRequest)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

# `--sanitize` reaches only this package's own targets; -Xswiftc instruments the
# Precis modules too (without it libFuzzer saw only code inlined into the targets).
SANITIZERS=(--sanitize fuzzer -Xswiftc -sanitize=fuzzer)
if [ "${FUZZ_ASAN:-1}" = 1 ]; then SANITIZERS=(--sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address); fi
# One build of every target, without this script's own variables: SwiftPM rebuilds
# everything when the environment changes, and FUZZ_SECONDS would change it.
build() { env -u FUZZ_SECONDS -u FUZZ_RSS_MB -u FUZZ_ASAN swift build -c release "${SANITIZERS[@]}" "$@"; }
build >&2
BIN="$(build --show-bin-path)"

for t in "${TARGETS[@]}"; do
    work=".work/$t"
    mkdir -p "$work/corpus" "$work/artifacts" "Seeds/$t" "Regressions/$t"
    echo "== $t: ${SECONDS_EACH}s" >&2
    # Seeds and past regressions are read; new inputs go to the work corpus only.
    set +e
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
    "$BIN/$t" "$work/corpus" "Seeds/$t" "Regressions/$t" \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB" \
        -timeout=10 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" 2>&1 | tee "$work/last.log" | grep -E "^#[0-9]+ +(INITED|DONE)|ERROR|stat::|Done" >&2
    status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $t failed (exit $status); reproducer in Fuzz/$work/artifacts/" >&2
        exit "$status"
    fi
done
