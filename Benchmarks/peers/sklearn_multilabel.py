"""scikit-learn one-vs-rest multi-label baseline, trained on a TSV and scored on another.

    python sklearn_multilabel.py --train train.tsv --test test.tsv [--separator ,]

Rows are `labels<TAB>text` with the labels split on the separator (the format of
reuters21578-modapte90). Pipeline: TfidfVectorizer(ngram_range=(1,2), min_df=2,
sublinear_tf=True) + OneVsRestClassifier(SGDClassifier(loss='log_loss',
alpha=1e-6, max_iter=20, tol=None)), the same SGD settings as sklearn_train.py's
peer (20 epochs; scikit-learn's default alpha 1e-4 only reaches micro-F1 0.72
here), the classifier the issue's goal names; a label is predicted when its
decision function is positive (probability 0.5). Reports read+vectorise+fit time
(`train_seconds`), micro/macro/samples-F1, subset accuracy and Hamming loss.
"""
import argparse

from common import emit, now, read_tsv, shuffled
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score, hamming_loss
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

ap = argparse.ArgumentParser()
ap.add_argument("--train", required=True)
ap.add_argument("--test", required=True)
ap.add_argument("--separator", default=",")
ap.add_argument("--alpha", type=float, default=1e-6)
args = ap.parse_args()


def split(labels):
    return [[x for x in label.split(args.separator) if x] for label in labels]


t0 = now()
y, x = read_tsv(args.train)
y, x = shuffled(y, x, seed=0)
binarizer = MultiLabelBinarizer()
y_train = binarizer.fit_transform(split(y))
vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
x_train = vectorizer.fit_transform(x)
model = OneVsRestClassifier(SGDClassifier(loss="log_loss", alpha=args.alpha, max_iter=20, tol=None, random_state=0), n_jobs=2)
model.fit(x_train, y_train)
train_seconds = now() - t0

yt, xt = read_tsv(args.test)
t1 = now()
predicted = model.predict(vectorizer.transform(xt))
predict_seconds = now() - t1
known = set(binarizer.classes_)
truth = binarizer.transform([[label for label in labels if label in known] for labels in split(yt)])
unseen = sum(1 for labels in split(yt) for label in labels if label not in known)
emit({
    "train_seconds": train_seconds, "predict_seconds": predict_seconds,
    "train_documents": len(x), "test_documents": len(xt), "labels": len(binarizer.classes_),
    "unseen_test_labels": unseen,
    "micro_f1": f1_score(truth, predicted, average="micro", zero_division=0),
    "macro_f1": f1_score(truth, predicted, average="macro", zero_division=0),
    "samples_f1": f1_score(truth, predicted, average="samples", zero_division=0),
    "subset_accuracy": accuracy_score(truth, predicted),
    "hamming_loss": hamming_loss(truth, predicted),
})
