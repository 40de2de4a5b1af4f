"""Measure what "lists stay responsive at 100k rows" and "each keystroke within 50 ms" mean here.

    uv run python benchmarks/bench_tui.py [ROWS]
    uv run python benchmarks/bench_tui.py --corpus DIR --index PATH
    uv run python benchmarks/bench_tui.py --pane ROWS


Prints the time to fill a VirtualList with ROWS rows (headless app), the time to render one
screenful, and the per-keystroke latency (median and 95th percentile) of the quotes pane's
typo-tolerant filter over ROWS synthetic quotes. A script, not a test: timings vary by machine.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time

from textual.app import App, ComposeResult

from explorer.tui.fuzzy import FuzzyIndex
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


def keystrokes(texts: list[str], queries: list[str]) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    index = FuzzyIndex(texts)
    build = time.perf_counter() - t0
    times = []
    for query in queries:
        for i in range(1, len(query) + 1):  # every prefix, as typed
            t0 = time.perf_counter()
            hits = index.search(query[:i])
            if hits is not None:
                [texts[j] for j in hits]
            times.append(time.perf_counter() - t0)
    return build, times


def corpus_keystrokes(corpus_dir: str, index: str) -> None:
    """Per-keystroke latency of the search bar's lookup (Corpus.find) and of the quote filter,
    typing the corpus's most mentioned names letter by letter (with a typo)."""
    from explorer.api import open_corpus

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
    quotes = corpus.quotes()
    build, times = keystrokes([f"{q.text} {q.speaker or ''}" for q in quotes], typed)
    times.sort()
    print(
        f"{corpus.stats()}\n"
        f"search bar (Corpus.find) per keystroke: median {statistics.median(finds) * 1000:.1f} ms,"
        f" p95 {finds[int(0.95 * (len(finds) - 1))] * 1000:.1f} ms ({len(finds)} keystrokes)\n"
        f"quote filter over {len(quotes):,} quotes: build {build * 1000:.0f} ms, per keystroke "
        f"median {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.2f} ms"
    )


async def pane_keystrokes(
    n: int, typed: str = "ceasefire talks kandahr withdrawl airport"
) -> list[float]:
    """In the running app: time from a keystroke in the quotes filter box (Input.Changed) to
    the filtered rows arriving at the pane, over ``n`` quotes (the real, threaded path)."""
    from textual.widgets import Input

    from explorer.api import Quote
    from explorer.tui.quotes import QuotesPane

    texts = synthetic_quotes(n)
    quotes = [Quote(f"d{i % 5000}", t, 0, len(t), "Ben Wallace", None, None, None, "said", False)
              for i, t in enumerate(texts)]  # fmt: skip
    marks: dict[str, float] = {}
    latencies: list[float] = []

    def hook(message: object) -> None:
        if isinstance(message, Input.Changed):
            marks[message.value] = time.perf_counter()
        elif isinstance(message, QuotesPane.Filtered) and message.query in marks:
            latencies.append(time.perf_counter() - marks[message.query])

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield QuotesPane()

    app = Host()
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        app.query_one(QuotesPane).show(quotes)
        await app.workers.wait_for_complete()  # the index is built once, in a worker
        app.query_one("#quotes-filter", Input).focus()
        for ch in typed:
            await pilot.press(ch if ch != " " else "space")
            await asyncio.sleep(0.12)  # a fast typist
        await app.workers.wait_for_complete()
        await pilot.pause()
    return sorted(latencies)


def main() -> None:
    if "--pane" in sys.argv:
        n = int(sys.argv[sys.argv.index("--pane") + 1])
        times = asyncio.run(pane_keystrokes(n))
        print(
            f"quotes pane, {n:,} quotes, keystroke → filtered rows: "
            f"median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.1f} ms ({len(times)} keystrokes)"
        )
        return
    if "--corpus" in sys.argv:
        args = sys.argv[1:]
        corpus_keystrokes(args[args.index("--corpus") + 1], args[args.index("--index") + 1])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    texts = synthetic_quotes(n)
    fill, draw = asyncio.run(fill_list(texts))
    print(f"VirtualList: fill {n:,} rows {fill * 1000:.1f} ms, draw a screen {draw * 1000:.1f} ms")
    build, times = keystrokes(texts, ["ceasfire talks", "kandahr", "withdrawl of troops", "kab"])
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"quote filter over {n:,} quotes: index build {build:.2f} s (in a worker, once); "
        f"per keystroke median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms ({len(times)} keystrokes)"
    )


if __name__ == "__main__":
    main()
