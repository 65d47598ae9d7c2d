"""sumy on single documents of growing length: in-process time per document.

    python sumy_scaling.py --method textrank [--repeats 3 --warmup 1] doc-10.jsonl doc-100.jsonl ...

Each file holds one {"id", "article", "summary"} record whose id is
`synthetic-N` (N sentences). Prints {"results": {"N": [seconds, ...]}} with the
time to parse and summarise the document to 3 sentences, per repeat, after
`warmup` discarded repeats. Same sumy set-up as sumy_summarize.py.
"""
import argparse

from common import emit, now, read_jsonl
from sumy_summarize import OfflineTokenizer, summarise_all

ap = argparse.ArgumentParser()
ap.add_argument("--method", required=True)
ap.add_argument("--repeats", type=int, default=3)
ap.add_argument("--warmup", type=int, default=0)
ap.add_argument("docs", nargs="+")
args = ap.parse_args()

tokenizer = OfflineTokenizer()
results = {}
for path in args.docs:
    records = read_jsonl(path)
    n = records[0]["id"].rsplit("-", 1)[-1]
    seconds = []
    for i in range(args.warmup + args.repeats):
        t0 = now()
        summarise_all(records, args.method, [3], tokenizer)
        if i >= args.warmup:
            seconds.append(now() - t0)
    results[n] = seconds
emit({"method": args.method, "results": results})
