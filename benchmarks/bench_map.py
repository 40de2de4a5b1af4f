"""The map pane: what a repaint costs, and what the places of a view cost to load.

    uv run python benchmarks/bench_map.py --index INDEX [--size 120x40] [--repeat 20]

Inside a running app (Textual's headless driver) at ``--size``, with the map shown on the
whole corpus, the median and worst time of ``WorldMap.render`` for: a highlight move (the
outline layer cached), a pan and a zoom (a new outline layer), and the same pan again (cached).
The frame budget is ~50 ms. Baseline in the same run: drawing the outlines alone, uncached
(``land`` with its cache cleared), so a slower machine reads as a ratio.

Then the reader: ``Reader.places`` for the whole corpus and for each of the five places named in
the most documents (what the map loads when a filter is set), median of 3.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path


def _stats(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}


async def _repaints(index: Path, size: tuple[int, int], repeat: int) -> dict[str, object]:
    from explorer.corpus import Corpus
    from explorer.tui.app import ExplorerApp
    from explorer.tui.map import WorldMap
    from explorer.tui.world import WORLD, land

    corpus = Corpus.open(Path(index).parent, index, update=False)

    def opener(progress, warn, *, update=True):  # type: ignore[no-untyped-def]
        return corpus

    app = ExplorerApp("bench", opener)
    out: dict[str, object] = {}
    async with app.run_test(size=size) as pilot:
        for _ in range(50):
            await pilot.pause(0.1)
            if app.screen.query("#documents-list") and corpus.reader is not None:
                break
        await pilot.press("m")
        world = app.screen.query_one(WorldMap)
        for _ in range(200):
            await pilot.pause(0.1)
            if world.markers:
                break
        out["places_on_map"] = len(world.markers)
        cols, rows = world.size.width, world.size.height
        out["canvas_cells"] = f"{cols}x{rows}"

        def timed(action) -> list[float]:  # type: ignore[no-untyped-def]
            times = []
            for _ in range(repeat):
                action()
                t = time.perf_counter()
                world.render()
                times.append((time.perf_counter() - t) * 1000)
            return times

        out["highlight_move"] = _stats(timed(lambda: world.action_rank(1)))
        pans = [0]

        def new_view() -> None:
            pans[0] += 1
            world.extent = WORLD.zoomed(1.0 + pans[0] / 100).panned(pans[0] / 500, 0)

        out["pan_or_zoom_new_view"] = _stats(timed(new_view))
        out["pan_back_cached"] = _stats(timed(lambda: setattr(world, "extent", WORLD)))
        baseline = []
        for _ in range(repeat):
            land.cache_clear()
            t = time.perf_counter()
            land(WORLD, cols, rows)
            baseline.append((time.perf_counter() - t) * 1000)
        out["baseline_outlines_uncached"] = _stats(baseline)
    corpus.close()
    return out


def _places(index: Path, repeat: int) -> dict[str, object]:
    from explorer.index.query import Query
    from explorer.index.reader import Reader

    reader = Reader(index)
    out: dict[str, object] = {}

    def median(q: Query) -> tuple[float, int]:
        times, n = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            n = len(reader.places(q))
            times.append((time.perf_counter() - t) * 1000)
        return round(statistics.median(times), 1), n

    out["whole_corpus"] = median(Query(limit=2001))
    top = reader.entities(Query(kind="place", limit=5))
    out["filtered"] = {
        e.name: {"docs": e.docs, "ms_and_places": median(Query(entities=(e.id,), limit=2001))}
        for e in top
    }
    reader.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--size", default="120x40")
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args(argv)
    cols, rows = (int(n) for n in args.size.split("x"))
    result = {
        "index": str(args.index),
        "size": args.size,
        "repaint": asyncio.run(_repaints(args.index, (cols, rows), args.repeat)),
        "places": _places(args.index, 3),
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
