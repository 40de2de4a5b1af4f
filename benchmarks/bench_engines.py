"""Both index engines on one folder, with 1 and 2 workers, beside a read-and-tokenise baseline.

    uv run python benchmarks/bench_engines.py --long 2000 --out /tmp/explorer-bench/long
    uv run python benchmarks/bench_engines.py --corpus /tmp/explorer-bench/reuters --sample 5000

``--long N`` first writes N long articles: the PolNeAR train texts (../shared/data/polnear,
~5 KB each, US political news) copied round-robin, each made distinct (its own title, date and
a sentence of its own, so no two documents are the same text). ``--corpus DIR --sample N``
copies N files of an existing folder instead (Reuters briefs).

Then, from scratch each time, on the same folder and in the same run (machines are noisy):
the baseline (scan, read, decode, tokenise in a pool of 2, as ``bench_build.py`` does), the
local engine with 1 and 2 extraction processes, the Dask engine on a LocalCluster of 1 and 2
workers it starts itself (``dask``), and on one already up (``dask_running``: as on a real
cluster, ``--scheduler``; the second of two builds is timed). Each engine runs in a process
of its own, as the command does: in one process, a local pool forked after an earlier run
started warm. Each line: seconds, documents/s, MB/s of article text, and the ratio to the
baseline. Prints one JSON object and writes it to ``benchmarks/results/engines-LABEL.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

POLNEAR = HERE.parent.parent / "shared" / "data" / "polnear" / "train" / "text"
if not POLNEAR.is_dir():
    POLNEAR = Path("/work/shared/data/polnear/train/text")


def write_long(out: Path, count: int, seed: int = 3) -> Path:
    """``count`` distinct long articles from the PolNeAR train texts."""
    texts = sorted(POLNEAR.glob("*.txt"))
    if not texts:
        raise SystemExit(f"PolNeAR train texts not found at {POLNEAR}")
    rng = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    bodies = [t.read_text(encoding="utf-8") for t in texts]
    for i in range(count):
        body = bodies[i % len(bodies)]
        day = f"20{rng.randint(10, 20)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        own = f"\n\nThis is report number {i} of the archive, filed on {day}."
        page = f"---\ntitle: Report {i}: {body.split(chr(10), 1)[0][:80]}\ndate: {day}\n---\n"
        (out / f"{i // 1000:03d}").mkdir(exist_ok=True)
        (out / f"{i // 1000:03d}" / f"{i:06d}.md").write_text(page + body + own, "utf-8")
    return out


def sample(corpus: Path, out: Path, count: int) -> Path:
    """``count`` files of ``corpus`` copied to ``out`` (the first in path order)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())[:count]
    for f in files:
        dest = out / f.relative_to(corpus)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
    return out


def text_megabytes(folder: Path) -> tuple[int, float]:
    """Documents and MB of their text as the index shows it (front matter off)."""
    from explorer.ingest import scan
    from explorer.ingest.read import read_file

    entries, _ = scan(folder)
    docs, size = 0, 0
    for e in entries:
        raws, _ = read_file(e, Path(e.fspath).read_bytes())
        docs += len(raws)
        size += sum(len(r.text.encode("utf-8")) for r in raws)
    return docs, size / 1e6


def local(folder: Path, index: Path, workers: int) -> float:
    """The local engine from scratch with ``workers`` extraction processes (the writer sizes
    its pool by the machine's cores: told otherwise here, as bench_build.py does)."""
    from explorer.corpus import Corpus

    real = os.cpu_count
    os.cpu_count = lambda: workers
    t = time.perf_counter()
    try:
        Corpus.open(folder, index, rebuild=True).close()
    finally:
        os.cpu_count = real
    return time.perf_counter() - t


def dask(folder: Path, index: Path, workers: int) -> tuple[float, float]:
    """The Dask engine from scratch on a LocalCluster of ``workers`` it starts itself: (seconds
    in all, seconds of them in the driver's merge after the last shard came back: resolving
    the names and the rest of ``Merger.finish``; each shard is copied in while the others are
    built)."""
    return _timed_dask(folder, index, workers=workers)


def dask_running(folder: Path, index: Path, workers: int) -> tuple[float, float]:
    """The Dask engine on a cluster of ``workers`` that is already up, as on a real cluster
    (``--scheduler``): the second of two builds is timed, so neither the cluster's start nor
    the workers' first load of the models counts. (seconds, seconds of the driver's merge
    after the last shard)."""
    from explorer.index import dask_engine

    with dask_engine.local_cluster(workers) as cluster:
        dask_engine.build(folder, index, scheduler=cluster.scheduler_address)
        return _timed_dask(folder, index, scheduler=cluster.scheduler_address)


def _timed_dask(folder: Path, index: Path, **how: object) -> tuple[float, float]:
    from explorer.index import dask_engine

    real = dask_engine.shards.Merger.finish
    merged = [0.0]

    def timed_finish(self):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return real(self)
        finally:
            merged[0] = time.perf_counter() - t0

    dask_engine.shards.Merger.finish = timed_finish  # type: ignore[method-assign]
    t = time.perf_counter()
    try:
        dask_engine.build(folder, index, **how)  # type: ignore[arg-type]
    finally:
        dask_engine.shards.Merger.finish = real  # type: ignore[method-assign]
    return time.perf_counter() - t, merged[0]


ENGINES = {"local": local, "dask": dask, "dask_running": dask_running}


def _in_child(name: str, folder: Path, index: Path, workers: int) -> tuple[float, float | None]:
    """Run one engine in a process of its own, as ``explorer index`` runs: in this one, a
    run would find the models loaded by the runs before it (a local pool forks this process,
    and so starts warm)."""
    # Compiled modules are written as on a user's machine: without them, every Dask worker
    # compiles its imports again as it starts (a second for ``distributed`` alone).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, str(folder), str(index), str(workers)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    seconds, merge_s = json.loads(out.strip().splitlines()[-1])
    return seconds, merge_s


def _child(name: str, folder: str, index: str, workers: str) -> int:
    took = ENGINES[name](Path(folder), Path(index), int(workers))
    seconds, merge_s = took if isinstance(took, tuple) else (took, None)
    print(json.dumps([seconds, merge_s]))
    return 0


def main(argv: list[str] | None = None) -> int:
    from bench_build import baseline

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(*argv[1:])

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--long", type=int, help="write this many long articles to --out first")
    p.add_argument("--out", type=Path, default=Path("/tmp/explorer-bench/long"))
    p.add_argument("--corpus", type=Path, help="sample an existing folder instead")
    p.add_argument("--sample", type=int, default=5000)
    p.add_argument("--label", default=None)
    args = p.parse_args(argv)
    if args.long:
        folder, label = write_long(args.out, args.long), args.label or f"long-{args.long}"
    elif args.corpus:
        folder = sample(args.corpus, args.out, args.sample)
        label = args.label or f"{args.corpus.name}-{args.sample}"
    else:
        p.error("give --long N or --corpus DIR")
    docs, mb = text_megabytes(folder)
    result: dict[str, object] = {"label": label, "documents": docs, "text_mb": round(mb, 2)}
    base_s = float(baseline(folder, 2)["seconds"])
    result["baseline_read_tokenise_s"] = round(base_s, 2)
    with tempfile.TemporaryDirectory(prefix="explorer-engines-", dir="/tmp") as tmp:
        for name in ENGINES:
            for workers in (1, 2):
                seconds, merge_s = _in_child(
                    name, folder, Path(tmp) / f"{name}{workers}.sqlite", workers
                )
                result[f"{name}_{workers}"] = {
                    "seconds": round(seconds, 1),
                    **({"merge_s": round(merge_s, 1)} if merge_s is not None else {}),
                    "docs_per_s": round(docs / seconds, 1),
                    "mb_per_s": round(mb / seconds, 3),
                    "x_baseline": round(seconds / base_s, 1),
                }
                print(name, workers, result[f"{name}_{workers}"], file=sys.stderr, flush=True)
    for name in ("local", "dask", "dask_running"):
        one, two = result[f"{name}_1"], result[f"{name}_2"]
        result[f"{name}_speedup_1_to_2"] = round(one["seconds"] / two["seconds"], 2)  # type: ignore[index]
    out = HERE / "results" / f"engines-{label}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
