"""Helpers shared by the peer scripts: reading the corpora and printing results.

Every peer script prints exactly one JSON object on stdout (its own in-process
timings and scores); the harness adds whole-process wall time and peak RSS.
"""
import json
import random
import sys
import time


def read_tsv(path):
    """Reads `label<TAB>text` rows (the format of ../shared/data)."""
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            label, _, text = line.partition("\t")
            labels.append(label)
            texts.append(text)
    return labels, texts


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shuffled(labels, texts, seed=0):
    """The rows in a seeded random order (the corpora are grouped by class)."""
    order = list(range(len(labels)))
    random.Random(seed).shuffle(order)
    return [labels[i] for i in order], [texts[i] for i in order]


def now():
    return time.perf_counter()


def emit(obj):
    json.dump(obj, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()
