"""Index with Dask: shards built as tasks on a cluster's workers, merged by the driver.

``explorer index --engine dask [--workers N | --scheduler tcp://HOST:8786]``. Without a
scheduler a ``distributed.LocalCluster`` of N worker processes is started here; with one, the
running cluster is used. The files are split into batches by a hash of their path
(``shards.partition``); each batch is one task, which indexes its files into a shard (an
SQLite file of the index's schema) in the worker's own scratch folder with the very code the
local engine uses (``shards.build_shard``), and hands the file's bytes back. The driver writes
the shards to its own scratch and merges them (``shards.Merger``: rows copied with their ids
offset as the shards arrive, then entities resolved and dates inferred once over the whole),
into a new file that replaces the index under the writer lock. So the result equals the local
engine's build.

What a cluster needs: the corpus readable on every worker at the same path (a shared or
replicated read-only folder), explorer installed in the workers' environment, and scratch
space on each worker's local disk. SQLite is only ever written on local disks, never on a
network file system. Heavy resources (the gazetteer, the names tagger) are loaded once per
worker by a ``WorkerPlugin``, not once per task.

This engine always builds the whole folder (as ``--rebuild`` does); the local engine remains
the one for incremental updates of a few changed files.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from explorer.errors import ExplorerError, UsageError
from explorer.extract import gazetteer
from explorer.index import shards, store, writer
from explorer.ingest.discovery import scan

__all__ = ["build", "local_cluster"]

# Tasks per worker: enough that a slow batch does not leave the others idle at the end, few
# enough that each shard's fixed cost (a new SQLite file, its merge) stays small.
TASKS_PER_WORKER = 4


def build(
    root: Path,
    target: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> shards.MergeReport:
    """Index the folder ``root`` into ``target`` (replaced) on a Dask cluster; see the module.
    ``progress(done, total)`` counts files whose shard is back."""
    if workers is not None and scheduler is not None:
        raise UsageError("index: --workers starts a local cluster; with --scheduler, omit it")
    if not store.owned(target):
        raise store.refuse(target)
    root, target = Path(root).resolve(), Path(target)
    entries, _ = scan(root)
    cluster = None
    if scheduler is None:
        cluster = local_cluster(workers or os.cpu_count() or 1)
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise ExplorerError(f"index: no Dask scheduler at {scheduler} ({exc})") from None
    try:
        client.register_plugin(LoadModels(), name="explorer-models")
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        groups = [g for g in shards.partition(entries, n_workers * TASKS_PER_WORKER) if g]
        rels = [[e.rel for e in g] for g in groups]
        total = len(entries)
        if progress:
            progress(0, total)
        with tempfile.TemporaryDirectory(prefix="explorer-shards-", dir=target.parent) as tmp:
            futures = client.map(
                shard_task, [str(root)] * len(rels), rels, range(len(rels)), pure=False
            )
            sizes = {f.key: len(r) for f, r in zip(futures, rels, strict=True)}
            gazetteer.load_names()  # for resolving, while the first shards are built
            fresh = Path(tmp) / "merged.sqlite"
            merger = shards.Merger(fresh)
            try:
                # Each shard is copied in as soon as those before it are: in batch order (ids
                # do not depend on which task ended first), while the workers build the rest.
                waiting: dict[int, Path] = {}
                following, done = 0, 0
                resolved_early = False
                for future in as_completed(futures):
                    k, data = future.result()
                    waiting[k] = Path(tmp) / f"shard{k:05d}.sqlite"
                    waiting[k].write_bytes(data)
                    done += sizes[future.key]
                    if progress:
                        progress(done, total)
                    while following in waiting:
                        path = waiting.pop(following)
                        merger.add(path)
                        store.remove(path)
                        following += 1
                    if not resolved_early and writer.resolve_before_the_end(
                        len(rels) - following, following
                    ):
                        merger.resolve()  # while the workers build the last shards
                        resolved_early = True
                if notice:
                    notice(f"resolving the names of {len(rels)} shards")
                report = merger.finish()
            finally:
                merger.close()
            with store.writing(target, notice):
                store.replace(fresh, target)
        return report
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def local_cluster(workers: int) -> LocalCluster:
    """The cluster ``--workers N`` starts here: N worker processes of one thread each (the
    extractors are pure Python: threads would share one interpreter lock), no dashboard."""
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )


def shard_task(root: str, rels: list[str], k: int) -> tuple[int, bytes]:
    """One task, on a worker: index ``rels`` into a shard in the worker's scratch folder and
    return (``k``, the shard's bytes). The shard file is removed once read."""
    try:
        scratch = Path(get_worker().local_directory)
    except ValueError:  # run outside a worker (a test calling it directly)
        scratch = Path(tempfile.gettempdir())
    path = scratch / f"explorer-shard-{os.getpid()}-{k:05d}.sqlite"
    try:
        shards.build_shard(Path(root), path, rels)
        return k, path.read_bytes()
    finally:
        store.remove(path)


class LoadModels(WorkerPlugin):
    """A Dask ``WorkerPlugin``: each worker loads the gazetteer and the names tagger once, as
    it starts, instead of in its first task (``models.load``: ~100 MB, a third of a second
    from the worker's snapshot of the gazetteer, a second to build it)."""

    name = "explorer-models"

    def setup(self, worker: Any) -> None:
        from explorer.extract.pipeline import extract_document
        from explorer.index import models

        models.load()  # the gazetteer (from the worker's snapshot when it has one), the tagger
        extract_document("Warm-up: Reuters said in Kabul on Monday.")  # the rules' tables

    def teardown(self, worker: Any) -> None:
        """Nothing to release: the models live as long as the worker."""
