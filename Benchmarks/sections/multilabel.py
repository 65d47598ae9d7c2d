"""The multi-label section (`bench.py --only multilabel`): precis train --multi-label
against scikit-learn OneVsRestClassifier(SGDClassifier(loss='log_loss')) on
reuters21578-modapte90, side by side in the same run: whole-process training wall
time (read + vectorise + fit, and for precis the internal cross-validation that
picks alpha and per-label thresholds), micro/macro-F1 and the other multi-label
metrics on the test split, model size, and the ratio precis/peer of training time.
"""
DATASET = "reuters21578-modapte90"


def run(h, measure, stats, log):
    """Runs the section on harness `h` (bench.py's Harness); fills h.results['multilabel']."""
    models = h.work / "models"
    models.mkdir(parents=True, exist_ok=True)
    train, test = h.ds(DATASET), h.ds(DATASET, "test")
    runs, warmup = h.runs, h.warmup
    res = {"data": DATASET, "timing": f"{runs} runs after {warmup} warm-up each, precis then the peer"}
    model = models / f"{DATASET}-multilabel.precis"
    precis = h.precis.path
    m = measure([precis, "train", "--multi-label", "--data", train, "--model", model], runs, warmup)
    if "error" not in m:
        e = measure([precis, "evaluate", "--model", model, "--data", test, "--json"], 1, 0)
        o = e.get("output") or {}
        m["evaluation"] = {k: o.get(k) for k in ["micro_f1", "macro_f1", "samples_f1", "subset_accuracy", "hamming_loss"]}
        m["model_bytes"] = model.stat().st_size
    res["precis"] = m
    p = measure(h.peer("sklearn_multilabel.py", "--train", train, "--test", test), runs, warmup)
    if "error" not in p:
        o = p["output"]
        p["in_process_seconds"] = stats(x["train_seconds"] for x in p["outputs"])
        p["evaluation"] = {k: o.get(k) for k in ["micro_f1", "macro_f1", "samples_f1", "subset_accuracy", "hamming_loss"]}
    res["sklearn-ovr-sgd"] = p
    if "error" not in m and "error" not in p:
        res["train_wall_ratio"] = m["wall"]["median"] / p["wall"]["median"]
    log("multilabel", {k: (v.get("evaluation"), v.get("wall", {}).get("median")) if isinstance(v, dict) else v
                       for k, v in res.items()})
    h.results["multilabel"] = res
    h.save()
