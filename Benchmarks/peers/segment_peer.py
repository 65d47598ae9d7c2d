"""Sentence segmentation by a peer (pySBD or nupunkt): throughput and the Golden Rules.

    python segment_peer.py --peer pysbd|nupunkt --data articles.jsonl [--golden rules.jsonl]

Segments the `article` of every JSONL record (whole articles, as `precis segment --jsonl`
does) and, with --golden, scores the English Golden Rules (exact list of sentences).
Prints one JSON object: seconds (in-process), articles, bytes, sentences, golden.
"""
import argparse
import json
import time


def segmenter(peer):
    if peer == "pysbd":
        import pysbd
        seg = pysbd.Segmenter(language="en", clean=False)
        return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]
    if peer == "nupunkt":
        import nupunkt
        return lambda text: [s.strip() for s in nupunkt.sent_tokenize(text) if s.strip()]
    raise SystemExit(f"unknown peer {peer}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--golden")
    a = ap.parse_args()
    split = segmenter(a.peer)
    articles = [json.loads(line)["article"] for line in open(a.data, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    count = 0
    for text in articles:
        count += len(split(text))
    seconds = time.perf_counter() - t0
    out = {"peer": a.peer, "seconds": seconds, "articles": len(articles),
           "bytes": sum(len(t.encode("utf-8")) for t in articles), "sentences": count}
    if a.golden:
        rules = [json.loads(line) for line in open(a.golden, encoding="utf-8") if line.strip()]
        failed = [r["rule"] for r in rules if split(r["text"]) != r["sentences"]]
        out["golden"] = {"passed": len(rules) - len(failed), "total": len(rules), "failed": failed}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
