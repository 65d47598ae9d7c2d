"""scikit-learn TfidfVectorizer.fit_transform on the texts of a TSV file.

    python sklearn_tfidf.py --data train.tsv --ngram-range 1,2 [--min-df 1] [--sublinear-tf]

Reports the fit_transform time alone (`seconds`) and with reading the file
(`seconds_with_read`), the number of features and non-zeros.
"""
import argparse

from common import emit, now, read_tsv
from sklearn.feature_extraction.text import TfidfVectorizer

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--ngram-range", default="1,1")
ap.add_argument("--min-df", type=float, default=1)
ap.add_argument("--sublinear-tf", action="store_true")
args = ap.parse_args()

t0 = now()
_, texts = read_tsv(args.data)
t1 = now()
lo, hi = (int(x) for x in args.ngram_range.split(","))
min_df = int(args.min_df) if args.min_df >= 1 else args.min_df
vec = TfidfVectorizer(ngram_range=(lo, hi), min_df=min_df, sublinear_tf=args.sublinear_tf,
                      dtype=__import__("numpy").float32)
x = vec.fit_transform(texts)
t2 = now()
emit({"seconds": t2 - t1, "seconds_with_read": t2 - t0, "documents": x.shape[0],
      "features": x.shape[1], "nnz": int(x.nnz)})
