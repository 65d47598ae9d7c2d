"""The short-text and small-set section (`bench.py --only shorttext`, issue 11): does the
zero-tuning default generalise beyond the long-document corpora it is usually measured on?

Variants are built from the shared corpora (never from anything precis chose on):
  * `<set>-w25`: every document of train.tsv and test.tsv cut to its first 25 words
    (headline/snippet-length text), trained on the cut train split, scored on the cut test split;
  * `<set>-imbalanced`: a seeded, imbalanced sample of train.tsv (class sizes 150, 90, 54, ...,
    at least 5; classes in a seeded order), scored on the full test split.
For each variant, side by side in the same run: precis `train` with defaults (the internal
search picks the multi-class strategy, alpha and epochs, and fits a temperature), precis `train --tune off` (the fixed old
defaults, alpha 1e-6 and 5 epochs), scikit-learn SGDClassifier and LogisticRegression
(Benchmarks/peers/sklearn_train.py: 1-2-grams, min_df 2, sublinear; alpha 1e-6 20 epochs / C=10).
Reported: test accuracy, macro-F1, precis's log-loss and ECE, training wall time.

A second table measures the temperature on the test split of every shared set: the default
model (its final fit is `--alpha A --epochs E` with the chosen A and E, plus the fitted
temperature) against `train --alpha A --epochs E --tune off` (the same weights, no temperature):
log-loss, ECE and Brier.
"""
import random

WORDS = 25
SHORT_SETS = ["bbc-news", "20newsgroups", "20newsgroups-noheaders", "reuters21578-r8"]
IMBALANCED_SETS = ["bbc-news", "20newsgroups", "reuters21578-r8"]
CALIBRATION_SETS = ["bbc-news", "20newsgroups", "20newsgroups-noheaders", "reuters21578-r8", "reuters21578-r52"]


def _rows(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t", 1) for line in f if "\t" in line]


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for y, x in rows:
            f.write(f"{y}\t{x}\n")


def _variants(h):
    """(name, train path, test path) of every variant, written under the work directory."""
    base = h.work / "shorttext"
    out = []
    for name in SHORT_SETS:
        paths = []
        for split in ("train", "test"):
            p = base / f"{name}-w{WORDS}" / f"{split}.tsv"
            _write(p, [(y, " ".join(x.split()[:WORDS])) for y, x in _rows(h.ds(name, split))])
            paths.append(p)
        out.append((f"{name}-w{WORDS}", *paths))
    for name in IMBALANCED_SETS:
        by = {}
        for y, x in _rows(h.ds(name)):
            by.setdefault(y, []).append((y, x))
        rng = random.Random(7)
        labels = sorted(by)
        rng.shuffle(labels)
        sample = []
        for i, label in enumerate(labels):
            rows = by[label][:]
            rng.shuffle(rows)
            sample += rows[:max(5, int(150 * 0.6 ** i))]
        rng.shuffle(sample)
        p = base / f"{name}-imbalanced" / "train.tsv"
        _write(p, sample)
        out.append((f"{name}-imbalanced", p, h.ds(name, "test")))
    return out


def _runs(h):
    """One timed training run per system (two in full mode): the section is about accuracy."""
    return (2, 0) if h.args.mode == "full" else (1, 0)


def _precis(h, measure, model, train, test, extra):
    m = measure([h.precis.path, "train", "--data", train, "--model", model, "--quiet", *extra], *_runs(h))
    if "error" in m:
        return m
    e = measure([h.precis.path, "evaluate", "--model", model, "--data", test, "--json"], 1, 0)
    o = e.get("output") or {}
    m["evaluation"] = {k: o.get(k) for k in ["accuracy", "macro_f1", "log_loss", "ece", "brier"]}
    i = measure([h.precis.path, "inspect", "--model", model, "--json", "--top", "0"], 1, 0)
    m["selection"] = ((i.get("output") or {}).get("training") or {}).get("selection")
    return m


def _peer(h, measure, train, test, classifier):
    p = measure(h.peer("sklearn_train.py", "--train", train, "--test", test, "--classifier", classifier), *_runs(h))
    if "error" not in p:
        o = p["output"]
        p["evaluation"] = {k: o.get(k) for k in ["accuracy", "macro_f1"]}
    return p


def run(h, measure, stats, log):
    """Runs the section on harness `h` (bench.py's Harness); fills h.results['shorttext']."""
    models = h.work / "models"
    models.mkdir(parents=True, exist_ok=True)
    res = {"words": WORDS, "timing": "%d timed run(s) each, no warm-up" % _runs(h)[0], "variants": {}, "calibration": {}}
    for name, train, test in _variants(h):
        row = {"precis": _precis(h, measure, models / f"{name}.precis", train, test, []),
               "precis-tune-off": _precis(h, measure, models / f"{name}-off.precis", train, test, ["--tune", "off"]),
               "sklearn-sgd": _peer(h, measure, train, test, "sgd"),
               "sklearn-lr": _peer(h, measure, train, test, "lr")}
        res["variants"][name] = row
        log("shorttext", name, {k: (v.get("evaluation") or {}).get("accuracy") for k, v in row.items()})
        h.results["shorttext"] = res
        h.save()
    for name in CALIBRATION_SETS:
        train, test = h.ds(name), h.ds(name, "test")
        default = _precis(h, measure, models / f"{name}-cal.precis", train, test, [])
        sel = default.get("selection") or {}
        if "alpha" not in sel:
            res["calibration"][name] = {"error": "no selection recorded"}
            continue
        fixed = ["--multi-class", sel.get("multi_class", "multinomial"), "--alpha", str(sel["alpha"]), "--epochs", str(sel["epochs"])]
        # The default model's final fit is exactly `--multi-class M --alpha A --epochs E`: the same weights, plus the temperature.
        row = {"selection": sel,
               "with_temperature": default,
               "without_temperature": _precis(h, measure, models / f"{name}-not.precis", train, test, [*fixed, "--tune", "off"])}
        res["calibration"][name] = row
        log("shorttext calibration", name, {k: v.get("evaluation") for k, v in row.items() if k != "selection"})
        h.results["shorttext"] = res
        h.save()
    h.results["shorttext"] = res
    h.save()
    (h.out / "SHORTTEXT.md").write_text(markdown(res))


def _f(v, digits=4):
    return "–" if v is None else f"{v:.{digits}f}"


def markdown(res):
    """The section's tables (also written to SHORTTEXT.md next to RESULTS.md)."""
    lines = ["# Short texts, small imbalanced sets, calibration (`Benchmarks/run.sh --only shorttext`)", "",
             f"Test accuracy (macro-F1) and training wall time, {res['timing']}. `-w{res['words']}`: every train and "
             "test document cut to its first 25 words; `-imbalanced`: a seeded imbalanced sample of the training "
             "split, scored on the full test split. precis default = internal CV search + temperature; "
             "`--tune off` = multinomial, alpha 1e-6, 5 epochs.", "",
             "| variant | precis default | chosen strategy, alpha, epochs, T | precis --tune off | sklearn SGD | sklearn LR | best peer | precis − best peer | precis train s | sklearn SGD s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, row in res["variants"].items():
        def acc(k):
            e = row.get(k, {}).get("evaluation") or {}
            return e.get("accuracy"), e.get("macro_f1")
        def cell(k):
            a, f = acc(k)
            return f"{_f(a)} ({_f(f)})"
        sel = row["precis"].get("selection") or {}
        peers = [a for a in (acc("sklearn-sgd")[0], acc("sklearn-lr")[0]) if a is not None]
        best = max(peers) if peers else None
        mine = acc("precis")[0]
        diff = f"{mine - best:+.4f}" if mine is not None and best is not None else "–"
        wall = lambda k: _f((row.get(k, {}).get("wall") or {}).get("median"), 2)
        lines.append(f"| {name} | {cell('precis')} | {sel.get('multi_class', '–')}, {sel.get('alpha', '–')}, {sel.get('epochs', '–')}, {_f(sel.get('temperature'), 3)} | "
                     f"{cell('precis-tune-off')} | {cell('sklearn-sgd')} | {cell('sklearn-lr')} | {_f(best)} | {diff} | "
                     f"{wall('precis')} | {wall('sklearn-sgd')} |")
    lines += ["", "Temperature scaling on the test splits (same weights: the default model against "
              "`--multi-class M --alpha A --epochs E --tune off` with the M, A and E it chose, i.e. without its temperature):", "",
              "| set | strategy, alpha, epochs | T | log-loss before → after | ECE before → after | Brier before → after | accuracy |",
              "|---|---|---|---|---|---|---|"]
    for name, row in res["calibration"].items():
        if "error" in row:
            lines.append(f"| {name} | {row['error']} | | | | | |")
            continue
        s, w, n = row["selection"], row["with_temperature"].get("evaluation") or {}, row["without_temperature"].get("evaluation") or {}
        lines.append(f"| {name} | {s.get('multi_class', '–')}, {s['alpha']}, {s['epochs']} | {_f(s['temperature'], 3)} | {_f(n.get('log_loss'))} → {_f(w.get('log_loss'))} | "
                     f"{_f(n.get('ece'))} → {_f(w.get('ece'))} | {_f(n.get('brier'))} → {_f(w.get('brier'))} | {_f(w.get('accuracy'))} |")
    return "\n".join(lines) + "\n"
