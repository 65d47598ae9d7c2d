"""Out-of-core peers for the `outofcore` benchmark section.

  outofcore_peer.py --peer sklearn --train TRAIN.tsv --test TEST.tsv [--features 1048576] [--chunk 10000]
  outofcore_peer.py --peer vw      --train TRAIN.tsv --test TEST.tsv [--bits 20]

sklearn: HashingVectorizer(n_features, ngram_range=(1, 2), alternate_sign=False) with idf from a
first pass (document frequencies summed over the chunks, as precis does), then one pass of
SGDClassifier(loss="log_loss", alpha=1e-6).partial_fit over chunks of the stream; bounded memory.
vw: Vowpal Wabbit (PyPI `vowpalwabbit`), one pass, --oaa K --loss_function logistic, -b bits, --ngram 2.
Prints one JSON object: seconds, documents, bytes, accuracy on TEST.
"""
import argparse
import json
import re
import sys
import time


def chunks(path, size):
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, tab, text = line.rstrip("\n").partition("\t")
            if not tab:
                continue
            labels.append(label)
            texts.append(text)
            if len(texts) == size:
                yield labels, texts
                labels, texts = [], []
    if texts:
        yield labels, texts


def sklearn_peer(a):
    import numpy as np
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.preprocessing import normalize
    hv = HashingVectorizer(n_features=a.features, ngram_range=(1, 2), alternate_sign=False, norm=None)
    t0 = time.perf_counter()
    df = np.zeros(a.features, dtype=np.int64)
    n, nbytes, classes = 0, 0, set()
    for labels, texts in chunks(a.train, a.chunk):
        x = hv.transform(texts)
        df += np.bincount(x.indices, minlength=a.features)
        n += len(texts)
        nbytes += sum(len(t.encode("utf-8")) for t in texts)
        classes.update(labels)
    idf = np.log((1 + n) / (1 + df)) + 1

    def weigh(texts):
        x = hv.transform(texts)
        x.data = 1 + np.log(x.data)              # sublinear tf, as precis's default
        x = x.multiply(idf).tocsr()
        return normalize(x)

    clf = SGDClassifier(loss="log_loss", alpha=1e-6, random_state=42)
    classes = sorted(classes)
    for labels, texts in chunks(a.train, a.chunk):
        clf.partial_fit(weigh(texts), labels, classes=classes)
    seconds = time.perf_counter() - t0
    test_labels, test_texts = [], []
    for labels, texts in chunks(a.test, 1 << 30):
        test_labels, test_texts = labels, texts
    accuracy = float(np.mean(clf.predict(weigh(test_texts)) == np.array(test_labels)))
    return dict(seconds=seconds, documents=n, bytes=nbytes, accuracy=accuracy)


def vw_peer(a):
    from vowpalwabbit import pyvw
    clean = re.compile(r"[|:\s]+")
    names = sorted({label for labels, _ in chunks(a.train, 1 << 16) for label in labels})
    index = {name: k + 1 for k, name in enumerate(names)}
    t0 = time.perf_counter()
    vw = pyvw.Workspace(f"--oaa {len(names)} --loss_function logistic -b {a.bits} --ngram 2 --quiet")
    n = nbytes = 0
    for labels, texts in chunks(a.train, 10000):
        for label, text in zip(labels, texts):
            vw.learn(f"{index[label]} | {clean.sub(' ', text.lower())}")
        n += len(texts)
        nbytes += sum(len(t.encode("utf-8")) for t in texts)
    seconds = time.perf_counter() - t0
    correct = total = 0
    for labels, texts in chunks(a.test, 10000):
        for label, text in zip(labels, texts):
            correct += vw.predict(f"| {clean.sub(' ', text.lower())}") == index.get(label)
            total += 1
    vw.finish()
    return dict(seconds=seconds, documents=n, bytes=nbytes, accuracy=correct / max(total, 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", choices=["sklearn", "vw"], required=True)
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--features", type=int, default=1 << 20)
    ap.add_argument("--bits", type=int, default=20)
    ap.add_argument("--chunk", type=int, default=10000)
    a = ap.parse_args()
    result = sklearn_peer(a) if a.peer == "sklearn" else vw_peer(a)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
