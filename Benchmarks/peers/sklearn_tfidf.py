"""scikit-learn TfidfVectorizer.fit_transform on the texts of a TSV file.

    python sklearn_tfidf.py --data train.tsv --ngram-range 1,2 [--min-df 1] [--sublinear-tf] \
        [--repeats 3 --warmup 1]

Reports the time of each repeat of fit_transform alone (`seconds`, after
`warmup` discarded repeats, all in this one process) and of reading the file
(`read_seconds`), the number of features and non-zeros.
"""
import argparse

import numpy

from common import emit, now, read_tsv
from sklearn.feature_extraction.text import TfidfVectorizer

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--ngram-range", default="1,1")
ap.add_argument("--min-df", type=float, default=1)
ap.add_argument("--sublinear-tf", action="store_true")
ap.add_argument("--repeats", type=int, default=1)
ap.add_argument("--warmup", type=int, default=0)
args = ap.parse_args()

t0 = now()
_, texts = read_tsv(args.data)
read_seconds = now() - t0
lo, hi = (int(x) for x in args.ngram_range.split(","))
min_df = int(args.min_df) if args.min_df >= 1 else args.min_df
seconds = []
for i in range(args.warmup + args.repeats):
    vec = TfidfVectorizer(ngram_range=(lo, hi), min_df=min_df, sublinear_tf=args.sublinear_tf,
                          dtype=numpy.float32)
    t1 = now()
    x = vec.fit_transform(texts)
    if i >= args.warmup:
        seconds.append(now() - t1)
    if i + 1 < args.warmup + args.repeats:
        del vec, x
emit({"seconds": seconds, "read_seconds": read_seconds, "documents": x.shape[0],
      "features": x.shape[1], "nnz": int(x.nnz)})
