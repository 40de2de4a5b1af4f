"""The name tagger and the whole names extractor on CoNLL-2003 ``eng.testa``.

Three figures, same run:

* the tagger alone on CoNLL's own tokens (with the rules' reading of them as evidence):
  precision, recall, F1 per type (conlleval scoring, all four types) and words per second on
  one core, features and decoding (the word-feature cache cleared before each repetition,
  median of ``--repeat``; the rules' reading is computed before the clock starts: its cost is
  in the ``extract_entities`` figures);
* ``extract_entities`` (tagger + rules + merge, what the index stores) on each document's text
  rebuilt from its tokens, one line a sentence: PER, LOC, ORG scored on the mentions it emits
  (MISC is not a kind explorer shows), with and without the tagger (``use_tagger=False`` is the
  rules alone: what the tagger adds), and the words per second of each; and the same scores
  over the stories that are not sports (CoNLL's sports stories are results tables and teams
  named after towns, "Surrey beat Kent", little of what a news folder holds);
* ``extract_document`` (every extractor, as indexing runs it) on PolNeAR's long dev articles:
  words per second with and without the tagger, interleaved.

Usage::

    uv run python benchmarks/ner.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conll import (  # noqa: E402
    DATA,
    format_scores,
    is_sports,
    read_docs,
    rebuilt,
    score,
    tagger_inputs,
)

from explorer.extract.names import extract_entities  # noqa: E402
from explorer.extract.names import tagger as tg  # noqa: E402

_KIND = {"person": "PER", "place": "LOC", "org": "ORG"}


def tagger_alone(docs, repeat: int) -> tuple[dict, float]:
    gold = [labels for doc in docs for _, labels in doc]
    n = sum(len(g) for g in gold)
    # The rules' reading of each token is computed first: it is the rules' cost, measured in
    # the extract_entities figures below; this times the tagger's own work.
    inputs = [tagger_inputs(doc) for doc in docs]
    rates = []
    pred: list[list[str]] = []
    for _ in range(repeat):
        tg._CACHE.clear()
        t0 = time.perf_counter()
        pred = [lab for words, rules in inputs for lab in tg.tag_tokens(words, rules)]
        rates.append(n / (time.perf_counter() - t0))
    return score(gold, pred), statistics.median(rates)


def pipeline(docs, use_tagger: bool, repeat: int) -> tuple[dict, dict, float]:
    built = [rebuilt(d) for d in docs]
    n = sum(len(w) for d in docs for w, _ in d)
    rates = []
    results = []
    for _ in range(repeat):
        tg._CACHE.clear()
        t0 = time.perf_counter()
        results = [extract_entities(text, sents, use_tagger=use_tagger) for text, sents, _ in built]
        rates.append(n / (time.perf_counter() - t0))
    gold, pred, news_gold, news_pred = [], [], [], []
    for doc, (_, _, offs), (_, mentions) in zip(docs, built, results, strict=True):
        by_start = {}
        for si, o in enumerate(offs):
            for ti, (a, _) in enumerate(o):
                by_start[a] = (si, ti)
        labels = [["O"] * len(o) for o in offs]
        for m in mentions:
            if m.start not in by_start or m.kind not in _KIND:
                continue
            si, ti = by_start[m.start]
            tj = ti
            while tj < len(offs[si]) and offs[si][tj][1] <= m.end:
                labels[si][tj] = ("B-" if tj == ti else "I-") + _KIND[m.kind]
                tj += 1
        for (_, g), p in zip(doc, labels, strict=True):
            g = [t if t[2:] in ("PER", "LOC", "ORG") else "O" for t in g]
            gold.append(g)
            pred.append(p)
            if not is_sports(doc):
                news_gold.append(g)
                news_pred.append(p)
    s, news = score(gold, pred), score(news_gold, news_pred)
    s.pop("MISC")
    news.pop("MISC")
    return s, news, statistics.median(rates)


def long_articles(repeat: int) -> None:
    """``extract_document`` (every extractor, what indexing runs per file) on PolNeAR's dev
    articles, long political news: words/s with the tagger and with the rules alone,
    interleaved so both see the same machine."""
    import functools
    import re

    from polnear import articles

    from explorer.extract import pipeline

    texts = [txt.read_text(encoding="utf-8") for txt, _ in articles("dev")]
    words = sum(len(re.findall(r"\S+", t)) for t in texts)
    # The names component calls the function it imported: patched there, where it is looked up.
    real = pipeline.extract_entities
    rates: dict[bool, list[float]] = {False: [], True: []}
    try:
        for _ in range(repeat):
            for use in (False, True):
                pipeline.extract_entities = functools.partial(real, use_tagger=use)
                tg._CACHE.clear()
                t0 = time.perf_counter()
                for t in texts:
                    pipeline.extract_document(t)
                rates[use].append(words / (time.perf_counter() - t0))
    finally:
        pipeline.extract_entities = real
    before, after = statistics.median(rates[False]), statistics.median(rates[True])
    print(
        f"\nextract_document, {len(texts)} PolNeAR dev articles ({words:,} words): "
        f"rules alone {before:,.0f} words/s, with the tagger {after:,.0f} words/s "
        f"({after / before:.0%})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = list(read_docs(DATA / "eng.testa"))
    words = sum(len(w) for d in docs for w, _ in d)
    print(f"eng.testa: {len(docs)} documents, {words:,} words")
    s, rate = tagger_alone(docs, args.repeat)
    print(f"\ntagger alone: {rate:,.0f} words/s\n{format_scores(s)}")
    n_news = sum(1 for d in docs if not is_sports(d))
    for use in (False, True):
        s, news, rate = pipeline(docs, use, args.repeat)
        label = "rules + tagger" if use else "rules alone"
        print(f"\nextract_entities, {label}: {rate:,.0f} words/s\n{format_scores(s)}")
        print(f"  the {n_news} stories that are not sports:\n{format_scores(news)}")
    long_articles(args.repeat)


if __name__ == "__main__":
    main()
