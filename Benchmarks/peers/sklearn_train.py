"""scikit-learn TF-IDF + linear classifier, trained on a TSV and scored on another.

    python sklearn_train.py --train train.tsv --test test.tsv --classifier sgd|lr [--save model.pkl]

Vectoriser: TfidfVectorizer(ngram_range=(1,2), min_df=2, sublinear_tf=True).
sgd: SGDClassifier(loss='log_loss', alpha=1e-6, max_iter=20, tol=None, n_jobs=2) = 20 epochs.
lr:  LogisticRegression(C=10, solver='lbfgs', max_iter=1000).
The training rows are shuffled with a fixed seed (the corpora are grouped by class).
Reports read+vectorise+fit time (`train_seconds`), the time to pickle the model,
batch prediction time on the test split, accuracy and macro-F1.
"""
import argparse
import pickle

from common import emit, now, read_tsv, shuffled
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline

ap = argparse.ArgumentParser()
ap.add_argument("--train", required=True)
ap.add_argument("--test", required=True)
ap.add_argument("--classifier", choices=["sgd", "lr"], required=True)
ap.add_argument("--save")
args = ap.parse_args()

t0 = now()
y, x = read_tsv(args.train)
y, x = shuffled(y, x, seed=0)
vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
if args.classifier == "sgd":
    clf = SGDClassifier(loss="log_loss", alpha=1e-6, max_iter=20, tol=None, random_state=0, n_jobs=2)
else:
    clf = LogisticRegression(C=10, solver="lbfgs", max_iter=1000)
model = make_pipeline(vec, clf)
model.fit(x, y)
t1 = now()
if args.save:
    with open(args.save, "wb") as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
t2 = now()
ty, tx = read_tsv(args.test)
t3 = now()
pred = model.predict(tx)
t4 = now()
emit({"train_seconds": t1 - t0, "save_seconds": t2 - t1, "predict_seconds": t4 - t3,
      "test_documents": len(tx), "features": len(vec.vocabulary_),
      "accuracy": accuracy_score(ty, pred), "macro_f1": f1_score(ty, pred, average="macro")})
