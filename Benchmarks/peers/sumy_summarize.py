"""Extractive summaries with sumy (TextRank, LexRank, LSA, Luhn) or Lead-k.

    python sumy_summarize.py --data articles.jsonl --method textrank \
        (--sentences 3 | --match-reference) --out summaries.jsonl [--repeats 3]

sumy 0.13 with offline sentence splitting: sumy's own `Tokenizer` needs NLTK's
punkt data (a download at run time), so this uses the same interface with
nupunkt's Punkt sentence splitter and NLTK's Treebank word tokenizer (what
`nltk.word_tokenize` applies to each sentence; needs no data), filtered by
sumy's own word pattern. English Snowball stemmer and sumy's English stop words
(as in sumy's README; `--stop-words none` leaves them out).
Lead-k takes the first k sentences of the same splitting.

`seconds` lists the time of each repeat of summarising every article
(parsing included, as sumy parses per document; reading the file excluded).
With --match-reference each article gets as many sentences as its reference
(`summary_sentences`). Summaries are written as {"id", "summary"} lines, in
document order.
"""
import argparse
import json

import nupunkt
from common import emit, now, read_jsonl
from nltk.tokenize.destructive import NLTKWordTokenizer
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer as SumyTokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words


class OfflineTokenizer:
    """sumy's tokenizer interface over nupunkt (sentences) and NLTK Treebank (words)."""

    language = "english"

    def __init__(self):
        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph):
        return tuple(s.strip() for s in nupunkt.sent_tokenize(paragraph) if s.strip())

    def to_words(self, sentence):
        return tuple(w for w in self._words.tokenize(sentence) if SumyTokenizer._is_word(w))


SUMMARIZERS = {
    "textrank": TextRankSummarizer,
    "lexrank": LexRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
}


def make_summarizer(method, stop_words=True):
    summarizer = SUMMARIZERS[method](Stemmer("english"))
    if stop_words:
        summarizer.stop_words = get_stop_words("english")
    return summarizer


def lead(tokenizer, article, k):
    sentences = []
    for line in article.split("\n"):
        sentences.extend(tokenizer.to_sentences(line))
        if len(sentences) >= k:
            break
    return sentences[:k]


def summarise_all(records, method, counts, tokenizer, stop_words=True):
    out = []
    summarizer = None if method == "lead" else make_summarizer(method, stop_words)
    for record, k in zip(records, counts):
        if method == "lead":
            chosen = lead(tokenizer, record["article"], k)
        else:
            parser = PlaintextParser.from_string(record["article"], tokenizer)
            chosen = [str(s) for s in summarizer(parser.document, k)]
        out.append({"id": record["id"], "summary": " ".join(chosen), "sentences": chosen})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--method", choices=["lead", *SUMMARIZERS], required=True)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--sentences", type=int)
    group.add_argument("--match-reference", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--stop-words", choices=["english", "none"], default="english")
    args = ap.parse_args()

    records = read_jsonl(args.data)
    counts = ([len(r["summary_sentences"]) for r in records] if args.match_reference
              else [args.sentences] * len(records))
    tokenizer = OfflineTokenizer()
    stop_words = args.stop_words == "english"
    for _ in range(args.warmup):
        summarise_all(records[: min(50, len(records))], args.method, counts, tokenizer, stop_words)
    seconds = []
    for _ in range(args.repeats):
        t0 = now()
        summaries = summarise_all(records, args.method, counts, tokenizer, stop_words)
        seconds.append(now() - t0)
    with open(args.out, "w", encoding="utf-8") as f:
        for s in summaries:
            f.write(json.dumps(s) + "\n")
    emit({"seconds": seconds, "articles": len(records)})


if __name__ == "__main__":
    main()
