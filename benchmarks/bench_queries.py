"""Lookup and search latency on a built index, each beside a brute-force scan of the same data.

Queries are drawn from the index itself (seeded), so the script works on any corpus size:

* ``find``: names of people and places (frequent and random ones), typed whole, with a typo,
  and half-typed; ``Corpus.find``. Baseline: rapidfuzz over every alias, in memory.
* ``quotes``: one or two words of real quotes, some with a typo; ``Corpus.quotes(q, limit)``.
  Baseline: ``LIKE '%word%'`` over every quote, ordered like the app (a full scan in C).
* ``timeline``: events naming an entity within a date range, and a date range alone;
  ``Corpus.timeline(entity, since, until, limit)``. Baseline: the same filter with the
  ``times`` indexes disabled (``NOT INDEXED``), i.e. a scan of every event.
* ``doc_search``: ``Corpus.documents(query=word)`` (the app's search filter; it has no limit).

Everything runs in one process, one query at a time, after the lookup structures are loaded
(their load time is reported). Results: ``benchmarks/results/queries-LABEL.json``.

Usage::

    uv run python benchmarks/bench_queries.py --corpus /tmp/explorer-bench/reuters \\
        --index /tmp/explorer-bench/reuters.sqlite --label reuters
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.fuzz import WRatio

from explorer.corpus import Corpus
from explorer.extract.spelling import fold

RESULTS = Path(__file__).resolve().parent / "results"
_WORD = re.compile(r"[A-Za-z]{5,}")


def summary(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    if not ms:
        return {"n": 0}
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ms[-1], 3),
        "mean_ms": round(statistics.fmean(ms), 3),
    }


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def typo(word: str, rng: random.Random) -> str:
    """One slip: a dropped, doubled or swapped letter inside the word."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def pick_entities(db: sqlite3.Connection, kind: str, n: int, rng: random.Random) -> list[tuple]:
    """Half the most mentioned entities of a kind, half drawn at random among those named twice+."""
    top = db.execute(
        "SELECT id, name, mentions, docs FROM entities WHERE kind = ? ORDER BY mentions DESC LIMIT ?",
        (kind, n // 2),
    ).fetchall()
    ids = [
        r[0] for r in db.execute("SELECT id FROM entities WHERE kind = ? AND docs >= 2", (kind,))
    ]
    chosen = rng.sample(ids, min(len(ids), n - len(top)))
    rest = [
        db.execute("SELECT id, name, mentions, docs FROM entities WHERE id = ?", (i,)).fetchone()
        for i in chosen
    ]
    return top + rest


def name_queries(entities: list[tuple], rng: random.Random) -> list[str]:
    out = []
    for _id, name, *_ in entities:
        out.append(name.lower())
        words = name.split()
        longest = max(range(len(words)), key=lambda k: len(words[k]))
        words[longest] = typo(words[longest], rng)
        out.append(" ".join(words).lower())
        out.append(name[: max(3, len(name) // 2)].lower())
    return out


def bench_find(corpus: Corpus, db: sqlite3.Connection, rng: random.Random, n: int) -> dict:
    t_load, names = timed(corpus.name_index)
    out: dict = {"name_index_load_s": round(t_load, 3), "aliases": len(names)}
    aliases = [r[0] for r in db.execute("SELECT norm FROM aliases")]
    for kind in ("person", "place"):
        ents = pick_entities(db, kind, n, rng)
        queries = name_queries(ents, rng)
        times, hits = [], 0
        for q in queries:
            dt, res = timed(lambda q=q, kind=kind: corpus.find(q, kind=kind, limit=10))
            times.append(dt)
            hits += bool(res)
        brute = []
        for q in queries[:: max(1, len(queries) // 30)]:
            dt, _ = timed(lambda q=q: process.extract(fold(q), aliases, scorer=WRatio, limit=10))
            brute.append(dt)
        out[kind] = {
            "index": summary(times),
            "queries_with_hits": hits,
            "brute_force_rapidfuzz_all_aliases": summary(brute),
            "examples": queries[:6],
        }
    return out


def quote_queries(db: sqlite3.Connection, rng: random.Random, n: int) -> list[str]:
    (count,) = db.execute("SELECT max(rowid) FROM quotes").fetchone()
    out: list[str] = []
    tries = 0
    while len(out) < n and count and tries < n * 20:
        tries += 1
        row = db.execute("SELECT text FROM quotes WHERE rowid = ?", (rng.randrange(1, count + 1),))
        row = row.fetchone()
        words = _WORD.findall(row[0]) if row else []
        if not words:
            continue
        q = rng.choice(words).lower()
        if len(out) % 3 == 1 and len(words) > 1:
            q += " " + rng.choice(words).lower()
        if len(out) % 5 == 4:
            q = typo(q, rng)
        out.append(q)
    return out


def bench_quotes(
    corpus: Corpus, db: sqlite3.Connection, rng: random.Random, n: int, limit: int
) -> dict:
    t_load, _ = timed(corpus.reader.vocabulary)
    queries = quote_queries(db, rng, n)
    times, rows = [], []
    for q in queries:
        dt, res = timed(lambda q=q: corpus.quotes(q, limit=limit))
        times.append(dt)
        rows.append(len(res))
    brute = []
    for q in queries[:: max(1, len(queries) // 15)]:
        words = q.split()
        where = " AND ".join("q.text LIKE ?" for _ in words)
        sql = (
            "SELECT d.id, q.text FROM quotes q JOIN documents d ON d.rowid = q.doc"
            f" WHERE {where} ORDER BY d.date, d.id, q.start LIMIT ?"
        )
        dt, _ = timed(
            lambda sql=sql, words=words: db.execute(
                sql, [f"%{w}%" for w in words] + [limit]
            ).fetchall()
        )
        brute.append(dt)
    return {
        "vocabulary_load_s": round(t_load, 3),
        "limit": limit,
        "index": summary(times),
        "mean_rows": round(statistics.fmean(rows), 1) if rows else 0,
        "brute_force_like_scan": summary(brute),
        "examples": queries[:6],
    }


def _date_ranges(db: sqlite3.Connection, rng: random.Random, n: int) -> list[tuple[str, str]]:
    days = [
        r[0]
        for r in db.execute(
            "SELECT first_day FROM times WHERE first_day IS NOT NULL AND rowid % 97 = 0"
        )
    ]
    days.sort()
    if not days:
        return []
    lo, hi = days[len(days) // 50], days[-len(days) // 50 - 1]
    ly, hy = int(lo[:4]), int(hi[:4])
    out = []
    for k in range(n):
        y = rng.randint(ly, hy)
        if k % 3 == 0:
            out.append((f"{y}", f"{y}"))
        elif k % 3 == 1:
            m = rng.randint(1, 10)
            out.append((f"{y}-{m:02d}", f"{y}-{m + 2:02d}"))
        else:
            m = rng.randint(1, 12)
            out.append((f"{y}-{m:02d}", f"{y}-{m:02d}"))
    return out


def bench_timeline(
    corpus: Corpus, db: sqlite3.Connection, rng: random.Random, n: int, limit: int
) -> dict:
    ents = pick_entities(db, "place", n // 2, rng) + pick_entities(db, "person", n // 2, rng)
    ranges = _date_ranges(db, rng, len(ents))
    out: dict = {"limit": limit}
    times, rows = [], []
    for (eid, *_), (since, until) in zip(ents, ranges, strict=False):
        dt, res = timed(
            lambda eid=eid, since=since, until=until: corpus.timeline(
                entity=eid, since=since, until=until, limit=limit
            )
        )
        times.append(dt)
        rows.append(len(res))
    out["entity_and_range"] = {"index": summary(times), "mean_rows": _mean(rows)}
    times, rows = [], []
    for since, until in ranges:
        dt, res = timed(
            lambda since=since, until=until: corpus.timeline(since=since, until=until, limit=limit)
        )
        times.append(dt)
        rows.append(len(res))
    out["range_only"] = {"index": summary(times), "mean_rows": _mean(rows)}
    brute = []
    for (eid, *_), (since, until) in list(zip(ents, ranges, strict=False))[
        :: max(1, len(ents) // 10)
    ]:
        sql = (
            "SELECT d.id, t.date, t.expression FROM times t NOT INDEXED"
            " JOIN documents d ON d.rowid = t.doc"
            " WHERE t.type IN ('DATE','TIME') AND t.last_day >= ? AND t.first_day <= ?"
            " AND EXISTS (SELECT 1 FROM mentions m JOIN doc_entities de"
            " ON de.doc = m.doc AND de.local = m.local WHERE m.doc = t.doc"
            " AND m.start >= t.sent_start AND m.end <= t.sent_end AND de.entity = ?)"
            " ORDER BY t.first_day, t.last_day, d.date, d.id, t.start LIMIT ?"
        )
        lo = corpus_day(since, False)
        hi = corpus_day(until, True)
        dt, _ = timed(
            lambda sql=sql, lo=lo, hi=hi, eid=eid: db.execute(sql, (lo, hi, eid, limit)).fetchall()
        )
        brute.append(dt)
    out["entity_and_range"]["brute_force_scan_all_events"] = summary(brute)
    out["examples"] = [(e[1], r) for e, r in list(zip(ents, ranges, strict=False))[:4]]
    return out


def corpus_day(value: str, until: bool) -> str:
    from explorer.index.query import first_day, last_day

    return last_day(value, "--until") if until else first_day(value, "--since")


def bench_doc_search(
    corpus: Corpus, db: sqlite3.Connection, rng: random.Random, n: int, limit: int
) -> dict:
    """Document search as the app's filter runs it (every match) and as a first page."""
    queries = quote_queries(db, rng, n)
    out: dict = {"limit": limit}
    for label, lim in (("first_page", limit), ("all_matches", None)):
        times, rows = [], []
        for q in queries:
            dt, res = timed(lambda q=q, lim=lim: corpus.documents(query=q, limit=lim))
            times.append(dt)
            rows.append(len(res))
        out[label] = {"index": summary(times), "mean_rows": _mean(rows), "max_rows": max(rows)}
    return out


def _mean(xs: list[int]) -> float:
    return round(statistics.fmean(xs), 1) if xs else 0.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Lookup and search latency benchmark.")
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--label", required=True)
    p.add_argument("--n", type=int, default=40, help="entities / queries per kind")
    p.add_argument("--limit", type=int, default=100, help="rows a query asks for (a screenful+)")
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    corpus = Corpus.open(args.corpus, args.index, update=False)
    db = sqlite3.connect(f"{args.index.resolve().as_uri()}?mode=ro", uri=True)
    stats = corpus.stats()
    result: dict = {
        "label": args.label,
        "index": str(args.index),
        "index_mb": round(args.index.stat().st_size / 1e6, 1),
        "stats": {
            "documents": stats.documents,
            "events": stats.events,
            "quotes": stats.quotes,
            "entities": stats.entities,
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    for name, fn in (
        ("find", lambda: bench_find(corpus, db, rng, args.n)),
        ("quotes", lambda: bench_quotes(corpus, db, rng, args.n * 2, args.limit)),
        ("timeline", lambda: bench_timeline(corpus, db, rng, args.n, args.limit)),
        ("doc_search", lambda: bench_doc_search(corpus, db, rng, args.n // 2, args.limit)),
    ):
        t = time.perf_counter()
        print(f"[{time.strftime('%H:%M:%S')}] {name} ...", file=sys.stderr, flush=True)
        result[name] = fn()
        print(
            f"  {json.dumps(result[name])[:600]} ({time.perf_counter() - t:.1f}s)",
            file=sys.stderr,
            flush=True,
        )
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"queries-{args.label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
