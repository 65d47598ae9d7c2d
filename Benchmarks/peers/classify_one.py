"""Classify one document with a saved peer model: the whole-process latency test.

    python classify_one.py --kind sklearn|fasttext --model M --file doc.txt

The harness times the whole process (interpreter start, imports, model load,
prediction); this script reports the in-process load and predict times too.
"""
import argparse
import time

t_start = time.perf_counter()
ap = argparse.ArgumentParser()
ap.add_argument("--kind", choices=["sklearn", "fasttext"], required=True)
ap.add_argument("--model", required=True)
ap.add_argument("--file", required=True)
args = ap.parse_args()
with open(args.file, encoding="utf-8") as f:
    text = f.read()
if args.kind == "sklearn":
    import pickle
    t0 = time.perf_counter()
    with open(args.model, "rb") as f:
        model = pickle.load(f)
    t1 = time.perf_counter()
    label = model.predict([text])[0]
else:
    import re
    import fasttext
    t0 = time.perf_counter()
    model = fasttext.load_model(args.model)
    t1 = time.perf_counter()
    tokens = " ".join(re.findall(r"\w+|[^\w\s]", text.lower()))
    # A list of one text: fastText 0.9.3's single-string path breaks on numpy 2.
    label = model.predict([tokens])[0][0][0][len("__label__"):]
t2 = time.perf_counter()
import json, sys
json.dump({"label": str(label), "load_seconds": t1 - t0, "predict_seconds": t2 - t1,
           "in_process_seconds": t2 - t_start}, sys.stdout)
print()
