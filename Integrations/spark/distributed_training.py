"""Distributed training of a Precis hashed classifier on Spark (iterative parameter mixing).

1. The labelled lines (label<TAB>text, or JSONL) are dealt round-robin into P partitions.
2. Each partition counts its hashed document frequencies and labels
   (`precis document-frequencies`); the driver sums them (`--merge`): the shared idf.
3. Each round, every partition trains a hashed model with that idf
   (`precis train --hashing N --document-frequencies`), from round 2 on starting from the
   last merged model (`--warm-start`); the driver averages them (`precis merge-models`).
4. Optionally: test accuracy of every round's merged model, and of one process trained on
   the whole file with the same options (`--baseline`).

    spark-submit --master local[2] --py-files precis_spark.py distributed_training.py \\
        --precis /path/to/precis --train train.tsv --test test.tsv --output model.precis

Executors get the partition's lines, the summed counts and the last merged model from
Spark (closures and broadcasts) and return the bytes of what precis wrote; only the
driver needs local files. On a cluster ship the binary: `--files precis --precis ./precis`.
"""
import argparse
import json
import os
import shlex
import shutil
import sys
import time

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from precis_spark import Scratch, deterministic_env, finish, resolve, round_robin, run  # noqa: E402


def count_partition(precis, hashing, data_name, vectorizer_args):
    """Executor: the document-frequencies file of one partition's lines."""
    def task(index, lines):
        with Scratch() as scratch:
            data = scratch.write_lines(data_name, lines)
            counts = run([resolve(precis), "document-frequencies", "--data", data, "--hashing", str(hashing),
                          "--output", "-"] + vectorizer_args, env=deterministic_env())
        yield index, counts
    return task


def train_partition(precis, hashing, data_name, train_args, counts, warm):
    """Executor: the model file trained on one partition (bytes), with the shared counts
    and, after round one, starting from the last merged model."""
    def task(index, lines):
        with Scratch() as scratch:
            data = scratch.write_lines(data_name, lines)
            df = scratch.file("corpus.df", counts.value)
            model = scratch.file("part.precis")
            args = [resolve(precis), "train", "--data", data, "--hashing", str(hashing),
                    "--document-frequencies", df, "--model", model, "--quiet"]
            if warm.value is not None:
                args += ["--warm-start", scratch.file("warm.precis", warm.value)]
            run(args + train_args, env=deterministic_env())
            with open(model, "rb") as f:
                yield index, f.read()
    return task


def accuracy(precis, model, test):
    """Test accuracy of `model` on `test` (precis evaluate --json)."""
    return json.loads(run([precis, "evaluate", "--model", model, "--data", test, "--json"]))["accuracy"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--precis", required=True, help="the precis binary as executors see it")
    ap.add_argument("--train", required=True, help="labelled training data (one document a line: TSV or JSONL)")
    ap.add_argument("--test", help="labelled test data (a local file) for accuracy figures")
    ap.add_argument("--output", required=True, help="where to write the final merged model")
    ap.add_argument("--work", help="driver-side folder for the counts and every round's models (default: beside --output)")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3, help="parameter-mixing rounds")
    ap.add_argument("--hashing", type=int, default=1 << 20, help="hashed columns (precis train --hashing)")
    ap.add_argument("--vectorizer-args", default="", help="vectoriser options for counting and training (quoted)")
    ap.add_argument("--train-args", default="", help="more precis train options for every partition (quoted)")
    ap.add_argument("--baseline", action="store_true", help="also train one process on the whole file and compare")
    ap.add_argument("--tolerance", type=float, default=0.01,
                    help="with --baseline and --test: fail (exit 1) if the merged model's accuracy is more than this below")
    ap.add_argument("--master", help="Spark master when run with plain python (spark-submit sets it otherwise)")
    ap.add_argument("--summary-json", help="write the figures as JSON to this file")
    a = ap.parse_args()
    if a.partitions < 1 or a.rounds < 1:
        ap.error("--partitions and --rounds must be at least 1")

    work = a.work or os.path.splitext(os.path.abspath(a.output))[0] + "-work"
    os.makedirs(work, exist_ok=True)
    data_name = "part.jsonl" if a.train.endswith(".jsonl") else "part.tsv"
    vectorizer_args, train_args = shlex.split(a.vectorizer_args), shlex.split(a.train_args)

    builder = SparkSession.builder.appName("precis-distributed-training")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    precis_local = resolve(a.precis)  # the driver's copy (a local path, or shipped with --files)
    figures = {"partitions": a.partitions, "rounds": [], "hashing": a.hashing}
    started = time.monotonic()

    parts = round_robin(sc.textFile(a.train).filter(lambda line: line.strip() != ""), a.partitions).cache()
    figures["documents"] = parts.count()

    # 1. Document frequencies, summed over the partitions.
    t = time.monotonic()
    counted = sorted(parts.mapPartitionsWithIndex(count_partition(a.precis, a.hashing, data_name, vectorizer_args)).collect())
    part_files = []
    for index, counts in counted:
        path = os.path.join(work, f"part-{index}.df")
        with open(path, "wb") as f:
            f.write(counts)
        part_files.append(path)
    corpus_df = os.path.join(work, "corpus.df")
    run([precis_local, "document-frequencies", "--merge", *part_files, "--output", corpus_df], env=deterministic_env())
    figures["document_frequencies_seconds"] = round(time.monotonic() - t, 3)
    print(f"document frequencies: {figures['documents']} documents in {len(part_files)} partitions, "
          f"{figures['document_frequencies_seconds']:.1f} s", flush=True)
    with open(corpus_df, "rb") as f:
        counts = sc.broadcast(f.read())

    # 2. Rounds of train-on-partitions, then average.
    merged = None
    for r in range(1, a.rounds + 1):
        t = time.monotonic()
        warm_bytes = None
        if merged:
            with open(merged, "rb") as f:
                warm_bytes = f.read()
        warm = sc.broadcast(warm_bytes)
        models = sorted(parts.mapPartitionsWithIndex(
            train_partition(a.precis, a.hashing, data_name, vectorizer_args + train_args, counts, warm)).collect())
        paths = []
        for index, model in models:
            path = os.path.join(work, f"round-{r}-part-{index}.precis")
            with open(path, "wb") as f:
                f.write(model)
            paths.append(path)
        merged = os.path.join(work, f"round-{r}.precis")
        run([precis_local, "merge-models", *paths, "--output", merged, "--quiet"], env=deterministic_env())
        entry = {"round": r, "seconds": round(time.monotonic() - t, 3), "model": merged}
        if a.test:
            entry["accuracy"] = accuracy(precis_local, merged, a.test)
            entry["partition_accuracy"] = [accuracy(precis_local, p, a.test) for p in paths] if r == 1 else None
        figures["rounds"].append(entry)
        note = f", test accuracy {entry['accuracy']:.4f}" if a.test else ""
        print(f"round {r}: {len(paths)} partition models merged in {entry['seconds']:.1f} s{note}", flush=True)
    shutil.copyfile(merged, a.output)
    figures["distributed_seconds"] = round(time.monotonic() - started, 3)
    spark.stop()

    # 3. One process on the whole file, the same options.
    failed = False
    if a.baseline:
        t = time.monotonic()
        single = os.path.join(work, "single-process.precis")
        run([precis_local, "train", "--data", a.train, "--hashing", str(a.hashing), "--model", single, "--quiet"]
            + vectorizer_args + train_args, env=deterministic_env())
        figures["single_process_seconds"] = round(time.monotonic() - t, 3)
        if a.test:
            figures["single_process_accuracy"] = accuracy(precis_local, single, a.test)
            final = figures["rounds"][-1]["accuracy"]
            figures["accuracy_gap"] = round(figures["single_process_accuracy"] - final, 4)
            failed = figures["accuracy_gap"] > a.tolerance
            print(f"single process: test accuracy {figures['single_process_accuracy']:.4f} "
                  f"({figures['single_process_seconds']:.1f} s); {a.partitions} partitions after {a.rounds} rounds: "
                  f"{final:.4f} (gap {figures['accuracy_gap']:+.4f}, allowed {a.tolerance})"
                  f"{' FAIL' if failed else ' ok'}", flush=True)
    finish(figures, a.summary_json, failed)


if __name__ == "__main__":
    main()
