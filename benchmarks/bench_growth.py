"""Work that must grow linearly: each case timed at size N and 4N, with the ratio (linear is
about 4; quadratic 16).

    uv run python benchmarks/bench_growth.py [--n 5000]

Cases: an article holding N date expressions (the extractors' overlap test and the header
scan were quadratic: 20,000 dates took minutes), one line of N words of prose with quotes,
and a quote search of N words against the bundled corpus. A script, not a test: timings vary
by machine; the ratio is what to read.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from explorer.api import open_corpus
from explorer.extract import extract_document

REPO = Path(__file__).resolve().parent.parent


def _dates(n: int) -> float:
    text = " ".join(f"On March {1 + i % 28}, 1987 the index rose, Smith said." for i in range(n))
    t0 = time.perf_counter()
    extract_document(text)
    return time.perf_counter() - t0


def _one_line(n: int) -> float:
    unit = "Kabul fell and “the city is calm,” said Ben Wallace on Friday while officials waited "
    words = unit.split()
    text = " ".join(words[i % len(words)] for i in range(n))
    t0 = time.perf_counter()
    extract_document(text)
    return time.perf_counter() - t0


def _query(n: int, corpus) -> float:  # type: ignore[no-untyped-def]
    vocabulary = ["taliban", "kandahar", "mistake", "deal", "wallace", "kabul", "city", "said"]
    words = " ".join(vocabulary[i % len(vocabulary)] + str(i % 7) for i in range(n))
    t0 = time.perf_counter()
    corpus.quotes(words, limit=100)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args()
    n = args.n
    extract_document("Warm up: Kabul fell on Friday, officials said.")  # loads the gazetteers
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = open_corpus(REPO / "corpus", Path(tmp) / "i.sqlite")
        cases = {
            "dates_in_one_article": _dates,
            "words_in_one_line": _one_line,
            "words_in_a_quote_search": lambda k: _query(k, corpus),
        }
        for name, run in cases.items():
            small, big = run(n), run(4 * n)
            results[name] = {
                "n": n,
                "seconds_n": round(small, 3),
                "seconds_4n": round(big, 3),
                "ratio": round(big / small, 2),
            }
            print(json.dumps({name: results[name]}))
        corpus.close()


if __name__ == "__main__":
    main()
