"""Helpers shared by the Precis Spark jobs (batch_inference.py, distributed_training.py).

The jobs drive the `precis` binary; nothing here re-implements Precis. Executors find
the binary and files either at the path given (local mode, or a path present on every
node) or, when shipped with `spark-submit --files`, under that name in SparkFiles.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from pyspark import SparkFiles


def finish(figures, summary_json, failed):
    """Write the job's figures (to `summary_json` if given, and as one JSON line on stdout)
    and exit non-zero when a check failed."""
    if summary_json:
        with open(summary_json, "w") as f:
            json.dump(figures, f, indent=2, sort_keys=True)
    print(json.dumps(figures, sort_keys=True))
    sys.exit(1 if failed else 0)


def resolve(path):
    """`path` if it exists here, else the file of that name shipped with --files / addFile."""
    if os.path.isfile(path):
        return os.path.abspath(path)
    shipped = SparkFiles.get(os.path.basename(path))
    if os.path.isfile(shipped):
        return shipped
    raise FileNotFoundError(f"{path}: not found on this node, nor shipped with --files")


def run(args, stdin=None, env=None):
    """Runs a command, returning its standard output (bytes); raises with its stderr on failure."""
    done = subprocess.run(args, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} exited {done.returncode}: "
                           f"{done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def deterministic_env():
    """The environment for precis runs: a fixed SOURCE_DATE_EPOCH, so model bytes are reproducible."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    return env


def round_robin(rdd, partitions):
    """Line i of `rdd` to partition i mod `partitions`, each partition in input order:
    balanced, deterministic partitions whatever the input's sort order."""
    indexed = rdd.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    by_partition = indexed.partitionBy(partitions, lambda index: index % partitions)
    return by_partition.mapPartitions(lambda items: (line for _, line in sorted(items)), preservesPartitioning=True)


class Scratch:
    """A temporary directory on the executor, removed on exit."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="precis-spark-")
        return self

    def file(self, name, content=None):
        path = os.path.join(self.path, name)
        if content is not None:
            with open(path, "wb") as f:
                f.write(content)
        return path

    def write_lines(self, name, lines):
        path = os.path.join(self.path, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(line)
                f.write("\n")
        return path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)
        return False


class Stopwatch:
    """Wall-clock seconds of named steps."""

    def __init__(self):
        self.seconds = {}

    def time(self, name):
        watch = self

        class Step:
            def __enter__(self):
                self.start = time.monotonic()

            def __exit__(self, *exc):
                watch.seconds[name] = round(watch.seconds.get(name, 0) + time.monotonic() - self.start, 3)
                return False

        return Step()
