"""Whole-process latency of `precis classify` with the largest default model (issue 11, compact
models: loading and classifying one document with the 20newsgroups defaults model ≤ 50 ms).

Part of the classification section (`bench.py --only classification`): the model is the one
section 3 (training) wrote, `work/<mode>/models/20newsgroups-precis-default.precis`; the document
is the first article of `20newsgroups/test.tsv`. Returns latency rows to merge into
`results["classification"]["latency"]`.
"""

KEY = "precis-20newsgroups"
DATA = "20newsgroups"


def run(h, measure, read_tsv, runs):
    model = h.work / "models" / f"{DATA}-precis-default.precis"
    if not (h.precis.has("classify") and model.exists()):
        return {}
    _, texts = read_tsv(h.ds(DATA, "test"))
    doc = h.work / f"one-document-{DATA}.txt"
    doc.write_text(texts[0] + "\n", encoding="utf-8")
    m = measure([h.precis.path, "classify", "--model", model, doc], runs, 1)
    if "error" not in m:
        m["document_bytes"] = doc.stat().st_size
        m["model_bytes"] = model.stat().st_size
    return {KEY: m}
