"""Corpus calls on a few long-lived threads.

The Corpus opens one SQLite connection per thread (reads are thread-safe that way), each with
its own page cache and memory map: hundreds of MB once warm. Textual starts a new thread for
every thread worker, so calling the corpus from workers directly opened a connection per
keystroke and per pane load, and never closed them (1.4 GB after opening a 200k-document
index). A ``PooledCorpus`` forwards every method call to a small fixed pool, so the app holds
as many connections as pool threads, whatever the user does; the worker that made the call
just waits for the answer.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any


class PooledCorpus:
    """Looks like the Corpus it wraps; its methods run on ``threads`` reused threads."""

    def __init__(self, corpus: Any, threads: int, name: str) -> None:
        self._corpus = corpus
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=f"corpus-{name}")

    @property
    def wrapped(self) -> Any:
        return self._corpus

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._corpus, name)
        if not callable(attr):
            return attr
        pool = self._pool

        def call(*args: Any, **kwargs: Any) -> Any:
            return pool.submit(attr, *args, **kwargs).result()

        call.__name__ = name
        call.__doc__ = attr.__doc__
        return call

    def shutdown(self) -> None:
        """Stop taking calls; queued ones are dropped, a running one finishes."""
        self._pool.shutdown(wait=False, cancel_futures=True)
