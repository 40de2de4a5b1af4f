"""Measure what "lists stay responsive at 100k rows" and "each keystroke within 50 ms" mean here.

    uv run python benchmarks/bench_tui.py [ROWS]
    uv run python benchmarks/bench_tui.py --corpus DIR --index PATH

Prints the time to fill a VirtualList with ROWS rows (headless app) and to render one
screenful; with a corpus, the per-keystroke latency (median and 95th percentile) of the search
bar's name lookup and of the quotes pane's filter box, which asks the index (the same search as
`explorer quotes WORDS`, capped like the pane). A script, not a test: timings vary by machine.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time

from textual.app import App, ComposeResult

from explorer.tui.widgets.virtual_list import VirtualList

WORDS = [
    "army",
    "city",
    "deal",
    "troops",
    "withdrawal",
    "airport",
    "border",
    "talks",
    "ceasefire",
    "spokesman",
    "kandahar",
    "kabul",
    "taliban",
    "government",
    "minister",
    "president",
    "attack",
    "province",
    "fighters",
    "peace",
    "agreement",
    "security",
    "forces",
    "civilians",
    "embassy",
    "evacuation",
    "refugees",
    "election",
    "council",
    "officials",
    "reported",
]


def synthetic_quotes(n: int, seed: int = 7, vocabulary: int = 40_000) -> list[str]:
    """Quotes of 6-30 words: common news words plus a long Zipf tail of rare made-up words, so
    the vocabulary the filter compares against is as large as a real corpus's."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    rare = [
        "".join(rng.choice(letters) for _ in range(rng.randint(4, 11))) for _ in range(vocabulary)
    ]
    weights = [1 / (rank + 1) for rank in range(vocabulary)]
    out = []
    for _ in range(n):
        k = rng.randint(6, 30)
        common = [rng.choice(WORDS) for _ in range(k // 2)]
        out.append(" ".join(common + rng.choices(rare, weights, k=k - k // 2)))
    return out


class _ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualList(id="list")


async def fill_list(rows: list[str]) -> tuple[float, float]:
    app = _ListApp()
    async with app.run_test(size=(120, 40)) as pilot:
        lst = app.query_one(VirtualList)
        t0 = time.perf_counter()
        lst.set_rows(rows)
        fill = time.perf_counter() - t0
        await pilot.pause()
        t0 = time.perf_counter()
        for y in range(lst.size.height):
            lst.render_line(y)
        draw = time.perf_counter() - t0
    return fill, draw


def corpus_keystrokes(corpus_dir: str, index: str) -> None:
    """Per-keystroke latency of the search bar's lookup (find) and of the quote filter box (the
    index's quote search, capped as the pane asks it), typing the corpus's most mentioned names
    letter by letter (with a typo)."""
    from explorer.api import Query, open_corpus
    from explorer.tui.state import ROW_CAP

    corpus = open_corpus(corpus_dir, index)
    names = [e.name for e in sorted(corpus.entities(), key=lambda e: -e.mentions)[:20]]
    typed = [n[:-2] + n[-1] if len(n) > 4 else n for n in names]  # drop a letter: a typo
    finds = []
    for name in typed:
        for i in range(1, len(name) + 1):
            t0 = time.perf_counter()
            corpus.find(name[:i], limit=8)
            finds.append(time.perf_counter() - t0)
    finds.sort()
    times = []
    for name in typed:
        for i in range(1, len(name) + 1):
            t0 = time.perf_counter()
            corpus.reader.quotes(Query(text=name[:i], limit=ROW_CAP + 1))
            times.append(time.perf_counter() - t0)
    times.sort()
    print(
        f"{corpus.stats()}\n"
        f"search bar (Corpus.find) per keystroke: median {statistics.median(finds) * 1000:.1f} ms,"
        f" p95 {finds[int(0.95 * (len(finds) - 1))] * 1000:.1f} ms ({len(finds)} keystrokes)\n"
        f"quote filter box (index search) per keystroke: "
        f"median {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.2f} ms"
    )


def main() -> None:
    if "--corpus" in sys.argv:
        args = sys.argv[1:]
        corpus_keystrokes(args[args.index("--corpus") + 1], args[args.index("--index") + 1])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    texts = synthetic_quotes(n)
    fill, draw = asyncio.run(fill_list(texts))
    print(f"VirtualList: fill {n:,} rows {fill * 1000:.1f} ms, draw a screen {draw * 1000:.1f} ms")


if __name__ == "__main__":
    main()
