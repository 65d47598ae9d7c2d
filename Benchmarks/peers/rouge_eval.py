"""ROUGE-1/2/L with Google's rouge-score (the scorer every summariser here is judged by).

    python rouge_eval.py --pred summaries.jsonl --ref articles.jsonl

Mean precision/recall/F1 x100 over the reference records, `use_stemmer=True`,
ROUGE-L = `rougeL` (LCS over the whole text). A reference without a prediction
scores 0.
"""
import argparse
import json

from rouge_score import rouge_scorer

KEYS = ("rouge1", "rouge2", "rougeL")


def _score_pairs(pairs):
    """Sums of precision, recall and F1 per metric over (reference, candidate) pairs."""
    scorer = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=True)
    totals = {k: [0.0, 0.0, 0.0] for k in KEYS}
    for reference, candidate in pairs:
        result = scorer.score(reference, candidate)
        for k in KEYS:
            totals[k][0] += result[k].precision
            totals[k][1] += result[k].recall
            totals[k][2] += result[k].fmeasure
    return totals


def score(predictions, references, processes=2):
    """predictions: id -> summary text; references: list of records with id, summary.

    The documents are split over `processes` worker processes (the scores are sums, so
    the result does not depend on the split).
    """
    pairs = [(r["summary"], predictions.get(r["id"], "")) for r in references]
    chunks = [pairs[i::processes] for i in range(processes)] if processes > 1 and len(pairs) > 50 else [pairs]
    if len(chunks) > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(len(chunks)) as pool:
            parts = pool.map(_score_pairs, chunks)
    else:
        parts = [_score_pairs(pairs)]
    totals = {k: [sum(p[k][i] for p in parts) for i in range(3)] for k in KEYS}
    n = max(len(references), 1)
    return {"n": len(references), **{k: {"precision": 100 * t[0] / n, "recall": 100 * t[1] / n,
                                         "f1": 100 * t[2] / n} for k, t in totals.items()}}


def read_predictions(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                out[str(obj["id"])] = obj.get("summary", "")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred", required=True)
    ap.add_argument("--ref", required=True)
    args = ap.parse_args()
    with open(args.ref, encoding="utf-8") as f:
        refs = [json.loads(line) for line in f if line.strip()]
    print(json.dumps(score(read_predictions(args.pred), refs)))
