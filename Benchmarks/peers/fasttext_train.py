"""fastText supervised classifier, trained on a TSV and scored on another.

    python fasttext_train.py --train train.tsv --test test.tsv --epoch 25 --dim 100 [--save model.bin]

Input preparation (timed, part of `train_seconds`): rows shuffled with a fixed
seed, text lowercased and split into word and punctuation tokens, written as
`__label__X tokens` to a temporary file. Hyper-parameters: wordNgrams=2,
lr=0.5, minCount=1, loss=softmax, thread=2, bucket=2,000,000.
"""
import argparse
import os
import re
import tempfile

import fasttext
from common import emit, now, read_tsv, shuffled
from sklearn.metrics import accuracy_score, f1_score

TOKEN = re.compile(r"\w+|[^\w\s]")


def prepare(text):
    return " ".join(TOKEN.findall(text.lower()))


ap = argparse.ArgumentParser()
ap.add_argument("--train", required=True)
ap.add_argument("--test", required=True)
ap.add_argument("--epoch", type=int, default=25)
ap.add_argument("--dim", type=int, default=100)
ap.add_argument("--save")
args = ap.parse_args()

t0 = now()
y, x = read_tsv(args.train)
y, x = shuffled(y, x, seed=0)
fd, path = tempfile.mkstemp(suffix=".txt")
with os.fdopen(fd, "w", encoding="utf-8") as f:
    for label, text in zip(y, x):
        f.write("__label__" + label.replace(" ", "_") + " " + prepare(text) + "\n")
t1 = now()
fasttext.FastText.eprint = lambda *a, **k: None
model = fasttext.train_supervised(input=path, epoch=args.epoch, dim=args.dim, lr=0.5,
                                  wordNgrams=2, minCount=1, loss="softmax", thread=2,
                                  bucket=2_000_000, verbose=0, seed=0)
t2 = now()
os.unlink(path)
if args.save:
    model.save_model(args.save)
t3 = now()
ty, tx = read_tsv(args.test)
t4 = now()
labels, _ = model.predict([prepare(t) for t in tx], k=1)
pred = [lab[0][len("__label__"):] for lab in labels]
t5 = now()
truth = [t.replace(" ", "_") for t in ty]
emit({"train_seconds": t2 - t0, "prepare_seconds": t1 - t0, "fit_seconds": t2 - t1,
      "save_seconds": t3 - t2, "predict_seconds": t5 - t4, "test_documents": len(tx),
      "epoch": args.epoch, "dim": args.dim, "word_ngrams": 2,
      "accuracy": accuracy_score(truth, pred), "macro_f1": f1_score(truth, pred, average="macro")})
