#!/usr/bin/env bash
# make spark-check: installs Java 17 and PySpark when missing (setup.sh), builds precis,
# then runs both Spark jobs in local mode (local[2]) on the shared corpora:
#   1. distributed training: 20 Newsgroups train split into 4 partitions, shared idf,
#      3 rounds of iterative parameter mixing; test accuracy within 0.01 of one process;
#   2. batch inference: classify, summarize and segment the BBC summary JSONL through
#      RDD.pipe; output byte-identical to one process.
# Prints the figures (also in Integrations/spark/work/*.json); exits 1 if a check fails.
# Environment: PRECIS_SHARED_DATA (default ../shared/data), SPARK_MASTER (default local[2]),
# SPARK_PARTITIONS (4), SPARK_ROUNDS (3), SPARK_HASHING (262144), SPARK_DRIVER_MEMORY (4g).
# Each partition's model (hashed columns × classes floats, 21 MB at 2^18 × 20 classes) comes
# back to the driver as a task result, hence the driver memory and result-size settings.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
say() { printf '[spark-check] %s\n' "$*" >&2; }

python="$(bash "$here/setup.sh" | tail -1)"
venv="$(dirname "$(dirname "$python")")"
say "building precis (release)"
(cd "$root" && swift build -c release --product precis >&2)
precis="$(cd "$root" && swift build -c release --show-bin-path)/precis"

data="${PRECIS_SHARED_DATA:-$root/../shared/data}"
for f in 20newsgroups/train.tsv 20newsgroups/test.tsv bbc-news-summary/bbc_summary.jsonl; do
    [ -f "$data/$f" ] || { say "error: $data/$f not found (set PRECIS_SHARED_DATA to the shared corpora)"; exit 1; }
done
master="${SPARK_MASTER:-local[2]}"
work="$here/work"
rm -rf "$work"
mkdir -p "$work"
export PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
submit=("$venv/bin/spark-submit" --master "$master" --conf spark.ui.enabled=false
        --driver-memory "${SPARK_DRIVER_MEMORY:-4g}" --conf spark.driver.maxResultSize=2g
        --py-files "$here/precis_spark.py")

status=0
say "distributed training on $master"
start=$(date +%s)
"${submit[@]}" "$here/distributed_training.py" --precis "$precis" \
    --train "$data/20newsgroups/train.tsv" --test "$data/20newsgroups/test.tsv" \
    --output "$work/20ng-distributed.precis" --work "$work/training" \
    --partitions "${SPARK_PARTITIONS:-4}" --rounds "${SPARK_ROUNDS:-3}" --hashing "${SPARK_HASHING:-262144}" \
    --baseline --summary-json "$work/training.json" 2> "$work/training.log" || status=1
echo "distributed training job: $(( $(date +%s) - start )) s wall (log: $work/training.log)"

say "batch inference on $master"
start=$(date +%s)
"${submit[@]}" "$here/batch_inference.py" --precis "$precis" --model "$root/Models/bbc-news.precis" \
    --input "$data/bbc-news-summary/bbc_summary.jsonl" --output "$work/inference" --partitions 4 \
    --check --summary-json "$work/inference.json" 2> "$work/inference.log" || status=1
echo "batch inference job: $(( $(date +%s) - start )) s wall (log: $work/inference.log)"

if [ "$status" != 0 ]; then
    say "FAILED (see the logs above; the last lines of each:)"
    tail -n 5 "$work/training.log" "$work/inference.log" >&2 || true
else
    say "all checks passed"
fi
exit "$status"
