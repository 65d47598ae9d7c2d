"""Cross-validated accuracy of `precis train` settings on the training splits only.

    python3 Benchmarks/tuning/cv_grid.py [--precis .build/release/precis] [--data ../shared/data]
        "--sgd-runs 4 --epochs 5 --average-epochs 3" "--alpha 2e-6" ...

Each argument is one setting (extra `precis` options; "" = the defaults). For each setting it
runs `precis cross-validate --folds 5 --json` on the train.tsv of five corpora and prints the
pooled out-of-fold accuracy of each and their mean, tab-separated. No test split is read.
This is how the classifier defaults in Models/MODEL_CARD.md were chosen.
"""
import argparse
import json
import shlex
import subprocess

SETS = ["bbc-news", "20newsgroups", "reuters21578-r8", "reuters21578-r52", "20newsgroups-noheaders"]

ap = argparse.ArgumentParser()
ap.add_argument("--precis", default=".build/release/precis")
ap.add_argument("--data", default="../shared/data")
ap.add_argument("--folds", type=int, default=5)
ap.add_argument("settings", nargs="+")
args = ap.parse_args()

print("\t".join(["setting", *SETS, "mean"]))
for setting in args.settings:
    scores = []
    for name in SETS:
        out = subprocess.run([args.precis, "cross-validate", "--data", f"{args.data}/{name}/train.tsv",
                              "--folds", str(args.folds), "--json", *shlex.split(setting)],
                             capture_output=True, text=True, check=True).stdout
        scores.append(json.loads(out)["accuracy"])
    print("\t".join([setting or "(defaults)", *(f"{s:.5f}" for s in scores), f"{sum(scores) / len(scores):.5f}"]),
          flush=True)
