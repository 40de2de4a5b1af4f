"""The timeline of each of the most mentioned entities: what a page and a pane cost.

    uv run python benchmarks/bench_timeline.py --index INDEX [--entities 10] [--repeat 5]

For each of the ``--entities`` entities named in the most documents, the median time of the
reader answering its timeline as the command line asks (a page of 51 rows, chronological) and as
the app's pane asks (5,001 rows, newest first), with how many rows of the pane are told by more
than one document. Prints one JSON object. The index is only read; run it with the code whose
reader you want to time (a worktree of an older commit reads an older index).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path

from explorer.index.query import Query
from explorer.index.reader import Reader


def _median_ms(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1), out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--entities", type=int, default=10)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    reader = Reader(args.index)
    top = reader.entities(Query(limit=args.entities))
    rows = []
    for e in top:
        page_ms, _ = _median_ms(
            lambda e=e: reader.timeline(Query(entities=(e.id,), limit=51)), args.repeat
        )
        pane_ms, events = _median_ms(
            lambda e=e: reader.timeline(Query(entities=(e.id,), limit=5001, order="-date")),
            args.repeat,
        )
        told = sum(1 for ev in events if ev.corroborating_docs > 1)  # type: ignore[attr-defined]
        rows.append(
            {
                "entity": e.name,
                "docs": e.docs,
                "page_ms": page_ms,
                "pane_ms": pane_ms,
                "pane_rows": len(events),  # type: ignore[arg-type]
                "told_by_more": told,
            }
        )
    summary = {
        "index": str(args.index),
        "stats": dataclasses.asdict(reader.stats()),
        "entities": rows,
        "page_ms_max": max(r["page_ms"] for r in rows),
        "pane_ms_max": max(r["pane_ms"] for r in rows),
        "pane_ms_median": statistics.median(r["pane_ms"] for r in rows),
    }
    json.dump(summary, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
