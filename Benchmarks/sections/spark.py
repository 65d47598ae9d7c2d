"""Benchmark section `spark` (bench.py --only spark): the Spark integration (issue 15).

Runs `Integrations/spark/spark-check.sh` (what `make spark-check` runs: Java 17 and PySpark
installed when missing, both jobs in Spark local mode, local[2]) and records its figures:
distributed training on 20 Newsgroups (4 partitions, shared idf, iterative parameter
mixing) against one process with the same hashing options, and batch inference
(classify, summarize, segment through RDD.pipe) against one process.
Goals: 4-partition test accuracy within 0.01 of one process; batch output identical.
"""
import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SPARK = ROOT / "Integrations" / "spark"


def run(h, log):
    """Runs the section on harness `h` (bench.Harness) and stores `h.results["spark"]`."""
    meta = h.results.get("meta", {})
    res = {"measured": {k: meta.get(k) for k in ("date_utc", "mode", "commit_short")},
           "command": "make spark-check (bash Integrations/spark/spark-check.sh)"}
    if h.args.mode == "smoke" and "spark" not in (h.args.only or "").split(","):
        res["skipped"] = "smoke mode (ask for it with --only spark)"
        h.results["spark"] = res
        return
    start = time.perf_counter()
    done = subprocess.run(["bash", str(SPARK / "spark-check.sh")], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PRECIS_SHARED_DATA": str(h.data)})
    res["seconds"] = round(time.perf_counter() - start, 1)
    res["exit_status"] = done.returncode
    res["output"] = done.stdout.strip().splitlines()[-12:]
    for name in ("training", "inference"):
        path = SPARK / "work" / f"{name}.json"
        if path.exists():
            res[name] = json.loads(path.read_text())
    h.results["spark"] = res
    log("spark-check", f"exit {done.returncode} in {res['seconds']} s")
    if done.returncode != 0:
        raise RuntimeError("spark-check failed: " + " | ".join(done.stderr.strip().splitlines()[-5:]))
