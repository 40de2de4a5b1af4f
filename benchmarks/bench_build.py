"""Index build throughput, beside a read-and-tokenise baseline measured in the same run.

What it measures on one corpus folder (sizes are whatever the folder holds):

* ``baseline``: scan + read + decode + front matter + tokenise every file, in a process pool
  of the same size as the build's. The build's docs/s over this says what extraction and
  storage cost on top of merely reading the corpus.
* ``build``: a fresh ``Corpus.open`` (scan, extract in the pool, store in SQLite), docs/s, with
  the main process's time split into storing and entity resolution, and throughput per tenth
  of the run (a store that slows as the index grows shows up there).
* ``reopen``: a no-change ``Corpus.open`` (what every CLI command and the app pay first).
* ``incremental``: ``--add N`` generated articles dropped into the indexed corpus, then the
  update that indexes them, then their removal and the update that drops them.
* ``extractors``: ms/doc of each extractor on a sample, in this process, for the lead.
* index size on disk, peak RSS of the build process and CPU seconds of the workers.

Usage::

    uv run python benchmarks/bench_build.py --corpus /tmp/explorer-bench/reuters --label reuters
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from explorer.corpus import Corpus  # noqa: E402
from explorer.extract import extract_document  # noqa: E402
from explorer.extract.dates import extract_times  # noqa: E402
from explorer.extract.names import extract_entities  # noqa: E402
from explorer.extract.pubdate import publication_date  # noqa: E402
from explorer.extract.quotes import extract_quotes  # noqa: E402
from explorer.extract.sentences import split_sentences  # noqa: E402
from explorer.index import entities as entity_store  # noqa: E402
from explorer.index import schema, shards, store, writer  # noqa: E402
from explorer.ingest import FileEntry, read_file, scan  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
_WORD = __import__("re").compile(r"\w+(?:[’'-]\w+)*")


def _tokenise_file(entry: FileEntry) -> tuple[int, int]:
    """What any indexer must do at least: read, decode, parse front matter, split words."""
    docs, _ = read_file(entry)
    return len(docs), sum(len(_WORD.findall(d.text)) for d in docs)


def baseline(root: Path, workers: int) -> dict:
    t0 = time.perf_counter()
    entries, _ = scan(root)
    t_scan = time.perf_counter() - t0
    docs = words = 0
    chunk = max(1, min(64, len(entries) // (workers * 8) or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for n, w in pool.map(_tokenise_file, entries, chunksize=chunk):
            docs += n
            words += w
    elapsed = time.perf_counter() - t0
    return {
        "files": len(entries),
        "docs": docs,
        "words": words,
        "scan_s": round(t_scan, 3),
        "seconds": round(elapsed, 3),
        "docs_per_s": round(docs / elapsed, 1),
    }


class _Timer:
    """Wraps a function of the build module and adds up the time spent in it."""

    def __init__(self, owner: object, name: str) -> None:
        self.owner, self.name = owner, name
        self.real = getattr(owner, name)
        self.seconds = 0.0
        self.calls = 0

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return self.real(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t
                self.calls += 1

        setattr(owner, name, timed)

    def restore(self) -> None:
        setattr(self.owner, self.name, self.real)


def build_index(root: Path, index: Path) -> dict:
    store.remove(index)
    marks: list[tuple[float, int]] = []
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        marks.append((time.perf_counter() - t0, done))

    timers = [_Timer(writer, "store_file"), _Timer(entity_store, "resolve")]
    try:
        corpus = Corpus.open(root, index, progress=progress)
    finally:
        for t in timers:
            t.restore()
    elapsed = time.perf_counter() - t0
    report = corpus.report
    assert report is not None
    stats = corpus.stats()
    corpus.close()
    total = marks[-1][1] if marks else 0
    # Throughput of each tenth of the files: flat means storing does not slow as the index grows.
    tenths = []
    if total:
        prev_t, prev_n = marks[0]
        for k in range(1, 11):
            goal = total * k // 10
            for t, n in marks:
                if n >= goal:
                    if n > prev_n:
                        tenths.append(round((n - prev_n) / max(1e-9, t - prev_t), 1))
                    prev_t, prev_n = t, n
                    break
    docs = report.documents
    return {
        "files": report.scanned,
        "docs": docs,
        "skipped": len(report.skipped),
        "seconds": round(elapsed, 3),
        "docs_per_s": round(docs / elapsed, 1) if elapsed else None,
        "main_store_s": round(timers[0].seconds, 3),
        "main_resolve_s": round(timers[1].seconds, 3),
        "resolve_calls": timers[1].calls,
        "files_per_s_by_tenth": tenths,
        "events": stats.events,
        "quotes": stats.quotes,
        "entities": stats.entities,
    }


def reopen(root: Path, index: Path, repeat: int = 3) -> dict:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        corpus = Corpus.open(root, index)
        corpus.stats()
        times.append(time.perf_counter() - t0)
        assert corpus.report is not None and corpus.report.extracted_files == 0
        corpus.close()
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times]}


def incremental(root: Path, index: Path, add: int) -> dict:
    """Drop ``add`` new generated articles into the corpus, update, then take them out again."""
    from generate import build_pool
    from generate import write as generate_write

    pool = build_pool()
    extra = root / "zz-incremental"
    if extra.exists():
        shutil.rmtree(extra)
    generate_write(pool, extra, 10_000_000, add, seed=4242)
    t0 = time.perf_counter()
    corpus = Corpus.open(root, index)
    t_add = time.perf_counter() - t0
    added = corpus.report.added if corpus.report else 0
    corpus.close()
    shutil.rmtree(extra)
    t0 = time.perf_counter()
    corpus = Corpus.open(root, index)
    t_remove = time.perf_counter() - t0
    removed = corpus.report.removed if corpus.report else 0
    corpus.close()
    return {
        "added_files": added,
        "add_s": round(t_add, 3),
        "removed_files": removed,
        "remove_s": round(t_remove, 3),
    }


def per_extractor(root: Path, sample: int, seed: int = 7) -> dict:
    """Mean ms/doc of each extractor over a random sample of documents, in this process."""
    entries, _ = scan(root)
    rng = random.Random(seed)
    picked = rng.sample(entries, min(sample, len(entries)))
    docs = []
    t_read = 0.0
    for e in picked:
        t = time.perf_counter()
        raw, _ = read_file(e)
        t_read += time.perf_counter() - t
        docs.extend(raw)
    acc = dict.fromkeys(
        ("sentences", "pubdate", "names", "dates", "quotes", "extract_document"), 0.0
    )
    chars = 0
    for d in docs[:5]:  # lazily loaded gazetteers and lexicons are a once-per-process cost
        extract_document(d.text, d.meta)
    for d in docs:
        text, meta = d.text, d.meta
        chars += len(text)
        t = time.perf_counter()
        sents = split_sentences(text)
        t1 = time.perf_counter()
        date, _src = publication_date(text, sents, meta)
        t2 = time.perf_counter()
        ents, mentions = extract_entities(text, sents)
        t3 = time.perf_counter()
        extract_times(text, sents, date)
        t4 = time.perf_counter()
        extract_quotes(text, sents, ents, mentions)
        t5 = time.perf_counter()
        extract_document(text, meta)
        t6 = time.perf_counter()
        for key, dt in zip(acc, (t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
            acc[key] += dt
    n = max(1, len(docs))
    out = {k: round(v * 1000 / n, 3) for k, v in acc.items()}
    out["read_file"] = round(t_read * 1000 / n, 3)
    out["docs"] = len(docs)
    out["mean_chars"] = round(chars / n)
    return out


def _shard_job(args: tuple[Path, Path, list[str]]) -> int:
    root, shard, files = args
    return shards.build_shard(root, shard, files).documents


def sharded(root: Path, index: Path, n: int, workers: int) -> dict:
    """The distributed path on this machine: n shards built in a pool, then one merge."""
    t0 = time.perf_counter()
    rels = [e.rel for e in scan(root)[0]]
    groups = shards.partition(rels, n)
    paths = [index.parent / f"{index.name}.shard{k:03d}" for k in range(n)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        docs = sum(pool.map(_shard_job, [(root, p, g) for p, g in zip(paths, groups, strict=True)]))
    t_shards = time.perf_counter() - t0
    target = index.parent / f"{index.name}.merged"
    store.remove(target)
    timers = [_Timer(entity_store, "resolve")]
    t1 = time.perf_counter()
    try:
        shards.merge(target, paths)
    finally:
        for t in timers:
            t.restore()
    t_merge = time.perf_counter() - t1
    for p in paths:
        store.remove(p)
    with Corpus.open(root, target, update=False) as corpus:
        st = corpus.stats()
    size = target.stat().st_size
    store.remove(target)
    total = time.perf_counter() - t0
    return {
        "shards": n,
        "docs": docs,
        "shards_s": round(t_shards, 2),
        "merge_s": round(t_merge, 2),
        "merge_resolve_s": round(timers[0].seconds, 2),
        "merge_docs_per_s": round(docs / t_merge, 1) if t_merge else None,
        "seconds": round(total, 2),
        "docs_per_s": round(docs / total, 1) if total else None,
        "stats": {
            "documents": st.documents,
            "events": st.events,
            "quotes": st.quotes,
            "entities": st.entities,
        },
        "index_mb": round(size / 1e6, 1),
    }


def index_size(index: Path) -> dict:
    sizes = {
        s or "db": Path(str(index) + s).stat().st_size
        for s in ("", "-wal")
        if Path(str(index) + s).exists()
    }
    return {"bytes": sizes, "total_mb": round(sum(sizes.values()) / 1e6, 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Index build benchmark.")
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--label", required=True, help="name of the result file: build-LABEL.json")
    p.add_argument(
        "--index", type=Path, help="index file (default /tmp/explorer-bench/LABEL.sqlite)"
    )
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument(
        "--add", type=int, default=1000, help="articles for the incremental step (0: skip)"
    )
    p.add_argument("--sample", type=int, default=300, help="documents for per-extractor timing")
    p.add_argument("--skip-baseline", action="store_true")
    p.add_argument("--shards", type=int, default=0, help="also build as N shards + merge")
    p.add_argument("--keep-index", action="store_true", help="keep an existing index: no build")
    args = p.parse_args(argv)
    index = args.index or Path(f"/tmp/explorer-bench/{args.label}.sqlite")
    index.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")

    result: dict = {
        "label": args.label,
        "corpus": str(args.corpus),
        "index": str(index),
        "workers": args.workers,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if args.workers != os.cpu_count():
        # Corpus.open sizes the builder's pool from os.cpu_count(); no other way to pass it.
        os.cpu_count = lambda: args.workers

    def step(name: str, fn, *a) -> None:
        t = time.perf_counter()
        print(f"[{time.strftime('%H:%M:%S')}] {name} ...", file=sys.stderr, flush=True)
        result[name] = fn(*a)
        print(
            f"  {name}: {json.dumps(result[name])} ({time.perf_counter() - t:.1f}s)",
            file=sys.stderr,
            flush=True,
        )

    if not args.skip_baseline:
        step("baseline", baseline, args.corpus, args.workers)
    if args.keep_index and index.exists():
        db = store.connect(index, readonly=True)
        found = schema.version(db)
        db.close()
        if found != schema.SCHEMA_VERSION:
            p.error(f"{index} has schema version {found}, not {schema.SCHEMA_VERSION}")
    if not (args.keep_index and index.exists()):
        step("build", build_index, args.corpus, index)
        if "baseline" in result and result["build"]["docs_per_s"]:
            result["build_vs_baseline"] = round(
                result["baseline"]["docs_per_s"] / result["build"]["docs_per_s"], 2
            )
    step("reopen", reopen, args.corpus, index)
    step("size", index_size, index)
    if args.add:
        step("incremental", incremental, args.corpus, index, args.add)
    if args.shards:
        step("sharded", sharded, args.corpus, index, args.shards, args.workers)
    if args.sample:
        step("extractors_ms_per_doc", per_extractor, args.corpus, args.sample)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["workers_cpu_s"] = round(children.ru_utime + children.ru_stime, 1)
    result["workers_peak_rss_mb"] = round(children.ru_maxrss / 1024, 1)
    own = resource.getrusage(resource.RUSAGE_SELF)
    result["main_cpu_s"] = round(own.ru_utime + own.ru_stime, 1)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"build-{args.label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
