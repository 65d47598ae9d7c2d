"""Batch inference with Precis on Spark: classify, summarise and segment a JSONL dataset.

Each partition of the input lines is piped through one `precis <task> --jsonl -` process
(RDD.pipe); precis writes one JSON object per input line, in input order, so the saved
output (part files in partition order) is the output of one process over the whole file.

    spark-submit --master local[2] --py-files precis_spark.py batch_inference.py \\
        --precis /path/to/precis --model topics.precis --input articles.jsonl --output out/

On a cluster, ship the binary and the model with `--files precis,topics.precis` and name
them as executors see them: `--precis ./precis --model ./topics.precis` (YARN and
Kubernetes put --files in each executor's working directory).

--check also runs each task in one local process over the whole input and fails (exit 1)
unless the Spark output is byte-identical.
"""
import argparse
import os
import shlex
import sys
import time

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from precis_spark import finish, run  # noqa: E402

TASKS = ("classify", "summarize", "segment")


def command(precis, task, model, extra):
    """The precis command line of `task` in streaming JSONL mode."""
    args = [precis, task, "--jsonl", "-"]
    if task == "classify" and model:
        args += ["--model", model]
    return args + extra


def read_parts(directory):
    """The concatenated part files of a saveAsTextFile output, in partition order."""
    names = sorted(n for n in os.listdir(directory) if n.startswith("part-"))
    chunks = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            chunks.append(f.read())
    return b"".join(chunks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--precis", required=True, help="the precis binary as executors see it")
    ap.add_argument("--model", help="the classifier model file as executors see it (default: precis's shipped model)")
    ap.add_argument("--input", required=True, help="JSONL input (any Hadoop path Spark can read)")
    ap.add_argument("--output", required=True, help="output directory: one sub-directory per task")
    ap.add_argument("--tasks", default=",".join(TASKS), help="comma-separated: " + ",".join(TASKS))
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--precis-args", default="", help="extra arguments for every precis command (quoted)")
    ap.add_argument("--check", action="store_true",
                    help="compare with one local precis process over the whole input (local input paths only)")
    ap.add_argument("--master", help="Spark master when run with plain python (spark-submit sets it otherwise)")
    ap.add_argument("--summary-json", help="write the figures as JSON to this file")
    a = ap.parse_args()

    tasks = [t for t in a.tasks.split(",") if t]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        ap.error(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    builder = SparkSession.builder.appName("precis-batch-inference")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    extra = shlex.split(a.precis_args)

    lines = sc.textFile(a.input, minPartitions=a.partitions)
    documents = lines.count()
    figures = {"documents": documents, "partitions": lines.getNumPartitions(), "tasks": {}}
    failed = False
    for task in tasks:
        out_dir = os.path.join(a.output, task)
        args = command(a.precis, task, a.model, extra)
        started = time.monotonic()
        # env: a fixed locale-free environment for the pipe; checkCode: a failing precis fails the job.
        lines.pipe(shlex.join(args), env={"LC_ALL": "C.UTF-8"}, checkCode=True).saveAsTextFile(out_dir)
        spark_seconds = time.monotonic() - started
        entry = {"spark_seconds": round(spark_seconds, 3), "output": out_dir}
        if a.check:
            started = time.monotonic()
            with open(a.input, "rb") as f:
                single = run(args, stdin=f)
            entry["single_process_seconds"] = round(time.monotonic() - started, 3)
            distributed = read_parts(out_dir)
            entry["output_lines"] = distributed.count(b"\n")
            entry["identical"] = distributed == single
            if not entry["identical"]:
                failed = True
                a_lines, b_lines = distributed.split(b"\n"), single.split(b"\n")
                first = next((i for i, (x, y) in enumerate(zip(a_lines, b_lines)) if x != y), min(len(a_lines), len(b_lines)))
                entry["first_difference_line"] = first + 1
            if entry["output_lines"] != documents:
                failed = True
        figures["tasks"][task] = entry
        status = "" if not a.check else (" identical to one process" if entry["identical"] else " DIFFERS from one process")
        print(f"batch {task}: {documents} documents in {figures['partitions']} partitions, "
              f"{spark_seconds:.1f} s on Spark{status}", flush=True)
    spark.stop()
    finish(figures, a.summary_json, failed)


if __name__ == "__main__":
    main()
