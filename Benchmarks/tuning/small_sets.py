"""Accuracy of `precis train` settings on small training sets, from the training splits only.

    python3 Benchmarks/tuning/small_sets.py [--precis .build/release/precis] [--data ../shared/data]
        "" "--intercept-step 0.01" ...

For each corpus (bbc-news, 20newsgroups, reuters21578-r8, reuters21578-r52) and each size n in
60, 200, 600, two seeded samples of n documents are drawn from train.tsv; a model trained on
the sample (`precis train` plus the setting's options) is scored (`precis evaluate --json`) on
the next 1,500 documents of the same shuffled train.tsv. Prints the mean accuracy per n and
overall. No test split is read.
"""
import argparse
import json
import os
import random
import shlex
import subprocess
import tempfile

SETS = ["bbc-news", "20newsgroups", "reuters21578-r8", "reuters21578-r52"]
SIZES = [60, 200, 600]

ap = argparse.ArgumentParser()
ap.add_argument("--precis", default=".build/release/precis")
ap.add_argument("--data", default="../shared/data")
ap.add_argument("settings", nargs="+")
args = ap.parse_args()

with tempfile.TemporaryDirectory() as tmp:
    train, held, model = (os.path.join(tmp, f) for f in ("train.tsv", "held.tsv", "m.precis"))
    for setting in args.settings:
        by_size = {n: [] for n in SIZES}
        for name in SETS:
            with open(f"{args.data}/{name}/train.tsv", encoding="utf-8") as f:
                rows = f.read().splitlines()
            for n in SIZES:
                for sample in range(2):
                    order = list(range(len(rows)))
                    random.Random(1000 * n + sample).shuffle(order)
                    with open(train, "w", encoding="utf-8") as f:
                        f.write("\n".join(rows[i] for i in order[:n]) + "\n")
                    with open(held, "w", encoding="utf-8") as f:
                        f.write("\n".join(rows[i] for i in order[n:n + 1500]) + "\n")
                    subprocess.run([args.precis, "train", "--data", train, "--model", model, *shlex.split(setting)],
                                   capture_output=True, check=True)
                    out = subprocess.run([args.precis, "evaluate", "--model", model, "--data", held, "--json"],
                                         capture_output=True, text=True, check=True).stdout
                    by_size[n].append(json.loads(out)["accuracy"])
        means = {n: sum(v) / len(v) for n, v in by_size.items()}
        overall = sum(sum(v) for v in by_size.values()) / sum(len(v) for v in by_size.values())
        print(setting or "(defaults)", *(f"n{n}={m:.4f}" for n, m in means.items()), f"mean={overall:.4f}", flush=True)
